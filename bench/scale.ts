// Scale benchmark: ingests the shared laws corpus (../shared/corpora/laws) into a fresh data dir
// with the built-in embedder and the embedded graph store through the pipeline itself (runIngest,
// each phase timed as the pipeline enters it), then opens it as `serve` and the CLI would, and
// prints one table: clauses, ingest seconds, clauses/s per phase, peak RSS, bytes on disk per
// index, vector recall@10 against exact search on the corpus's own vectors, ready time, cold CLI
// search, cold first query, warm hybrid p50/p99, add-one and delete-one.
//
//   npx tsx bench/scale.ts [--corpus DIR] [--files N] [--replicate N] [--rounds 2] [--recall-queries 200] [--graph-buffer-mb N]
//   (or: policygraph bench scale --files 500)
//
// --files N ingests an evenly spread sample of N files (the whole corpus by default).
// --replicate N ingests the (sampled) corpus N times: copy k ≥ 2 of each file has its title line
// suffixed 副本k, so each copy is a document of its own (--replicate 10 ≈ 1M clauses).
// Prints figures; asserts nothing. The RSS is this process's (the ingest runs in it; its worker
// threads share it).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bufferPoolBytes } from '../graph/embedded/buffer-pool.js';
import { openStore } from '../graph/open-store.js';
import { runIngest } from '../ingest/pipeline.js';
import { BuiltinEmbedder } from '../search/embedders/index.js';
import { readEmbedderState } from '../search/embedder-state-file.js';
import { loadQueries } from '../search/eval/run-eval.js';
import { indexDirFor } from '../search/generations.js';
import { deleteDocumentWithIndexes } from '../search/index-delete.js';
import { createSearchService } from '../search/search-service.js';
import { SPARSE_VECTORS_FILE } from '../search/sparse-vectors.js';
import { EXACT_SCAN_BUDGET, VectorIndex } from '../search/vector-index.js';
import { lawsCorpusOrExit } from './law-vectors-support.js';
import { arg, numberArg, percentile, warmHybridTimes } from './search-bench-support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = lawsCorpusOrExit(arg('corpus', '') || undefined);
const fileLimit = process.argv.includes('--files') ? numberArg('files', 1) : Infinity;
const replicate = numberArg('replicate', 1);
const rounds = numberArg('rounds', 2);
const recallQueries = numberArg('recall-queries', 200);
// LadybugDB's buffer pool for the ingest's store (default: graph/embedded/buffer-pool.ts)
const graphBufferPoolBytes = process.argv.includes('--graph-buffer-mb') ? numberArg('graph-buffer-mb', 1) * 1024 * 1024 : null;
const QUERY = '生产经营单位的安全生产责任';

let peakRss = 0;
/** The highest RSS sampled while each ingest phase ran (where the memory goes). */
const phasePeaks = new Map<string, number>();
let currentPhase: string | null = null;
const sampleRss = () => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  if (currentPhase) phasePeaks.set(currentPhase, Math.max(phasePeaks.get(currentPhase) ?? 0, rss));
};
const sampler = setInterval(sampleRss, 100);
sampler.unref();

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(full));
    else if (/\.(md|txt)$/i.test(entry.name)) out.push(full);
  }
  return out.sort();
}

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage(); // all threads of the process, workers included
  return (user + system) / 1e6;
};

/** Wall and CPU seconds spent in each pipeline phase, from the moments runIngest enters them. */
function phaseClock() {
  const marks: { name: string; at: number; cpu: number }[] = [];
  return {
    enter: (name: string) => {
      sampleRss(); // the phase before ends here
      marks.push({ name, at: performance.now(), cpu: cpuSeconds() });
      currentPhase = name;
      sampleRss();
      // native memory (hnswlib, LadybugDB, jieba) is what RSS holds beyond the JS heap and buffers
      const m = process.memoryUsage();
      const mbOf = (n: number) => (n / 1e6).toFixed(0);
      process.stderr.write(`  … ${name} (rss ${mbOf(m.rss)} MB: JS heap ${mbOf(m.heapUsed)}/${mbOf(m.heapTotal)}, buffers ${mbOf(m.arrayBuffers)}, other native ${mbOf(m.rss - m.heapTotal - m.external)})\n`);
    },
    end: () => {
      sampleRss();
      currentPhase = null;
    },
    seconds: (end: number, endCpu: number) => {
      const out = new Map<string, { wall: number; cpu: number }>();
      marks.forEach((m, i) => {
        const next = i + 1 < marks.length ? marks[i + 1] : { at: end, cpu: endCpu };
        const sum = out.get(m.name) ?? { wall: 0, cpu: 0 };
        out.set(m.name, { wall: sum.wall + (next.at - m.at) / 1000, cpu: sum.cpu + next.cpu - m.cpu });
      });
      return out;
    },
  };
}

/**
 * Copies 2..copies of `originals` in a temporary folder, each file's first non-empty line (its
 * title) suffixed 副本k: document identity (title, 文号) keeps every copy a document of its own.
 */
function replicas(originals: string[], copies: number): { files: string[]; dir: string | null } {
  if (copies <= 1) return { files: [], dir: null };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policygraph-scale-replicas-'));
  const files: string[] = [];
  for (let copy = 2; copy <= copies; copy++) {
    for (const file of originals) {
      const target = path.join(dir, String(copy), path.relative(corpus, file));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, fs.readFileSync(file, 'utf8').replace(/^(\s*#?\s*)(\S.*)$/m, `$1$2副本${copy}`));
      files.push(target);
    }
  }
  return { files, dir };
}

const all = markdownFiles(corpus);
const step = Number.isFinite(fileLimit) ? all.length / Math.min(fileLimit, all.length) : 1;
const sampled = Number.isFinite(fileLimit) ? Array.from({ length: Math.min(fileLimit, all.length) }, (_, i) => all[Math.floor(i * step)]) : all;
const copies = replicas(sampled, replicate);
const files = [...sampled, ...copies.files];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policygraph-scale-'));
console.log(
  `scale: ${sampled.length} of ${all.length} files from ${corpus}${replicate > 1 ? `, ${replicate} copies of each (${files.length} files)` : ''}, built-in embedder, embedded store (buffer pool ${(bufferPoolBytes(graphBufferPoolBytes) / 2 ** 20).toFixed(0)} MiB), Node ${process.version}, ${os.cpus().length} CPU(s), load average ${os.loadavg()[0].toFixed(1)} at start`,
);

try {
  const clock = phaseClock();
  const ingestStarted = performance.now();
  const ingestCpuStarted = cpuSeconds();
  const summary = await runIngest({ paths: files, dataDir, engine: 'embedded', graphBufferPoolBytes, embedder: new BuiltinEmbedder(), onPhase: clock.enter });
  const ingestEnd = performance.now();
  const ingestCpuEnd = cpuSeconds();
  clock.end();
  const ingestSeconds = (ingestEnd - ingestStarted) / 1000;
  const ingestCpu = ingestCpuEnd - ingestCpuStarted;
  const phaseSeconds = clock.seconds(ingestEnd, ingestCpuEnd);
  const clauses = summary.clauses;

  const store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
  const dir = await indexDirFor(dataDir, store);
  // file sizes now: the add and delete below publish new generations and remove this one
  const sizes = new Map(fs.readdirSync(dir).map((name) => [name, fs.statSync(path.join(dir, name)).size]));
  const bytes = (name: string) => sizes.get(name) ?? 0;
  const vectorFiles = [...sizes.keys()].filter((n) => n.endsWith('.hnsw')).sort();
  await store.close();
  const recall = vectorRecall(dir, recallQueries);

  // open as serve does (read-only store, search service), then query
  const readyStarted = performance.now();
  const readStore = await openStore({ dataDir, engine: 'embedded', readOnly: true });
  const service = await createSearchService({ dataDir, store: readStore, preloadContexts: true }); // as serve opens it
  const readyMs = performance.now() - readyStarted;
  const queries = loadQueries().map((q) => q.query);
  const coldStarted = performance.now();
  await service.search({ query: QUERY, k: 10 });
  const coldMs = performance.now() - coldStarted;
  const times = await warmHybridTimes(service, queries, rounds);
  await service.close();
  await readStore.close();

  // a cold CLI search: a new process that opens the store and the indexes and answers one query
  const cliStarted = performance.now();
  execFileSync(process.execPath, [path.join(ROOT, 'bin', 'policygraph.js'), 'search', QUERY, '--k', '10', '--data-dir', dataDir], { stdio: 'ignore' });
  const cliSeconds = (performance.now() - cliStarted) / 1000;

  // add one document (a law file under a new title), then delete it again as `policygraph delete` does
  const extraDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policygraph-scale-add-'));
  const extraFile = path.join(extraDir, 'scale-bench-added.md');
  fs.writeFileSync(extraFile, fs.readFileSync(files[0], 'utf8').replace(/^(#?\s*)(.+)$/m, '$1$2（基准测试副本）'));
  const addStarted = performance.now();
  const added = await runIngest({ paths: [extraFile], dataDir, engine: 'embedded', embedder: new BuiltinEmbedder() });
  const addSeconds = (performance.now() - addStarted) / 1000;
  fs.rmSync(extraDir, { recursive: true, force: true });
  const deleteStarted = performance.now();
  const deleteStore = await openStore({ dataDir, engine: 'embedded' });
  const addedDoc = (await deleteStore.listDocuments()).find((d) => d.title.includes('基准测试副本'));
  // as `policygraph delete` does: the graph, both indexes and the catalog (a new index generation)
  if (addedDoc) await deleteDocumentWithIndexes(deleteStore, dataDir, addedDoc.id);
  await deleteStore.close();
  const deleteSeconds = (performance.now() - deleteStarted) / 1000;

  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  const graphBytes = fs.existsSync(path.join(dataDir, 'graph')) ? dirSize(path.join(dataDir, 'graph')) : 0;
  const rate = (seconds: number) => (seconds > 0 ? `${Math.round(clauses / seconds)} clauses/s` : '');

  const rows: [string, string][] = [
    ['files / documents / clauses', `${files.length} / ${summary.documents} / ${clauses}`],
    ['ingest (end to end): wall · CPU (all threads)', `${ingestSeconds.toFixed(1)} s, ${rate(ingestSeconds)} · ${ingestCpu.toFixed(1)} s, ${rate(ingestCpu)} a CPU s`],
    ...[...phaseSeconds].map(([name, t]): [string, string] => [`  ${name}`, `${t.wall.toFixed(1)} s, ${rate(t.wall)} · ${t.cpu.toFixed(1)} s CPU · peak RSS ${mb(phasePeaks.get(name) ?? 0)}`]),
    ['SIMILAR_TO edges', String(summary.similarEdges)],
    ['graph written', `${summary.written.nodes} nodes, ${summary.written.edges} edges`],
    ['peak RSS', mb(peakRss)],
    [`${vectorFiles.join(' + ')} / vectors.ids.bin`, `${vectorFiles.map((n) => mb(bytes(n))).join(' + ')} / ${mb(bytes('vectors.ids.bin'))}`],
    [`${SPARSE_VECTORS_FILE} (bucket lists for exact search)`, mb(bytes(SPARSE_VECTORS_FILE))],
    ['lexical.bin / catalog.bin / manifest.json', `${mb(bytes('lexical.bin'))} / ${mb(bytes('catalog.bin'))} / ${(bytes('manifest.json') / 1e3).toFixed(1)} kB`],
    ['embedder-state.bin / text-hashes.bin', `${mb(bytes('embedder-state.bin'))} / ${mb(bytes('text-hashes.bin'))}`],
    ['graph (embedded store)', mb(graphBytes)],
    ...recall.map((r): [string, string] =>
      r.ef === null
        ? [`recall@10 vs exact, search as served (${r.queries} queries)`, `${r.recall.toFixed(3)}, ${r.ms.toFixed(2)} ms a query, ${(100 * r.exactShare).toFixed(0)} % answered exactly from the bucket lists`]
        : [`recall@10 vs exact, graphs at ef ${r.ef} (${r.queries} queries)`, `${r.recall.toFixed(3)}, ${r.ms.toFixed(2)} ms a query`],
    ),
    ['ready (store + indexes + catalog + ≤ 2 s context warm-up, as serve)', `${(readyMs / 1000).toFixed(2)} s`],
    ['cold CLI search (new process)', `${cliSeconds.toFixed(2)} s`],
    ['cold first query (in the opened service)', `${coldMs.toFixed(1)} ms`],
    [`warm hybrid (${times.length} queries)`, `p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`],
    ['add one document', `${addSeconds.toFixed(1)} s (${added.clauses} clauses)`],
    ['delete one document (graph + indexes, as policygraph delete)', `${deleteSeconds.toFixed(1)} s`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nload average at the end ${os.loadavg()[0].toFixed(1)} (a shared machine: wall times are upper bounds)`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (copies.dir) fs.rmSync(copies.dir, { recursive: true, force: true });
}

/**
 * Recall@10 of the built index against exact search over every vector it holds, for the eval
 * queries and clause vectors drawn from the index (each query's own clause excluded from both).
 */
function vectorRecall(dir: string, queryCount: number): { ef: number | null; recall: number; ms: number; queries: number; exactShare: number }[] {
  const embedder = new BuiltinEmbedder();
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  readEmbedderState(dir, manifest.embedderState.file, embedder);
  const index = VectorIndex.load(dir, { embedderId: manifest.embedderId });
  const ids = index.ids();
  const dimension = index.dimension;
  const stored = new Float32Array(ids.length * dimension);
  ids.forEach((id, i) => stored.set(index.get(id)!, i * dimension));
  const queries: { vector: Float32Array; self: number }[] = [];
  for (const q of loadQueries().slice(0, Math.floor(queryCount / 2))) queries.push({ vector: embedder.embedOne(q.query), self: -1 });
  const stride = Math.max(1, Math.floor(ids.length / (queryCount - queries.length)));
  for (let i = 0; i < ids.length && queries.length < queryCount; i += stride) queries.push({ vector: stored.slice(i * dimension, (i + 1) * dimension), self: i });
  const exact = queries.map(({ vector, self }) => {
    let norm = 0;
    for (const x of vector) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    const top: { i: number; s: number }[] = [];
    for (let i = 0; i < ids.length; i++) {
      if (i === self) continue;
      let s = 0;
      for (let d = 0, o = i * dimension; d < dimension; d++) s += vector[d] * stored[o + d];
      s /= norm;
      if (top.length === 10 && top[9].s >= s) continue;
      let at = top.findIndex((t) => t.s < s);
      if (at < 0) at = top.length;
      top.splice(at, 0, { i, s });
      if (top.length > 10) top.pop();
    }
    return new Set(top.map((t) => ids[t.i]));
  });
  // an ef asks the graphs; none is what search does (exact from the bucket lists when within EXACT_SCAN_BUDGET)
  return [64, 128, 256, undefined].map((ef) => {
    let found = 0;
    const started = performance.now();
    queries.forEach(({ vector, self }, q) => {
      const hits = index.search(vector, 11, undefined, ef).filter((h) => self < 0 || h.id !== ids[self]).slice(0, 10);
      for (const h of hits) if (exact[q].has(h.id)) found++;
    });
    const ms = (performance.now() - started) / queries.length;
    const exactShare = queries.filter(({ vector }) => (index.exactCost(vector) ?? Infinity) <= EXACT_SCAN_BUDGET).length / queries.length;
    return { ef: ef ?? null, recall: found / (queries.length * 10), ms, queries: queries.length, exactShare };
  });
}

function dirSize(dir: string): number {
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(dir).reduce((sum, name) => sum + dirSize(path.join(dir, name)), 0);
}
