// Joins retrieval candidates with the graph (GraphStore.expand: document, 文号, path, themes,
// agencies with roles, targets) and shapes them into SearchResults with citations and highlights.
import type { ClauseContext, ClauseFilters, GraphStore } from '../graph/store.js';
import { citationOf, highlightFragments } from './highlight.js';
import type { Candidate } from './hybrid-retriever.js';
import type { UnderstoodQuery } from './query-understanding.js';
import type { SearchResponse, SearchResult } from './types.js';

export interface JoinedResult {
  result: SearchResult;
  context: ClauseContext;
}

/** Expands the candidates (best first) in one round trip and keeps their order; at most `k`. */
export async function joinWithGraph(
  store: GraphStore,
  candidates: Candidate[],
  k: number,
  filters: ClauseFilters | undefined,
  highlightTerms: (candidate: Candidate) => string[],
): Promise<JoinedResult[]> {
  if (!candidates.length || k <= 0) return [];
  const contexts = await store.expand(
    candidates.map((c) => c.id),
    filters,
  );
  const byId = new Map(contexts.map((c) => [c.clause.id, c]));
  const joined: JoinedResult[] = [];
  for (const candidate of candidates) {
    const context = byId.get(candidate.id);
    if (!context) continue; // deleted since the index was built, or outside the filters
    joined.push({ context, result: toResult(candidate, context, highlightTerms(candidate)) });
    if (joined.length === k) break;
  }
  return joined;
}

export function toResult(candidate: Candidate, context: ClauseContext, terms: string[]): SearchResult {
  const { clause, document } = context;
  return {
    clause: { id: clause.id, text: clause.text, path: clause.path, heading: clause.heading },
    document: { id: document.id, title: document.title, docNumber: document.docNumber, level: document.level, region: document.region, year: document.year },
    citation: citationOf(document, clause.path),
    score: candidate.score,
    why: candidate.why,
    themes: context.themes.map((t) => ({ id: t.id, name: t.name })),
    agencies: context.agencies.map((a) => ({ id: a.agency.id, name: a.agency.name, role: a.role, deadline: a.deadline })),
    targets: context.targets.map((t) => ({ id: t.id, metric: t.metric, value: t.value, year: t.year })),
    highlights: highlightFragments(clause.text, terms),
  };
}

/** Terms worth highlighting: the lexical terms that matched, implied terms, entity surfaces and years. */
export function termsToHighlight(candidate: Candidate, understood: UnderstoodQuery): string[] {
  const u = understood.understood;
  return [
    ...(candidate.why.lexical?.terms ?? []),
    ...understood.expansions,
    ...u.themes.flatMap((t) => [t.surface, t.name]),
    ...u.agencies.flatMap((a) => [a.surface, a.name]),
    ...u.docNumbers,
    ...u.years.map(String),
  ];
}

export function facetsOf(results: SearchResult[]): SearchResponse['facets'] {
  const count = <T>(keys: T[]) => {
    const counts = new Map<T, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1]);
  };
  const titles = new Map(results.map((r) => [r.document.id, r.document.title]));
  return {
    themes: count(results.flatMap((r) => r.themes.map((t) => t.name))).map(([name, n]) => ({ name, count: n })),
    documents: count(results.map((r) => r.document.id)).map(([id, n]) => ({ id, title: titles.get(id) ?? id, count: n })),
    levels: count(results.map((r) => r.document.level)).map(([level, n]) => ({ level, count: n })),
  };
}
