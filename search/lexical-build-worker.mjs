// Worker thread of parallel-lexical.ts: builds the BM25 index of the texts it is sent (jieba is the
// cost) and writes it to the file it is told; the main thread reads it back.
// Plain JavaScript that registers tsx itself, so it starts the same under the CLI, tsx and vitest.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { LexicalIndex } = await import('./lexical-index.ts');
const { ids, texts, userWords, file } = workerData;
const index = LexicalIndex.create({ userWords });
for (let i = 0; i < ids.length; i++) index.add(ids[i], texts[i]);
index.save(file);
parentPort.postMessage({ count: index.size });
