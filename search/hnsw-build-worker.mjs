// Worker thread of parallel-hnsw.ts: builds one shard of the vector index from the vectors it is
// sent and writes it to the file it is told; the main thread reads it back.
// Plain JavaScript that registers tsx itself, so it starts the same under the CLI, tsx and vitest.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { createHnsw, fillHnsw } = await import('./vector-index.ts');
const { init, vectors, labels, file } = workerData;
const hnsw = createHnsw({ ...init, capacity: labels.length });
fillHnsw(hnsw, vectors, labels, init.dimension);
hnsw.writeIndexSync(file);
parentPort.postMessage({ count: hnsw.getCurrentCount() });
