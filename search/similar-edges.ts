// SIMILAR_TO {score} edges between clauses of different documents, computed at ingest from the
// clause vectors, so precedents and the graph view can follow them without a vector search.
import type { Clause, Edge } from '../graph/model.js';

export interface SimilarEdgeOptions {
  /** Neighbours kept per clause (from other documents). */
  k?: number;
  /** Cosine similarity below which no edge is made. */
  minScore?: number;
  /** Clauses with less text than this (bare headings such as 四、优化信息消费发展环境) get no edges: they match everything. */
  minChars?: number;
  /** Above this many linkable clauses, neighbours come from the HNSW index instead of exact comparison. */
  exactLimit?: number;
}

/** Up to this many linkable clauses, neighbours are found by exact comparison of every vector (the default exactLimit). */
export const EXACT_SIMILAR_LIMIT = 4000;

const DEFAULTS: Required<SimilarEdgeOptions> = { k: 5, minScore: 0.6, minChars: 20, exactLimit: EXACT_SIMILAR_LIMIT };

/** Whether a clause has text enough to link (bare headings such as 四、优化信息消费发展环境 match everything). */
export function longEnoughToLink(text: string, minChars = DEFAULTS.minChars): boolean {
  return text.replace(/\s+/g, '').length >= minChars;
}

/** Passes over at most this many clauses (an upload's) ask the index without an ef: exact where its bucket lists make that cheap. */
export const EXACT_SIMILAR_MAX = 2_000;

/**
 * Candidate list and hits asked per clause in a bulk pass. On all 102,552 law clauses (M 16 graphs,
 * 9,128 clauses' exact edges) ef 32 / 10 hits found 0.965 of the exact edges at 461 µs CPU a
 * clause, ef 24 / 8 0.961 at 385 µs, ef 16 / 10 0.948 at 319 µs; a cheap probe first (ef 16, the
 * full search only when its best hit reached 0.5) 0.959 at 396 µs.
 */
export const BULK_SIMILAR = { ef: 24, overFetch: 8 } as const;

interface Neighbour {
  index: number;
  score: number;
}

function normalized(v: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  norm = Math.sqrt(norm) || 1;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] / norm;
  return out;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function pushTopK(list: Neighbour[], item: Neighbour, k: number): void {
  if (list.length === k && list[k - 1].score >= item.score) return;
  let at = list.findIndex((n) => n.score < item.score);
  if (at < 0) at = list.length;
  list.splice(at, 0, item);
  if (list.length > k) list.pop();
}

/** The part of VectorIndex that neighbour search needs (tests may pass a fake). */
export interface NeighbourIndex {
  readonly size: number;
  search(vector: ArrayLike<number>, k: number, filter?: (id: string) => boolean, ef?: number): { id: string; score: number }[];
  get(id: string): Float32Array | null;
}

export interface IndexedSimilarOptions extends SimilarEdgeOptions {
  /** Hits fetched per clause before dropping same-document and too-short ones (default 2·k; BULK_SIMILAR.overFetch in a bulk pass). */
  overFetch?: number;
  /**
   * HNSW candidate list for these searches (default BULK_SIMILAR.ef for a bulk pass; a pass of at most
   * EXACT_SIMILAR_MAX clauses lets the index answer exactly when that is cheap). Edges need
   * cosine ≥ minScore, near duplicates that a narrow search finds: on 9,968 law clauses ef 64 /
   * 20 hits, ef 32 / 10 and ef 16 / 10 gave the same 859 edges at 4.8, 2.8 and 2.0 CPU s.
   */
  ef?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface IndexedSimilarResult {
  edges: Edge[];
  /** Clauses whose over-fetched hits were not enough and needed a second, filtered search. */
  refetched: number;
}

/**
 * SIMILAR_TO edges for `clauses` only (the new or changed ones), found through the HNSW index the
 * build just made — no second index, no all-pairs pass. `all` are every clause the index holds
 * (kept and new), to know each hit's document and whether it is long enough to link.
 *
 * Each clause asks the index for k' = overFetch hits with no filter callback (hnswlib calling
 * back into JS per visited node is what made the old pass slow) and drops same-document hits in
 * JS; only when all k' hits were usable-looking but fewer than k came from other documents does
 * it search again with the filter inside hnswlib. Small stores (≤ exactLimit clauses) compare
 * exactly instead, so the seeds get the same edges as before.
 */
export type LinkableClause = Pick<Clause, 'id' | 'docId' | 'text'>;

/** What a SIMILAR_TO pass works on: the linkable clauses' documents, the asked ones, and how to find their neighbours. */
export interface SimilarPlan {
  /** Document of every clause long enough to link. */
  docOf: Map<string, string>;
  asked: LinkableClause[];
  method: 'none' | 'exact' | 'index';
}

export function planSimilarEdges(clauses: LinkableClause[], all: LinkableClause[], options: SimilarEdgeOptions = {}): SimilarPlan {
  const opts = { ...DEFAULTS, ...options };
  const longEnough = (c: LinkableClause) => longEnoughToLink(c.text, opts.minChars);
  const docOf = new Map<string, string>();
  for (const clause of all) if (longEnough(clause)) docOf.set(clause.id, clause.docId);
  const asked = clauses.filter((c) => docOf.has(c.id));
  const method = new Set(docOf.values()).size < 2 ? 'none' : docOf.size <= opts.exactLimit ? 'exact' : 'index';
  return { docOf, asked, method };
}

export function similarEdgesFromIndex(index: NeighbourIndex, clauses: LinkableClause[], all: LinkableClause[], options: IndexedSimilarOptions = {}): IndexedSimilarResult {
  const plan = planSimilarEdges(clauses, all, options);
  if (plan.method === 'none') return { edges: [], refetched: 0 };
  if (plan.method === 'index') return edgesThroughIndex(index, plan.asked, plan.docOf, options);
  const opts = { ...DEFAULTS, ...options };
  const pairs = new EdgePairs();
  for (const { a, b, score } of exactAgainstAll(index, plan.asked, plan.docOf, opts.k, opts.minScore)) pairs.link(a, b, score);
  return { edges: pairs.edges(), refetched: 0 };
}

/** SIMILAR_TO edges keyed by their unordered pair: a pair found from both ends is one edge. */
export class EdgePairs {
  private readonly pairs = new Map<string, Edge>();

  link(a: string, b: string, score: number): void {
    const [from, to] = a < b ? [a, b] : [b, a];
    const key = `${from}\u0000${to}`;
    if (!this.pairs.has(key)) this.pairs.set(key, { type: 'SIMILAR_TO', from, to, properties: { score: Math.round(score * 1e4) / 1e4 } });
  }

  add(edges: Iterable<Edge>): void {
    for (const edge of edges) this.link(edge.from, edge.to, Number(edge.properties.score));
  }

  edges(): Edge[] {
    return [...this.pairs.values()];
  }
}

/**
 * The k-NN pass through the index for `asked` (each already known to be linkable, its document in
 * `docOf`); `vectorOf` gives a clause's vector (default: read back from the index, ~50 µs a clause
 * through hnswlib-node, which a caller holding the vectors saves).
 */
export function edgesThroughIndex(
  index: NeighbourIndex,
  asked: Pick<Clause, 'id' | 'docId'>[],
  docOf: Pick<ReadonlyMap<string, string>, 'get' | 'has'>,
  options: IndexedSimilarOptions = {},
  vectorOf: (id: string) => ArrayLike<number> | null = (id) => index.get(id),
): IndexedSimilarResult {
  const opts = { ...DEFAULTS, ...options };
  const bulk = asked.length > EXACT_SIMILAR_MAX;
  const overFetch = Math.max(opts.k, options.overFetch ?? (bulk ? BULK_SIMILAR.overFetch : opts.k * 2));
  const ef = options.ef ?? (bulk ? BULK_SIMILAR.ef : undefined);
  const pairs = new EdgePairs();
  let refetched = 0;
  asked.forEach((clause, n) => {
    const vector = vectorOf(clause.id);
    if (!vector) return;
    const docId = clause.docId;
    const hits = index.search(vector, overFetch, undefined, ef);
    let kept = 0;
    for (const hit of hits) {
      if (hit.score < opts.minScore) break;
      const other = docOf.get(hit.id);
      if (other === undefined || other === docId) continue;
      pairs.link(clause.id, hit.id, hit.score);
      if (++kept === opts.k) break;
    }
    // all k' hits were close enough but mostly from the clause's own document: ask again, filtered inside hnswlib
    const last = hits[hits.length - 1];
    if (kept < opts.k && hits.length === overFetch && last && last.score >= opts.minScore) {
      refetched++;
      for (const hit of index.search(vector, opts.k, (id) => docOf.has(id) && docOf.get(id) !== docId, ef)) {
        if (hit.score >= opts.minScore) pairs.link(clause.id, hit.id, hit.score);
      }
    }
    if (options.onProgress && (n + 1) % 5000 === 0) options.onProgress(n + 1, asked.length);
  });
  options.onProgress?.(asked.length, asked.length);
  return { edges: pairs.edges(), refetched };
}

/** Exact k nearest (other documents, cosine ≥ minScore) of each asked clause among every linkable clause. */
function exactAgainstAll(index: NeighbourIndex, asked: LinkableClause[], docOf: Map<string, string>, k: number, minScore: number) {
  const ids = [...docOf.keys()];
  const unit = new Map<string, Float32Array>();
  for (const id of ids) {
    const v = index.get(id);
    if (v) unit.set(id, normalized(v));
  }
  const out: { a: string; b: string; score: number }[] = [];
  for (const clause of asked) {
    const va = unit.get(clause.id);
    if (!va) continue;
    const top: { index: number; score: number }[] = [];
    ids.forEach((id, j) => {
      const vb = unit.get(id);
      if (!vb || docOf.get(id) === clause.docId) return;
      const score = dot(va, vb);
      if (score >= minScore) pushTopK(top, { index: j, score }, k);
    });
    for (const { index: j, score } of top) out.push({ a: clause.id, b: ids[j], score });
  }
  return out;
}
