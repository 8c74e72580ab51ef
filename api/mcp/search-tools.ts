// MCP tools over the search use cases: search_clauses and find_precedents. Their arguments are the
// use cases' own fields (app/fields.ts), named snake_case and paged with a cursor.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DocumentKey, DocumentLevelSchema, DraftText, MAX_K, Name, QueryText, Year, type Filters } from '../../app/fields.js';
import { findPrecedents, MAX_PRECEDENTS } from '../../app/precedents.js';
import { searchClauses } from '../../app/search.js';
import { PolicyGraphError } from '../../graph/errors.js';
import { asToolResult, decodeCursor, pageOf } from './format.js';
import { NextCursor, PresentedResult, presentResult } from './present.js';
import { guarded, type McpDeps } from './tool-support.js';

const filterShape = {
  theme: Name.optional().describe('Only clauses mentioning this theme (list_themes names them)'),
  agency: Name.optional().describe('Only clauses involving this agency, e.g. "工业和信息化部"'),
  region: Name.optional().describe('Only documents for this region, e.g. "四川省" (about lists the regions)'),
  level: DocumentLevelSchema.optional().describe('Only national, provincial or municipal documents'),
  year_from: Year.optional().describe('Only documents issued in or after this year'),
  year_to: Year.optional().describe('Only documents issued in or before this year'),
  document: DocumentKey.optional().describe('Only clauses of this document (its id or 文号; list_documents names them)'),
};

type FilterArgs = { [K in keyof typeof filterShape]?: z.output<(typeof filterShape)[K]> };

function filtersOf(a: FilterArgs): Filters {
  // checked here so the message names the tool's own arguments
  if (a.year_from !== undefined && a.year_to !== undefined && a.year_from > a.year_to) {
    throw new PolicyGraphError('BAD_REQUEST', `year_from ${a.year_from} is after year_to ${a.year_to}`);
  }
  const list = <T>(v: T | undefined) => (v === undefined ? undefined : [v]);
  return { theme: list(a.theme), agency: list(a.agency), region: list(a.region), level: list(a.level), yearFrom: a.year_from, yearTo: a.year_to, doc: list(a.document) };
}

const cursorArg = z.string().max(200).optional().describe('next_cursor from a previous call of this tool, to get the next page');

export const SearchClausesOutput = {
  query: z.string(),
  embedder: z.string(),
  close_match: z.boolean().nullable().describe('false: no result really answers the query (off-topic; the results are only look-alikes); null where scores are not absolute'),
  results: z.array(PresentedResult),
  next_cursor: NextCursor,
};
export const FindPrecedentsOutput = { precedents: z.array(PresentedResult.extend({ shared_phrases: z.array(z.string()) })), next_cursor: NextCursor };

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
        query: QueryText.describe('Question or keywords, Chinese or English'),
        limit: z.number().int().min(1).max(20).default(8).describe('Results per page (1-20)'),
        cursor: cursorArg,
        strict: z.boolean().default(false).describe('Treat themes, agencies, regions and 文号 named in the query as hard filters, not just ranking boosts'),
        ...filterShape,
      },
      outputSchema: SearchClausesOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(deps, 'search_clauses', async (args) => {
      const offset = decodeCursor('search_clauses', args.cursor);
      const k = Math.min(MAX_K, offset + args.limit);
      const response = await searchClauses(deps, { query: args.query, k, mode: 'hybrid', filters: filtersOf(args), filterByUnderstood: args.strict });
      const shown = response.results.map((r) => presentResult(r));
      const page = pageOf('search_clauses', shown, offset, args.limit, response.results.length === k && k < MAX_K);
      return asToolResult({ query: args.query, embedder: response.embedder, close_match: response.closeMatch, results: page.items, next_cursor: page.next_cursor });
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
        draft: DraftText.describe('The draft clause text'),
        limit: z.number().int().min(1).max(20).default(8).describe('Precedents per page (1-20)'),
        exclude_document: DocumentKey.optional().describe('Document id or 文号 to leave out (e.g. the draft’s own document)'),
        cursor: cursorArg,
      },
      outputSchema: FindPrecedentsOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(deps, 'find_precedents', async (args) => {
      const offset = decodeCursor('find_precedents', args.cursor);
      const k = Math.min(MAX_PRECEDENTS, offset + args.limit);
      const precedents = await findPrecedents(deps, { text: args.draft, k, excludeDoc: args.exclude_document });
      const shown = precedents.map((p) => ({ ...presentResult(p), shared_phrases: p.sharedPhrases.slice(0, 12) }));
      const page = pageOf('find_precedents', shown, offset, args.limit, precedents.length === k && k < MAX_PRECEDENTS);
      return asToolResult({ precedents: page.items, next_cursor: page.next_cursor });
    }),
  );
}
