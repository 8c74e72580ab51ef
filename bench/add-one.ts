// Add-one benchmark: on a copy of a built data dir, adds one document (a law file of typical size
// under a new title) as `policygraph ingest <file>` does, in this process (each pipeline phase timed
// as runIngest enters it) and then once more through the CLI in a new process, then deletes one
// through the CLI — the incremental targets of issue 10 (≤ 3 s each as a CLI process).
//
//   npx tsx bench/add-one.ts --data-dir /tmp/s5/laws [--adds 2] [--file LAW.md] [--copy-to DIR] [--fill]
//
// Then opens the indexes of the generation before the adds and of the last one (the delta applied
// at load) to show what the delta costs a reader; --fill first adds copies in one ingest until the
// delta is near its bound (DELTA_MAX_CLAUSES), the most a reader ever applies.
//
// The source data dir is only read (copied first). Prints figures; asserts nothing.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../graph/open-store.js';
import { PHASE_PREFIX } from '../graph/phases.js';
import { runIngest } from '../ingest/pipeline.js';
import { DELTA_MAX_CLAUSES } from '../search/index-add.js';
import { servedCatalogOf } from '../search/index-delta.js';
import { embedderForIndex, indexDirFor, loadIndexes, readManifest } from '../search/index-lifecycle.js';
import { arg, numberArg } from './search-bench-support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = arg('data-dir', '');
if (!source || !fs.existsSync(path.join(source, 'graph'))) {
  process.stderr.write('add-one: give --data-dir of a built data dir (e.g. /tmp/s5/laws); it is copied, never written\n');
  process.exit(2);
}
const adds = numberArg('adds', 2);
const copy = arg('copy-to', path.join(os.tmpdir(), `policygraph-add-bench-${process.pid}`));
const seconds = (started: number) => (performance.now() - started) / 1000;
const CLI = path.join(ROOT, 'bin', 'policygraph.js');

fs.rmSync(copy, { recursive: true, force: true });
let started = performance.now();
fs.cpSync(source, copy, { recursive: true });
// written out before timing: the adds fsync their generation folder, whose linked files would else carry the copy's dirty pages
execFileSync('sync');
process.stdout.write(`copied ${source} to ${copy} in ${seconds(started).toFixed(1)} s (synced)\n`);

// a stored law file of median size, re-titled so each add is a new document
let store = await openStore({ dataDir: copy, engine: 'embedded', readOnly: true });
const documents = (await store.listDocuments()).filter((d) => d.inCorpus && d.clauseCount > 0 && d.sources.some((s) => /\.md$/.test(s.file)));
const clauseTotal = documents.reduce((n, d) => n + d.clauseCount, 0);
const embedder = await embedderForIndex(copy, await indexDirFor(copy, store));
await store.close();
documents.sort((a, b) => a.clauseCount - b.clauseCount || a.id.localeCompare(b.id));
const corpusRoot = path.resolve(ROOT, '..', 'shared', 'corpora', 'laws');
const givenFile = arg('file', '');
const lawFile = givenFile || findFile(corpusRoot, documents[Math.floor(documents.length * 0.9)]!.sources[0]!.file);
if (!lawFile) {
  process.stderr.write('add-one: give --file LAW.md (the stored documents\' source files are not under ../shared/corpora/laws)\n');
  process.exit(2);
}
const lawText = fs.readFileSync(lawFile, 'utf8');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'policygraph-add-one-'));
const copyOf = (n: number) => {
  const file = path.join(scratch, `add-one-${n}.md`);
  fs.writeFileSync(file, lawText.replace(/^(#?\s*)(.+)$/m, `$1$2（增量基准副本${n}）`));
  return file;
};
process.stdout.write(`${documents.length} documents, ${clauseTotal} clauses in the store; adding ${path.basename(lawFile)} under new titles\n`);

const rows: string[][] = [];
const baseOpen = await (async () => {
  const s = await openStore({ dataDir: copy, engine: 'embedded', readOnly: true });
  const dir = await indexDirFor(copy, s);
  await s.close();
  loadIndexes(copy, embedder, dir, 'on-demand'); // once for the page cache, as the reopen below
  const t = performance.now();
  const loaded = loadIndexes(copy, embedder, dir, 'on-demand');
  const loadSeconds = seconds(t);
  const c = performance.now();
  const rowCount = servedCatalogOf(dir, loaded.manifest, loaded)?.ids.length ?? 0;
  return { dir: path.basename(dir), loadSeconds, catalogSeconds: seconds(c), rows: rowCount };
})();
for (let n = 1; n <= adds; n++) {
  const marks: { name: string; at: number }[] = [];
  started = performance.now();
  const summary = await runIngest({ paths: [copyOf(n)], dataDir: copy, engine: 'embedded', embedder, onPhase: (name) => marks.push({ name, at: performance.now() }) });
  const total = seconds(started);
  const phases = marks.map((m, i) => `${m.name} ${(((marks[i + 1]?.at ?? performance.now()) - m.at) / 1000).toFixed(2)}`).join(', ');
  rows.push([`in process #${n}`, String(summary.clauses), `${total.toFixed(2)} s`, `${summary.similarEdges} SIMILAR_TO; ${phases}`]);
}

// the CLI end to end: Node, module loading, the store, the ingest, closing; phases from the
// process's own phase reports (POLICYGRAPH_REPORT_PHASES), timed as their lines arrive
const cli = async (args: string[]) => {
  const t = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, POLICYGRAPH_REPORT_PHASES: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let pending = '';
  const marks: { name: string; at: number }[] = [];
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line.startsWith(PHASE_PREFIX)) marks.push({ name: line.slice(PHASE_PREFIX.length), at: performance.now() });
  });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`policygraph ${args[0]} exited with ${code}`);
  const end = performance.now();
  const phases = [`start-up ${(((marks[0]?.at ?? end) - t) / 1000).toFixed(2)}`, ...marks.map((m, i) => `${m.name} ${(((marks[i + 1]?.at ?? end) - m.at) / 1000).toFixed(2)}`)].join(', ');
  return { wall: seconds(t), output, phases };
};
const version = await cli(['--version']);
const addCli = await cli(['ingest', copyOf(adds + 1), '--data-dir', copy, '--json']);
const addReport = JSON.parse(addCli.output.slice(addCli.output.indexOf('{'))) as { tookMs: number; clauses: number };
rows.push(['CLI add (new process)', String(addReport.clauses), `${addCli.wall.toFixed(2)} s`, `pipeline tookMs ${addReport.tookMs}; ${addCli.phases} (the last: after the last phase, incl. exit)`]);

store = await openStore({ dataDir: copy, engine: 'embedded', readOnly: true });
const added = (await store.listDocuments()).filter((d) => d.title.includes('增量基准副本'));
await store.close();
const victim = added[0]!;
const deleteCli = await cli(['delete', victim.id, '--data-dir', copy, '--json']);
const deleteReport = JSON.parse(deleteCli.output.trim().split('\n').pop()!) as { tookMs: number };
rows.push(['CLI delete (new process)', String(victim.clauseCount), `${deleteCli.wall.toFixed(2)} s`, `tookMs ${deleteReport.tookMs}; ${deleteCli.phases}`]);
rows.push(['CLI start-up alone (--version)', '', `${version.wall.toFixed(2)} s`, 'Node + the CLI module, nothing opened']);

// what a reader pays for the delta: load the indexes and the served catalog, before the adds and now
const timeLoad = async () => {
  const s = await openStore({ dataDir: copy, engine: 'embedded', readOnly: true });
  const dir = await indexDirFor(copy, s);
  await s.close();
  const t = performance.now();
  const loaded = loadIndexes(copy, embedder, dir, 'on-demand');
  const loadSeconds = seconds(t);
  const c = performance.now();
  const rows = servedCatalogOf(dir, loaded.manifest, loaded)?.ids.length ?? 0;
  return { dir: path.basename(dir), loadSeconds, catalogSeconds: seconds(c), rows, delta: loaded.delta.ids.length };
};
if (process.argv.includes('--fill')) {
  const room = DELTA_MAX_CLAUSES - (readManifest(copy, (await timeLoadDir()))?.delta?.clauses ?? 0);
  const per = rows.find((r) => r[0].startsWith('in process'))?.[1];
  const count = Math.max(0, Math.floor(room / Number(per ?? 1)) - 1);
  const files = Array.from({ length: count }, (_, i) => copyOf(100 + i));
  const t = performance.now();
  const filled = await runIngest({ paths: files, dataDir: copy, engine: 'embedded', embedder });
  rows.push([`fill: ${count} documents in one ingest`, String(filled.clauses), `${seconds(t).toFixed(2)} s`, `delta now ${readManifest(copy, await timeLoadDir())?.delta?.clauses ?? 0} clauses (bound ${DELTA_MAX_CLAUSES})`]);
}
await timeLoad(); // once for the page cache, as the base's
const reopened = await timeLoad();
rows.push([`open ${baseOpen.dir} (before the adds)`, '0', `${baseOpen.loadSeconds.toFixed(2)} s`, `loadIndexes on-demand graphs; served catalog ${baseOpen.catalogSeconds.toFixed(2)} s (${baseOpen.rows} rows)`]);
rows.push([`open ${reopened.dir} (delta applied)`, String(reopened.delta), `${reopened.loadSeconds.toFixed(2)} s`, `loadIndexes on-demand graphs; served catalog ${reopened.catalogSeconds.toFixed(2)} s (${reopened.rows} rows)`]);

const width = [32, 8, 9];
process.stdout.write(`\n${['step', 'clauses', 'wall', 'notes'].map((h, i) => h.padEnd(width[i] ?? 0)).join(' ')}\n`);
for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padEnd(width[i] ?? 0)).join(' ')}\n`);
fs.rmSync(scratch, { recursive: true, force: true });
fs.rmSync(copy, { recursive: true, force: true });

async function timeLoadDir(): Promise<string> {
  const s = await openStore({ dataDir: copy, engine: 'embedded', readOnly: true });
  try {
    return await indexDirFor(copy, s);
  } finally {
    await s.close();
  }
}

function findFile(root: string, name: string): string | null {
  if (!fs.existsSync(root)) return null;
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) {
      const found = findFile(full, name);
      if (found) return found;
    } else if (entry.name === path.basename(name)) return full;
  }
  return null;
}
