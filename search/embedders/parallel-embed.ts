// Embeds many passages with the built-in embedder on two threads: a worker takes the second half
// while this thread does the first. Used by index builds above a size where the worker's start-up
// (tsx, dictionaries, the IDF table copied over: ~0.5–1 s) is paid back, and only when a core is idle.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { PolicyGraphError } from '../../graph/errors.js';
import { BuiltinEmbedder } from './builtin-embedder.js';
import type { Embedder } from '../types.js';

/** Below this many passages one thread is faster than starting a worker. */
export const PARALLEL_EMBED_MIN = 20_000;

const WORKER = new URL('./builtin-embed-worker.mjs', import.meta.url);

/** Whether `embedPassagesInParallel` would use a second thread for `count` passages. */
export function canEmbedInParallel(embedder: Embedder, count: number, minimum = PARALLEL_EMBED_MIN): embedder is BuiltinEmbedder {
  return embedder instanceof BuiltinEmbedder && embedder.threadSpec !== null && count >= minimum && idleCore();
}

/**
 * A second thread pays only on an idle core: on the shared 2-core machine under load 2–3, 60k law
 * clauses took 10.5 s on two threads against 8.6 s on one (the worker's start-up and the IDF copy).
 */
function idleCore(): boolean {
  const cores = os.availableParallelism();
  return cores > 1 && os.loadavg()[0] < cores - 1;
}

/** Vectors of `texts` in order, half computed by a worker thread; the embedder must be fitted. */
export async function embedPassagesInParallel(embedder: BuiltinEmbedder, texts: string[], onProgress?: (done: number) => void): Promise<Float32Array[]> {
  const spec = embedder.threadSpec;
  if (!spec) throw new PolicyGraphError('CONFIG', 'this built-in embedder has its own concept matcher and cannot be copied to a worker thread');
  const half = Math.ceil(texts.length / 2);
  const worker = new Worker(WORKER, { workerData: { spec, state: embedder.exportState(), texts: texts.slice(half) } });
  const theirs = new Promise<Float32Array>((resolve, reject) => {
    worker.once('message', (message: { fingerprint: string; vectors: Float32Array }) => {
      // the worker's embedder must be the same space as ours, or the index would mix two
      if (message.fingerprint !== embedder.stateFingerprint) reject(new PolicyGraphError('INDEX_MISMATCH', 'the embedding worker built another vector space than the main thread'));
      else resolve(message.vectors);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new PolicyGraphError('CONFIG', `the embedding worker exited with code ${code} before answering`)));
  });
  theirs.catch(() => undefined); // handled below; avoids an unhandled rejection while we work
  const ours: Float32Array[] = [];
  for (let i = 0; i < half; i++) {
    ours.push(embedder.embedOne(texts[i]));
    if ((i + 1) % 10_000 === 0) onProgress?.(i + 1);
  }
  onProgress?.(half);
  const flat = await theirs.finally(() => void worker.terminate());
  const dimension = embedder.dimension;
  for (let i = 0; i < texts.length - half; i++) ours.push(flat.subarray(i * dimension, (i + 1) * dimension));
  onProgress?.(texts.length);
  return ours;
}
