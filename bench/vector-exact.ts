// Exact search from bucket lists (search/sparse-vectors.ts) on REAL vectors: clauses of
// ../shared/corpora/laws embedded by the built-in embedder; queries are the eval sets' queries
// (search/eval/*.json, embedded as the search service embeds a query's text) and clause vectors.
// Prints each query kind's bucket count and walked entries, CPU ms a query, and agreement with
// brute force (must be 1.000), so EXACT_SCAN_BUDGET can be read against real costs.
// --graphs M/efC,… also builds those HNSW graphs (one thread each) over the same vectors and
// prints inserts per CPU s, recall@10 at ef 128/256 for the clause vectors the exact scan leaves
// to the graph (over budget), and the SIMILAR_TO pass's share of the exact neighbours (top 5,
// cosine ≥ 0.6, 10 hits asked at ef 32) — what the graph is still used for.
//   npx tsx bench/vector-exact.ts [--size 100000] [--dim 384] [--queries 200] [--rounds 3] [--graphs 32/200,32/100]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SparseVectors } from '../search/sparse-vectors.js';
import { createHnsw, EXACT_SCAN_BUDGET, fillHnsw } from '../search/vector-index.js';
import { lawVectors } from './law-vectors-support.js';
import { arg, numberArg, percentile } from './search-bench-support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const size = numberArg('size', 100_000);
const dimension = numberArg('dim', 384);
const clauseQueries = numberArg('queries', 200);
const rounds = numberArg('rounds', 3);
const graphs = arg('graphs', '')
  .split(',')
  .filter(Boolean)
  .map((spec) => {
    const [M, efConstruction] = spec.split('/').map(Number);
    if (!(M > 1 && efConstruction > 0)) throw new Error(`--graphs takes M/efConstruction pairs such as 32/200, got ${spec}`);
    return { M, efConstruction };
  });

const real = await lawVectors({ size, queryCount: clauseQueries, dimension });
const { data, count } = real;
const evalDir = path.join(ROOT, 'search', 'eval');
const evalTexts = fs
  .readdirSync(evalDir)
  .filter((f) => f.startsWith('queries') && f.endsWith('.json') && !f.includes('off-topic'))
  .flatMap((f) => (JSON.parse(fs.readFileSync(path.join(evalDir, f), 'utf8')) as { query: string }[]).map((q) => q.query));
const kinds = { 'eval queries': evalTexts.map((t) => real.embedder.embedOne(t)), 'clause vectors': real.queries };

const t0 = performance.now();
const lists = SparseVectors.build(dimension, count, (j) => data.subarray(j * dimension, (j + 1) * dimension), (j) => j);
if (!lists) throw new Error('the vectors are too dense for bucket lists');
console.log(`${count} law clauses at ${dimension}-d; bucket lists: ${lists.entries} entries (${(lists.entries / count).toFixed(1)} a clause, ${((lists.entries * 8) / 1e6).toFixed(1)} MB), built in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
console.log(`EXACT_SCAN_BUDGET ${EXACT_SCAN_BUDGET} entries`);

function bruteForce(query: Float32Array, k: number): number[] {
  const top: { j: number; s: number }[] = [];
  for (let j = 0; j < count; j++) {
    let s = 0;
    for (let d = 0, o = j * dimension; d < dimension; d++) s += query[d] * data[o + d];
    if (s === 0 || (top.length === k && top[k - 1].s >= s)) continue;
    let at = top.length;
    while (at > 0 && top[at - 1].s < s) at--;
    top.splice(at, 0, { j, s });
    if (top.length > k) top.pop();
  }
  return top.map((t) => t.j);
}

for (const [kind, queries] of Object.entries(kinds)) {
  const nonzero = queries.map((q) => q.reduce((n, x) => n + (x !== 0 ? 1 : 0), 0)).sort((a, b) => a - b);
  const costs = queries.map((q) => lists.cost(q)).sort((a, b) => a - b);
  const within = costs.filter((c) => c <= EXACT_SCAN_BUDGET).length;
  let agree = 0;
  const sample = queries.slice(0, 40);
  for (const q of sample) {
    const exact = new Set(bruteForce(q, 10));
    agree += lists.search(q, 10, () => true).filter((h) => exact.has(h.label)).length / Math.max(1, exact.size);
  }
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const started = process.cpuUsage();
      lists.search(q, 10, () => true);
      const used = process.cpuUsage(started);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  cpu.sort((a, b) => a - b);
  const entriesPerMs = costs.reduce((a, b) => a + b, 0) / queries.length / (cpu.reduce((a, b) => a + b, 0) / cpu.length);
  console.log(
    `${kind.padEnd(15)} n ${String(queries.length).padStart(4)}  buckets p50 ${percentile(nonzero, 50)} p99 ${percentile(nonzero, 99)}  ` +
      `entries p50 ${percentile(costs, 50)} p99 ${percentile(costs, 99)}  within budget ${((100 * within) / queries.length).toFixed(1)} %  ` +
      `CPU p50 ${percentile(cpu, 50).toFixed(2)} p99 ${percentile(cpu, 99).toFixed(2)} ms (${Math.round(entriesPerMs)} entries/ms)  ` +
      `agreement with brute force ${(agree / sample.length).toFixed(3)}`,
  );
}

if (graphs.length) {
  const labels = Uint32Array.from({ length: count }, (_, j) => j);
  const overBudget = real.queries.filter((q) => lists.cost(q) > EXACT_SCAN_BUDGET);
  const truth = overBudget.map((q) => new Set(bruteForce(q, 10)));
  // SIMILAR_TO asks with stored clause vectors: the first 2,000 clauses, each excluding itself
  const asked = Array.from({ length: Math.min(2000, count) }, (_, j) => j);
  const neighbours = asked.map((j) => {
    const q = data.subarray(j * dimension, (j + 1) * dimension);
    return lists.search(q, 6, (label) => label !== j).filter((h) => h.score >= 0.6).slice(0, 5).map((h) => h.label);
  });
  const wanted = neighbours.reduce((n, list) => n + list.length, 0);
  for (const { M, efConstruction } of graphs) {
    const started = process.cpuUsage();
    const hnsw = createHnsw({ dimension, M, efConstruction, capacity: count });
    fillHnsw(hnsw, data, labels, dimension);
    const used = process.cpuUsage(started);
    const buildCpu = (used.user + used.system) / 1e6;
    const recallAt = (ef: number) => {
      hnsw.setEf(ef);
      let found = 0;
      overBudget.forEach((q, i) => {
        for (const label of hnsw.searchKnn(Array.from(q), 10).neighbors) if (truth[i].has(label)) found++;
      });
      return found / Math.max(1, overBudget.length * 10);
    };
    const r128 = recallAt(128);
    const r256 = recallAt(256);
    hnsw.setEf(32);
    const similarStarted = process.cpuUsage();
    let found = 0;
    asked.forEach((j, i) => {
      const hits = hnsw.searchKnn(Array.from(data.subarray(j * dimension, (j + 1) * dimension)), 10);
      const got = new Set(hits.neighbors.filter((label, h) => label !== j && 1 - hits.distances[h] >= 0.6));
      for (const label of neighbours[i]) if (got.has(label)) found++;
    });
    const similarUsed = process.cpuUsage(similarStarted);
    console.log(
      `graph M ${M} / efC ${efConstruction}: build ${buildCpu.toFixed(1)} CPU s (${Math.round(count / buildCpu)} inserts/CPU s); ` +
        `over-budget clause queries (${overBudget.length}) recall@10 ef 128 ${r128.toFixed(3)}, ef 256 ${r256.toFixed(3)}; ` +
        `SIMILAR_TO neighbours found at ef 32 ${(found / Math.max(1, wanted)).toFixed(3)} of ${wanted} ` +
        `(${(((similarUsed.user + similarUsed.system) / 1000) / asked.length).toFixed(2)} CPU ms a clause)`,
    );
  }
}
