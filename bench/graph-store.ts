// Embedded graph store speed on the parsed seeds (or the paths given): open, first write,
// idempotent re-write, reads. Prints one line per measurement (median of --runs, default 3).
//   npx tsx bench/graph-store.ts [--runs N] [PATH...]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCorpus } from '../ingest/parse-corpus.js';
import { extractKnowledge } from '../ingest/extract/index.js';
import { EmbeddedStore } from '../graph/embedded/embedded-store.js';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
const paths = args.length ? args : ['seeds'];

const corpus = await parseCorpus(paths);
extractKnowledge(corpus.batch);
const batch = corpus.batch;
const nodes = batch.documents.length + batch.clauses.length + batch.themes.length + batch.agencies.length + batch.regions.length + batch.targets.length;
console.log(`corpus: ${batch.documents.length} documents, ${batch.clauses.length} clauses, ${nodes} nodes, ${batch.edges.length} edges`);

const samples = new Map<string, number[]>();
async function time<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  samples.set(name, [...(samples.get(name) ?? []), performance.now() - started]);
  return result;
}

for (let run = 0; run < runs; run++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-bench-graph-'));
  const store = new EmbeddedStore(path.join(dir, 'graph'));
  try {
    await time('open (create schema)', () => store.open());
    await time('write (empty store)', () => store.write(structuredClone(batch)));
    await time('write again (idempotent)', () => store.write(structuredClone(batch)));
    const clauses = await time('allClauses', () => store.allClauses());
    const ids = clauses.slice(0, 20).map((c) => c.id);
    await time('expand 20 ids', () => store.expand(ids));
    await time('expand all ids, theme filter', () => store.expand(clauses.map((c) => c.id), { theme: ['5G'] }));
    await time('listDocuments', () => store.listDocuments());
    await time('neighbourhood depth 2 of a document', () => store.neighbourhood(clauses[0].docId, 2));
    await time('exportAll', async () => {
      let n = 0;
      for await (const _ of store.exportAll()) n++;
      return n;
    });
    await store.close();
    const reopened = new EmbeddedStore(path.join(dir, 'graph'));
    await time('open (existing)', () => reopened.open());
    await reopened.close();
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, xs] of samples) console.log(`${name.padEnd(40)} ${median(xs).toFixed(1).padStart(8)} ms  (median of ${xs.length})`);
