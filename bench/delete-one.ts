// Delete-one benchmark: on a copy of a built data dir, deletes documents one after another as
// `policygraph delete` does (graph + both indexes + catalog: search/index-delete.ts), in this
// process and once through the CLI in a new process, then opens the indexes of the generation
// before the deletions and of the last one (tombstones applied at load) to show what the
// tombstones cost a reader.
//
//   npx tsx bench/delete-one.ts --data-dir /tmp/laws-100k [--deletes 3] [--copy-to DIR]
//
// The source data dir is only read (copied first). Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddedStore } from '../graph/embedded/embedded-store.js';
import { readCatalog } from '../search/catalog-columns.js';
import { deleteDocumentWithIndexes } from '../search/index-delete.js';
import { embedderForIndex, indexDirFor } from '../search/index-lifecycle.js';
import { loadIndexes } from '../search/index-store.js';
import { catalogWithout } from '../search/tombstones.js';
import { arg, numberArg } from './search-bench-support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = arg('data-dir', '');
if (!source || !fs.existsSync(path.join(source, 'graph'))) {
  process.stderr.write('delete-one: give --data-dir of a built data dir (e.g. /tmp/laws-100k); it is copied, never written\n');
  process.exit(2);
}
const deletes = numberArg('deletes', 3);
const copy = arg('copy-to', path.join(os.tmpdir(), `policygraph-delete-bench-${process.pid}`));

const seconds = (started: number) => (performance.now() - started) / 1000;

fs.rmSync(copy, { recursive: true, force: true });
let started = performance.now();
fs.cpSync(source, copy, { recursive: true });
// written out before timing: a deletion fsyncs its generation folder, whose linked files would else carry the copy's dirty pages
execFileSync('sync');
process.stdout.write(`copied ${source} to ${copy} in ${seconds(started).toFixed(1)} s (synced)\n`);

const open = async (readOnly: boolean) => {
  const store = new EmbeddedStore(path.join(copy, 'graph'), { readOnly });
  await store.open();
  return store;
};

// documents of typical size, spread over the store (the largest would measure the graph, not the index)
let store = await open(true);
const documents = (await store.listDocuments()).filter((d) => d.inCorpus && d.clauseCount > 0).sort((a, b) => a.clauseCount - b.clauseCount || a.id.localeCompare(b.id));
const firstDir = await indexDirFor(copy, store);
const clauseTotal = documents.reduce((n, d) => n + d.clauseCount, 0);
await store.close();
const picks = Array.from({ length: deletes + 1 }, (_, i) => documents[Math.floor(((i + 1) * documents.length) / (deletes + 2))]);
process.stdout.write(`${documents.length} documents, ${clauseTotal} clauses; deleting ${picks.length} of median-ish size (machine shared with other engineers: wall times are upper bounds)\n`);

// what a reader pays for tombstones: load the indexes and filter the catalog, before the deletions and after
const embedder = await embedderForIndex(copy, firstDir);
const timeLoad = (dir: string) => {
  const t = performance.now();
  const loaded = loadIndexes(copy, embedder, dir);
  const loadSeconds = seconds(t);
  const c = performance.now();
  const columns = readCatalog(dir, loaded.manifest.generation);
  const filtered = columns && catalogWithout(columns, loaded.tombstones);
  return { loadSeconds, catalogSeconds: seconds(c), clauses: loaded.lexical.size, rows: filtered?.ids.length ?? 0, tombstones: loaded.tombstones.clauseIds.length };
};
const before = timeLoad(firstDir);

const rows: string[][] = [];
for (const doc of picks.slice(0, deletes)) {
  started = performance.now();
  store = await open(false);
  const opened = seconds(started);
  const result = await deleteDocumentWithIndexes(store, copy, doc.id);
  await store.close();
  rows.push([`in process: ${doc.title.slice(0, 24)}`, String(doc.clauseCount), `${seconds(started).toFixed(2)} s`, `open ${opened.toFixed(2)} s, gen-${result.generation}, ${result.clausesRemoved} clauses out of the indexes`]);
}
// the CLI end to end: Node, tsx, opening the store, the deletion, closing
const last = picks[deletes];
started = performance.now();
const output = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'policygraph.js'), 'delete', last.id, '--data-dir', copy, '--json'], { encoding: 'utf8' });
const reported = JSON.parse(output.trim().split('\n').pop()!) as { tookMs: number };
rows.push([`CLI (new process): ${last.title.slice(0, 24)}`, String(last.clauseCount), `${seconds(started).toFixed(2)} s`, `the command's own tookMs ${reported.tookMs} ms`]);

store = await open(true);
const lastDir = await indexDirFor(copy, store);
await store.close();
const after = timeLoad(lastDir);

const width = [44, 8, 9];
process.stdout.write(`\n${['deletion', 'clauses', 'wall', 'notes'].map((h, i) => h.padEnd(width[i] ?? 0)).join(' ')}\n`);
for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padEnd(width[i] ?? 0)).join(' ')}\n`);
process.stdout.write(
  `\nload indexes ${path.basename(firstDir)}: ${before.loadSeconds.toFixed(2)} s (${before.clauses} clauses), catalog ${before.catalogSeconds.toFixed(2)} s\n` +
    `load indexes ${path.basename(lastDir)}: ${after.loadSeconds.toFixed(2)} s (${after.clauses} clauses, ${after.tombstones} tombstones applied), catalog with tombstones ${after.catalogSeconds.toFixed(2)} s (${after.rows} rows)\n`,
);
fs.rmSync(copy, { recursive: true, force: true });
