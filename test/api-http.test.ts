// The HTTP API over real HTTP: a server on 127.0.0.1 (ephemeral port) over a data dir the real
// `policygraph ingest` built from the bundled seeds. Checks behaviour a client relies on: shapes
// (parsed with the same zod schemas the OpenAPI document is generated from), citations, filters,
// problem+json errors, auth, CORS, limits and request ids.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyGraphError } from '../graph/errors.js';
import type { GraphStore } from '../graph/store.js';
import { ProblemSchema } from '../api/schemas/common.js';
import { ClauseDetailSchema, DocumentDetailSchema, DocumentListSchema } from '../api/schemas/documents.js';
import { AskAnswerSchema, PrecedentsResponseSchema, SearchResponseSchema } from '../api/schemas/search.js';
import type { Runtime } from '../api/runtime.js';
import { ROOT, getJson, postJson, seededDataDir, serveApp, serveDataDir, type SeededDir, type TestServer } from './api-helpers.js';

let seeded: SeededDir;
let api: TestServer & { runtime: Runtime };
const KEY = 'test-key-3f9a';

function expectProblem(res: { status: number; headers: Headers; body: any }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const problem = ProblemSchema.parse(res.body);
  expect(problem.status).toBe(status);
  // Never a stack trace or an internal path in what a client sees.
  expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  return problem;
}

beforeAll(async () => {
  seeded = await seededDataDir('pg-api-http-');
  api = await serveDataDir(seeded.dataDir, { apiKey: KEY, cors: ['https://allowed.example'] });
});

afterAll(async () => {
  await api?.close();
  seeded?.cleanup();
});

describe('health', () => {
  it('answers liveness and readiness with the graph and embedder', async () => {
    expect((await getJson(`${api.url}/healthz`)).body).toEqual({ status: 'ok' });
    const ready = await getJson(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    expect(ready.body.graph.documents).toBeGreaterThanOrEqual(5);
    expect(ready.body.search.embedder).toMatch(/^builtin:/);
  });

  it('echoes a valid X-Request-Id and generates one otherwise', async () => {
    const echoed = await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-abc-123');
    const generated = await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const problem = await getJson(`${api.url}/v1/search`, { headers: { 'x-request-id': 'trace-err-1' } });
    expect(problem.body.requestId).toBe('trace-err-1');
  });
});

describe('search', () => {
  it('GET /v1/search returns cited clauses in the CLI result shape', async () => {
    const res = await getJson(`${api.url}/v1/search?q=${encodeURIComponent('5G商用')}&k=5`);
    expect(res.status).toBe(200);
    const body = SearchResponseSchema.parse(res.body);
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.length).toBeLessThanOrEqual(5);
    expect(body.results.some((r) => /5G/.test(r.clause.text))).toBe(true);
    for (const r of body.results) expect(r.citation).toContain(r.clause.path);
    expect(body.embedder).toMatch(/^builtin:/);
  });

  it('POST /v1/search ranks the same as GET for the same query', async () => {
    const query = '到2020年信息消费规模';
    const viaGet = SearchResponseSchema.parse((await getJson(`${api.url}/v1/search?q=${encodeURIComponent(query)}&k=5`)).body);
    const viaPost = SearchResponseSchema.parse((await postJson(`${api.url}/v1/search`, { query, k: 5 })).body);
    expect(viaPost.results.map((r) => r.clause.id)).toEqual(viaGet.results.map((r) => r.clause.id));
    expect(viaGet.results.some((r) => r.clause.text.includes('6万亿元'))).toBe(true);
  });

  it('applies filters from query parameters and from the body', async () => {
    const provincial = SearchResponseSchema.parse((await getJson(`${api.url}/v1/search?q=${encodeURIComponent('信息消费')}&k=20&level=provincial`)).body);
    expect(provincial.results.length).toBeGreaterThan(0);
    expect(provincial.results.every((r) => r.document.level === 'provincial')).toBe(true);
    const anhui = SearchResponseSchema.parse((await postJson(`${api.url}/v1/search`, { query: '信息消费', k: 20, filters: { region: ['安徽省'] } })).body);
    expect(anhui.results.length).toBeGreaterThan(0);
    expect(anhui.results.every((r) => r.document.region === '安徽省')).toBe(true);
    // filterByUnderstood turns the region the query names into a filter.
    const named = SearchResponseSchema.parse((await getJson(`${api.url}/v1/search?q=${encodeURIComponent('安徽省信息消费')}&k=20&filterByUnderstood=true`)).body);
    expect(named.results.length).toBeGreaterThan(0);
    expect(named.results.every((r) => r.document.region === '安徽省')).toBe(true);
    expectProblem(await getJson(`${api.url}/v1/search?q=5G&filterByUnderstood=maybe`), 400);
  });

  it('finds precedents in other documents and answers questions with evidence', async () => {
    const draft = '加快第五代移动通信（5G）标准研究、技术试验和产业推进，力争2020年启动商用。';
    const docs = DocumentListSchema.parse((await getJson(`${api.url}/v1/documents`)).body).items;
    const national = docs.find((d) => d.docNumber === '国发〔2017〕40号')!;
    const pre = await postJson(`${api.url}/v1/precedents`, { text: draft, k: 5, excludeDoc: national.id });
    expect(pre.status).toBe(200);
    const precedents = PrecedentsResponseSchema.parse(pre.body);
    expect(precedents.results.length).toBeGreaterThan(0);
    expect(precedents.results.every((p) => p.document.id !== national.id)).toBe(true);
    const ask = await postJson(`${api.url}/v1/ask`, { question: '哪些部门负责推动信息消费终端产品创新升级？' });
    expect(ask.status).toBe(200);
    const answer = AskAnswerSchema.parse(ask.body);
    expect(answer.evidence.length).toBeGreaterThan(0);
  });
});

describe('documents, clauses and knowledge', () => {
  it('lists documents and fetches one by 文号 with its outline', async () => {
    const list = DocumentListSchema.parse((await getJson(`${api.url}/v1/documents?limit=100`)).body);
    const numbers = list.items.map((d) => d.docNumber);
    expect(numbers).toEqual(expect.arrayContaining(['国发〔2017〕40号', '皖政〔2018〕20号']));
    const paged = DocumentListSchema.parse((await getJson(`${api.url}/v1/documents?limit=2&offset=1`)).body);
    expect(paged.items.map((d) => d.id)).toEqual(list.items.slice(1, 3).map((d) => d.id));
    expect(paged.nextOffset).toBe(3);

    // Any bracket style of the 文号 resolves to the same document.
    const res = await getJson(`${api.url}/v1/documents/${encodeURIComponent('国发[2017]40号')}`);
    expect(res.status).toBe(200);
    const detail = DocumentDetailSchema.parse(res.body);
    expect(detail.document.docNumber).toBe('国发〔2017〕40号');
    expect(detail.outline.length).toBe(detail.clauseCount);
    expect(detail.outline.length).toBeGreaterThan(10);
  });

  it('reports citations in both directions', async () => {
    const res = await getJson(`${api.url}/v1/documents/${encodeURIComponent('国发〔2017〕40号')}/citations`);
    expect(res.status).toBe(200);
    // 皖政〔2018〕20号 implements 国发〔2017〕40号 (为贯彻落实…国发〔2017〕40号).
    const incoming = [...res.body.citedBy, ...res.body.implementedBy].map((d: { docNumber: string | null }) => d.docNumber);
    expect(incoming).toContain('皖政〔2018〕20号');
  });

  it('returns a clause with its context, citation matching search', async () => {
    const search = SearchResponseSchema.parse((await getJson(`${api.url}/v1/search?q=${encodeURIComponent('推动信息消费终端产品创新升级')}&k=3`)).body);
    const hit = search.results[0]!;
    const res = await getJson(`${api.url}/v1/clauses/${encodeURIComponent(hit.clause.id)}`);
    expect(res.status).toBe(200);
    const detail = ClauseDetailSchema.parse(res.body);
    expect(detail.citation).toBe(hit.citation);
    expect(detail.clause.text).toBe(hit.clause.text);
    for (const p of detail.parents) expect(detail.clause.path.startsWith(`${p.path}/`)).toBe(true);
    for (const s of detail.siblings) expect(s.id).not.toBe(detail.clause.id);
  });

  it('lists themes, agencies and targets and opens one of each', async () => {
    const themes = await getJson(`${api.url}/v1/themes`);
    expect(themes.status).toBe(200);
    expect(themes.body.total).toBeGreaterThan(0);
    const top = [...themes.body.items].sort((a: any, b: any) => b.clauseCount - a.clauseCount)[0];
    const theme = await getJson(`${api.url}/v1/themes/${encodeURIComponent(top.name)}?limit=5`);
    expect(theme.status).toBe(200);
    expect(theme.body.theme.id).toBe(top.id);
    expect(theme.body.clauses.total).toBe(top.clauseCount);
    expect(theme.body.clauses.items.length).toBeLessThanOrEqual(5);

    const agencies = await getJson(`${api.url}/v1/agencies?limit=500`);
    expect(agencies.status).toBe(200);
    const busiest = [...agencies.body.items].sort((a: any, b: any) => b.leadCount - a.leadCount)[0];
    expect(busiest.leadCount).toBeGreaterThan(0);
    const agency = await getJson(`${api.url}/v1/agencies/${encodeURIComponent(busiest.id)}?limit=500`);
    expect(agency.status).toBe(200);
    expect(agency.body.tasks.items.filter((t: any) => t.role === 'lead').length).toBe(busiest.leadCount);

    const targets = await getJson(`${api.url}/v1/targets?metric=${encodeURIComponent('信息消费')}`);
    expect(targets.status).toBe(200);
    expect(targets.body.items.length).toBeGreaterThan(0);
    expect(targets.body.items.every((t: any) => t.metric.includes('信息消费'))).toBe(true);
  });

  it('returns a node neighbourhood for visualisation', async () => {
    const docs = DocumentListSchema.parse((await getJson(`${api.url}/v1/documents`)).body).items;
    const doc = docs.find((d) => d.docNumber === '国发〔2017〕40号')!;
    const res = await getJson(`${api.url}/v1/graph/neighbourhood?id=${doc.id}&depth=1`);
    expect(res.status).toBe(200);
    expect(res.body.nodes.some((n: any) => n.id === doc.id)).toBe(true);
    expect(res.body.edges.some((e: any) => e.type === 'HAS_CLAUSE' && e.from === doc.id)).toBe(true);
    expectProblem(await getJson(`${api.url}/v1/graph/neighbourhood?id=nope&depth=1`), 404);
    expectProblem(await getJson(`${api.url}/v1/graph/neighbourhood?id=${doc.id}&depth=3`), 400);
  });
});

describe('errors are problem+json with the zod issues', () => {
  it('400 for a missing query, k outside 1..100 and wrong types', async () => {
    const missing = expectProblem(await getJson(`${api.url}/v1/search`), 400);
    expect(missing.errors?.[0]).toMatchObject({ in: 'query', path: 'q' });
    for (const k of ['0', '101', 'ten', '2.5']) {
      const p = expectProblem(await getJson(`${api.url}/v1/search?q=5G&k=${k}`), 400);
      expect(p.errors?.map((e) => e.path)).toContain('k');
    }
    const wrong = expectProblem(await postJson(`${api.url}/v1/search`, { query: 42, k: '5', mode: 'fuzzy' }), 400);
    expect(wrong.errors?.map((e) => e.path).sort()).toEqual(['k', 'mode', 'query']);
    expect(wrong.errors?.every((e) => e.in === 'body')).toBe(true);
    expectProblem(await postJson(`${api.url}/v1/search`, { query: '5G', filters: { yearFrom: 'soon' } }), 400);
    expectProblem(await postJson(`${api.url}/v1/precedents`, { k: 3 }), 400);
  });

  it('400 for malformed JSON, 415 for a non-JSON body, 413 for an oversized one', async () => {
    const malformed = expectProblem(await postJson(`${api.url}/v1/search`, '{"query": "5G",'), 400);
    expect(malformed.type).toBe('urn:policygraph:problem:malformed-body');
    expectProblem(await getJson(`${api.url}/v1/ask`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'question?' }), 415);
    expectProblem(await postJson(`${api.url}/v1/search`, { query: '信息'.repeat(40_000) }), 413);
  });

  it('limits query length and URL length', async () => {
    const long = expectProblem(await getJson(`${api.url}/v1/search?q=${'信'.repeat(1_001)}`), 400);
    expect(long.errors?.[0]?.path).toBe('q');
    expectProblem(await getJson(`${api.url}/v1/search?q=${'a'.repeat(11_000)}`), 414);
  });

  it('404 for unknown routes and ids', async () => {
    expectProblem(await getJson(`${api.url}/v2/nothing`), 404);
    expectProblem(await getJson(`${api.url}/v1/documents/doc_doesnotexist`), 404);
    expectProblem(await getJson(`${api.url}/v1/clauses/cl_doesnotexist`), 404);
    expectProblem(await getJson(`${api.url}/v1/themes/no-such-theme`), 404);
    expectProblem(await getJson(`${api.url}/v1/agencies/no-such-agency`), 404);
  });

  it('503 when the graph store is down, and readiness says so', async () => {
    const down = new Proxy(api.runtime.store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function' || prop === 'close') return value;
        return () => Promise.reject(new PolicyGraphError('STORE_UNAVAILABLE', 'cannot reach the graph store at bolt://db:7687'));
      },
    }) as GraphStore;
    const broken = await serveApp({ store: down, search: api.runtime.search });
    try {
      const p = expectProblem(await getJson(`${broken.url}/v1/documents`), 503);
      expect(p.type).toBe('urn:policygraph:problem:store-unavailable');
      expectProblem(await getJson(`${broken.url}/v1/themes`), 503);
      const ready = await getJson(`${broken.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(ready.body.graph.ok).toBe(false);
    } finally {
      await broken.close();
    }
  });
});

describe('auth, CORS, OpenAPI', () => {
  it('POST /v1/documents needs the API key: 401 without, 403 with a wrong one', async () => {
    const none = await postJson(`${api.url}/v1/documents`, { text: '关于测试的通知' });
    expectProblem(none, 401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectProblem(await postJson(`${api.url}/v1/documents`, { text: '关于测试的通知' }, { authorization: 'Bearer wrong' }), 403);
    expectProblem(await postJson(`${api.url}/v1/documents`, { text: '关于测试的通知' }, { authorization: 'Basic dTpw' }), 401);
  });

  it('disables write routes when no key is configured', async () => {
    const open = await serveApp({ store: api.runtime.store, search: api.runtime.search, apiKey: null });
    try {
      const p = expectProblem(await postJson(`${open.url}/v1/documents`, { text: 'x' }, { authorization: 'Bearer anything' }), 403);
      expect(p.type).toBe('urn:policygraph:problem:writes-disabled');
    } finally {
      await open.close();
    }
  });

  it('sends CORS headers to configured origins only', async () => {
    const allowed = await fetch(`${api.url}/v1/documents`, { headers: { origin: 'https://allowed.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://allowed.example');
    const other = await fetch(`${api.url}/v1/documents`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${api.url}/v1/search`, {
      method: 'OPTIONS',
      headers: { origin: 'https://allowed.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('describes every route in OpenAPI 3.1 and on the docs page', async () => {
    const doc = (await getJson(`${api.url}/openapi.json`)).body;
    expect(doc.openapi).toBe('3.1.0');
    const routes: [string, string][] = [
      ['get', '/healthz'], ['get', '/readyz'],
      ['get', '/v1/search'], ['post', '/v1/search'], ['post', '/v1/precedents'], ['post', '/v1/ask'],
      ['get', '/v1/documents'], ['post', '/v1/documents'], ['get', '/v1/documents/{id}'], ['get', '/v1/documents/{id}/citations'],
      ['get', '/v1/clauses/{id}'], ['get', '/v1/themes'], ['get', '/v1/themes/{id}'], ['get', '/v1/agencies'], ['get', '/v1/agencies/{id}'],
      ['get', '/v1/targets'], ['get', '/v1/graph/neighbourhood'], ['post', '/retrieval'],
    ];
    for (const [method, path] of routes) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    // every operation has a stable, readable operationId (tool importers name their tools after it)
    const operationIds = routes.map(([method, path]) => doc.paths[path][method].operationId);
    for (const id of operationIds) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
    expect(new Set(operationIds).size).toBe(operationIds.length);
    expect(doc.info.license).toMatchObject({ name: 'MIT' });

    // Redocly's linter, recommended rules, on the document as served
    const file = path.join(os.tmpdir(), `pg-openapi-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify(doc));
    const lint = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
    fs.rmSync(file, { force: true });
    const report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{')));
    const problems = (report.problems as { ruleId: string; severity: string; message: string }[]).map((p) => `${p.severity} ${p.ruleId}: ${p.message}`);
    expect(problems).toEqual([]);
    const k = doc.paths['/v1/search'].get.parameters.find((p: any) => p.name === 'k');
    expect(k.schema).toMatchObject({ minimum: 1, maximum: 100 });
    expect(doc.components.schemas.SearchResponse).toBeDefined();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });

    const page = await fetch(`${api.url}/docs`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    for (const [, path] of routes) expect(html).toContain(`<code>${path}</code>`);
    // Body fields are listed too (offline, a client has nothing else to go by), nested filters included.
    const postSearch = html.slice(html.indexOf('id="post/v1/search"'), html.indexOf('</section>', html.indexOf('id="post/v1/search"')));
    for (const field of ['query', 'k', 'mode', 'filters', 'yearFrom', 'filterByUnderstood']) expect(postSearch).toContain(`<code>${field}</code>`);
    expect(postSearch).toMatch(/<code>query<\/code> \(string[^)]*required\)/);
  });
});

// Last: it adds a document to the data dir the other tests read.
describe('upload', () => {
  const text = [
    '测试市人民政府关于推进量子通信网络建设的通知',
    '测试政〔2024〕7号',
    '各区人民政府，市政府各部门：',
    '为加快量子通信网络建设，现将有关事项通知如下。',
    '一、总体目标',
    '（一）到2025年，建成覆盖全市的量子保密通信骨干网络，接入节点达到120个。',
    '（二）推动量子保密通信在政务外网的示范应用。',
    '二、保障措施',
    '（一）市经济和信息化局牵头，市财政局配合，落实量子通信专项资金。',
    '',
  ].join('\n');

  it('POST /v1/documents with the key ingests the text, and search finds it', async () => {
    const res = await postJson(`${api.url}/v1/documents`, { text, filename: 'quantum.txt' }, { authorization: `Bearer ${KEY}` });
    expect(res.status).toBe(201);
    expect(res.body.documents).toHaveLength(1);
    expect(res.body.documents[0]).toMatchObject({ docNumber: '测试政〔2024〕7号' });
    expect(res.body.documents[0].clauseCount).toBeGreaterThanOrEqual(4);

    const listed = DocumentListSchema.parse((await getJson(`${api.url}/v1/documents`)).body);
    expect(listed.items.map((d) => d.docNumber)).toContain('测试政〔2024〕7号');
    const search = SearchResponseSchema.parse((await getJson(`${api.url}/v1/search?q=${encodeURIComponent('量子保密通信骨干网络')}&k=3`)).body);
    expect(search.results[0]?.document.docNumber).toBe('测试政〔2024〕7号');
    expect(search.results[0]?.citation).toMatch(/^测试政〔2024〕7号 · /);
  });

  it('rejects an upload without text, with a path in the file name, or without any structure', async () => {
    const binary = expectProblem(await postJson(`${api.url}/v1/documents`, { text: '\u0000\u0001\u0002'.repeat(100) }, { authorization: `Bearer ${KEY}` }), 400);
    expect(binary.detail).toMatch(/^the upload was not ingested: /);
    expectProblem(await postJson(`${api.url}/v1/documents`, { text: '' }, { authorization: `Bearer ${KEY}` }), 400);
    expectProblem(await postJson(`${api.url}/v1/documents`, { text, filename: '../etc/passwd' }, { authorization: `Bearer ${KEY}` }), 400);
    // "." and ".." passed the file-name check and failed writing the temp file: 500
    for (const filename of ['.', '..']) {
      const dots = expectProblem(await postJson(`${api.url}/v1/documents`, { text, filename }, { authorization: `Bearer ${KEY}` }), 400);
      expect(dots.errors?.[0]?.path).toBe('filename');
    }
  });
});
