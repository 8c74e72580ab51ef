// Candidate retrieval on Neo4j's own indexes (POLICYGRAPH_RETRIEVAL=neo4j): the vector index
// (db.index.vector.queryNodes) for the dense list and the CJK fulltext index
// (db.index.fulltext.queryNodes) for the query as typed and for each idea query understanding
// implied, fused by the same reciprocal rank fusion and graph boosts as the in-process retriever
// (fusion.ts, hybrid-retriever.ts). Nothing is read from a data dir, so any number of stateless API
// replicas can serve one database. Filters run after each index call, which is asked for more
// candidates when a filter is set so the pool still fills.
import type { IndexHit, IndexSearchPort } from '../graph/neo4j/neo4j-store.js';
import type { ClauseCatalog } from './clause-catalog.js';
import { applyBoosts, reciprocalRankFusion, type RankedList } from './fusion.js';
import { boostsFor, FUSION, graphMatches, MAX_BOOST, substancePrior, type Candidate, type RetrieveOptions } from './hybrid-retriever.js';
import type { ExpansionGroup, UnderstoodQuery } from './query-understanding.js';
import type { Tokenizer } from './tokenize.js';
import { absoluteScore, ideasHeld, similarityScaleFor, type Evidence } from './absolute-score.js';
import { QueryMass, type TermStatistics } from './query-mass.js';
import type { Embedder, MatchReason, PassageRole } from './types.js';

export interface Neo4jRetrievalDeps {
  indexes: Pick<IndexSearchPort, 'vectorSearch' | 'fulltextSearch'>;
  embedder: Embedder;
  catalog: ClauseCatalog;
  /** For the query words a lexical hit holds (highlighting). */
  tokenizer: Tokenizer;
  /** IDF for the absolute score's lexical part (catalog-term-statistics.ts). */
  statistics: TermStatistics;
}

/** How many more candidates an index call fetches when a filter will drop some, and the most it asks for. */
export const FILTERED_OVERFETCH = 8;
export const MAX_INDEX_K = 2000;

export async function retrieveOnNeo4j(deps: Neo4jRetrievalDeps, query: string, options: RetrieveOptions): Promise<Candidate[]> {
  const { mode, pool, filter, understood } = options;
  const role = options.role ?? 'query';
  const words = deps.tokenizer.queryTerms(query).words;
  if (mode === 'lexical') {
    const hits = await fulltext(deps, query, pool, filter);
    return hits.map((hit, i) => ({ id: hit.id, score: hit.score, why: { dense: null, lexical: { rank: i + 1, score: round(hit.score), terms: heldWords(deps, hit.id, words) }, graph: [] } }));
  }
  if (mode === 'dense') {
    const hits = await dense(deps, query, role, pool, filter);
    return hits.map((hit, i) => ({ id: hit.id, score: hit.score, why: { dense: { rank: i + 1, score: round(hit.score) }, lexical: null, graph: [] } }));
  }

  // as in-process: the embedder sees the query with the ideas it implies (of an English query, only them)
  const denseText = [understood.english ? '' : query, ...understood.expansions].join(' ').trim();
  const groups = understood.expansionGroups.slice(0, FUSION.maxExpansionGroups);
  const [denseHits, plain, ...expanded] = await Promise.all([
    dense(deps, denseText, role, pool, filter),
    fulltext(deps, query, pool, filter),
    ...groups.map((g) => fulltext(deps, g.terms.join(' '), pool, filter)),
  ]);
  const graph = graphMatches(deps.catalog, understood, filter, [denseHits.map((h) => h.id), plain.map((h) => h.id), ...expanded.map((l) => l.map((h) => h.id))], pool);
  const lists: RankedList[] = [
    { name: 'dense', ids: denseHits.map((h) => h.id), weight: FUSION.dense },
    { name: 'lexical', ids: plain.map((h) => h.id), weight: FUSION.lexical },
    ...expanded.map((list, i) => ({ name: `expanded${i}`, ids: list.map((h) => h.id), weight: expansionWeight(groups[i], understood) })),
    { name: 'graph', ids: graph, weight: FUSION.graph },
  ].filter((l) => l.ids.length > 0);
  const boosted = applyBoosts(
    reciprocalRankFusion(lists, FUSION.rrfK),
    (id) => [...boostsFor(deps.catalog, id, understood), ...substancePrior(deps.catalog, id)],
    MAX_BOOST,
  );

  const denseById = new Map(denseHits.map((h, i) => [h.id, { rank: i + 1, score: round(h.score) }]));
  const lexicalById = new Map<string, { rank: number; score: number }>();
  for (const list of [plain, ...expanded]) list.forEach((h, i) => lexicalById.has(h.id) || lexicalById.set(h.id, { rank: i + 1, score: round(h.score) }));
  const expansionWords = groups.flatMap((g) => g.terms);
  // the absolute score of embedded mode (absolute-score.ts), from what Neo4j returned: the vector
  // index's cosine, and the lexical part recomputed here (Lucene's scores are not comparable)
  const mass = new QueryMass(deps.statistics, query);
  const ideasSpan = mass.spannedByAll(groups.map((g) => g.surface));
  const scale = similarityScaleFor(deps.embedder.id);
  return boosted.slice(0, pool).map((c) => {
    const lexical = lexicalById.get(c.id);
    const text = deps.catalog.clause(c.id)?.text ?? '';
    const doc = deps.catalog.documentOf(c.id);
    const ideas = ideasHeld(groups, text);
    const evidence: Evidence = {
      coverage: round(mass.spanned(text)),
      ideas: ideas === null ? null : round(ideas * ideasSpan),
      cosine: denseById.get(c.id)?.score ?? null,
      namedDocument:
        c.boosts.some((b) => b.reason.startsWith('docNumber:') && doc?.docNumber === b.reason.slice('docNumber:'.length)) ||
        (options.namedDocuments?.has(doc?.id ?? '') ?? false),
    };
    return {
      id: c.id,
      score: absoluteScore(evidence, scale, understood.english),
      evidence,
      why: {
        dense: denseById.get(c.id) ?? null,
        lexical: lexical ? { ...lexical, terms: heldWords(deps, c.id, [...words, ...expansionWords]) } : null,
        graph: c.boosts.filter((b) => !b.reason.startsWith('prior:')).map((b) => parseReason(b.reason)),
      },
    };
  });
}

/** Fulltext and vector scores are not comparable across lists; only ranks are fused. Without BM25 statistics, an idea counts by where it came from. */
function expansionWeight(group: ExpansionGroup, understood: UnderstoodQuery): number {
  if (group.source === 'alias') return FUSION.expanded.alias;
  return understood.english ? FUSION.expanded.english : FUSION.expanded.indirect;
}

function indexK(pool: number, filter: ((id: string) => boolean) | undefined): number {
  return filter ? Math.min(MAX_INDEX_K, pool * FILTERED_OVERFETCH) : pool;
}

/** Vector hits with cosine scores (Neo4j reports (1 + cos) / 2), filtered, best first. */
async function dense(deps: Neo4jRetrievalDeps, text: string, role: PassageRole, pool: number, filter?: (id: string) => boolean): Promise<IndexHit[]> {
  if (!text.trim()) return [];
  const [vector] = await deps.embedder.embed([text], { as: role });
  const hits = await deps.indexes.vectorSearch(vector, indexK(pool, filter));
  return keep(hits, pool, filter).map((h) => ({ id: h.id, score: round(2 * h.score - 1) }));
}

async function fulltext(deps: Neo4jRetrievalDeps, text: string, pool: number, filter?: (id: string) => boolean): Promise<IndexHit[]> {
  if (!text.trim()) return [];
  return keep(await deps.indexes.fulltextSearch(text, indexK(pool, filter)), pool, filter);
}

/** Hits that pass the filter, at most `pool` (the graph join drops clauses deleted since). */
function keep(hits: IndexHit[], pool: number, filter?: (id: string) => boolean): IndexHit[] {
  return hits.filter((h) => !filter || filter(h.id)).slice(0, pool);
}

/** The query words a clause's text holds, for highlighting (Lucene does not say which terms matched). */
function heldWords(deps: Neo4jRetrievalDeps, id: string, words: string[]): string[] {
  const text = deps.catalog.clause(id)?.text ?? '';
  return [...new Set(words.filter((w) => text.includes(w)))];
}

function parseReason(reason: string): MatchReason['graph'][number] {
  const at = reason.indexOf(':');
  return { kind: reason.slice(0, at) as MatchReason['graph'][number]['kind'], name: reason.slice(at + 1) };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
