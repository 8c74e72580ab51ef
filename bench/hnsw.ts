// HNSW benchmark: build time, recall@10 against exact (brute-force) search, and queries per
// second of search/vector-index.ts, next to raw hnswlib-node on the same graph as the ceiling;
// plus filtered searches (the filter runs inside hnswlib's search).
//
//   npx tsx bench/hnsw.ts [--size 100000] [--dim 512] [--data clustered|random|laws] [--queries 200]
//                         [--M 32] [--efc 200] [--ef 16,32,64,128,256] [--k 10]   (M, efc: the index defaults)
//
// --data laws: REAL vectors — clauses of ../shared/corpora/laws parsed by the ingest parser and
// embedded by the built-in embedder at --dim (synthetic clusters hide what real hashed n-gram
// vectors do to recall); queries are other clauses of the corpus.
// Synthetic vectors are seeded, so runs are comparable. Prints figures; asserts nothing.
import { createRequire } from 'node:module';
import os from 'node:os';
import { DEFAULT_HNSW, VectorIndex } from '../search/vector-index.js';
import { lawVectors } from './law-vectors-support.js';
import { arg, numberArg, seededRandom } from './search-bench-support.js';

let size = numberArg('size', 100_000);
const dim = numberArg('dim', 512);
const queryCount = numberArg('queries', 100);
const k = numberArg('k', 10);
const M = numberArg('M', DEFAULT_HNSW.M);
const efConstruction = numberArg('efc', DEFAULT_HNSW.efConstruction);
const efList = arg('ef', '16,32,64,128,256').split(',').map(Number);
const kind = arg('data', 'clustered');
if (kind !== 'clustered' && kind !== 'random' && kind !== 'laws') throw new Error('--data must be clustered, random or laws');

const random = seededRandom(42);
const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

function normalise(row: Float32Array): void {
  let norm = 0;
  for (let i = 0; i < row.length; i++) norm += row[i] * row[i];
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < row.length; i++) row[i] /= norm;
}

// Clustered data: topics (centres) with points scattered around them, closer to what sentence
// embeddings look like than uniform noise; random data is the hard case for any ANN index.
const centres = Array.from({ length: Math.max(10, Math.round(size / 100)) }, () => {
  const c = Float32Array.from({ length: dim }, gaussian);
  normalise(c);
  return c;
});
function makePoint(out: Float32Array): void {
  if (kind === 'random') {
    for (let i = 0; i < dim; i++) out[i] = gaussian();
  } else {
    const centre = centres[Math.floor(random() * centres.length)];
    const spread = 0.6 / Math.sqrt(dim);
    for (let i = 0; i < dim; i++) out[i] = centre[i] + gaussian() * spread * 1.5;
  }
  normalise(out);
}

let data: Float32Array;
let queries: Float32Array[];
if (kind === 'laws') {
  const real = await lawVectors({ size, queryCount, dimension: dim });
  ({ data, queries } = real);
  size = real.count;
  console.log(`laws corpus: ${real.parsed} clauses parsed in ${real.parseSeconds.toFixed(1)} s; ${size} sampled + ${queries.length} query clauses embedded in ${real.embedSeconds.toFixed(1)} s`);
} else {
  data = new Float32Array(size * dim);
  for (let i = 0; i < size; i++) makePoint(data.subarray(i * dim, (i + 1) * dim));
  queries = Array.from({ length: queryCount }, () => {
    const q = new Float32Array(dim);
    makePoint(q);
    return q;
  });
}
const row = (i: number) => data.subarray(i * dim, (i + 1) * dim);

/** Exact top-k by cosine (vectors are unit length, so the dot product). */
function exactTop(query: Float32Array, allowed?: (i: number) => boolean): number[] {
  const bestIds: number[] = [];
  const bestScores: number[] = [];
  for (let i = 0; i < size; i++) {
    if (allowed && !allowed(i)) continue;
    const base = i * dim;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    let d3 = 0;
    let j = 0;
    for (; j + 3 < dim; j += 4) {
      d0 += data[base + j] * query[j];
      d1 += data[base + j + 1] * query[j + 1];
      d2 += data[base + j + 2] * query[j + 2];
      d3 += data[base + j + 3] * query[j + 3];
    }
    for (; j < dim; j++) d0 += data[base + j] * query[j];
    const dot = d0 + d1 + d2 + d3;
    if (bestScores.length === k && dot <= bestScores[k - 1]) continue;
    let at = bestScores.length;
    while (at > 0 && bestScores[at - 1] < dot) at--;
    bestScores.splice(at, 0, dot);
    bestIds.splice(at, 0, i);
    if (bestScores.length > k) {
      bestScores.pop();
      bestIds.pop();
    }
  }
  return bestIds;
}

/** Wall and CPU milliseconds of `work`: on a shared machine CPU time is the steadier figure. */
function timed<T>(work: () => T): { result: T; wallMs: number; cpuMs: number } {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const result = work();
  const cpu = process.cpuUsage(cpuStart);
  return { result, wallMs: performance.now() - wallStart, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const recallOf = (found: number[][], truth: number[][]) => {
  let hit = 0;
  let total = 0;
  found.forEach((ids, q) => {
    const expected = new Set(truth[q]);
    total += expected.size;
    hit += ids.filter((id) => expected.has(id)).length;
  });
  return total ? hit / total : 1;
};

console.log(`HNSW benchmark: ${size} × ${dim}-d ${kind} vectors, M=${M}, efConstruction=${efConstruction}, k=${k}, ${queryCount} queries`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}\n`);

// Raw hnswlib-node build of the first points, same parameters, preallocated: the ceiling.
// It runs first, so it and not the wrapper pays for warming up.
const rawCompareCount = Math.min(size, 10_000);
const { HierarchicalNSW } = createRequire(import.meta.url)('hnswlib-node') as typeof import('hnswlib-node');
const raw = new HierarchicalNSW('cosine', dim);
raw.initIndex({ maxElements: rawCompareCount, m: M, efConstruction, randomSeed: 100 });
const rawRows = Array.from({ length: rawCompareCount }, (_, i) => Array.from(row(i)));
const rawBuild = timed(() => {
  for (let i = 0; i < rawCompareCount; i++) raw.addPoint(rawRows[i], i);
});

// Build through the wrapper (clause-id map, capacity growth) — the path ingest takes.
const index = VectorIndex.create({ embedderId: 'bench', dimension: dim, M, efConstruction, capacity: 1024 });
const wrapperHead = timed(() => {
  for (let i = 0; i < rawCompareCount; i++) index.upsert(`v${i}`, row(i));
});
const wrapperTail = timed(() => {
  for (let i = rawCompareCount; i < size; i++) index.upsert(`v${i}`, row(i));
});
const buildWall = wrapperHead.wallMs + wrapperTail.wallMs;
const buildCpu = wrapperHead.cpuMs + wrapperTail.cpuMs;
console.log(
  `build (wrapper): ${(buildWall / 1000).toFixed(1)} s wall, ${(buildCpu / 1000).toFixed(1)} s CPU, ` +
    `${Math.round(size / (buildCpu / 1000))} inserts per CPU second, final capacity ${index.capacity}`,
);

console.log(
  `build of the first ${rawCompareCount}: wrapper ${(wrapperHead.cpuMs / 1000).toFixed(2)} s CPU, raw hnswlib-node ${(rawBuild.cpuMs / 1000).toFixed(2)} s CPU`,
);

const exact = timed(() => queries.map((q) => exactTop(q)));
const truth = exact.result;
console.log(`exact search (JS brute force): ${(exact.cpuMs / queryCount).toFixed(1)} ms CPU per query\n`);

const native = index.native;
const nativeQueries = queries.map((q) => Array.from(q));
const idToIndex = (id: string) => Number(id.slice(1));
const qps = (ms: number) => Math.round(queryCount / (ms / 1000));

console.log('QPS per CPU second (wall-clock QPS in brackets); labels were assigned in insertion order, so raw labels are row numbers');
console.log('ef    recall@10  wrapper QPS       raw QPS           wrapper/raw');
for (const ef of efList) {
  index.efSearch = ef;
  for (const q of queries.slice(0, 20)) index.search(q, k); // warm-up
  const wrapper = timed(() => queries.map((q) => index.search(q, k).map((h) => idToIndex(h.id))));
  native.setEf(Math.max(ef, k));
  const rawRun = timed(() => nativeQueries.map((q) => native.searchKnn(q, k).neighbors));
  const cell = (t: { wallMs: number; cpuMs: number }) => `${qps(t.cpuMs)} (${qps(t.wallMs)})`.padEnd(17);
  console.log(
    `${String(ef).padEnd(5)} ${recallOf(wrapper.result, truth).toFixed(4).padEnd(10)} ${cell(wrapper)} ${cell(rawRun)} ${(rawRun.cpuMs / wrapper.cpuMs).toFixed(2)}`,
  );
}

// Filtered searches: the filter runs inside hnswlib's graph walk, so k hits come back.
index.efSearch = 64;
console.log('\nfiltered (efSearch 64): share allowed, recall@10 vs exact filtered, QPS, queries with k hits');
for (const share of [0.5, 0.1, 0.01]) {
  const step = Math.round(1 / share);
  const allowedIndex = (i: number) => i % step === 0;
  const filterTruth = queries.map((q) => exactTop(q, allowedIndex));
  const run = timed(() => queries.map((q) => index.search(q, k, (id) => allowedIndex(idToIndex(id))).map((h) => idToIndex(h.id))));
  const full = run.result.filter((ids) => ids.length === k).length;
  console.log(
    `  ${(share * 100).toFixed(0).padStart(3)}%  recall ${recallOf(run.result, filterTruth).toFixed(4)}  ${qps(run.cpuMs)} QPS/CPU-s (${qps(run.wallMs)} wall)  ${full}/${queryCount}`,
  );
}
console.log(`\nrss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
