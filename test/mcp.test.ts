// The MCP server through the official SDK client, over stdio (a spawned `policygraph mcp`) and over
// Streamable HTTP (/mcp on a server on 127.0.0.1), both reading a data dir the real ingest built.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RESULT_CHARS } from '../api/mcp/format.js';
import { MCP_TOOL_NAMES } from '../api/mcp/server.js';
import { BIN, ROOT, serveDataDir, sharedSeededDataDir } from './api-helpers.js';

let dataDir: string;
let http: Awaited<ReturnType<typeof serveDataDir>>;
const clients: Record<'stdio' | 'http', Client> = {} as never;

beforeAll(async () => {
  dataDir = await sharedSeededDataDir();
  // Both this process and the stdio child open the embedded store read-only, as they would in use.
  http = await serveDataDir(dataDir, { readOnly: true });

  clients.stdio = new Client({ name: 'policygraph-test-stdio', version: '1.0.0' });
  await clients.stdio.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [BIN, 'mcp', '--data-dir', dataDir],
      cwd: ROOT,
      stderr: 'pipe',
      env: { ...(process.env as Record<string, string>), POLICYGRAPH_LOG_LEVEL: 'warn' },
    }),
  );
  clients.http = new Client({ name: 'policygraph-test-http', version: '1.0.0' });
  await clients.http.connect(new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`)));
});

afterAll(async () => {
  await clients.stdio?.close();
  await clients.http?.close();
  await http?.close();
});

type ToolText = { content: { type: string; text: string }[]; isError?: boolean };

async function call(transport: 'stdio' | 'http', name: string, args: Record<string, unknown>): Promise<{ raw: ToolText; json: any }> {
  const raw = (await clients[transport].callTool({ name, arguments: args })) as ToolText;
  const text = raw.content[0]?.text ?? '';
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // tool errors are plain text
  }
  return { raw, json };
}

describe.each(['stdio', 'http'] as const)('MCP over %s', (transport) => {
  it('lists its tools, each with a description and an input schema', async () => {
    const { tools } = await clients[transport].listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...MCP_TOOL_NAMES].sort());
    for (const tool of tools) {
      expect(tool.description!.length, tool.name).toBeGreaterThan(100);
      expect(tool.inputSchema.type).toBe('object');
      if (tool.name !== 'about') expect(Object.keys(tool.inputSchema.properties ?? {}).length, tool.name).toBeGreaterThan(0);
      expect(tool.annotations?.readOnlyHint).toBe(true);
      // every tool declares what its structuredContent holds (the SDK checks each result against it)
      expect(tool.outputSchema?.type, tool.name).toBe('object');
    }
    const search = tools.find((t) => t.name === 'search_clauses')!;
    expect(search.inputSchema.required).toEqual(['query']);
  });

  it('search_clauses cites 文号 and clause path, and pages with a cursor', async () => {
    const first = await call(transport, 'search_clauses', { query: '5G商用', limit: 3 });
    expect(first.raw.isError).toBeFalsy();
    expect(first.json.results).toHaveLength(3);
    for (const r of first.json.results) {
      expect(r.citation).toContain(r.path);
      expect(r.citation).toContain(r.document.doc_number ?? r.document.title);
    }
    expect(first.json.results.some((r: any) => /5G/.test(r.text))).toBe(true);
    expect(first.json.next_cursor).toEqual(expect.any(String));
    const second = await call(transport, 'search_clauses', { query: '5G商用', limit: 3, cursor: first.json.next_cursor });
    const firstIds = first.json.results.map((r: any) => r.clause_id);
    const secondIds = second.json.results.map((r: any) => r.clause_id);
    expect(secondIds.length).toBeGreaterThan(0);
    expect(secondIds.filter((id: string) => firstIds.includes(id))).toEqual([]);
    // The pages are the consecutive slices of one ranking.
    const both = await call(transport, 'search_clauses', { query: '5G商用', limit: 6 });
    expect(both.json.results.map((r: any) => r.clause_id)).toEqual([...firstIds, ...secondIds].slice(0, 6));
  });

  it('about says what the corpus holds, list_documents finds documents; both as structured content', async () => {
    const about = await call(transport, 'about', {});
    expect(about.raw.isError).toBeFalsy();
    const structured = (about.raw as unknown as { structuredContent: any }).structuredContent;
    expect(structured).toEqual(about.json);
    expect(about.json.documents).toBeGreaterThan(3);
    expect(about.json.clauses).toBeGreaterThan(100);
    expect(about.json.by_level.map((l: { value: string }) => l.value)).toContain('national');
    expect(about.json.by_region.map((r: { value: string }) => r.value)).toContain('安徽省');

    const provincial = await call(transport, 'list_documents', { level: 'provincial', limit: 50 });
    expect(provincial.json.documents.length).toBeGreaterThan(0);
    for (const d of provincial.json.documents) expect(d.level).toBe('provincial');
    const titled = await call(transport, 'list_documents', { title: '信息消费' });
    for (const d of titled.json.documents) expect(d.title).toContain('信息消费');
    expect(titled.json.documents.length).toBeGreaterThan(0);
  });

  it('offers documents and clauses as resources with stable URIs', async () => {
    const { resources } = await clients[transport].listResources();
    expect(resources.length).toBeGreaterThan(3);
    const guideline = resources.find((r) => r.description?.includes('国发〔2017〕40号'))!;
    expect(guideline.uri).toMatch(/^policygraph:\/\/documents\//);
    const read = async (uri: string) => JSON.parse(((await clients[transport].readResource({ uri })).contents[0] as { text: string }).text);
    const doc = await read(guideline.uri);
    expect(doc.docNumber).toBe('国发〔2017〕40号');
    expect(doc.outline.length).toBeGreaterThan(50);
    const clause = await read(doc.outline[3].uri);
    expect(clause.citation).toMatch(/^国发〔2017〕40号 · /);
    const { resourceTemplates } = await clients[transport].listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(['policygraph://clauses/{id}', 'policygraph://documents/{id}']);
  });

  it('caps result size', async () => {
    const big = await call(transport, 'search_clauses', { query: '信息消费', limit: 20 });
    expect(big.raw.content[0]!.text.length).toBeLessThanOrEqual(MAX_RESULT_CHARS + 2_000);
    for (const r of big.json.results) expect(r.text.length).toBeLessThanOrEqual(700);
  });

  it('get_clause returns the full clause with its context', async () => {
    const hit = (await call(transport, 'search_clauses', { query: '推动信息消费终端产品创新升级', limit: 1 })).json.results[0];
    const clause = await call(transport, 'get_clause', { clause_id: hit.clause_id });
    expect(clause.raw.isError).toBeFalsy();
    expect(clause.json.citation).toBe(hit.citation);
    expect(clause.json.text.length).toBeGreaterThanOrEqual(Math.min(hit.text.length, 600));
    expect(clause.json.document.id).toBe(hit.document.id);
  });

  it('get_document resolves a 文号 in any bracket style and pages the outline', async () => {
    const doc = await call(transport, 'get_document', { document: '国发[2017]40号', limit: 10 });
    expect(doc.raw.isError).toBeFalsy();
    expect(doc.json.doc_number).toBe('国发〔2017〕40号');
    expect(doc.json.outline).toHaveLength(10);
    expect(doc.json.clause_count).toBeGreaterThan(10);
    const next = await call(transport, 'get_document', { document: doc.json.id, limit: 10, cursor: doc.json.next_cursor });
    expect(next.json.outline[0].clause_id).not.toBe(doc.json.outline[0].clause_id);
  });

  it('list_themes, who_is_responsible and compare_targets answer from the graph with citations', async () => {
    const themes = await call(transport, 'list_themes', { limit: 5 });
    expect(themes.json.themes.length).toBeGreaterThan(0);
    const counts = themes.json.themes.map((t: any) => t.clauses);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);

    const who = await call(transport, 'who_is_responsible', { task: '推动信息消费终端产品创新升级' });
    expect(who.raw.isError).toBeFalsy();
    const lead = who.json.agencies.find((a: any) => a.lead_in > 0);
    expect(lead).toBeDefined();
    expect(lead.evidence[0].citation).toMatch(/号|《/);
    // The first agency leads a clause about the task itself.
    const fiveG = await call(transport, 'who_is_responsible', { task: '5G商用' });
    expect(fiveG.json.agencies[0].lead_in).toBeGreaterThan(0);
    expect(fiveG.json.agencies[0].evidence.some((e: any) => e.role === 'lead' && /5G/.test(e.text))).toBe(true);

    const targets = await call(transport, 'compare_targets', { metric: '信息消费' });
    expect(targets.json.targets.length).toBeGreaterThan(0);
    for (const t of targets.json.targets) expect(t.citation).toContain(t.doc_number ?? t.document);
  });

  it('find_precedents returns clauses of other documents with shared phrases', async () => {
    const draft = '加快第五代移动通信（5G）标准研究、技术试验和产业推进，力争2020年启动商用。';
    const res = await call(transport, 'find_precedents', { draft, limit: 3 });
    expect(res.raw.isError).toBeFalsy();
    expect(res.json.precedents.length).toBeGreaterThan(0);
    expect(res.json.precedents[0].shared_phrases.length).toBeGreaterThan(0);
  });

  it('reports bad ids, cursors and arguments as tool errors', async () => {
    const missing = await call(transport, 'get_clause', { clause_id: 'cl_doesnotexist' });
    expect(missing.raw.isError).toBe(true);
    expect(missing.raw.content[0]!.text).toContain('no clause');
    const cursor = await call(transport, 'list_themes', { cursor: 'not-a-cursor' });
    expect(cursor.raw.isError).toBe(true);
    expect(cursor.raw.content[0]!.text).toContain('invalid cursor');
    // Out-of-range arguments fail validation (as a tool error or a protocol error, per SDK version).
    const invalid = await clients[transport].callTool({ name: 'search_clauses', arguments: { query: '5G', limit: 0 } }).then(
      (r) => (r as ToolText).isError === true,
      () => true,
    );
    expect(invalid).toBe(true);
  });

  it('refuses blank text arguments instead of answering a question nobody asked', async () => {
    // A blank task used to be answered with the agencies of "谁负责？" (any task at all).
    for (const [tool, args] of [
      ['who_is_responsible', { task: '   ' }],
      ['search_clauses', { query: ' \n ' }],
      ['find_precedents', { draft: '\t' }],
      ['get_document', { document: '  ' }],
    ] as const) {
      const refused = await clients[transport].callTool({ name: tool, arguments: args }).then(
        (r) => (r as ToolText).isError === true,
        () => true,
      );
      expect(refused, tool).toBe(true);
    }
    const padded = await call(transport, 'get_document', { document: ' 国发〔2017〕40号 ', limit: 1 });
    expect(padded.raw.isError).toBeFalsy();
    expect(padded.json.doc_number).toBe('国发〔2017〕40号');
  });

  it('names its own arguments when they contradict each other', async () => {
    const res = await call(transport, 'search_clauses', { query: '5G', year_from: 2020, year_to: 2010 });
    expect(res.raw.isError).toBe(true);
    expect(res.raw.content[0]!.text).toContain('year_from 2020 is after year_to 2010');
  });
});

describe('MCP over HTTP under concurrency', () => {
  it('answers parallel calls from separate clients, each with its own result (servers are reused between requests)', async () => {
    const documents = ['国发〔2017〕40号', '皖政〔2018〕20号', '工信部联信软〔2018〕140号'];
    const extra = await Promise.all(
      Array.from({ length: 9 }, async () => {
        const client = new Client({ name: 'policygraph-test-parallel', version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`)));
        return client;
      }),
    );
    try {
      for (let round = 0; round < 2; round++) {
        const answers = await Promise.all(
          extra.map((client, i) => client.callTool({ name: 'get_document', arguments: { document: documents[i % 3]!, limit: 1 } }) as Promise<ToolText>),
        );
        answers.forEach((res, i) => {
          expect(res.isError, `call ${i}`).toBeFalsy();
          expect(JSON.parse(res.content[0]!.text).doc_number).toBe(documents[i % 3]);
        });
      }
    } finally {
      await Promise.all(extra.map((client) => client.close()));
    }
  });
});
