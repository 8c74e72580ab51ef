// HTTP load benchmark: requests/s and latency percentiles of GET /v1/search at N concurrent
// keep-alive connections, loopback only, bounded in time. The server runs as its own process
// (`policygraph serve`) so the load generator does not share its event loop. A second phase opens
// 25 new connections while the N are busy and reports how long their first answers take (a server
// that starves new connections shows here, not in the percentiles of the connections already open).
// Meanwhile uploads ingest back to back (POST /v1/documents with a real law, each in the server's
// write process), and the server's RSS is sampled every second.
//
//   npx tsx bench/http-load.ts [--data-dir DIR] [--connections 50] [--duration 60] [--warmup 2]
//                              [--upload FILE | --upload none] [--rate REQ_PER_S] [--cache on|off]
//
// Without --data-dir the bundled seeds are ingested into a temporary data dir first; a given data
// dir is copied (uploads change it). --upload defaults to 民法典/合同编.md of /work/shared/corpora/laws
// (the seeds' 004 file when the corpora are absent). --rate paces the connections to that many
// requests per second in all (default 0: each connection sends its next request as soon as the
// last is answered, so latency is connections ÷ throughput once the server is saturated). --cache off
// starts the server with its search response cache disabled (POLICYGRAPH_SEARCH_CACHE_MB=0).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'policygraph.js');

const QUERIES = [
  '5G商用',
  '到2020年信息消费规模',
  '光纤到户 行政村',
  '智能网联汽车',
  'IPv6规模部署',
  '网络安全 个人信息保护',
  'connected vehicles',
  '信息消费示范城市',
  '工业互联网平台',
  '农村宽带 普遍服务',
  '在线医疗',
  '电子商务 进农村',
];

const REQUEST_TIMEOUT_MS = 30_000;
const UPLOAD_KEY = 'http-load-bench-key';
const DEFAULT_UPLOAD = path.resolve(ROOT, '..', 'shared', 'corpora', 'laws', '民法典', '合同编.md');
const FALLBACK_UPLOAD = path.join(ROOT, 'seeds', '004_d4e4072216533b5e.txt');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function startServer(dataDir: string, cache: boolean): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, POLICYGRAPH_LOG_LEVEL: 'warn', POLICYGRAPH_API_KEY: UPLOAD_KEY, ...(cache ? {} : { POLICYGRAPH_SEARCH_CACHE_MB: '0' }) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${stderr}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /PolicyGraph API on (http:\/\/[^\s]+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
  });
  return { child, url };
}

interface Outcome {
  latencies: number[];
  errors: number;
  statuses: Map<number, number>;
  requests: number;
}

function get(agent: http.Agent, url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    // A request that never completes counts as an error instead of hanging the run.
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
  });
}

/** `connections` workers, each sending one request at a time until the deadline. */
async function load(base: string, connections: number, seconds: number, record: boolean, rate = 0): Promise<Outcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const outcome: Outcome = { latencies: [], errors: 0, statuses: new Map(), requests: 0 };
  const deadline = performance.now() + seconds * 1000;
  // with a rate, each connection starts a request every `spacing` ms (staggered), or as soon as it can when late
  const spacing = rate > 0 ? (connections / rate) * 1000 : 0;
  let next = 0;
  const worker = async (index: number) => {
    let due = performance.now() + (spacing * index) / connections;
    while (performance.now() < deadline) {
      if (spacing) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        due += spacing;
        if (performance.now() >= deadline) break;
      }
      const q = QUERIES[next++ % QUERIES.length]!;
      const url = new URL(`/v1/search?q=${encodeURIComponent(q)}&k=10`, base);
      const started = performance.now();
      try {
        const status = await get(agent, url);
        if (!record) continue;
        outcome.requests++;
        outcome.statuses.set(status, (outcome.statuses.get(status) ?? 0) + 1);
        if (status !== 200) outcome.errors++;
        outcome.latencies.push(performance.now() - started);
      } catch {
        if (record) {
          outcome.requests++;
          outcome.errors++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, i) => worker(i)));
  agent.destroy();
  return outcome;
}

interface UploadRun {
  status: number;
  ms: number;
  detail: string;
}

/** Uploads `file` again and again (one at a time, as the server allows) until `deadline`. */
async function uploadLoop(base: string, file: string, deadline: number): Promise<UploadRun[]> {
  const body = JSON.stringify({ filename: path.basename(file), text: readFileSync(file, 'utf8') });
  const runs: UploadRun[] = [];
  while (performance.now() < deadline) {
    const started = performance.now();
    try {
      const res = await fetch(new URL('/v1/documents', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${UPLOAD_KEY}` },
        body,
        signal: AbortSignal.timeout(600_000),
      });
      const text = await res.text();
      runs.push({ status: res.status, ms: performance.now() - started, detail: res.ok ? '' : text.slice(0, 300) });
    } catch (err) {
      runs.push({ status: 0, ms: performance.now() - started, detail: (err as Error).message });
    }
  }
  return runs;
}

/** The process's resident set in MiB (Linux), or NaN. */
function rssMiB(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

/** `count` one-off connections opened after `afterMs` of load by `connections` keep-alive ones. */
async function newcomers(base: string, connections: number, count: number, afterMs: number): Promise<{ latencies: number[]; errors: number }> {
  const busyAgent = new http.Agent({ keepAlive: true, maxSockets: connections });
  let stop = false;
  let next = 0;
  const busy = Array.from({ length: connections }, async () => {
    while (!stop) {
      const q = QUERIES[next++ % QUERIES.length]!;
      await get(busyAgent, new URL(`/v1/search?q=${encodeURIComponent(q)}&k=10`, base)).catch(() => 0);
    }
  });
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  const fresh = new http.Agent({ keepAlive: false });
  let errors = 0;
  const latencies = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const started = performance.now();
      const status = await get(fresh, new URL(`/v1/search?q=${encodeURIComponent(QUERIES[i % QUERIES.length]!)}&k=10`, base)).catch(() => 0);
      if (status !== 200) errors++;
      return performance.now() - started;
    }),
  );
  stop = true;
  await Promise.all(busy);
  busyAgent.destroy();
  return { latencies: latencies.sort((a, b) => a - b), errors };
}

function uploadFile(): string | null {
  const chosen = arg('upload', '');
  if (chosen === 'none') return null;
  if (chosen) return path.resolve(chosen);
  return existsSync(DEFAULT_UPLOAD) ? DEFAULT_UPLOAD : FALLBACK_UPLOAD;
}

async function main(): Promise<void> {
  const connections = Number(arg('connections', '50'));
  const duration = Number(arg('duration', '60'));
  const warmup = Number(arg('warmup', '2'));
  const rate = Number(arg('rate', '0'));
  const cacheArg = arg('cache', 'on');
  if (cacheArg !== 'on' && cacheArg !== 'off') throw new Error(`--cache takes on or off, got "${cacheArg}"`);
  const cache = cacheArg === 'on';
  const upload = uploadFile();
  const given = arg('data-dir', '');
  const temp = mkdtempSync(path.join(os.tmpdir(), 'pg-bench-http-'));
  const dataDir = path.join(temp, 'data');
  if (given) {
    cpSync(given, dataDir, { recursive: true });
  } else {
    process.stderr.write(`ingesting seeds into ${dataDir} …\n`);
    const ingest = spawnSync(process.execPath, [BIN, 'ingest', path.join(ROOT, 'seeds'), '--data-dir', dataDir, '--embedder', 'builtin', '--no-progress'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (ingest.status !== 0) throw new Error(`ingest failed with status ${ingest.status}`);
  }
  const { child, url } = await startServer(dataDir, cache);
  try {
    await load(url, connections, warmup, false, rate);
    const rss: number[] = [rssMiB(child.pid!)];
    const sampler = setInterval(() => rss.push(rssMiB(child.pid!)), 1_000);
    const started = performance.now();
    const uploads = upload ? uploadLoop(url, upload, started + duration * 1000) : Promise.resolve([]);
    const outcome = await load(url, connections, duration, true, rate);
    const elapsed = (performance.now() - started) / 1000;
    const uploadRuns = await uploads;
    clearInterval(sampler);
    rss.push(rssMiB(child.pid!));
    const sorted = outcome.latencies.sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(1);
    const statuses = [...outcome.statuses].map(([s, n]) => `${s}×${n}`).join(' ');
    const late = await newcomers(url, connections, 25, 1_000);
    // a replaced graph and search service are closed 10 s after the switch (api/runtime.ts)
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    const idle = rssMiB(child.pid!);
    const uploadErrors = uploadRuns.filter((u) => u.status !== 201);
    const mid = rss[Math.floor(rss.length / 2)]!;
    process.stdout.write(
      [
        `GET /v1/search (${QUERIES.length} queries, k=10) on ${url}, ${connections} connections${rate ? ` paced to ${rate} req/s` : ''}, ${duration} s after ${warmup} s warm-up, search cache ${cache ? 'on' : 'off'}`,
        upload
          ? `uploads    ${uploadRuns.length} of ${path.basename(upload)} back to back (${uploadRuns.filter((u) => u.status === 201).length} × 201${uploadErrors.length ? `, failed: ${uploadErrors.map((u) => `${u.status} ${u.detail}`).join('; ')}` : ''}), each ${uploadRuns.map((u) => `${(u.ms / 1000).toFixed(1)} s`).join(', ')}`
          : 'uploads    none',
        `requests   ${outcome.requests}  (${statuses})`,
        `errors     ${outcome.errors}`,
        `req/s      ${f(outcome.requests / elapsed)}`,
        `latency ms p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  p99 ${f(percentile(sorted, 99))}  max ${f(sorted[sorted.length - 1] ?? NaN)}`,
        `server RSS MiB start ${f(rss[0]!)}  middle ${f(mid)}  end ${f(rss[rss.length - 1]!)}  max ${f(Math.max(...rss))}  15 s after the load ${f(idle)}`,
        `new connections under load (25 opened while ${connections} are busy): first answer p50 ${f(percentile(late.latencies, 50))}  max ${f(late.latencies[late.latencies.length - 1] ?? NaN)} ms, errors ${late.errors}`,
        '',
      ].join('\n'),
    );
    if (outcome.errors > 0 || late.errors > 0 || uploadErrors.length > 0) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(temp, { recursive: true, force: true });
  }
}

await main();
