// The same questions through every face — CLI (in-process main()), HTTP, MCP (official SDK client
// over /mcp) and Dify (/retrieval) — over one data dir the real ingest built: each face must give
// the same ids, in the same order, with the same scores and citations, because each only parses
// its input into the use case's request and presents the use case's result.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Option } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../api/cli.js';
import { boundFieldOf, type FieldLimits } from '../api/commands/schema-options.js';
import { SEARCH_OPTIONS } from '../api/commands/search.js';
import type { ResponsibilityAnswer } from '../app/responsibilities.js';
import type { Precedent } from '../app/precedents.js';
import type { TargetWithCitation } from '../app/targets.js';
import type { DocumentSummary, ThemeSummary } from '../graph/store.js';
import type { SearchResponse } from '../search/types.js';
import { getJson, postJson, serveDataDir, sharedSeededDataDir } from './api-helpers.js';
import { cliOn, runCli } from './support/run-cli.js';

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

// The CLI's flags are declared from the use cases' request schemas (api/commands/schema-options.ts):
// each flag must show and enforce what the HTTP API's OpenAPI document says of the same field.
describe('CLI options are the request schemas', () => {
  /** Command → its schema-bound flags and the OpenAPI schema of the same request (body, or GET query parameters). */
  const COMMANDS: Record<string, { body?: string; get?: string }> = {
    search: { body: 'SearchRequest' },
    precedents: { body: 'PrecedentsRequest' },
    who: { get: '/v1/responsibilities' },
    targets: { get: '/v1/targets' },
  };
  /** Flags that choose how a command runs or prints, not what the use case is asked. */
  const PRESENTATION = new Set(['--json', '--data-dir', '--graph', '--embedder', '--stdin', '--file', '--help']);

  type JsonField = { type?: string; default?: unknown; enum?: unknown[]; minimum?: number; maximum?: number; maxLength?: number; maxItems?: number; items?: JsonField; properties?: Record<string, JsonField>; $ref?: string };
  let openapi: { paths: Record<string, { get?: { parameters?: { name: string; schema: JsonField }[] } }>; components: { schemas: Record<string, JsonField> } };
  beforeAll(async () => {
    openapi = await api('/openapi.json');
  });

  const deref = (f: JsonField): JsonField => (f.$ref ? openapi.components.schemas[f.$ref.split('/').pop()!]! : f);
  /** The HTTP API's schema of a request field (dotted path) for a command. */
  function httpField(command: string, field: string): JsonField {
    const where = COMMANDS[command]!;
    if (where.get) return openapi.paths[where.get]!.get!.parameters!.find((p) => p.name === field)!.schema;
    let current = openapi.components.schemas[where.body!]!;
    for (const key of field.split('.')) current = deref(deref(current).properties![key]!);
    return current;
  }
  /** What the CLI shows and enforces of a field, in JSON Schema words. */
  const limitsOf = (l: FieldLimits) => ({ default: l.default, enum: l.choices, minimum: l.minimum, maximum: l.maximum, maxLength: l.maxLength, maxItems: l.maxItems });
  const httpLimitsOf = (f: JsonField) => {
    const item = f.type === 'array' ? (f.items ?? {}) : f;
    return { default: f.default, enum: item.enum?.map(String), minimum: item.minimum, maximum: item.maximum, maxLength: item.maxLength, maxItems: f.type === 'array' ? f.maxItems : undefined };
  };
  const commandNamed = (name: string) => buildProgram().commands.find((c) => c.name() === name)!;

  it('each flag of search, precedents, who and targets has the default, limits and choices of the same field over HTTP', () => {
    for (const name of Object.keys(COMMANDS)) {
      const command = commandNamed(name);
      const bound = [...command.options, ...command.registeredArguments].map((o) => ({ o, bound: boundFieldOf(o) }));
      const unbound = bound.filter((b) => !b.bound && b.o instanceof Option && !PRESENTATION.has(b.o.long!)).map((b) => (b.o as Option).long);
      expect(unbound, `${name}: options declared by hand`).toEqual([]);
      for (const { o, bound: b } of bound) {
        if (!b || b.field === 'query' || b.field === 'text' || b.field === 'task') continue; // the text itself: its length is checked below
        expect(limitsOf(b.limits), `${name} ${(o as Option).long ?? o}`).toEqual(httpLimitsOf(httpField(name, b.field)));
      }
    }
  });

  it('--help shows each field limit and default the HTTP API declares', async () => {
    for (const [name, field, flag] of [['search', 'k', '--k'], ['search', 'mode', '--mode'], ['search', 'filters.yearFrom', '--year-from'], ['precedents', 'k', '--k']] as const) {
      const help = (await runCli([name, '--help'])).stdout;
      const line = help.slice(help.indexOf(`  ${flag} `)).split(/\n  --/)[0]!.replace(/\s+/g, ' ');
      const f = httpField(name, field);
      if (f.minimum !== undefined) expect(line).toContain(`${f.minimum}–${f.maximum}`);
      if (f.enum) expect(line).toContain(f.enum.join(' | '));
      if (f.default !== undefined) expect(line).toContain(`default ${f.default}`);
    }
  });

  it('an out-of-range or unknown value is the same one-line usage error, exit 2, on every command', async () => {
    const k = httpField('search', 'k');
    const pk = httpField('precedents', 'k');
    const year = httpField('search', 'filters.yearFrom');
    const region = httpField('who', 'region');
    const bad: [string[], RegExp][] = [
      [['search', 'q', '--k', String(k.maximum! + 1)], new RegExp(`^policygraph: --k must be an integer from ${k.minimum} to ${k.maximum}, got "${k.maximum! + 1}"\\n$`)],
      [['search', 'q', '--k', 'ten'], /^policygraph: --k must be an integer from 1 to \d+, got "ten"\n$/],
      [['precedents', '--text', '推进5G', '--k', String(pk.maximum! + 1)], new RegExp(`^policygraph: --k must be an integer from 1 to ${pk.maximum}, got`)],
      [['search', 'q', '--mode', 'fuzzy'], /^policygraph: --mode must be one of hybrid, dense, lexical, got "fuzzy"\n$/],
      [['search', 'q', '--level', 'provincial,galactic'], /^policygraph: --level must be one of national, provincial, municipal, unknown, got "galactic"\n$/],
      [['documents', '--level', 'galactic'], /^policygraph: --level must be one of national, provincial, municipal, unknown, got "galactic"\n$/],
      [['search', 'q', '--year-from', String(year.minimum! - 1)], /^policygraph: --year-from must be an integer from 1900 to 2100, got "1899"\n$/],
      [['documents', '--year-to', '3000'], /^policygraph: --year-to must be an integer from 1900 to 2100, got "3000"\n$/],
      [['who', '5G', '--region', '省'.repeat(region.maxLength! + 1)], new RegExp(`^policygraph: --region must be 1 to ${region.maxLength} characters of text, got ${region.maxLength! + 1}\\n$`)],
      [['targets', '--metric', ' '], /^policygraph: --metric must be 1 to \d+ characters of text, got 0\n$/],
      [['search', 'q', '--theme', Array.from({ length: 51 }, (_, i) => `t${i}`).join(',')], /^policygraph: --theme takes at most 50 values, got 51\n$/],
      [['search', 'q', '--colour', 'red'], /^policygraph: unknown option '--colour'\n$/],
    ];
    for (const [args, message] of bad) {
      const run = await runCli(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('a flag turns into the use case request: nested filters, lists, the query; unset flags leave the schema defaults', () => {
    const command = commandNamed('search');
    command.parseOptions(['--level', 'national,provincial', '--level', 'municipal', '--year-from', '2019', '--strict']);
    expect(SEARCH_OPTIONS.request(command.opts(), { query: '5G' })).toEqual({ query: '5G', filters: { level: ['national', 'provincial', 'municipal'], yearFrom: 2019 }, filterByUnderstood: true });
  });
});
