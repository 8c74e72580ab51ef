// The same questions through every face — CLI (in-process main()), HTTP, MCP (official SDK client
// over /mcp) and Dify (/retrieval) — over one data dir the real ingest built: each face must give
// the same ids, in the same order, with the same scores and citations, because each only parses
// its input into the use case's request and presents the use case's result.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponsibilityAnswer } from '../app/responsibilities.js';
import type { Precedent } from '../app/precedents.js';
import type { TargetWithCitation } from '../app/targets.js';
import type { DocumentSummary, ThemeSummary } from '../graph/store.js';
import type { SearchResponse } from '../search/types.js';
import { getJson, postJson, serveDataDir, sharedSeededDataDir } from './api-helpers.js';
import { cliOn } from './support/run-cli.js';

const DIFY_KEY = 'parity-dify-key';
let dataDir: string;
let http: Awaited<ReturnType<typeof serveDataDir>>;
let mcp: Client;
const { json: cli } = cliOn(() => dataDir);

beforeAll(async () => {
  dataDir = await sharedSeededDataDir();
  http = await serveDataDir(dataDir, { readOnly: true, difyApiKey: DIFY_KEY });
  mcp = new Client({ name: 'policygraph-parity', version: '1.0.0' });
  await mcp.connect(new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`)));
}, 180_000);

afterAll(async () => {
  await mcp?.close();
  await http?.close();
});

async function tool(name: string, args: Record<string, unknown>): Promise<any> {
  const result = (await mcp.callTool({ name, arguments: args })) as { isError?: boolean; content: { text: string }[]; structuredContent?: unknown };
  expect(result.isError, `${name}: ${result.content[0]?.text}`).toBeFalsy();
  // the text and the structured content are one payload
  expect(JSON.parse(result.content[0]!.text)).toEqual(result.structuredContent);
  return result.structuredContent;
}

async function api<T = any>(path: string): Promise<T> {
  const res = await getJson<T>(`${http.url}${path}`);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

const q = encodeURIComponent;
type Hit = { id: string; score: number; citation: string };
const hitsOf = (r: SearchResponse): Hit[] => r.results.map((x) => ({ id: x.clause.id, score: x.score, citation: x.citation }));
const round4 = (hits: Hit[]) => hits.map((h) => ({ ...h, score: Math.round(h.score * 1e4) / 1e4 }));

describe('one answer on every face', () => {
  it('search with filters: the same clauses, order, scores and citations on CLI, HTTP GET, HTTP POST and MCP', async () => {
    const fromCli = hitsOf(await cli<SearchResponse>('search', '5G商用', '--k', '6', '--theme', '5G', '--level', 'provincial,national', '--year-from', '2015'));
    expect(fromCli.length).toBeGreaterThan(2);
    const fromGet = hitsOf(await api(`/v1/search?q=${q('5G商用')}&k=6&theme=5G&level=provincial,national&yearFrom=2015`));
    const fromPost = hitsOf(
      (await postJson<SearchResponse>(`${http.url}/v1/search`, { query: '5G商用', k: 6, filters: { theme: ['5G'], level: ['provincial', 'national'], yearFrom: 2015 } })).body,
    );
    const fromMcp = (await tool('search_clauses', { query: '5G商用', limit: 6, theme: '5G', level: 'provincial', year_from: 2015 })) as { results: any[] };
    expect(fromGet).toEqual(fromCli);
    expect(fromPost).toEqual(fromCli);
    // MCP's level filter takes one level: compare with the CLI asking for that one level
    const provincialCli = hitsOf(await cli<SearchResponse>('search', '5G商用', '--k', '6', '--theme', '5G', '--level', 'provincial', '--year-from', '2015'));
    expect(provincialCli.length).toBeGreaterThan(0);
    expect(fromMcp.results.map((r) => ({ id: r.clause_id, score: r.score, citation: r.citation }))).toEqual(provincialCli);
  });

  it('search scoped to a theme: Dify returns the same clauses and citations, its scores the same numbers rounded', async () => {
    const fromCli = hitsOf(await cli<SearchResponse>('search', '5G网络建设时间表', '--k', '5', '--theme', '5G'));
    expect(fromCli.length).toBe(5);
    const dify = await postJson<{ records: { score: number; metadata: { clause_id: string; citation: string } }[] }>(
      `${http.url}/retrieval`,
      { knowledge_id: 'theme:5G', query: '5G网络建设时间表', retrieval_setting: { top_k: 5, score_threshold: 0 } },
      { authorization: `Bearer ${DIFY_KEY}` },
    );
    expect(dify.status).toBe(200);
    const fromDify = dify.body.records.map((r) => ({ id: r.metadata.clause_id, score: r.score, citation: r.metadata.citation }));
    expect(fromDify).toEqual(round4(fromCli).map((h) => ({ ...h, score: Math.min(1, Math.max(0, h.score)) })));
    const fromMcp = (await tool('search_clauses', { query: '5G网络建设时间表', limit: 5, theme: '5G' })) as { results: any[] };
    expect(fromMcp.results.map((r) => ({ id: r.clause_id, score: r.score, citation: r.citation }))).toEqual(fromCli);
  });

  it('precedents: the same clauses, scores, citations and shared phrases on CLI, HTTP and MCP', async () => {
    const draft = '加快第五代移动通信（5G）标准研究、技术试验和产业推进，力争2020年启动商用。';
    const fromCli = await cli<Precedent[]>('precedents', '--text', draft, '--k', '5');
    expect(fromCli.length).toBeGreaterThan(1);
    const view = (p: Precedent) => ({ id: p.clause.id, score: p.score, citation: p.citation, shared: p.sharedPhrases.slice(0, 12) });
    const fromHttp = (await postJson<{ results: Precedent[] }>(`${http.url}/v1/precedents`, { text: draft, k: 5 })).body.results;
    expect(fromHttp.map(view)).toEqual(fromCli.map(view));
    const fromMcp = (await tool('find_precedents', { draft, limit: 5 })) as { precedents: any[] };
    expect(fromMcp.precedents.map((p) => ({ id: p.clause_id, score: p.score, citation: p.citation, shared: p.shared_phrases }))).toEqual(fromCli.map(view));
  });

  it('responsibilities for a task: the same agencies, roles, counts and evidence on CLI, HTTP and MCP', async () => {
    const fromCli = await cli<ResponsibilityAnswer>('who', '5G商用');
    expect(fromCli.agencies.length).toBeGreaterThan(1);
    expect(fromCli.agencies[0]!.lead).toBeGreaterThan(0);
    const fromHttp = await api<ResponsibilityAnswer>(`/v1/responsibilities?task=${q('5G商用')}`);
    expect(fromHttp).toEqual(fromCli);
    const fromMcp = (await tool('who_is_responsible', { task: '5G商用', limit: 30 })) as { agencies: any[] };
    expect(fromMcp.agencies.map((a) => [a.agency, a.lead_in, a.support_in, a.deadlines])).toEqual(fromCli.agencies.map((a) => [a.agency.name, a.lead, a.support, a.deadlines]));
    for (const shown of fromMcp.agencies) {
      const rows = fromCli.rows.filter((r) => r.agency.name === shown.agency);
      for (const e of shown.evidence) expect(rows.some((r) => r.clause.id === e.clause_id && r.citation === e.citation && r.role === e.role)).toBe(true);
    }
  });

  it('targets for a metric phrase: the phrase resolves to the same metric and rows on CLI, HTTP and MCP', async () => {
    const fromCli = await cli<TargetWithCitation[]>('targets', '--metric', '行政村通光纤');
    expect(fromCli.length).toBeGreaterThan(1);
    expect(new Set(fromCli.map((t) => t.metric))).toEqual(new Set(['行政村光纤通达']));
    const view = (t: { clauseId?: string; clause_id?: string; value: string; year: number | null; citation: string }) => [t.clauseId ?? t.clause_id, t.value, t.year, t.citation];
    const fromHttp = (await api<{ items: TargetWithCitation[] }>(`/v1/targets?metric=${q('行政村通光纤')}&limit=500`)).items;
    expect(fromHttp.map(view)).toEqual(fromCli.map(view));
    const fromMcp = (await tool('compare_targets', { metric: '行政村通光纤', limit: 100 })) as { metric: string; targets: any[] };
    expect(fromMcp.metric).toBe('行政村光纤通达');
    expect(fromMcp.targets.map(view)).toEqual(fromCli.map(view));
  });

  it('theme and document listings: the same items in the same order on CLI, HTTP and MCP', async () => {
    const themes = await cli<ThemeSummary[]>('themes');
    expect(themes.length).toBeGreaterThan(10);
    const httpThemes = (await api<{ items: ThemeSummary[] }>('/v1/themes?limit=500')).items;
    expect(httpThemes.map((t) => [t.id, t.clauseCount])).toEqual(themes.map((t) => [t.id, t.clauseCount]));
    const mcpThemes = (await tool('list_themes', { limit: 200 })) as { themes: any[] };
    expect(mcpThemes.themes.map((t) => [t.id, t.clauses])).toEqual(themes.map((t) => [t.id, t.clauseCount]));

    const documents = await cli<DocumentSummary[]>('documents');
    const httpDocuments = (await api<{ items: DocumentSummary[] }>('/v1/documents?limit=500')).items;
    expect(httpDocuments.map((d) => d.id)).toEqual(documents.map((d) => d.id));
    // MCP lists the corpus a model can search: the same order, without documents known only by citation
    const mcpDocuments = (await tool('list_documents', { include_superseded: true, limit: 200 })) as { documents: any[] };
    expect(mcpDocuments.documents.map((d) => d.id)).toEqual(documents.filter((d) => d.inCorpus).map((d) => d.id));
  });
});
