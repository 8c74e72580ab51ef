// A clause with what surrounds it: its ancestors and siblings in the document tree, its graph links
// (themes, agencies with roles, targets, citations) and its most similar clauses in other documents.
import type { Clause, PolicyDocument, Target, Theme } from '../graph/model.js';
import type { AssignedAgency, DocumentRef, GraphStore, OutlineEntry } from '../graph/store.js';
import { citationOf } from '../graph/ids.js';
import { ancestorPaths, parentPath } from './clause-paths.js';

export interface ClauseBrief {
  id: string;
  docId: string;
  path: string;
  heading: string | null;
  text: string;
  citation: string;
}

export interface ClauseDetail {
  clause: Clause;
  citation: string;
  document: PolicyDocument;
  parents: OutlineEntry[];
  siblings: OutlineEntry[];
  children: OutlineEntry[];
  themes: Theme[];
  agencies: AssignedAgency[];
  targets: Target[];
  cites: DocumentRef[];
  implements: DocumentRef[];
  similar: (ClauseBrief & { score: number })[];
}

/** Clause briefs with their citation, in the order of `ids`, skipping ids the store does not know. */
export async function clauseBriefs(store: GraphStore, ids: string[]): Promise<ClauseBrief[]> {
  if (ids.length === 0) return [];
  const clauses = await store.getClauses(ids);
  const docs = new Map<string, PolicyDocument | null>();
  for (const docId of new Set(clauses.map((c) => c.docId))) docs.set(docId, await store.getDocument(docId));
  const byId = new Map(clauses.map((c) => [c.id, c]));
  return ids.flatMap((id) => {
    const c = byId.get(id);
    if (!c) return [];
    const doc = docs.get(c.docId);
    return [{ id: c.id, docId: c.docId, path: c.path, heading: c.heading, text: c.text, citation: doc ? citationOf(doc, c.path) : c.path }];
  });
}

export async function clauseDetail(store: GraphStore, id: string): Promise<ClauseDetail | null> {
  const [context] = await store.expand([id]);
  if (!context) return null;
  const { clause, document } = context;
  const outline = await store.outline(document.id);
  const byPath = new Map(outline.map((e) => [e.path, e]));
  const parents = ancestorPaths(clause.path).flatMap((p) => (byPath.has(p) ? [byPath.get(p)!] : []));
  const myParent = parentPath(clause.path);
  const siblings = outline.filter((e) => e.id !== clause.id && parentPath(e.path) === myParent);
  const children = outline.filter((e) => parentPath(e.path) === clause.path);
  const similarBriefs = await clauseBriefs(store, context.similar.map((s) => s.id));
  const scoreOf = new Map(context.similar.map((s) => [s.id, s.score]));
  return {
    clause,
    citation: citationOf(document, clause.path),
    document,
    parents,
    siblings,
    children,
    themes: context.themes,
    agencies: context.agencies,
    targets: context.targets,
    cites: context.cites,
    implements: context.implements,
    similar: similarBriefs.map((b) => ({ ...b, score: scoreOf.get(b.id) ?? 0 })).sort((a, b) => b.score - a.score),
  };
}
