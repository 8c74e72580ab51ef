// MCP tools that go through the search service: search_clauses and find_precedents.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PolicyGraphError } from '../../graph/errors.js';
import type { ClauseFilters } from '../../graph/store.js';
import { requireSearch } from '../routes/context.js';
import { asToolResult, decodeCursor, pageOf } from './format.js';
import { presentResult } from './present.js';
import { guarded, type McpDeps } from './tool-support.js';

const MAX_K = 100;

const filterShape = {
  theme: z.string().trim().max(200).optional().describe('Only clauses mentioning this theme, e.g. "5G", "智能网联汽车", "IPv6"'),
  agency: z.string().trim().max(200).optional().describe('Only clauses involving this agency, e.g. "工业和信息化部"'),
  region: z.string().trim().max(100).optional().describe('Only documents for this region, e.g. "四川省", "安徽省", "全国"'),
  level: z.enum(['national', 'provincial', 'municipal']).optional().describe('Only national, provincial or municipal documents'),
  year_from: z.number().int().min(1900).max(2100).optional().describe('Only documents issued in or after this year'),
  year_to: z.number().int().min(1900).max(2100).optional().describe('Only documents issued in or before this year'),
  document: z.string().trim().max(300).optional().describe('Only clauses of this document (its id or 文号)'),
};

type FilterArgs = { [K in keyof typeof filterShape]?: z.output<(typeof filterShape)[K]> };

function filtersOf(a: FilterArgs): ClauseFilters | undefined {
  // Checked here so the message names the tool's own arguments.
  if (a.year_from !== undefined && a.year_to !== undefined && a.year_from > a.year_to) {
    throw new PolicyGraphError('BAD_REQUEST', `year_from ${a.year_from} is after year_to ${a.year_to}`);
  }
  const f: ClauseFilters = {};
  if (a.theme) f.theme = [a.theme];
  if (a.agency) f.agency = [a.agency];
  if (a.region) f.region = [a.region];
  if (a.level) f.level = [a.level];
  if (a.year_from !== undefined) f.yearFrom = a.year_from;
  if (a.year_to !== undefined) f.yearTo = a.year_to;
  if (a.document) f.doc = [a.document];
  return Object.keys(f).length ? f : undefined;
}

const cursorArg = z.string().max(200).optional().describe('next_cursor from a previous call of this tool, to get the next page');

export function registerSearchTools(server: McpServer, deps: McpDeps): void {
  server.registerTool(
    'search_clauses',
    {
      title: 'Search policy clauses',
      description:
        'Search the clauses of the Chinese government policy and legal documents PolicyGraph holds (about tells what they are) by meaning and keywords. ' +
        'Ask in Chinese or English, or name an article ("《X法》第十条"). Each result gives the citation (文号 · clause path) to quote, the clause text, its document, and why it matched. ' +
        'Use the filters to narrow by theme, agency, region, level or year; pass next_cursor to page on.',
      inputSchema: {
        query: z.string().trim().min(1).max(1000).describe('Question or keywords, Chinese or English'),
        limit: z.number().int().min(1).max(20).default(8).describe('Results per page (1-20)'),
        cursor: cursorArg,
        strict: z.boolean().default(false).describe('Treat themes, agencies, regions and 文号 named in the query as hard filters, not just ranking boosts'),
        ...filterShape,
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(deps, 'search_clauses', async (args) => {
      const offset = decodeCursor('search_clauses', args.cursor);
      const k = Math.min(MAX_K, offset + args.limit);
      const response = await requireSearch(deps).search({ query: args.query, k, mode: 'hybrid', filters: filtersOf(args), filterByUnderstood: args.strict });
      const shown = response.results.map((r) => presentResult(r));
      const page = pageOf('search_clauses', shown, offset, args.limit, response.results.length === k && k < MAX_K);
      return asToolResult({ query: args.query, embedder: response.embedder, results: page.items, next_cursor: page.next_cursor });
    }),
  );

  server.registerTool(
    'find_precedents',
    {
      title: 'Find precedents for a draft clause',
      description:
        'Given a draft policy clause (pasted text), find the most similar existing clauses in other documents, spread across documents, levels and years. ' +
        'Each precedent gives its citation (文号 · clause path), document level and year, and the phrases it shares with the draft. Use it when drafting or reviewing a clause.',
      inputSchema: {
        draft: z.string().trim().min(1).max(4000).describe('The draft clause text'),
        limit: z.number().int().min(1).max(20).default(8).describe('Precedents per page (1-20)'),
        exclude_document: z.string().trim().max(300).optional().describe('Document id to leave out (e.g. the draft’s own document)'),
        cursor: cursorArg,
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(deps, 'find_precedents', async (args) => {
      const offset = decodeCursor('find_precedents', args.cursor);
      const k = Math.min(MAX_K, offset + args.limit);
      const precedents = await requireSearch(deps).precedents({ text: args.draft, k, excludeDoc: args.exclude_document });
      const shown = precedents.map((p) => ({ ...presentResult(p), shared_phrases: p.sharedPhrases.slice(0, 12) }));
      const page = pageOf('find_precedents', shown, offset, args.limit, precedents.length === k && k < MAX_K);
      return asToolResult({ precedents: page.items, next_cursor: page.next_cursor });
    }),
  );
}
