// Open-side benchmark on an existing data dir (the scale table's ready / cold / warm rows without
// the ingest): Node and CLI start-up, a cold CLI search in new processes (wall and CPU seconds; the
// CLI runs its transpiled copy of the sources, bin/source-cache.js, and once through tsx to compare),
// the service opened as `serve` opens it (ready, and when its HNSW graphs are in), the first query,
// novel queries (the laws eval queries, each asked once: contexts not cached yet) and warm hybrid
// p50/p99 (the seed eval queries after a warm-up pass, as bench/scale.ts measures them).
//
//   npx tsx bench/cold-start.ts --data-dir DIR [--cli-runs 3] [--rounds 2]
//
// Prints figures; asserts nothing. Run it under `flock /tmp/pg-bench.lock` on a shared machine.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../graph/open-store.js';
import { loadQueries } from '../search/eval/run-eval.js';
import { createSearchService } from '../search/search-service.js';
import { arg, numberArg, percentile, warmHybridTimes } from './search-bench-support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'policygraph.js');
const QUERY = '生产经营单位的安全生产责任';
const dataDir = arg('data-dir', '');
if (!dataDir || !fs.existsSync(path.join(dataDir, 'graph'))) {
  console.error('bench/cold-start.ts: give --data-dir DIR, a data dir with a graph and an index (policygraph ingest … --data-dir DIR)');
  process.exit(2);
}
const cliRuns = numberArg('cli-runs', 3);
const rounds = numberArg('rounds', 2);

/** Wall seconds of a new process running `args`, and its CPU seconds (user + system) when /usr/bin/time is there. */
function timedWithCpu(args: string[], env: NodeJS.ProcessEnv = process.env): { wall: number; cpu: number } {
  const withTime = fs.existsSync('/usr/bin/time');
  const out = path.join(os.tmpdir(), `pg-cold-start-time-${process.pid}`);
  const started = performance.now();
  if (withTime) execFileSync('/usr/bin/time', ['-f', '%U %S', '-o', out, process.execPath, ...args], { stdio: 'ignore', env });
  else execFileSync(process.execPath, args, { stdio: 'ignore', env });
  const wall = (performance.now() - started) / 1000;
  if (!withTime) return { wall, cpu: NaN };
  const [user, system] = fs.readFileSync(out, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  fs.rmSync(out, { force: true });
  return { wall, cpu: user + system };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function runs(label: string, args: string[], env?: NodeJS.ProcessEnv): [string, string] {
  const taken = Array.from({ length: cliRuns }, () => timedWithCpu(args, env));
  const wall = median(taken.map((t) => t.wall));
  const cpu = median(taken.map((t) => t.cpu));
  return [label, `${wall.toFixed(2)} s wall, ${Number.isFinite(cpu) ? `${cpu.toFixed(2)} s CPU` : 'CPU not measured'} (median of ${cliRuns}: ${taken.map((t) => t.wall.toFixed(2)).join(' / ')} s)`];
}

console.log(`cold-start: ${dataDir}, Node ${process.version}, ${os.cpus().length} CPU(s), load average ${os.loadavg()[0].toFixed(1)} at start`);
const rows: [string, string][] = [];
rows.push(runs('node -e 0 (Node alone)', ['-e', '0']));
rows.push(runs('policygraph --version (Node + CLI modules)', [CLI, '--version']));
const searchArgs = [CLI, 'search', QUERY, '--k', '10', '--data-dir', dataDir];
rows.push(runs('cold CLI search (new process: Node, CLI modules, open, one query)', searchArgs));
rows.push(runs('the same through tsx (POLICYGRAPH_TSX=1: loader hooks)', searchArgs, { ...process.env, POLICYGRAPH_TSX: '1' }));

// opened as serve opens it: read-only store, service (a context warm-up only for a catalog without result facts), graphs on demand
const readyStarted = performance.now();
const store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
const storeMs = performance.now() - readyStarted;
const service = await createSearchService({ dataDir, store, preloadContexts: true });
const readyMs = performance.now() - readyStarted;
const firstStarted = performance.now();
await service.search({ query: QUERY, k: 10 });
const firstMs = performance.now() - firstStarted;

const novel: number[] = [];
const lawQueries = path.join(ROOT, 'search', 'eval', 'queries-laws.json');
if (fs.existsSync(lawQueries)) {
  for (const q of loadQueries(lawQueries)) {
    const t = performance.now();
    await service.search({ query: q.query, k: 10 });
    novel.push(performance.now() - t);
  }
  novel.sort((a, b) => a - b);
}
const queries = loadQueries().map((q) => q.query);
const warm = await warmHybridTimes(service, queries, rounds);
await service.close();
await store.close();

rows.push(['ready (store + indexes + catalog, as serve opens them)', `${(readyMs / 1000).toFixed(2)} s (store open ${(storeMs / 1000).toFixed(2)} s)`]);
rows.push(['first query in the opened service', `${firstMs.toFixed(1)} ms`]);
if (novel.length) rows.push([`novel hybrid queries (${novel.length} laws eval queries, each once)`, `p50 ${percentile(novel, 50).toFixed(1)} ms, p99 ${percentile(novel, 99).toFixed(1)} ms`]);
rows.push([`warm hybrid (${warm.length} seed eval queries after a warm-up pass)`, `p50 ${percentile(warm, 50).toFixed(2)} ms, p99 ${percentile(warm, 99).toFixed(2)} ms`]);

const width = Math.max(...rows.map(([k]) => k.length));
console.log(`\nload average at the end ${os.loadavg()[0].toFixed(1)} (a shared machine: wall times are upper bounds)`);
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
