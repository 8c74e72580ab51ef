// Search latency of the SearchService (query understanding → dense + BM25 + graph → RRF → graph
// join), p50/p95/p99 per mode:
//   1. on the seeds, ingested for real (policygraph ingest, built-in embedder, embedded graph store);
//   2. on a synthetic corpus of --size clauses (default 100 000) recombined from the seed sentences,
//      indexed with the built-in embedder and served from an in-memory graph.
//
//   npx tsx bench/search-latency.ts [--size 100000] [--rounds 3] [--only seeds|synthetic]
//
// Contexts are preloaded (createSearchService({preloadContexts: true}), as a server would), so the
// figures are search time, not first-read time of the graph. Prints figures; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDictionaries } from '../dictionaries/dictionaries.js';
import { clauseId, documentId } from '../graph/ids.js';
import type { Clause, Edge, GraphBatch, Level, PolicyDocument, Theme } from '../graph/model.js';
import { openStore } from '../graph/open-store.js';
import { BuiltinEmbedder } from '../search/embedders/index.js';
import { ingestIntoTemporaryDir } from '../search/eval/fresh-ingest.js';
import { loadQueries } from '../search/eval/run-eval.js';
import { buildIndexes } from '../search/index-store.js';
import { createSearchService } from '../search/search-service.js';
import type { SearchMode, SearchRequest } from '../search/types.js';
import type { SearchService } from '../search/service.js';
import { MemoryGraphStore } from '../test/support/memory-graph-store.js';
import { arg, numberArg, percentile, seededRandom } from './search-bench-support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEEDS = path.join(ROOT, 'seeds');
const size = numberArg('size', 100_000);
const rounds = numberArg('rounds', 3);
const only = arg('only', 'all');

/** The evaluation queries, plus the same queries under filters (filters run inside the searches). */
function workload(): SearchRequest[] {
  const queries = loadQueries().map((q) => q.query);
  return [
    ...queries.map((query) => ({ query, k: 10 })),
    ...queries.slice(0, 20).map((query) => ({ query, k: 10, filters: { level: ['provincial' as Level] } })),
    ...queries.slice(20, 40).map((query) => ({ query, k: 10, filters: { yearFrom: 2018 } })),
  ];
}

async function measure(label: string, service: SearchService): Promise<void> {
  const requests = workload();
  // warm-up: one untimed pass of every request in every mode (JIT, jieba, lazily decoded postings)
  for (const mode of ['hybrid', 'lexical', 'dense'] as SearchMode[]) for (const r of requests) await service.search({ ...r, mode });
  for (const mode of ['hybrid', 'lexical', 'dense'] as SearchMode[]) {
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const request of requests) {
        const started = performance.now();
        await service.search({ ...request, mode });
        times.push(performance.now() - started);
      }
    }
    times.sort((a, b) => a - b);
    const f = (p: number) => percentile(times, p).toFixed(2).padStart(7);
    console.log(`${label.padEnd(26)} ${mode.padEnd(8)} n=${String(times.length).padEnd(5)} p50 ${f(50)} ms   p95 ${f(95)} ms   p99 ${f(99)} ms`);
  }
}

async function seeds(): Promise<void> {
  const started = performance.now();
  const fresh = await ingestIntoTemporaryDir([SEEDS]);
  const store = await openStore({ dataDir: fresh.dataDir, engine: 'embedded', readOnly: true });
  try {
    const service = await createSearchService({ dataDir: fresh.dataDir, store, preloadContexts: true });
    console.log(`seeds: ${fresh.summary.clauses} clauses, ingested and opened in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await measure(`seeds (${fresh.summary.clauses} clauses)`, service);
    await service.close();
  } finally {
    await store.close();
    fresh.remove();
  }
}

/** Documents of assorted level, region and year whose clauses recombine sentences of the seeds. */
function syntheticBatch(clauseCount: number): GraphBatch {
  const random = seededRandom(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const sentences = [
    ...new Set(
      fs
        .readdirSync(SEEDS)
        .filter((f) => f.endsWith('.txt'))
        .flatMap((f) => fs.readFileSync(path.join(SEEDS, f), 'utf8').split(/(?<=[。；])|\n+/))
        .map((s) => s.replace(/\s+/g, ''))
        .filter((s) => s.length >= 10 && s.length <= 300),
    ),
  ];
  const regions = ['四川省', '安徽省', '广东省', '浙江省', '江苏省', '贵州省', '河南省', '山东省'];
  const dicts = loadDictionaries();
  const themes = new Map<string, Theme>();
  const documents: PolicyDocument[] = [];
  const clauses: Clause[] = [];
  const edges: Edge[] = [];
  const perDocument = 100;
  for (let d = 0; clauses.length < clauseCount; d++) {
    const level: Level = random() < 0.3 ? 'national' : 'provincial';
    const region = level === 'national' ? null : pick(regions);
    const year = 2015 + Math.floor(random() * 8);
    const title = `${region ?? '国务院'}关于推进信息消费的第${d + 1}号文件`;
    const doc: PolicyDocument = { id: documentId({ title, docNumber: null }), title, docNumber: null, issuers: [], region, level, year, date: null, draft: false, kind: 'policy', inCorpus: true, aliases: [], sources: [] };
    documents.push(doc);
    for (let i = 0; i < perDocument && clauses.length < clauseCount; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(sentences)).join('');
      const clause: Clause = { id: clauseId(doc.id, `${i + 1}.`), docId: doc.id, path: `${i + 1}.`, number: `${i + 1}.`, heading: null, text, ordinal: i, depth: 0, parentId: null, kind: 'paragraph', fields: null, sources: [] };
      clauses.push(clause);
      for (const match of dicts.match(text, { kinds: ['theme'] })) {
        const entity = match.entity;
        themes.set(entity.id, { id: entity.id, name: entity.name, aliases: entity.aliases, category: null });
        edges.push({ type: 'MENTIONS', from: clause.id, to: entity.id, properties: {} });
      }
    }
  }
  return { documents, clauses, themes: [...themes.values()], agencies: [], regions: [], targets: [], edges };
}

async function synthetic(): Promise<void> {
  let started = performance.now();
  const batch = syntheticBatch(size);
  console.log(`synthetic: ${batch.clauses.length} clauses in ${batch.documents.length} documents generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policygraph-bench-'));
  try {
    started = performance.now();
    const built = await buildIndexes({ dataDir, clauses: batch.clauses, embedder: new BuiltinEmbedder(), userWords: loadDictionaries().userWords() });
    const buildSeconds = (performance.now() - started) / 1000;
    console.log(`synthetic: indexes built in ${buildSeconds.toFixed(1)} s (${Math.round(batch.clauses.length / buildSeconds)} clauses/s, HNSW M=${built.manifest.hnsw.M} efConstruction=${built.manifest.hnsw.efConstruction})`);
    started = performance.now();
    const service = await createSearchService({ dataDir, store: new MemoryGraphStore(batch), preloadContexts: true });
    console.log(`synthetic: service opened in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await measure(`synthetic (${batch.clauses.length} clauses)`, service);
    await service.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`search latency, ${rounds} round(s) of the evaluation queries (70 plain, 40 filtered), k=10, Node ${process.version}, ${os.cpus().length} CPU(s)`);
if (only === 'all' || only === 'seeds') await seeds();
if (only === 'all' || only === 'synthetic') await synthetic();
