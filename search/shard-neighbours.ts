// The bulk SIMILAR_TO pass's searches, run by each HNSW shard's builder right after it fills its
// shard (parallel-hnsw.ts, hnsw-build-worker.mjs): every asked clause's nearest labels in that
// shard, kept in flat arrays, then merged across shards exactly as VectorIndex.search merges a
// graph search (each shard's best, stable-sorted by score). The pass then needs no second copy of
// the graphs read back from disk, and each thread searches the shard it already holds.
import type { HierarchicalNSW as HierarchicalNSWType } from 'hnswlib-node';
import type { VectorHit } from './vector-index.js';

/** Which vectors to search for and how: rows of the build's vector matrix, hits per shard, candidate list. */
export interface NeighbourRequest {
  rows: Uint32Array;
  /** Hits asked of each shard (VectorIndex.search's k, at most the shard's size). */
  k: number;
  ef: number;
}

/** One shard's answers: query q's hits are labels/distances[q·k … q·k + counts[q]), nearest first. */
export interface ShardNeighbours {
  k: number;
  counts: Uint16Array;
  labels: Uint32Array;
  distances: Float32Array;
}

/** Row `row` of a flat matrix `dimension` wide. */
export function rowOf(matrix: Float32Array, row: number, dimension: number): Float32Array {
  return matrix.subarray(row * dimension, (row + 1) * dimension);
}

/** Inserts row labels[j] of `matrix` under label labels[j], in order (a shard's labels are rows of the build's matrix). */
export function fillShard(hnsw: HierarchicalNSWType, matrix: Float32Array, labels: Uint32Array, dimension: number, onProgress?: (done: number) => void): void {
  if (hnsw.getMaxElements() < hnsw.getCurrentCount() + labels.length) hnsw.resizeIndex(hnsw.getCurrentCount() + labels.length);
  const point = new Array<number>(dimension);
  for (let j = 0; j < labels.length; j++) {
    const offset = labels[j] * dimension;
    for (let d = 0; d < dimension; d++) point[d] = matrix[offset + d];
    hnsw.addPoint(point, labels[j]);
    if (onProgress && (j + 1) % 5000 === 0) onProgress(j + 1);
  }
}

/**
 * The request's searches on one shard, as VectorIndex.search asks a graph: ef at least k, no
 * filter. A zero vector gets no hits (search returns none for it). Yields to the event loop every
 * `yieldEvery` queries when `pause` is given, so this thread can take messages meanwhile.
 */
export async function searchShard(hnsw: HierarchicalNSWType, matrix: Float32Array, request: NeighbourRequest, dimension: number, pause?: () => Promise<void>, yieldEvery = 2000): Promise<ShardNeighbours> {
  const { rows } = request;
  const k = Math.min(request.k, hnsw.getCurrentCount());
  const out: ShardNeighbours = { k, counts: new Uint16Array(rows.length), labels: new Uint32Array(rows.length * k), distances: new Float32Array(rows.length * k) };
  if (k <= 0) return out;
  hnsw.setEf(Math.max(request.ef, k));
  const query = new Array<number>(dimension);
  for (let q = 0; q < rows.length; q++) {
    const offset = rows[q] * dimension;
    let norm = 0;
    for (let d = 0; d < dimension; d++) {
      const x = matrix[offset + d];
      query[d] = x;
      norm += x * x;
    }
    if (!(norm > 0)) continue;
    const { neighbors, distances } = hnsw.searchKnn(query, k);
    out.counts[q] = neighbors.length;
    for (let i = 0; i < neighbors.length; i++) {
      out.labels[q * k + i] = neighbors[i];
      out.distances[q * k + i] = distances[i];
    }
    if (pause && (q + 1) % yieldEvery === 0) await pause();
  }
  return out;
}

/** Query q's hits over every shard, merged as VectorIndex.search merges them: shard order, stable sort by score, the first `wanted`. */
export function mergedHits(shards: ShardNeighbours[], q: number, wanted: number, idOf: (label: number) => string): VectorHit[] {
  const hits: VectorHit[] = [];
  for (const shard of shards) {
    const take = Math.min(shard.counts[q], wanted);
    for (let i = 0; i < take; i++) hits.push({ id: idOf(shard.labels[q * shard.k + i]), score: 1 - shard.distances[q * shard.k + i] });
  }
  if (shards.length > 1) hits.sort((a, b) => b.score - a.score);
  return hits.length > wanted ? hits.slice(0, wanted) : hits;
}
