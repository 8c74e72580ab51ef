// The web page's server side without a browser: the shell on every page URL, assets confined to
// web/, bundled libraries, /docs without a CDN, and the document-clauses route the page reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, serveDataDir, sharedSeededDataDir, type TestServer } from './api-helpers.js';

describe('web routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serveDataDir(await sharedSeededDataDir());
  });
  afterAll(() => server?.close());

  it('serves the page shell at / and at every page URL, instead of redirecting to /docs', async () => {
    for (const path of ['/', '/documents/doc_x', '/clauses/cl_x', '/precedents', '/who', '/targets', '/graph']) {
      const res = await fetch(server.url + path, { redirect: 'manual' });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('/assets/js/main.js');
    }
  });

  it('serves files under web/ only, and the bundled cytoscape and Swagger UI', async () => {
    const script = await fetch(`${server.url}/assets/js/main.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    for (const sneaky of ['/assets/..%2Fpackage.json', '/assets/%2e%2e/%2e%2e/package.json', '/assets/vendor/package.json', '/assets/nothing.js']) {
      expect((await fetch(server.url + sneaky)).status, sneaky).toBe(404);
    }
    for (const name of ['cytoscape.min.js', 'swagger-ui-bundle.js', 'swagger-ui.css']) {
      const res = await fetch(`${server.url}/assets/vendor/${name}`);
      expect(res.status, name).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    }
  });

  it('serves /docs with its assets from the server, nothing from a CDN', async () => {
    const html = await (await fetch(`${server.url}/docs`)).text();
    expect(html).toContain('/assets/vendor/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"']*\.(js|css)/);
  });

  it('lists a document’s clauses with text in outline order, page by page, by id or 文号', async () => {
    const detail = (await getJson(`${server.url}/v1/documents/${encodeURIComponent('皖政〔2018〕20号')}`)).body;
    const first = (await getJson(`${server.url}/v1/documents/${encodeURIComponent('皖政〔2018〕20号')}/clauses?limit=10`)).body;
    expect(first.total).toBe(detail.clauseCount);
    expect(first.items.map((c: { id: string }) => c.id)).toEqual(detail.outline.slice(0, 10).map((e: { id: string }) => e.id));
    expect(first.nextOffset).toBe(10);
    const last = (await getJson(`${server.url}/v1/documents/${detail.document.id}/clauses?offset=${detail.clauseCount - 3}`)).body;
    expect(last.items).toHaveLength(3);
    expect(last.nextOffset).toBeNull();
    const all = (await getJson(`${server.url}/v1/documents/${detail.document.id}/clauses?limit=500`)).body.items;
    expect(all.every((c: { text: string }) => typeof c.text === 'string')).toBe(true);
    expect(all.some((c: { agencies: { role: string }[] }) => c.agencies.some((a) => a.role === 'lead'))).toBe(true);
    expect(all.some((c: { themes: unknown[] }) => c.themes.length > 0)).toBe(true);
  });

  it('answers an unknown document with a 404 problem naming it', async () => {
    const res = await getJson(`${server.url}/v1/documents/nope/clauses`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail).toContain('"nope"');
  });
});
