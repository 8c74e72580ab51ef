// The researchers' web page: one HTML shell for every page route (the client script routes by URL),
// the page's own files under /assets/, and the bundled browser libraries (cytoscape for the graph
// view, Swagger UI for /docs) served from node_modules, so nothing loads from a CDN.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';
import { PROBLEM_TYPES, problemResponse } from '../problem.js';
import type { App } from './context.js';

const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
const require = createRequire(import.meta.url);

/** URL paths the client script renders; each gets the same shell. */
export const PAGE_ROUTES = ['/', '/documents/:id', '/clauses/:id', '/precedents', '/who', '/targets', '/graph'];

/** Library files a page needs, by the name it asks for; resolved inside node_modules. */
const VENDOR_FILES: Record<string, string> = {
  'cytoscape.min.js': 'cytoscape/dist/cytoscape.min.js',
  'swagger-ui.css': 'swagger-ui-dist/swagger-ui.css',
  'swagger-ui-bundle.js': 'swagger-ui-dist/swagger-ui-bundle.js',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// a missing asset is a plain 404 (the app's notFound would call it 405: GET is routed here)
const noAsset = (c: Context) =>
  problemResponse(c, { type: PROBLEM_TYPES.notFound, title: 'Not found', status: 404, detail: `no asset ${c.req.path}; the page's files live under /assets/` });

async function sendFile(c: Context, file: string) {
  const type = CONTENT_TYPES[path.extname(file)];
  if (!type) return noAsset(c);
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return noAsset(c);
  }
  // revalidate on every load: the assets change with the server, and they are small
  return c.body(new Uint8Array(body), 200, { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
}

export function registerWebRoutes(app: App): void {
  const shell = (c: Context) => sendFile(c, path.join(WEB_ROOT, 'index.html'));
  for (const route of PAGE_ROUTES) app.get(route, shell);

  app.get('/assets/vendor/:name', (c) => {
    const target = VENDOR_FILES[c.req.param('name')];
    return target ? sendFile(c, require.resolve(target)) : noAsset(c);
  });
  app.get('/assets/*', (c) => {
    const relative = decodeURIComponent(c.req.path.slice('/assets/'.length));
    const file = path.resolve(WEB_ROOT, relative);
    // only files inside web/ (no "..", no absolute paths)
    if (!file.startsWith(WEB_ROOT + path.sep)) return noAsset(c);
    return sendFile(c, file);
  });
}
