// Worker thread of parallel-similar.ts: opens the vector index the build just saved and runs the
// SIMILAR_TO k-NN pass for its share of the clauses, answering with the edges found.
// Plain JavaScript that registers tsx itself, so it starts the same under the CLI, tsx and vitest.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { VectorIndex } = await import('./vector-index.ts');
const { edgesThroughIndex } = await import('./similar-edges.ts');
const { dir, embedderId, askedIds, askedDocs, linkIds, linkDocs, options } = workerData;
const index = VectorIndex.load(dir, { embedderId });
const docOf = new Map(linkIds.map((id, i) => [id, linkDocs[i]]));
const asked = askedIds.map((id, i) => ({ id, docId: askedDocs[i] }));
parentPort.postMessage(edgesThroughIndex(index, asked, docOf, options));
