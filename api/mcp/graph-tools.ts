// MCP tools that read the graph directly: get_clause, get_document, list_themes, compare_targets.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { PolicyGraphError } from '../../graph/errors.js';
import { citationOf } from '../queries/citation.js';
import { clauseDetail } from '../queries/clauses.js';
import { resolveDocument } from '../queries/documents.js';
import { asToolResult, clip, decodeCursor, pageOf } from './format.js';
import { guarded, type McpDeps } from './tool-support.js';

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
      inputSchema: { clause_id: z.string().trim().min(1).max(300).describe('Clause id, e.g. "cl_0123456789abcdef"') },
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
        document: z.string().trim().min(1).max(300).describe('Document id, 文号 or title'),
        limit: z.number().int().min(1).max(200).default(80).describe('Outline entries per page (1-200)'),
        cursor: cursorArg,
      },
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
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(deps, 'list_themes', async (args) => {
      const themes = (await deps.store.listThemes())
        .sort((a, b) => b.clauseCount - a.clauseCount || a.name.localeCompare(b.name, 'zh'))
        .map((t) => ({ name: t.name, id: t.id, aliases: t.aliases.slice(0, 8), category: t.category, clauses: t.clauseCount, documents: t.documentCount }));
      const page = pageOf('list_themes', themes, decodeCursor('list_themes', args.cursor), args.limit);
      return asToolResult({ total: page.total, themes: page.items, next_cursor: page.next_cursor });
    }),
  );

  server.registerTool(
    'compare_targets',
    {
      title: 'Compare targets across documents',
      description:
        'Quantitative targets for a metric (e.g. "信息消费规模", "光纤", "5G", "固定宽带") across documents and regions: value as written, year, growth, ' +
        'and the citation (文号 · clause path) of the clause that sets it. Leave metric empty to list all targets.',
      inputSchema: {
        metric: z.string().trim().max(200).optional().describe('Metric name or part of it'),
        limit: z.number().int().min(1).max(100).default(30).describe('Targets per page (1-100)'),
        cursor: cursorArg,
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(deps, 'compare_targets', async (args) => {
      const rows = (await deps.store.listTargets(args.metric?.trim() || undefined))
        .sort((a, b) => a.metric.localeCompare(b.metric, 'zh') || (a.year ?? 0) - (b.year ?? 0))
        .map((t) => ({
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
          citation: citationOf({ docNumber: t.docNumber, title: t.title }, t.path),
          clause_id: t.clauseId,
        }));
      const page = pageOf('compare_targets', rows, decodeCursor('compare_targets', args.cursor), args.limit);
      return asToolResult({ metric: args.metric || null, total: page.total, targets: page.items, next_cursor: page.next_cursor });
    }),
  );
}
