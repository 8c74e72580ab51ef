// A document's clauses in reading order, each with its text, themes, agencies and targets: the
// document view of the web page (the outline alone has no text).
import type { Clause } from '../graph/model.js';
import type { GraphStore } from '../graph/store.js';

export interface DocumentClause {
  id: string;
  path: string;
  number: string | null;
  heading: string | null;
  text: string;
  depth: number;
  kind: Clause['kind'];
  themes: { id: string; name: string }[];
  agencies: { id: string; name: string; role: 'lead' | 'support'; deadline: string | null }[];
  targets: { id: string; metric: string; value: string; year: number | null }[];
}

export interface DocumentClausePage {
  total: number;
  offset: number;
  limit: number;
  nextOffset: number | null;
  items: DocumentClause[];
}

/** One page of the document's clauses (outline order); only that page's clauses are expanded. */
export async function documentClauses(store: GraphStore, docId: string, offset: number, limit: number): Promise<DocumentClausePage> {
  const outline = await store.outline(docId);
  const entries = outline.slice(offset, offset + limit);
  const contexts = new Map((await store.expand(entries.map((e) => e.id))).map((ctx) => [ctx.clause.id, ctx]));
  const items = entries.flatMap((entry): DocumentClause[] => {
    const ctx = contexts.get(entry.id);
    if (!ctx) return [];
    const { clause } = ctx;
    return [
      {
        id: clause.id,
        path: clause.path,
        number: clause.number,
        heading: clause.heading,
        text: clause.text,
        depth: clause.depth,
        kind: clause.kind,
        themes: ctx.themes.map((t) => ({ id: t.id, name: t.name })),
        agencies: ctx.agencies.map((a) => ({ id: a.agency.id, name: a.agency.name, role: a.role, deadline: a.deadline })),
        targets: ctx.targets.map((t) => ({ id: t.id, metric: t.metric, value: t.value, year: t.year })),
      },
    ];
  });
  const next = offset + entries.length;
  return { total: outline.length, offset, limit, nextOffset: next < outline.length ? next : null, items };
}
