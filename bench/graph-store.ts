// Embedded graph store speed: open, first (bulk) write, idempotent re-write, reads, incremental
// add and delete of one document. Prints one line per measurement (median of --runs, default 1
// with --replicate, else 3) and nodes/s, edges/s of the first write.
//   npx tsx bench/graph-store.ts [--runs N] [--replicate N] [--cache FILE] [PATH...]
// --replicate N writes the parsed corpus N times with changed document, clause and target ids
// (themes, agencies and regions shared), e.g. the shared laws corpus ×2 ≈ 205k clauses:
//   npx tsx bench/graph-store.ts --replicate 2 --cache /tmp/laws-batch.json ../shared/corpora/laws
// --cache keeps the parsed batch in a JSON file so later runs skip parsing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCorpus } from '../ingest/parse-corpus.js';
import { extractKnowledge } from '../ingest/extract/index.js';
import { EmbeddedStore } from '../graph/embedded/embedded-store.js';
import type { GraphBatch } from '../graph/model.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const replicate = Number(option('--replicate') ?? 1);
const runs = Number(option('--runs') ?? (replicate > 1 ? 1 : 3));
const cache = option('--cache');
const paths = args.length ? args : ['seeds'];

async function parsed(): Promise<GraphBatch> {
  if (cache && fs.existsSync(cache)) return JSON.parse(fs.readFileSync(cache, 'utf8')) as GraphBatch;
  const corpus = await parseCorpus(paths);
  extractKnowledge(corpus.batch);
  if (cache) fs.writeFileSync(cache, JSON.stringify(corpus.batch));
  return corpus.batch;
}

/** The batch N times over, copies with ids suffixed ~2, ~3 … (documents, clauses, targets). */
function replicated(batch: GraphBatch, times: number): GraphBatch {
  const out: GraphBatch = structuredClone(batch);
  const docIds = new Set(batch.documents.map((d) => d.id));
  const clauseIds = new Set(batch.clauses.map((c) => c.id));
  const targetIds = new Set(batch.targets.map((t) => t.id));
  for (let n = 2; n <= times; n++) {
    const s = (id: string) => (docIds.has(id) || clauseIds.has(id) || targetIds.has(id) ? `${id}~${n}` : id);
    // concat, not push(...): spreading 300k edges overflows the call stack
    out.documents = out.documents.concat(batch.documents.map((d) => ({ ...d, id: s(d.id), title: `${d.title}（${n}）`, docNumber: d.docNumber ? `${d.docNumber}~${n}` : null })));
    out.clauses = out.clauses.concat(batch.clauses.map((c) => ({ ...c, id: s(c.id), docId: s(c.docId), parentId: c.parentId ? s(c.parentId) : null })));
    out.targets = out.targets.concat(batch.targets.map((t) => ({ ...t, id: s(t.id) })));
    out.edges = out.edges.concat(batch.edges.map((e) => ({ ...e, from: s(e.from), to: s(e.to) })));
  }
  return out;
}

const batch = replicated(await parsed(), replicate);
const nodes = batch.documents.length + batch.clauses.length + batch.themes.length + batch.agencies.length + batch.regions.length + batch.targets.length;
console.log(`corpus: ${batch.documents.length} documents, ${batch.clauses.length} clauses, ${nodes} nodes, ${batch.edges.length} edges (before derived tree edges)`);

const samples = new Map<string, number[]>();
async function time<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  samples.set(name, [...(samples.get(name) ?? []), performance.now() - started]);
  return result;
}

/** One document of the batch as a batch of its own (its clauses, the edges they own, what they point to). */
function oneDocument(docId: string): GraphBatch {
  const clauses = batch.clauses.filter((c) => c.docId === docId);
  const owned = new Set([docId, ...clauses.map((c) => c.id)]);
  const edges = batch.edges.filter((e) => owned.has(e.from));
  const targets = new Set(edges.map((e) => e.to));
  return {
    documents: batch.documents.filter((d) => d.id === docId || (targets.has(d.id) && d.id !== docId)).map((d) => (d.id === docId ? d : { ...d, inCorpus: false })),
    clauses,
    themes: batch.themes.filter((t) => targets.has(t.id)),
    agencies: batch.agencies.filter((a) => targets.has(a.id)),
    regions: batch.regions.filter((r) => targets.has(r.name)),
    targets: batch.targets.filter((t) => targets.has(t.id)),
    edges,
  };
}

let written = { nodes: 0, edges: 0 };
for (let run = 0; run < runs; run++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-bench-graph-'));
  const store = new EmbeddedStore(path.join(dir, 'graph'));
  try {
    await time('open (create schema)', () => store.open());
    written = await time('write (empty store, bulk)', () => store.write(structuredClone(batch)));
    await store.close();
    const cold = new EmbeddedStore(path.join(dir, 'graph'));
    await time('open (existing)', () => cold.open());
    const docs = await time('listDocuments', () => cold.listDocuments());
    const sample = batch.clauses.filter((_, i) => i % Math.max(1, Math.floor(batch.clauses.length / 10)) === 0).slice(0, 10);
    await time('expand 10 ids (cold)', () => cold.expand(sample.map((c) => c.id)));
    await time('expand 10 ids (again)', () => cold.expand(sample.map((c) => c.id)));
    const biggest = docs.reduce((a, b) => (b.clauseCount > a.clauseCount ? b : a));
    const median = docs.filter((d) => d.inCorpus).sort((a, b) => a.clauseCount - b.clauseCount)[Math.floor(docs.length / 2)] ?? biggest;
    await time(`delete one document (${median.clauseCount} clauses)`, () => cold.deleteDocument(median.id));
    await time(`add one document (${median.clauseCount} clauses)`, () => cold.write(oneDocument(median.id)));
    await time(`re-write one document (${biggest.clauseCount} clauses)`, () => cold.write(oneDocument(biggest.id)));
    await time('allClauses', () => cold.allClauses());
    await time('exportAll', async () => {
      let n = 0;
      for await (const _ of cold.exportAll()) n++;
      return n;
    });
    if (replicate === 1) await time('write again (whole batch, idempotent)', () => cold.write(structuredClone(batch)));
    await cold.close();
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, xs] of samples) console.log(`${name.padEnd(44)} ${median(xs).toFixed(1).padStart(10)} ms  (median of ${xs.length})`);
const writeMs = median(samples.get('write (empty store, bulk)')!);
console.log(`first write: ${written.nodes} nodes, ${written.edges} edges: ${Math.round(written.nodes / (writeMs / 1000))} nodes/s, ${Math.round(written.edges / (writeMs / 1000))} edges/s`);
