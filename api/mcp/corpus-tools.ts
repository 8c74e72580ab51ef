// MCP tools that say what the corpus holds: about (counts by type, level, region and year, the main
// themes) and list_documents (documents filtered by type, region, level, year or title words, paged).
// A model calls these first to learn what it can ask, instead of guessing from a fixed description.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { DocumentListRequestSchema, listDocuments } from '../../app/documents.js';
import { listThemes } from '../../app/entities.js';
import { DocumentLevelSchema, Year } from '../../app/fields.js';
import type { DocumentSummary } from '../../graph/store.js';
import { asToolResult, decodeCursor, pageOf } from './format.js';
import { guarded, type McpDeps } from './tool-support.js';

const cursorArg = z.string().max(200).optional().describe('next_cursor from a previous call of this tool, to get the next page');

function countBy<T>(items: T[], key: (item: T) => string | null | undefined, top = 30): { value: string; documents: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh')).slice(0, top).map(([value, documents]) => ({ value, documents }));
}

export const AboutOutput = {
  documents: z.number().int(),
  clauses: z.number().int(),
  cited_only_documents: z.number().int(),
  years: z.object({ from: z.number().int().nullable(), to: z.number().int().nullable() }),
  by_type: z.array(z.object({ value: z.string(), documents: z.number().int() })),
  by_level: z.array(z.object({ value: z.string(), documents: z.number().int() })),
  by_region: z.array(z.object({ value: z.string(), documents: z.number().int() })),
  top_themes: z.array(z.object({ name: z.string(), clauses: z.number().int() })),
};

const DocumentBrief = z.object({
  id: z.string(),
  title: z.string(),
  doc_number: z.string().nullable(),
  doc_type: z.string().nullable(),
  issuers: z.array(z.string()),
  region: z.string().nullable(),
  level: z.string(),
  year: z.number().int().nullable(),
  date: z.string().nullable(),
  edition: z.string().nullable(),
  status: z.string().nullable(),
  clauses: z.number().int(),
});

export const ListDocumentsOutput = {
  total: z.number().int().nullable(),
  documents: z.array(DocumentBrief),
  next_cursor: z.string().nullable(),
};

export function registerCorpusTools(server: McpServer, deps: McpDeps): void {
  server.registerTool(
    'about',
    {
      title: 'What the corpus holds',
      description:
        'A summary of the documents PolicyGraph holds: how many documents and clauses, the span of years, counts by document type (法律, 行政法规, 地方性法规, 规范性文件 …), ' +
        'by level (national, provincial, municipal) and by region, and the most frequent themes. Call it first to learn what can be searched and which filter values exist.',
      inputSchema: {},
      outputSchema: AboutOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(deps, 'about', async () => {
      const all = await deps.store.listDocuments();
      const docs = all.filter((d) => d.inCorpus);
      const years = docs.map((d) => d.year).filter((y): y is number => y !== null);
      const themes = (await listThemes(deps)).slice(0, 20);
      return asToolResult({
        documents: docs.length,
        clauses: docs.reduce((n, d) => n + d.clauseCount, 0),
        cited_only_documents: all.length - docs.length,
        years: { from: years.length ? Math.min(...years) : null, to: years.length ? Math.max(...years) : null },
        by_type: countBy(docs, (d) => d.docType ?? '未分类'),
        by_level: countBy(docs, (d) => d.level),
        by_region: countBy(docs, (d) => d.region),
        top_themes: themes.map((t) => ({ name: t.name, clauses: t.clauseCount })),
      });
    }),
  );

  server.registerTool(
    'list_documents',
    {
      title: 'List documents',
      description:
        'The documents in the corpus with their 文号, type, issuers, region, level, year and edition, newest first; filter by words of the title, type, region, level or years. ' +
        'Pass a document id to get_document for its outline, or to the doc filter of search_clauses to search inside it.',
      inputSchema: {
        title: DocumentListRequestSchema.shape.title.describe('Words the title contains, e.g. "数据" or "条例"'),
        doc_type: DocumentListRequestSchema.shape.docType.describe('Document type, e.g. 法律, 行政法规, 地方性法规, 司法解释'),
        region: DocumentListRequestSchema.shape.region.describe('Region, e.g. 上海市 or 全国'),
        level: DocumentLevelSchema.optional(),
        year_from: Year.optional(),
        year_to: Year.optional(),
        include_superseded: z.boolean().default(false).describe('Also list older editions of amended laws'),
        limit: z.number().int().min(1).max(200).default(50).describe('Documents per page (1-200)'),
        cursor: cursorArg,
      },
      outputSchema: ListDocumentsOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(deps, 'list_documents', async (args) => {
      // the corpus a model can search: documents whose text is held, current editions unless asked
      const listed = await listDocuments(deps, {
        title: args.title,
        docType: args.doc_type,
        region: args.region,
        level: args.level,
        yearFrom: args.year_from,
        yearTo: args.year_to,
        corpusOnly: true,
        includeSuperseded: args.include_superseded,
      });
      const docs = listed.map((d: DocumentSummary) => ({
          id: d.id,
          title: d.title,
          doc_number: d.docNumber,
          doc_type: d.docType ?? null,
          issuers: d.issuers,
          region: d.region,
          level: d.level,
          year: d.year,
          date: d.date,
          edition: d.edition ?? null,
          status: d.status ?? null,
          clauses: d.clauseCount,
        }));
      const page = pageOf('list_documents', docs, decodeCursor('list_documents', args.cursor), args.limit);
      return asToolResult({ total: page.total, documents: page.items, next_cursor: page.next_cursor });
    }),
  );
}
