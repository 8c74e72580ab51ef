// Worker thread of parallel-hnsw.ts: builds one shard of the vector index from the build's vector
// matrix (shared, label = row) and writes it to the file it is told, which the main thread reads
// back; then, when asked, runs the bulk SIMILAR_TO searches on that shard (shard-neighbours.ts).
// Plain JavaScript that registers tsx itself, so it starts the same under the CLI, tsx and vitest.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { createHnsw } = await import('./vector-index.ts');
const { fillShard, searchShard } = await import('./shard-neighbours.ts');
const { init, matrix, labels, file, neighbours } = workerData;
const hnsw = createHnsw({ ...init, capacity: labels.length });
fillShard(hnsw, matrix, labels, init.dimension);
hnsw.writeIndexSync(file);
parentPort.postMessage({ written: hnsw.getCurrentCount() });
if (neighbours) {
  const found = await searchShard(hnsw, matrix, neighbours, init.dimension);
  parentPort.postMessage({ neighbours: found }, [found.counts.buffer, found.labels.buffer, found.distances.buffer]);
}
