// The OpenAPI 3.1 document (generated from the routes' zod schemas) and the /docs page that renders it.
// The page is plain server-rendered HTML listing every operation; Swagger UI (bundled from npm and
// served at /assets/vendor/) is layered on top for trying requests out, with no CDN.
import type { App } from './routes/context.js';
import { PROBLEM_TYPES } from './problem.js';

export const API_VERSION = '0.1.0';

export function openApiConfig(serverUrl?: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'PolicyGraph API',
      version: API_VERSION,
      description:
        'Knowledge graph and semantic search over Chinese government policy clauses: search, precedents, questions, documents, clauses, themes, agencies, targets, and the Dify External Knowledge API. Errors are application/problem+json (RFC 9457).',
      license: { name: 'MIT', identifier: 'MIT' },
      contact: { name: 'PolicyGraph maintainers' },
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    // reads are open unless the server requires a key for them; writes and Dify declare bearerAuth themselves
    security: [{}, { bearerAuth: [] }] as Record<string, string[]>[],
    tags: [
      { name: 'search', description: 'Hybrid retrieval, precedents, questions' },
      { name: 'documents', description: 'Documents and their clause trees' },
      { name: 'clauses', description: 'Clauses with context' },
      { name: 'knowledge', description: 'Themes, agencies, targets' },
      { name: 'graph', description: 'Graph neighbourhoods' },
      { name: 'dify', description: 'Dify External Knowledge API' },
      { name: 'health', description: 'Liveness and readiness' },
    ],
  };
}

export function registerOpenApi(app: App): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'POLICYGRAPH_API_KEY (write routes) or the Dify key (POST /retrieval)',
  });
  app.doc31('/openapi.json', (c) => openApiConfig(new URL(c.req.url).origin));
  app.get('/docs', (c) => {
    const doc = app.getOpenAPI31Document(openApiConfig(new URL(c.req.url).origin));
    return c.html(renderDocsPage(doc as unknown as OpenApiDoc));
  });
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: { type?: string } }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
}

interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  anyOf?: JsonSchema[];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const PROBLEM_NOTES: Record<keyof typeof PROBLEM_TYPES, string> = {
  invalidRequest: '400: a parameter or body field failed validation; `errors` lists the zod issues (414 for an over-long URL).',
  malformedBody: '400: the body is not valid JSON.',
  payloadTooLarge: '413: the body exceeds the route’s limit.',
  unsupportedMediaType: '415: send JSON bodies as application/json.',
  notFound: '404: no such document, clause, theme, agency or node.',
  unauthorized: '401: the route needs `Authorization: Bearer <key>`.',
  forbidden: '403: the key is wrong.',
  writesDisabled: '403: write routes are off because the server has no POLICYGRAPH_API_KEY.',
  storeUnavailable: '503: the graph store cannot be reached.',
  searchUnavailable: '503: the search indexes are not loaded or were built by another embedder (run `policygraph ingest`).',
  serviceUnavailable: '503: the server is misconfigured for this route (e.g. no ingest pipeline, unreadable data dir).',
  internal: '500: a bug; the server logs it under the request id.',
  http: 'Other HTTP errors (e.g. 405).',
};

function resolveRef(schema: JsonSchema, doc: OpenApiDoc): JsonSchema & { name?: string } {
  const name = schema.$ref?.replace('#/components/schemas/', '');
  return name ? { ...(doc.components?.schemas?.[name] ?? {}), name } : schema;
}

function typeLabel(raw: JsonSchema, doc: OpenApiDoc, brief = false): string {
  const schema = resolveRef(raw, doc);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (schema.anyOf) return schema.anyOf.map((s) => typeLabel(s, doc, brief)).join(' | ');
  if (schema.items) return `list of ${typeLabel(schema.items, doc, true)}`;
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? schema.name ?? 'any');
  if (brief) return type;
  const range = schema.minimum !== undefined || schema.maximum !== undefined ? ` ${schema.minimum ?? ''}–${schema.maximum ?? ''}` : '';
  const length = schema.maxLength !== undefined ? ` ≤ ${schema.maxLength} chars` : '';
  return `${type}${range}${length}`;
}

/** The fields of a JSON body, one level of nested objects (e.g. search filters) included. */
function bodyFields(raw: JsonSchema, doc: OpenApiDoc, depth = 0): string {
  const schema = resolveRef(raw, doc);
  if (!schema.properties) return '';
  const required = new Set(schema.required ?? []);
  const items = Object.entries(schema.properties).map(([name, prop]) => {
    const resolved = resolveRef(prop, doc);
    const nested = depth === 0 && resolved.properties ? bodyFields(prop, doc, depth + 1) : '';
    const notes = [required.has(name) ? 'required' : '', resolved.default !== undefined ? `default ${JSON.stringify(resolved.default)}` : '']
      .filter(Boolean)
      .join(', ');
    const label = resolved.properties ? 'object' : typeLabel(prop, doc);
    return `<li><code>${escapeHtml(name)}</code> (${escapeHtml(label)}${notes ? `, ${escapeHtml(notes)}` : ''}) ${escapeHtml(resolved.description ?? prop.description ?? '')}${nested}</li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}

export function renderDocsPage(doc: OpenApiDoc): string {
  const rows = Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })))
    .sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  const operations = rows
    .map(({ path, method, op }) => {
      const params = (op.parameters ?? [])
        .map((p) => `<li><code>${escapeHtml(p.name)}</code> (${escapeHtml(p.in)}${p.required ? ', required' : ''}) ${escapeHtml(p.description ?? '')}</li>`)
        .join('');
      const body = Object.entries(op.requestBody?.content ?? {})
        .map(([type, media]) => `<p>${escapeHtml(type)}</p>${media.schema ? bodyFields(media.schema, doc) : ''}`)
        .join('');
      const responses = Object.entries(op.responses ?? {})
        .map(([code, r]) => `<code>${escapeHtml(code)}</code> ${escapeHtml(r.description ?? '')}`)
        .join('<br>');
      return `<section class="op" id="${escapeHtml(method + path)}">
<h3><span class="method ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code>${op.security?.length ? ' <span class="lock">🔒 bearer</span>' : ''}</h3>
<p>${escapeHtml(op.summary ?? '')}</p>${op.description ? `<p class="desc">${escapeHtml(op.description)}</p>` : ''}
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}${body ? `<h4>Body</h4>${body}` : ''}
<h4>Responses</h4><p>${responses}</p></section>`;
    })
    .join('\n');
  const problems = (Object.keys(PROBLEM_TYPES) as (keyof typeof PROBLEM_TYPES)[])
    .map((key) => `<li id="problem-${escapeHtml(key)}"><code>${escapeHtml(PROBLEM_TYPES[key])}</code>: ${escapeHtml(PROBLEM_NOTES[key])}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#222}
code{background:#f3f3f3;padding:0 .25em;border-radius:3px}.op{border-top:1px solid #ddd;padding:.5rem 0}
.method{display:inline-block;min-width:4.5em;text-align:center;color:#fff;border-radius:3px;font-size:.8em;padding:.1em .4em}
.get{background:#2f7d32}.post{background:#1565c0}.delete{background:#c62828}.lock{font-size:.8em;color:#8a6d00}.desc{color:#555}
#swagger:empty{display:none}
</style></head><body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description ?? '')}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). MCP: Streamable HTTP at <code>/mcp</code>.</p>
<div id="swagger"></div>
<h2>Operations</h2>
${operations}
<h2 id="problems">Problem types</h2><ul>${problems}</ul>
<link rel="stylesheet" href="/assets/vendor/swagger-ui.css">
<script src="/assets/vendor/swagger-ui-bundle.js"></script>
<script>if (window.SwaggerUIBundle) SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger' });</script>
</body></html>`;
}
