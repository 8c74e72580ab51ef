// Builds a large vector index on two threads: hnswlib-node inserts one point at a time on the
// thread that calls it and offers no parallel insert, so the index is split into two shards
// (vector-index.ts), one filled here and one in a worker thread (hnsw-build-worker.mjs), which
// writes its shard to a file this thread reads back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { PolicyGraphError } from '../graph/errors.js';
import { temporaryPathFor } from './atomic-file.js';
import { createHnsw, fillHnsw, readHnsw, shardFile, VectorIndex } from './vector-index.js';

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

/**
 * Fills the empty, sharded `index` with `ids` (their vectors from `vectorOf`): shard 0 on this
 * thread, the others in worker threads writing into `dir` meanwhile. A worker that cannot start
 * or fails costs time, not the build: its shard is then filled here.
 */
export async function bulkLoadInParallel(index: VectorIndex, ids: string[], vectorOf: (id: string) => Float32Array, dir: string, onProgress?: (done: number) => void): Promise<void> {
  const dimension = index.dimension;
  const init = { dimension, M: index.M, efConstruction: index.efConstruction };
  const packed = (labels: Uint32Array) => {
    const flat = new Float32Array(labels.length * dimension);
    labels.forEach((label, j) => flat.set(vectorOf(ids[label]), j * dimension));
    return flat;
  };
  const inThisThread = (labels: Uint32Array, report?: (done: number) => void) => {
    const hnsw = createHnsw({ ...init, capacity: labels.length });
    fillHnsw(hnsw, packed(labels), labels, dimension, report);
    return hnsw;
  };
  await index.bulkLoad(ids, async (shard, labels) => {
    if (shard === 0) {
      await new Promise((resolve) => setImmediate(resolve)); // let the workers start before this thread is busy
      // shard 0 holds about 1/shards of the vectors: report its progress scaled to the whole
      return inThisThread(labels, onProgress && ((done) => onProgress(Math.min(ids.length, done * index.shardCount))));
    }
    const file = temporaryPathFor(path.join(dir, shardFile(shard)));
    try {
      await inWorker({ init, vectors: packed(labels), labels, file });
      return readHnsw(file, dimension);
    } catch {
      return inThisThread(labels);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }, (i) => vectorOf(ids[i]));
  onProgress?.(ids.length);
}

function inWorker(data: { init: object; vectors: Float32Array; labels: Uint32Array; file: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: data, transferList: [data.vectors.buffer as ArrayBuffer] });
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new PolicyGraphError('CONFIG', `the HNSW build worker exited with code ${code} before answering`)));
  });
}
