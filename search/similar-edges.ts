// SIMILAR_TO {score} edges between clauses of different documents, computed at ingest from the
// clause vectors, so precedents and the graph view can follow them without a vector search.
import type { Clause, Edge } from '../graph/model.js';
import { PolicyGraphError } from '../graph/errors.js';

export interface SimilarEdgeOptions {
  /** Neighbours kept per clause (from other documents). */
  k?: number;
  /** Cosine similarity below which no edge is made. */
  minScore?: number;
  /** Clauses with less text than this (bare headings such as 四、优化信息消费发展环境) get no edges: they match everything. */
  minChars?: number;
  /** Above this many clauses, neighbours come from an HNSW graph instead of exact comparison. */
  exactLimit?: number;
}

export type ClauseVectors = Float32Array[] | Map<string, Float32Array>;

const DEFAULTS: Required<SimilarEdgeOptions> = { k: 5, minScore: 0.6, minChars: 20, exactLimit: 4000 };

/**
 * Returns one SIMILAR_TO edge per unordered pair of clauses of different documents where either
 * clause has the other among its k nearest neighbours with cosine ≥ minScore. The edge goes from
 * the smaller id to the larger (readers should treat SIMILAR_TO as undirected); `score` is the
 * cosine rounded to 4 decimals.
 */
export async function computeSimilarEdges(clauses: Clause[], vectors: ClauseVectors, options: SimilarEdgeOptions = {}): Promise<Edge[]> {
  const opts = { ...DEFAULTS, ...options };
  const aligned = alignVectors(clauses, vectors);
  const eligible: number[] = [];
  clauses.forEach((clause, i) => {
    if (aligned[i] && clause.text.replace(/\s+/g, '').length >= opts.minChars) eligible.push(i);
  });
  const docs = eligible.map((i) => clauses[i].docId);
  if (new Set(docs).size < 2) return [];
  const unit = eligible.map((i) => normalized(aligned[i]!));
  const neighbours =
    eligible.length <= opts.exactLimit ? exactNeighbours(unit, docs, opts.k, opts.minScore) : await approximateNeighbours(unit, docs, opts.k, opts.minScore);

  const pairs = new Map<string, Edge>();
  neighbours.forEach((list, a) => {
    for (const { index: b, score } of list) {
      const [from, to] = [clauses[eligible[a]].id, clauses[eligible[b]].id].sort();
      const key = `${from}\u0000${to}`;
      if (!pairs.has(key)) pairs.set(key, { type: 'SIMILAR_TO', from, to, properties: { score: Math.round(score * 1e4) / 1e4 } });
    }
  });
  return [...pairs.values()];
}

interface Neighbour {
  index: number;
  score: number;
}

function alignVectors(clauses: Clause[], vectors: ClauseVectors): (Float32Array | undefined)[] {
  if (vectors instanceof Map) return clauses.map((c) => vectors.get(c.id));
  if (vectors.length !== clauses.length) {
    throw new PolicyGraphError('BAD_REQUEST', `computeSimilarEdges: ${clauses.length} clauses but ${vectors.length} vectors`);
  }
  return vectors;
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

function exactNeighbours(unit: Float32Array[], docs: string[], k: number, minScore: number): Neighbour[][] {
  const result: Neighbour[][] = unit.map(() => []);
  for (let a = 0; a < unit.length; a++) {
    for (let b = a + 1; b < unit.length; b++) {
      if (docs[a] === docs[b]) continue;
      const score = dot(unit[a], unit[b]);
      if (score < minScore) continue;
      pushTopK(result[a], { index: b, score }, k);
      pushTopK(result[b], { index: a, score }, k);
    }
  }
  return result;
}

function pushTopK(list: Neighbour[], item: Neighbour, k: number): void {
  if (list.length === k && list[k - 1].score >= item.score) return;
  let at = list.findIndex((n) => n.score < item.score);
  if (at < 0) at = list.length;
  list.splice(at, 0, item);
  if (list.length > k) list.pop();
}

async function approximateNeighbours(unit: Float32Array[], docs: string[], k: number, minScore: number): Promise<Neighbour[][]> {
  const { default: hnswlib } = await import('hnswlib-node');
  const dimension = unit[0].length;
  const index = new hnswlib.HierarchicalNSW('cosine', dimension);
  index.initIndex({ maxElements: unit.length, m: 16, efConstruction: 100, randomSeed: 7 });
  unit.forEach((v, i) => index.addPoint(Array.from(v), i));
  index.setEf(Math.max(64, k * 4));
  return unit.map((v, a) => {
    // the filter keeps the search inside other documents, so k neighbours come back even when the
    // clause's own document is full of near-duplicates
    const found = index.searchKnn(Array.from(v), k, (label) => docs[label] !== docs[a]);
    const list: Neighbour[] = [];
    found.neighbors.forEach((b, j) => {
      const score = 1 - found.distances[j];
      if (score >= minScore) list.push({ index: b, score });
    });
    return list;
  });
}
