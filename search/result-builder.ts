// Joins retrieval candidates with the graph (GraphStore.expand: document, 文号, path, themes,
// agencies with roles, targets) and shapes them into SearchResults with citations and highlights.
import type { PolicyDocument } from '../graph/model.js';
import type { ClauseContext, ClauseFilters, GraphStore } from '../graph/store.js';
import type { ClauseFacts } from './catalog-columns.js';
import type { ClauseCatalog } from './clause-catalog.js';
import { PolicyGraphError } from '../graph/errors.js';
import { citationOf } from '../graph/ids.js';
import { highlightFragments } from './highlight.js';
import type { Candidate } from './hybrid-retriever.js';
import type { UnderstoodQuery } from './query-understanding.js';
import type { SearchResponse, SearchResult } from './types.js';

export interface JoinedResult {
  result: SearchResult;
  context: ClauseContext;
}

/** Contexts kept by default: ~2-4 KB each, so tens of MB; a page of results is expanded in one query when missing. */
export const DEFAULT_CONTEXT_CACHE = 20_000;

/**
 * Clause contexts already read from the graph, least recently used evicted first. A context does
 * not depend on the filters, and the graph does not change under an open search service (the
 * server reopens it after an ingest), so a clause is expanded again only after eviction. Nothing
 * is read up front: start-up must not grow with the graph (issue 10: preloading 232k contexts took
 * 534 s), and one GraphStore.expand of a result page is a handful of index lookups.
 */
export class ContextCache {
  private readonly contexts = new Map<string, ClauseContext>();
  readonly capacity: number;

  constructor(
    private readonly store: GraphStore,
    capacity = DEFAULT_CONTEXT_CACHE,
  ) {
    if (!Number.isSafeInteger(capacity) || capacity < 0) {
      throw new PolicyGraphError('BAD_REQUEST', `the context cache size must be a whole number ≥ 0 (got ${capacity})`);
    }
    this.capacity = capacity;
  }

  get size(): number {
    return this.contexts.size;
  }

  /**
   * Warms the cache for a server: contexts of `ids`, a chunk per GraphStore.expand, until the cache
   * is full or `budgetMs` has passed. A small corpus ends up wholly in memory (no search waits for
   * the graph); a large one pays a bounded start and reads the rest on demand.
   */
  async warm(ids: Iterable<string>, budgetMs: number, chunk = 500): Promise<void> {
    const deadline = performance.now() + budgetMs;
    let batch: string[] = [];
    for (const id of ids) {
      if (this.contexts.size + batch.length >= this.capacity || performance.now() > deadline) break;
      batch.push(id);
      if (batch.length < chunk) continue;
      for (const context of await this.store.expand(batch)) this.touch(context.clause.id, context);
      batch = [];
    }
    if (batch.length && performance.now() <= deadline) for (const context of await this.store.expand(batch)) this.touch(context.clause.id, context);
  }

  /**
   * Contexts of `ids` that pass `filters`: cached ones directly (the caller's retrieval applied
   * the same filters through the clause catalog), the rest in one GraphStore.expand round trip.
   */
  async get(ids: string[], filters: ClauseFilters | undefined): Promise<Map<string, ClauseContext>> {
    const found = new Map<string, ClauseContext>();
    const missing: string[] = [];
    for (const id of ids) {
      const context = this.contexts.get(id);
      if (context) {
        found.set(id, context);
        this.touch(id, context);
      } else missing.push(id);
    }
    if (missing.length) {
      for (const context of await this.store.expand(missing, filters)) {
        found.set(context.clause.id, context);
        this.touch(context.clause.id, context);
      }
    }
    return found;
  }

  /** Marks a context most recently used (a Map keeps insertion order: re-inserting moves it last). */
  private touch(id: string, context: ClauseContext): void {
    if (this.capacity === 0) return;
    this.contexts.delete(id);
    this.contexts.set(id, context);
    while (this.contexts.size > this.capacity) this.contexts.delete(this.contexts.keys().next().value as string);
  }
}

/**
 * Joins the candidates (best first) with their graph context and keeps their order; at most `k`.
 * Expands k at a time, so a candidate the graph no longer holds is replaced by the next one.
 */
export async function joinWithGraph(
  cache: ContextCache,
  candidates: Candidate[],
  k: number,
  filters: ClauseFilters | undefined,
  highlightTerms: (candidate: Candidate) => string[],
): Promise<JoinedResult[]> {
  const joined: JoinedResult[] = [];
  for (let start = 0; start < candidates.length && joined.length < k; ) {
    const batch = candidates.slice(start, start + (k - joined.length) + 2);
    start += batch.length;
    const contexts = await cache.get(
      batch.map((c) => c.id),
      filters,
    );
    for (const candidate of batch) {
      const context = contexts.get(candidate.id);
      if (!context) continue; // deleted since the index was built, or outside the filters
      joined.push({ context, result: toResult(candidate, context, highlightTerms(candidate)) });
      if (joined.length === k) break;
    }
  }
  return joined;
}

/**
 * The candidates (best first) as results built from the catalog alone: its text, path and document,
 * and the facts ingest stored with each row (heading, themes, agencies with roles, targets, in the
 * graph join's order). At most `k`; a candidate the catalog does not hold (deleted) is skipped, as
 * the graph join skips it. Only for a catalog with facts and a search without filters (the graph's
 * filters know more than the catalog: APPLIES_TO regions).
 */
export function resultsFromCatalog(catalog: ClauseCatalog, candidates: Candidate[], k: number, highlightTerms: (candidate: Candidate) => string[]): SearchResult[] {
  const results: SearchResult[] = [];
  for (const candidate of candidates) {
    if (results.length === k) break;
    const clause = catalog.clause(candidate.id);
    const document = catalog.documentOf(candidate.id);
    const facts = catalog.facts(candidate.id);
    if (!clause || !document || !facts) continue;
    results.push(shapeResult(candidate, { ...clause, heading: facts.heading }, document, facts, highlightTerms(candidate)));
  }
  return results;
}

export function toResult(candidate: Candidate, context: ClauseContext, terms: string[]): SearchResult {
  const facts: ClauseFacts = {
    heading: context.clause.heading,
    themes: context.themes,
    agencies: context.agencies.map((a) => ({ id: a.agency.id, name: a.agency.name, role: a.role, deadline: a.deadline })),
    targets: context.targets,
  };
  return shapeResult(candidate, context.clause, context.document, facts, terms);
}

function shapeResult(candidate: Candidate, clause: { id: string; text: string; path: string; heading: string | null }, document: PolicyDocument, facts: ClauseFacts, terms: string[]): SearchResult {
  return {
    clause: { id: clause.id, text: clause.text, path: clause.path, heading: clause.heading },
    document: {
      id: document.id,
      title: document.title,
      docNumber: document.docNumber,
      level: document.level,
      region: document.region,
      year: document.year,
      date: document.date ?? null,
      docType: document.docType ?? null,
    },
    citation: citationOf(document, clause.path),
    score: candidate.score,
    why: candidate.why,
    themes: facts.themes.map((t) => ({ id: t.id, name: t.name })),
    agencies: facts.agencies.map((a) => ({ id: a.id, name: a.name, role: a.role, deadline: a.deadline })),
    targets: facts.targets.map((t) => ({ id: t.id, metric: t.metric, value: t.value, year: t.year })),
    highlights: highlightFragments(clause.text, terms),
    alsoIn: [],
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
