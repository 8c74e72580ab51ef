// BM25 benchmark: query latency percentiles of search/lexical-index.ts on a synthetic corpus of
// clauses recombined from the seed sentences, plus build, save and load times.
//
//   npx tsx bench/lexical.ts [--size 100000] [--queries 600] [--seed-dir seeds]
//
// Queries are the evaluation queries (search/eval/queries.json) and keyword pairs drawn from the
// corpus. Prints figures; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDictionaries } from '../dictionaries/dictionaries.js';
import { LexicalIndex } from '../search/lexical-index.js';
import { arg, ms, numberArg, percentile, seededRandom } from './search-bench-support.js';

const size = numberArg('size', 100_000);
const queryCount = numberArg('queries', 600);
const seedDir = arg('seed-dir', 'seeds');
const random = seededRandom(7);
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];

// Sentences of the seed texts, the raw material of the synthetic clauses.
const sentences = [
  ...new Set(
    fs
      .readdirSync(seedDir)
      .filter((name) => name.endsWith('.txt'))
      .flatMap((name) => fs.readFileSync(path.join(seedDir, name), 'utf8').split(/[。；！？\n]+/))
      .map((s) => s.replace(/\s+/g, '').trim())
      .filter((s) => s.length >= 8 && s.length <= 400),
  ),
];

/** A clause of 1–4 seed sentences: realistic vocabulary and lengths, but (mostly) new combinations. */
function syntheticClause(): string {
  const parts = 1 + Math.floor(random() * 4);
  return Array.from({ length: parts }, () => pick(sentences)).join('。') + '。';
}

const evalQueries: string[] = (() => {
  try {
    return (JSON.parse(fs.readFileSync('search/eval/queries.json', 'utf8')) as { query: string }[]).map((q) => q.query);
  } catch {
    return [];
  }
})();

console.log(`BM25 benchmark: ${size} synthetic clauses from ${sentences.length} seed sentences, ${queryCount} queries`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}\n`);

const userWords = loadDictionaries().userWords();
let started = performance.now();
const index = LexicalIndex.create({ userWords });
const tokenizerMs = performance.now() - started;
const clauses: string[] = [];
started = performance.now();
for (let i = 0; i < size; i++) {
  const text = syntheticClause();
  clauses.push(text);
  index.add(`c${i}`, text);
}
const buildMs = performance.now() - started;
console.log(`tokenizer load (jieba + ${userWords.length} user words): ${ms(tokenizerMs)}`);
console.log(`build: ${(buildMs / 1000).toFixed(1)} s (${Math.round(size / (buildMs / 1000))} clauses/s)`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-bench-lexical-'));
const file = path.join(dir, 'lexical.bin');
started = performance.now();
index.save(file);
const saveMs = performance.now() - started;
started = performance.now();
const loaded = LexicalIndex.load(file);
const loadMs = performance.now() - started;
console.log(`save: ${ms(saveMs)}, ${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MB; load: ${ms(loadMs)}`);

// Keyword queries: two words from one clause, the way people type them.
const keywordQueries = Array.from({ length: 200 }, () => {
  const words = loaded.analyze(pick(clauses)).words.filter((w) => w.length >= 2);
  return words.length >= 2 ? `${pick(words)} ${pick(words)}` : pick(words) ?? '信息消费';
});
const queryPool = [...evalQueries, ...keywordQueries];
const queries = Array.from({ length: queryCount }, (_, i) => queryPool[i % queryPool.length]);

/**
 * Latency percentiles of `run` over the query set, by wall clock and by process CPU time: on a
 * shared machine the CPU figures are the steadier ones.
 */
function timeQueries(label: string, run: (query: string) => unknown): void {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const query of queries) {
    const cpuStart = process.cpuUsage();
    const t = performance.now();
    run(query);
    wall.push(performance.now() - t);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const line = (values: number[]) => {
    values.sort((a, b) => a - b);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    return `p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  p99 ${ms(percentile(values, 99))}  mean ${ms(mean)}`;
  };
  console.log(`${label.padEnd(30)} wall ${line(wall)}`);
  console.log(`${''.padEnd(30)} CPU  ${line(cpu)}`);
}

// The first pass over the loaded index also decodes the posting lists it touches.
timeQueries('first pass after load (k=10)', (q) => loaded.search(q, 10));
timeQueries('warm (k=10)', (q) => loaded.search(q, 10));
timeQueries('warm (k=100)', (q) => loaded.search(q, 100));
const allowed = (id: string) => Number(id.slice(1)) % 10 === 0;
timeQueries('filter passing 10% (k=10)', (q) => loaded.search(q, 10, allowed));
console.log(`\nrss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
fs.rmSync(dir, { recursive: true, force: true });
