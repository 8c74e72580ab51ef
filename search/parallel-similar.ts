// The SIMILAR_TO pass on two threads: this thread asks the index for the first half of the
// clauses while a worker (similar-edges-worker.mjs), which opens the same saved index files,
// asks for the second half. Below PARALLEL_SIMILAR_MIN clauses, or should the worker fail, all
// of it runs here.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { PolicyGraphError } from '../graph/errors.js';
import { EdgePairs, edgesThroughIndex, planSimilarEdges, similarEdgesFromIndex, type IndexedSimilarOptions, type IndexedSimilarResult, type LinkableClause } from './similar-edges.js';
import type { VectorIndex } from './vector-index.js';

/** Below this many clauses to link, the worker's start-up and its copy of the index cost more than they save. */
export const PARALLEL_SIMILAR_MIN = 10_000;

const WORKER = new URL('./similar-edges-worker.mjs', import.meta.url);

/**
 * SIMILAR_TO edges for `clauses` through `index`, which is saved in `dir` (the worker opens it
 * from there); the same edges as similarEdgesFromIndex. `vectors`, when the caller holds them
 * (the build's computed vectors), spare reading each one back from hnswlib; the worker is sent its share.
 */
export async function similarEdgesInParallel(
  index: VectorIndex,
  dir: string,
  clauses: LinkableClause[],
  all: LinkableClause[],
  options: Omit<IndexedSimilarOptions, 'onProgress'> = {},
  minimum = PARALLEL_SIMILAR_MIN,
  vectors: ReadonlyMap<string, Float32Array> = new Map(),
): Promise<IndexedSimilarResult> {
  const plan = planSimilarEdges(clauses, all, options);
  if (plan.method !== 'index' || plan.asked.length < minimum || os.availableParallelism() < 2) {
    return similarEdgesFromIndex(index, clauses, all, options);
  }
  const half = Math.ceil(plan.asked.length / 2);
  const theirs = plan.asked.slice(half);
  const linkIds = [...plan.docOf.keys()];
  const vectorOf = (id: string) => vectors.get(id) ?? index.get(id);
  // their share's vectors, one flat buffer moved to the worker (it would read each back from its graphs)
  const theirVectors = theirs.every((c) => vectors.has(c.id)) ? new Float32Array(theirs.length * index.dimension) : null;
  theirs.forEach((c, i) => theirVectors?.set(vectors.get(c.id)!, i * index.dimension));
  const worker = new Worker(WORKER, {
    workerData: {
      dir,
      embedderId: index.embedderId,
      askedIds: theirs.map((c) => c.id),
      askedDocs: theirs.map((c) => c.docId),
      askedVectors: theirVectors,
      linkIds,
      linkDocs: linkIds.map((id) => plan.docOf.get(id)),
      options,
    },
    transferList: theirVectors ? [theirVectors.buffer as ArrayBuffer] : [],
  });
  const answer = new Promise<IndexedSimilarResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new PolicyGraphError('CONFIG', `the SIMILAR_TO worker exited with code ${code} before answering`)));
  });
  answer.catch(() => undefined); // awaited below; no unhandled rejection while this thread works
  await new Promise((resolve) => setImmediate(resolve)); // let the worker start before this thread is busy
  const ours = edgesThroughIndex(index, plan.asked.slice(0, half), plan.docOf, options, vectorOf);
  let second: IndexedSimilarResult;
  try {
    second = await answer;
  } catch {
    second = edgesThroughIndex(index, theirs, plan.docOf, options, vectorOf);
  } finally {
    void worker.terminate();
  }
  const pairs = new EdgePairs();
  pairs.add(ours.edges);
  pairs.add(second.edges);
  return { edges: pairs.edges(), refetched: ours.refetched + second.refetched };
}
