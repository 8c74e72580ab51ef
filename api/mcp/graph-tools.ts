// MCP tools that read the graph directly: get_clause, get_document, list_themes, compare_targets.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { clauseDetail } from '../../app/clauses.js';
import { resolveDocument } from '../../app/documents.js';
import { listThemes } from '../../app/entities.js';
import { DocumentKey } from '../../app/fields.js';
import { listTargets, TargetsRequestSchema } from '../../app/targets.js';
import { PolicyGraphError } from '../../graph/errors.js';
import { asToolResult, clip, decodeCursor, pageOf } from './format.js';
import { NextCursor } from './present.js';
import { guarded, type McpDeps } from './tool-support.js';

const Brief = z.object({ clause_id: z.string(), path: z.string(), heading: z.string().nullable() });

export const GetClauseOutput = {
  citation: z.string(),
  clause_id: z.string(),
  path: z.string(),
  heading: z.string().nullable(),
  text: z.string(),
  fields: z.unknown(),
  document: z.object({ id: z.string(), title: z.string(), doc_number: z.string().nullable(), level: z.string(), region: z.string().nullable(), year: z.number().nullable(), kind: z.string() }),
  within: z.array(Brief),
  siblings: z.array(Brief),
  children: z.array(Brief),
  themes: z.array(z.string()),
  agencies: z.array(z.object({ name: z.string(), role: z.string(), deadline: z.string().nullable(), open_ended: z.boolean() })),
  targets: z.array(z.object({ metric: z.string(), value: z.string(), year: z.number().nullable(), growth: z.string().nullable() })),
  cites: z.array(z.object({ title: z.string(), doc_number: z.string().nullable() })),
  similar: z.array(z.object({ citation: z.string(), clause_id: z.string(), score: z.number(), text: z.string() })),
};

export const GetDocumentOutput = {
  id: z.string(),
  title: z.string(),
  doc_number: z.string().nullable(),
  issuers: z.array(z.string()),
  region: z.string().nullable(),
  level: z.string(),
  year: z.number().nullable(),
  date: z.string().nullable(),
  draft: z.boolean(),
  kind: z.string(),
  in_corpus: z.boolean(),
  clause_count: z.number().int(),
  outline: z.array(Brief.extend({ kind: z.string() })),
  next_cursor: NextCursor,
};

export const ListThemesOutput = {
  total: z.number().int().nullable(),
  themes: z.array(z.object({ name: z.string(), id: z.string(), aliases: z.array(z.string()), category: z.string().nullable(), clauses: z.number().int(), documents: z.number().int() })),
  next_cursor: NextCursor,
};

export const CompareTargetsOutput = {
  metric: z.string().nullable().describe('The canonical metric the phrase resolved to (or the phrase itself); null for all targets'),
  total: z.number().int().nullable(),
  targets: z.array(
    z.object({
      metric: z.string(),
      value: z.string(),
      amount: z.number().nullable(),
      unit: z.string().nullable(),
      year: z.number().nullable(),
      growth: z.string().nullable(),
      document: z.string(),
      doc_number: z.string().nullable(),
      region: z.string().nullable(),
      level: z.string(),
      citation: z.string(),
      clause_id: z.string(),
    }),
  ),
  next_cursor: NextCursor,
};

const FULL_TEXT_CHARS = 8_000;
const cursorArg = z.string().max(200).optional().describe('next_cursor from a previous call of this tool, to get the next page');

export function registerGraphTools(server: McpServer, deps: McpDeps): void {
  server.registerTool(
    'get_clause',
    {
      title: 'Get a clause with its context',
      description:
        'The full text of one clause (by clause_id from search_clauses, find_precedents or get_document) with its citation (文号 · clause path), its document, ' +
        'the headings above it, neighbouring clauses, themes, responsible agencies with roles and deadlines, targets, and similar clauses in other documents.',
      inputSchema: { clause_id: DocumentKey.describe('Clause id, e.g. "cl_0123456789abcdef"') },
      outputSchema: GetClauseOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(deps, 'get_clause', async ({ clause_id }) => {
      const d = await clauseDetail(deps.store, clause_id);
      if (!d) throw new PolicyGraphError('NOT_FOUND', `no clause with id "${clause_id}"; use an id returned by search_clauses or get_document`);
      const brief = (e: { id: string; path: string; heading: string | null }) => ({ clause_id: e.id, path: e.path, heading: e.heading ? clip(e.heading, 80) : null });
      return asToolResult({
        citation: d.citation,
        clause_id: d.clause.id,
        path: d.clause.path,
        heading: d.clause.heading,
        text: clip(d.clause.text, FULL_TEXT_CHARS),
        fields: d.clause.fields,
        document: { id: d.document.id, title: d.document.title, doc_number: d.document.docNumber, level: d.document.level, region: d.document.region, year: d.document.year, kind: d.document.kind },
        within: d.parents.map(brief),
        siblings: d.siblings.slice(0, 30).map(brief),
        children: d.children.slice(0, 30).map(brief),
        themes: d.themes.map((t) => t.name),
        agencies: d.agencies.map((a) => ({ name: a.agency.name, role: a.role, deadline: a.deadline, open_ended: a.openEnded })),
        targets: d.targets.map((t) => ({ metric: t.metric, value: t.value, year: t.year, growth: t.growth })),
        cites: d.cites.map((r) => ({ title: r.title, doc_number: r.docNumber })),
        similar: d.similar.slice(0, 8).map((s) => ({ citation: s.citation, clause_id: s.id, score: Math.round(s.score * 1e3) / 1e3, text: clip(s.text, 200) })),
      });
    }),
  );

  server.registerTool(
    'get_document',
    {
      title: 'Get a document and its outline',
      description:
        'A policy document by id, 文号 (e.g. "国发〔2017〕40号", any bracket style) or title: its metadata (issuers, region, level, year, draft status) and its outline ' +
        '(clause paths, headings and clause ids, paged) so you can navigate to clauses with get_clause.',
      inputSchema: {
        document: DocumentKey.describe('Document id, 文号 or title'),
        limit: z.number().int().min(1).max(200).default(80).describe('Outline entries per page (1-200)'),
        cursor: cursorArg,
      },
      outputSchema: GetDocumentOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(deps, 'get_document', async (args) => {
      const doc = await resolveDocument(deps.store, args.document);
      if (!doc) throw new PolicyGraphError('NOT_FOUND', `no document with id, 文号 or title "${args.document}"; search_clauses shows the documents it finds`);
      const outline = await deps.store.outline(doc.id);
      const entries = outline.map((e) => ({ clause_id: e.id, path: e.path, heading: e.heading ? clip(e.heading, 80) : null, kind: e.kind }));
      const page = pageOf('get_document', entries, decodeCursor('get_document', args.cursor), args.limit);
      return asToolResult({
        id: doc.id,
        title: doc.title,
        doc_number: doc.docNumber,
        issuers: doc.issuers,
        region: doc.region,
        level: doc.level,
        year: doc.year,
        date: doc.date,
        draft: doc.draft,
        kind: doc.kind,
        in_corpus: doc.inCorpus,
        clause_count: outline.length,
        outline: page.items,
        next_cursor: page.next_cursor,
      });
    }),
  );

  server.registerTool(
    'list_themes',
    {
      title: 'List themes',
      description:
        'The themes the policies are tagged with (5G, IPv6, 智能网联汽车, 信息消费 …), with aliases and how many clauses and documents mention each, most frequent first. ' +
        'Use a theme name as the theme filter of search_clauses.',
      inputSchema: { limit: z.number().int().min(1).max(200).default(50).describe('Themes per page (1-200)'), cursor: cursorArg },
      outputSchema: ListThemesOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(deps, 'list_themes', async (args) => {
      const themes = (await listThemes(deps)).map((t) => ({ name: t.name, id: t.id, aliases: t.aliases.slice(0, 8), category: t.category, clauses: t.clauseCount, documents: t.documentCount }));
      const page = pageOf('list_themes', themes, decodeCursor('list_themes', args.cursor), args.limit);
      return asToolResult({ total: page.total, themes: page.items, next_cursor: page.next_cursor });
    }),
  );

  server.registerTool(
    'compare_targets',
    {
      title: 'Compare targets across documents',
      description:
        'Quantitative targets for a metric (e.g. "信息消费规模", "行政村通光纤", "固定宽带") across documents and regions: value as written, year, growth, ' +
        'and the citation (文号 · clause path) of the clause that sets it. A phrase resolves to its canonical metric; leave metric out to list all targets.',
      inputSchema: {
        metric: TargetsRequestSchema.shape.metric.describe('A metric, a phrase asking for one, or part of its name'),
        limit: z.number().int().min(1).max(100).default(30).describe('Targets per page (1-100)'),
        cursor: cursorArg,
      },
      outputSchema: CompareTargetsOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(deps, 'compare_targets', async (args) => {
      const answer = await listTargets(deps, { metric: args.metric });
      const rows = answer.targets.map((t) => ({
          metric: t.metric,
          value: t.value,
          amount: t.amount,
          unit: t.unit,
          year: t.year,
          growth: t.growth,
          document: t.title,
          doc_number: t.docNumber,
          region: t.region,
          level: t.level,
          citation: t.citation,
          clause_id: t.clauseId,
        }));
      const page = pageOf('compare_targets', rows, decodeCursor('compare_targets', args.cursor), args.limit);
      return asToolResult({ metric: answer.metric, total: page.total, targets: page.items, next_cursor: page.next_cursor });
    }),
  );
}
