// Memory of a serving process across uploads (issue 14, "RSS flat"): the server of `policygraph
// serve` (runtime + app, in this process so its heap can be read) takes N uploads one after another,
// each ingested by the write process and switched to; after each, once the replaced graph and search
// service are closed, it prints process.memoryUsage(): RSS, JS heap, external (native memory V8 is
// told about) and array buffers, then the RSS growth per upload over the first and the second half.
// Run with `node --expose-gc` (see the command below) to also read each figure after a full GC, which
// separates garbage not yet collected from memory still held.
//
//   node --expose-gc --import tsx bench/swap-memory.ts [--data-dir DIR] [--uploads 12] [--items 200] [--same]
//
// --same uploads one document again and again (the corpus keeps its size after the first; each
// upload still writes, publishes a generation and switches), else each upload is a new document.
//
// Without --data-dir the bundled seeds are ingested into a temporary data dir; a given one is copied.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../api/middleware/logging.js';
import { openRuntime, type SwitchTimings } from '../api/runtime.js';
import { appForRuntime, startHttpServer } from '../api/server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KEY = 'swap-memory-bench-key';
/** The replaced pair is closed this long after a switch (10 s in a server); the sample is taken after it. */
const RETIRE_MS = 500;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function policy(n: number, items: number): { filename: string; text: string } {
  const title = `关于推进第${n}批基准测试工作的通知`;
  const lines = [title, ''];
  for (let i = 1; i <= items; i++) lines.push(`${i}、推进第${n}批第${i}项重点任务。各地区要加强统筹协调，落实第${i}项配套措施，完善监测评估机制。`);
  return { filename: `bench-${n}.txt`, text: lines.join('\n') };
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** Linux: anonymous vs file-backed resident memory, and open descriptors of deleted files (a replaced graph still held). */
function nativeDetail(): string {
  try {
    const rollup = readFileSync('/proc/self/smaps_rollup', 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? NaN) * 1024;
    const deleted = readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).endsWith('(deleted)');
      } catch {
        return false;
      }
    }).length;
    return `  anon ${mib(kb('Anonymous'))}  file ${mib(kb('Rss') - kb('Anonymous'))}  deleted fds ${deleted}`;
  } catch {
    return '';
  }
}
const gc = (globalThis as { gc?: () => void }).gc;

function sample(): { rss: number; heap: number; external: number; buffers: number } {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, external: m.external, buffers: m.arrayBuffers };
}

async function main(): Promise<void> {
  const uploads = Number(arg('uploads', '12'));
  const items = Number(arg('items', '200'));
  const same = process.argv.includes('--same');
  const temp = mkdtempSync(path.join(os.tmpdir(), 'pg-bench-swap-'));
  const dataDir = path.join(temp, 'data');
  const given = arg('data-dir', '');
  if (given) cpSync(given, dataDir, { recursive: true });
  else {
    const ingest = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'policygraph.js'), 'ingest', path.join(ROOT, 'seeds'), '--data-dir', dataDir, '--embedder', 'builtin', '--no-progress'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (ingest.status !== 0) throw new Error(`ingest failed with status ${ingest.status}`);
  }
  const logger = silentLogger();
  const switches: SwitchTimings[] = [];
  const runtime = await openRuntime({ dataDir, engine: 'embedded', readOnly: true, logger, retireMs: RETIRE_MS, onSwitch: (t) => switches.push(t) });
  const { app } = appForRuntime(runtime, { logger, apiKey: KEY, dataDir, engine: 'embedded', upload: { maxBytes: 20 * 2 ** 20, timeoutMs: 600_000 } });
  const server = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  const search = () => fetch(`${server.url}/v1/search?q=${encodeURIComponent('重点任务 统筹协调')}&k=10`).then((r) => r.arrayBuffer());
  try {
    await search();
    const rows: string[] = [];
    const rss: number[] = [];
    const row = (label: string) => {
      const before = sample();
      gc?.();
      const after = gc ? sample() : null;
      rss.push(before.rss);
      rows.push(
        `${label.padEnd(10)} rss ${mib(before.rss).padStart(6)}  heap ${mib(before.heap).padStart(6)}  external ${mib(before.external).padStart(5)}  buffers ${mib(before.buffers).padStart(5)}` +
          (after ? `   after gc: rss ${mib(after.rss).padStart(6)}  heap ${mib(after.heap).padStart(6)}  external ${mib(after.external).padStart(5)}` : '') +
          nativeDetail(),
      );
      process.stderr.write(`${rows[rows.length - 1]}\n`);
    };
    row('start');
    for (let n = 1; n <= uploads; n++) {
      const started = performance.now();
      const res = await fetch(`${server.url}/v1/documents`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify(policy(same ? 1 : n, items)) });
      if (res.status !== 201) throw new Error(`upload ${n} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
      await res.arrayBuffer();
      const tookS = ((performance.now() - started) / 1000).toFixed(1);
      // a few searches on the new pair, then past the replaced pair's retirement
      for (let i = 0; i < 5; i++) await search();
      await new Promise((resolve) => setTimeout(resolve, RETIRE_MS + 1_000));
      row(`upload ${n}`.padEnd(10).slice(0, 10));
      const last = switches[switches.length - 1];
      rows[rows.length - 1] += `   (${tookS} s; switch: store ${last?.storeMs} ms, search ${last?.searchMs} ms, ${last?.primed} primed in ${last?.primeMs} ms, loop held ≤ ${last?.loopBlockedMs} ms)`;
    }
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    row('+15 s');
    const half = Math.floor(uploads / 2);
    const perUpload = (from: number, to: number) => ((rss[to]! - rss[from]!) / (to - from) / 2 ** 20).toFixed(1);
    process.stdout.write(
      [
        `${uploads} uploads of ${same ? 'one document' : 'new documents'} of ${items} items each into ${given || 'the seeds'} (in-process server, replaced pairs closed ${RETIRE_MS} ms after each switch${gc ? ', --expose-gc' : ''}; MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? 'unset'})`,
        ...rows,
        `RSS growth per upload: uploads 1–${half} ${perUpload(0, half)} MiB, uploads ${half + 1}–${uploads} ${perUpload(half, uploads)} MiB`,
        '',
      ].join('\n'),
    );
  } finally {
    await server.close();
    await runtime.close();
    rmSync(temp, { recursive: true, force: true });
  }
}

await main();
