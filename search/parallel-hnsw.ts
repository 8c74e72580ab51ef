// Builds a large vector index on two threads: hnswlib-node inserts one point at a time on the
// thread that calls it and offers no parallel insert, so the index is split into two shards
// (vector-index.ts), one filled here and one in a worker thread (hnsw-build-worker.mjs), which
// writes its shard to a file this thread reads back. Both threads read the vectors from one
// shared matrix (row = label). Asked for neighbours, each thread then runs the bulk SIMILAR_TO
// searches on the shard it just built (shard-neighbours.ts) instead of a later pass re-reading
// the saved graphs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HierarchicalNSW as HierarchicalNSWType } from 'hnswlib-node';
import { PolicyGraphError } from '../graph/errors.js';
import { temporaryPathFor } from './atomic-file.js';
import { fillShard, mergedHits, rowOf, searchShard, type NeighbourRequest, type ShardNeighbours } from './shard-neighbours.js';
import type { FoundNeighbours } from './similar-edges.js';
import { createHnsw, readHnsw, shardFile, VectorIndex } from './vector-index.js';

/**
 * Below this many vectors one graph on one thread: the worker's start-up (~1 s) and the second
 * shard searched at query time do not pay for themselves.
 */
export const PARALLEL_HNSW_MIN = 10_000;

const WORKER = new URL('./hnsw-build-worker.mjs', import.meta.url);

/** Shards a new index of `count` vectors gets: two when there are two cores and enough vectors. */
export function shardsFor(count: number, minimum = PARALLEL_HNSW_MIN): number {
  return count >= minimum && os.availableParallelism() > 1 ? 2 : 1;
}

export interface BulkLoadOptions {
  onProgress?: (done: number) => void;
  /** The unfiltered searches (overFetch hits at ef) to run on each shard once it is built, for the ids `asks` names. */
  neighbours?: { asks: (id: string) => boolean; overFetch: number; ef: number };
  /** Called when this thread has filled its shard and starts those searches. */
  onSearching?: (asked: number) => void;
  /** Given each id's vector as a view of the shared matrix, so a caller can drop its own copy (one copy of every vector, not two). */
  onShared?: (id: string, vector: Float32Array) => void;
}

const toEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Fills the empty, sharded `index` with `ids` (their vectors from `vectorOf`): shard 0 on this
 * thread, the others in worker threads writing into `dir` meanwhile. A worker that cannot start
 * or fails costs time, not the build: its shard is then filled here. With `neighbours`, returns
 * each shard's answers to those searches (else null).
 */
export async function bulkLoadInParallel(index: VectorIndex, ids: string[], vectorOf: (id: string) => Float32Array, dir: string, options: BulkLoadOptions = {}): Promise<FoundNeighbours | null> {
  const { onProgress } = options;
  const ask = options.neighbours;
  const queryOf = new Map<string, number>();
  if (ask) ids.forEach((id) => ask.asks(id) && queryOf.set(id, queryOf.size));
  // index.search's k: at most the index's size; each shard is asked for as many
  const wanted = ask ? Math.min(Math.floor(ask.overFetch), ids.length) : 0;
  const rows = ask ? new Uint32Array(queryOf.size) : null;
  if (rows) ids.forEach((id, row) => queryOf.has(id) && (rows[queryOf.get(id)!] = row));
  const neighbours: NeighbourRequest | undefined = ask && rows?.length ? { rows, k: wanted, ef: ask.ef } : undefined;
  const dimension = index.dimension;
  const init = { dimension, M: index.M, efConstruction: index.efConstruction };
  // every vector once, shared with the workers (no copy per shard)
  const matrix = new Float32Array(new SharedArrayBuffer(ids.length * dimension * Float32Array.BYTES_PER_ELEMENT));
  ids.forEach((id, row) => matrix.set(vectorOf(id), row * dimension));
  if (options.onShared) ids.forEach((id, row) => options.onShared!(id, rowOf(matrix, row, dimension)));
  const found: ShardNeighbours[] = [];
  const inThisThread = async (shard: number, labels: Uint32Array, report?: (done: number) => void) => {
    const hnsw = createHnsw({ ...init, capacity: labels.length });
    fillShard(hnsw, matrix, labels, dimension, report);
    if (shard === 0 && neighbours) options.onSearching?.(neighbours.rows.length);
    if (neighbours) found[shard] = await searchShard(hnsw, matrix, neighbours, dimension, toEventLoop);
    return hnsw;
  };
  await index.bulkLoad(ids, async (shard, labels) => {
    if (shard === 0) {
      await toEventLoop(); // let the workers start before this thread is busy
      // shard 0 holds about 1/shards of the vectors: report its progress scaled to the whole
      return inThisThread(0, labels, onProgress && ((done) => onProgress(Math.min(ids.length, done * index.shardCount))));
    }
    const file = temporaryPathFor(path.join(dir, shardFile(shard)));
    const worker = inWorker({ init, matrix, labels, file, neighbours: neighbours ?? null });
    let hnsw: HierarchicalNSWType | null = null;
    try {
      await worker.written;
      // read on one of libuv's threads while this one searches its own shard
      hnsw = await readHnsw(file, dimension);
    } catch {
      return inThisThread(shard, labels);
    } finally {
      fs.rmSync(file, { force: true });
    }
    if (neighbours) {
      try {
        found[shard] = await worker.neighbours;
      } catch {
        found[shard] = await searchShard(hnsw, matrix, neighbours, dimension, toEventLoop);
      }
    }
    return hnsw;
  }, (i) => vectorOf(ids[i]));
  onProgress?.(ids.length);
  return ask && neighbours ? answersOf(found, queryOf, wanted, ids, ask) : null;
}

/** The shards' answers by clause id. Made outside bulkLoadInParallel so that what it returns does not keep the vector matrix alive. */
function answersOf(shards: ShardNeighbours[], queryOf: Map<string, number>, wanted: number, ids: string[], ask: { overFetch: number; ef: number }): FoundNeighbours {
  // labels are positions in `ids` (VectorIndex.bulkLoad)
  const idOf = (label: number) => ids[label];
  return { overFetch: ask.overFetch, ef: ask.ef, hitsOf: (id) => (queryOf.has(id) ? mergedHits(shards, queryOf.get(id)!, wanted, idOf) : null) };
}

interface WorkerJob {
  init: object;
  matrix: Float32Array;
  labels: Uint32Array;
  file: string;
  neighbours: NeighbourRequest | null;
}

/** A build worker: `written` once its shard is in the file, `neighbours` once its searches are done. */
function inWorker(job: WorkerJob): { written: Promise<void>; neighbours: Promise<ShardNeighbours> } {
  const worker = new Worker(WORKER, { workerData: job });
  let wrote: () => void;
  let answered: (found: ShardNeighbours) => void;
  let failed: (err: unknown) => void = () => undefined;
  const written = new Promise<void>((resolve, reject) => {
    wrote = resolve;
    failed = reject;
  });
  const neighbours = new Promise<ShardNeighbours>((resolve, reject) => {
    answered = resolve;
    const earlier = failed;
    failed = (err) => {
      earlier(err);
      reject(err);
    };
  });
  neighbours.catch(() => undefined); // awaited only when searches were asked
  worker.on('message', (message: { written?: number; neighbours?: ShardNeighbours }) => {
    if (message.written !== undefined) {
      wrote();
      if (!job.neighbours) void worker.terminate();
    }
    if (message.neighbours) {
      answered(message.neighbours);
      void worker.terminate();
    }
  });
  worker.once('error', (err) => failed(err));
  worker.once('exit', (code) => failed(new PolicyGraphError('CONFIG', `the HNSW build worker exited with code ${code} before answering`)));
  return { written, neighbours };
}
