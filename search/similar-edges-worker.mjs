// Worker thread of parallel-similar.ts: opens the vector index the build just saved and runs the
// SIMILAR_TO k-NN pass for its share of the clauses, answering with the edges found.
// Plain JavaScript that registers tsx itself, so it starts the same under the CLI, tsx and vitest.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { VectorIndex } = await import('./vector-index.ts');
const { edgesThroughIndex } = await import('./similar-edges.ts');
const { dir, embedderId, askedIds, askedDocs, askedVectors, linkIds, linkDocs, options } = workerData;
const index = VectorIndex.load(dir, { embedderId });
const docOf = new Map(linkIds.map((id, i) => [id, linkDocs[i]]));
const asked = askedIds.map((id, i) => ({ id, docId: askedDocs[i] }));
// the vectors sent along, row i for asked clause i; else each is read back from the graphs
const rowOf = new Map(askedIds.map((id, i) => [id, i]));
const dimension = index.dimension;
const vectorOf = askedVectors
  ? (id) => askedVectors.subarray(rowOf.get(id) * dimension, (rowOf.get(id) + 1) * dimension)
  : (id) => index.get(id);
parentPort.postMessage(edgesThroughIndex(index, asked, docOf, options, vectorOf));
