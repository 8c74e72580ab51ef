// Worker thread of parallel-embed.ts: rebuilds the built-in embedder from its exported state and
// embeds a slice of passages into one Float32Array, transferred back without copying.
// Plain JavaScript that registers tsx itself, so it starts the same under the CLI, tsx and vitest.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { BuiltinEmbedder } = await import('./builtin-embedder.ts');
const { spec, state, texts } = workerData;
const embedder = new BuiltinEmbedder({ dimension: spec.dimension, ...(spec.concepts === 'none' ? { concepts: null } : {}) });
embedder.importState(state);
const out = new Float32Array(texts.length * spec.dimension);
for (let i = 0; i < texts.length; i++) out.set(embedder.embedOne(texts[i]), i * spec.dimension);
parentPort.postMessage({ fingerprint: embedder.stateFingerprint, vectors: out }, [out.buffer]);
