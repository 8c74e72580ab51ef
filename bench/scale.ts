// Scale benchmark: ingests the shared laws corpus (../shared/corpora/laws) into a fresh data dir
// with the built-in embedder and the embedded graph store, then opens it as `serve` and the CLI
// would, and prints one table: clauses, ingest seconds, clauses/s per phase, peak RSS, bytes on
// disk per index, ready time, cold first query, warm hybrid p50/p99, add-one and delete-one.
//
//   npx tsx bench/scale.ts [--corpus DIR] [--files N] [--rounds 2]     (or: policygraph bench scale --files 500)
//
// --files N ingests an evenly spread sample of N files (the whole corpus by default).
// The phases are the pipeline's own functions called in its order (ingest/pipeline.ts runIngest:
// parse → extract → open store → buildIndexes → SIMILAR_TO → one graph write), timed one by one;
// only the failure snapshot of the indexes is left out. Prints figures; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDictionaries } from '../dictionaries/dictionaries.js';
import type { Clause } from '../graph/model.js';
import { openStore } from '../graph/open-store.js';
import { extractKnowledge } from '../ingest/extract/index.js';
import { parseCorpus } from '../ingest/parse-corpus.js';
import { runIngest } from '../ingest/pipeline.js';
import { BuiltinEmbedder } from '../search/embedders/index.js';
import { loadQueries } from '../search/eval/run-eval.js';
import { buildIndexes, indexDir, type BuildProgress } from '../search/index-store.js';
import { createSearchService } from '../search/search-service.js';
import { similarEdgesFromIndex } from '../search/similar-edges.js';
import { lawsCorpusOrExit } from './law-vectors-support.js';
import { arg, numberArg, percentile } from './search-bench-support.js';

const corpus = lawsCorpusOrExit(arg('corpus', '') || undefined);
const fileLimit = process.argv.includes('--files') ? numberArg('files', 1) : Infinity;
const rounds = numberArg('rounds', 2);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
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

const phases: { name: string; seconds: number; items: number }[] = [];
async function phase<T>(name: string, items: (result: T) => number, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await work();
  const done = { name, seconds: (performance.now() - started) / 1000, items: items(result) };
  phases.push(done);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  // as it goes, so a run cut short still tells where the time went
  process.stderr.write(`  … ${name}: ${done.seconds.toFixed(1)} s, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB\n`);
  return result;
}

const all = markdownFiles(corpus);
const step = Number.isFinite(fileLimit) ? all.length / Math.min(fileLimit, all.length) : 1;
const files = Number.isFinite(fileLimit) ? Array.from({ length: Math.min(fileLimit, all.length) }, (_, i) => all[Math.floor(i * step)]) : all;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policygraph-scale-'));
console.log(`scale: ${files.length} of ${all.length} files from ${corpus}, built-in embedder, embedded store, Node ${process.version}, ${os.cpus().length} CPU(s)`);

try {
  const ingestStarted = performance.now();
  const parsed = await phase('parse', (c) => c.batch.clauses.length, () => parseCorpus(files));
  const batch = parsed.batch;
  const clauses: Clause[] = batch.clauses;
  await phase('extract', () => clauses.length, () => extractKnowledge(batch));
  const store = await openStore({ dataDir, engine: 'embedded' });
  const embedder = new BuiltinEmbedder();
  // buildIndexes reports its phases; their boundaries split its time into embed / BM25 / HNSW / save
  const marks = new Map<BuildProgress['phase'], { first: number; last: number }>();
  const built = await phase('buildIndexes', () => clauses.length, () =>
    buildIndexes({
      dataDir,
      clauses,
      embedder,
      userWords: loadDictionaries().userWords(),
      onProgress: (p) => {
        const now = performance.now();
        const mark = marks.get(p.phase) ?? { first: now, last: now };
        mark.last = now;
        marks.set(p.phase, mark);
      },
    }),
  );
  phases.pop();
  const order: BuildProgress['phase'][] = ['fit', 'embed', 'hnsw', 'lexical', 'save'];
  const seen = order.filter((p) => marks.has(p));
  seen.forEach((p, i) => {
    const start = marks.get(p)!.first;
    const end = i + 1 < seen.length ? marks.get(seen[i + 1])!.first : marks.get(p)!.last;
    phases.push({ name: p === 'lexical' ? 'BM25' : p === 'hnsw' ? 'HNSW' : p, seconds: (end - start) / 1000, items: clauses.length });
  });
  const similar = await phase('SIMILAR_TO', () => clauses.length, () => similarEdgesFromIndex(built.vectors, clauses, clauses));
  for (const edge of similar.edges) batch.edges.push(edge);
  const written = await phase('graph write', () => clauses.length, () => store.write(batch));
  await store.close();
  const ingestSeconds = (performance.now() - ingestStarted) / 1000;

  // open as serve does (read-only store, search service without preloading), then query
  const readyStarted = performance.now();
  const readStore = await openStore({ dataDir, engine: 'embedded', readOnly: true });
  const service = await createSearchService({ dataDir, store: readStore });
  const readyMs = performance.now() - readyStarted;
  const queries = loadQueries().map((q) => q.query);
  const coldStarted = performance.now();
  await service.search({ query: '生产经营单位的安全生产责任', k: 10 });
  const coldMs = performance.now() - coldStarted;
  for (const query of queries) await service.search({ query, k: 10 }); // warm-up pass
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const query of queries) {
      const t = performance.now();
      await service.search({ query, k: 10, mode: 'hybrid' });
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  await service.close();
  await readStore.close();

  // add one document (a law file under a new name and title), then delete it again
  const extraDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policygraph-scale-add-'));
  const source = fs.readFileSync(files[0], 'utf8');
  const extraFile = path.join(extraDir, 'scale-bench-added.md');
  fs.writeFileSync(extraFile, source.replace(/^(#?\s*)(.+)$/m, '$1$2（基准测试副本）'));
  const addStarted = performance.now();
  const added = await runIngest({ paths: [extraFile], dataDir, engine: 'embedded', embedder: new BuiltinEmbedder() });
  const addSeconds = (performance.now() - addStarted) / 1000;
  fs.rmSync(extraDir, { recursive: true, force: true });
  const deleteStarted = performance.now();
  const deleteStore = await openStore({ dataDir, engine: 'embedded' });
  const remaining = await deleteStore.allClauses();
  const addedDocs = new Set(remaining.filter((c) => !clauses.some((x) => x.docId === c.docId)).map((c) => c.docId));
  for (const id of addedDocs) await deleteStore.deleteDocument(id);
  await buildIndexes({ dataDir, clauses: remaining.filter((c) => !addedDocs.has(c.docId)), embedder: new BuiltinEmbedder(), userWords: loadDictionaries().userWords() });
  await deleteStore.close();
  const deleteSeconds = (performance.now() - deleteStarted) / 1000;

  const bytes = (name: string) => {
    const file = path.join(indexDir(dataDir), name);
    return fs.existsSync(file) ? fs.statSync(file).size : 0;
  };
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  const graphBytes = fs.existsSync(path.join(dataDir, 'graph')) ? dirSize(path.join(dataDir, 'graph')) : 0;

  const rows: [string, string][] = [
    ['files / documents / clauses', `${files.length} / ${batch.documents.filter((d) => d.inCorpus).length} / ${clauses.length}`],
    ['ingest (end to end)', `${ingestSeconds.toFixed(1)} s, ${Math.round(clauses.length / ingestSeconds)} clauses/s`],
    ...phases.map((p): [string, string] => [`  ${p.name}`, `${p.seconds.toFixed(1)} s, ${p.seconds > 0 ? Math.round(p.items / p.seconds) : '∞'} clauses/s`]),
    ['SIMILAR_TO edges (refetched)', `${similar.edges.length} (${similar.refetched})`],
    ['graph written', `${written.nodes} nodes, ${written.edges} edges`],
    ['peak RSS', mb(peakRss)],
    ['vectors.hnsw / vectors.ids.bin', `${mb(bytes('vectors.hnsw'))} / ${mb(bytes('vectors.ids.bin'))}`],
    ['lexical.bin / manifest.json', `${mb(bytes('lexical.bin'))} / ${(bytes('manifest.json') / 1e3).toFixed(1)} kB`],
    ['embedder-state.json / text-hashes.bin', `${mb(bytes('embedder-state.json'))} / ${mb(bytes('text-hashes.bin'))}`],
    ['graph (embedded store)', mb(graphBytes)],
    ['ready (store + indexes + catalog)', `${(readyMs / 1000).toFixed(2)} s`],
    ['cold first query', `${coldMs.toFixed(1)} ms`],
    [`warm hybrid (${times.length} queries)`, `p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`],
    ['add one document', `${addSeconds.toFixed(1)} s (${added.clauses} clauses)`],
    ['delete one document', `${deleteSeconds.toFixed(1)} s`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('');
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

function dirSize(dir: string): number {
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(dir).reduce((sum, name) => sum + dirSize(path.join(dir, name)), 0);
}
