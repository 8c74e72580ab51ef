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
//                              [--mix fixed | --mix eval [--unique FRACTION]] [--malloc-arena-max N]
//                              [--log-level warn|info]
//
// Without --data-dir the bundled seeds are ingested into a temporary data dir first; a given data
// dir is copied (uploads change it). --upload defaults to 民法典/合同编.md of /work/shared/corpora/laws
// (the seeds' 004 file when the corpora are absent). --rate paces the connections to that many
// requests per second in all (default 0: each connection sends its next request as soon as the
// last is answered, so latency is connections ÷ throughput once the server is saturated). --cache off
// starts the server with its search response cache disabled (POLICYGRAPH_SEARCH_CACHE_MB=0).
//
// The query mix: --mix fixed (default) cycles through the 12 QUERIES below, so once the cache is warm
// nearly every request is a hit, except right after a switch. --mix eval draws from every query of
// the evaluation sets (search/eval/queries*.json: seeds and laws, questions, articles, off-topic)
// with Zipf weights (the r-th most popular asked ∝ 1/r), and --unique makes that fraction of the
// requests two random pool queries joined (a long tail the cache rarely holds). The report says how
// many requests were first asks of their query (each one a cache miss).
//
// Latency is also split by when a request finished: within SWITCH_WINDOW_MS of an upload's answer
// (the switch to the new graph and indexes happens just before it: the opening's event-loop holds
// and the new service's first answers) or between switches. RSS is printed after every upload.
// --malloc-arena-max starts the server with MALLOC_ARENA_MAX (glibc keeps fewer per-thread heaps).
// --log-level info also prints each switch's event-loop hold, opening and priming times (the server
// logs them at info, with a line per request, which costs the server some of its time).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
/**
 * Idle keep-alive sockets are dropped after this, under the server's 5 s keepAliveTimeout (api/server.ts).
 * Node's agent honours the server's Keep-Alive hint only when it has a timeout of its own; without one
 * it reuses a socket idle for exactly ~5 s while the server closes it, and the request fails with
 * ECONNRESET (9 of 6,000 in a paced run) — a client race, not a server fault.
 */
const AGENT_IDLE_MS = 4_000;
/** A request finishing this close to an upload's answer counts as around a switch. */
const SWITCH_WINDOW_MS = 2_000;
const EVAL_DIR = path.join(ROOT, 'search', 'eval');

/** Picks each request's query: the fixed 12 in turn, or the evaluation sets' queries by Zipf weight plus a unique share. */
interface QueryMix {
  describe: string;
  next(): string;
  /** Requests whose query had not been asked before (each is a cache miss), and distinct queries. */
  firstAsks(): { first: number; distinct: number };
}

/** A small deterministic PRNG (mulberry32), so runs of one mix ask the same sequence. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function evalQueries(): string[] {
  const queries = new Set<string>();
  for (const file of readdirSync(EVAL_DIR).filter((f) => /^queries.*\.json$/.test(f)).sort()) {
    const entries = JSON.parse(readFileSync(path.join(EVAL_DIR, file), 'utf8')) as (string | { query: string })[];
    for (const entry of entries) queries.add(typeof entry === 'string' ? entry : entry.query);
  }
  return [...queries];
}

function queryMix(kind: string, unique: number): QueryMix {
  const seen = new Set<string>();
  let first = 0;
  const counted = (q: string) => {
    if (!seen.has(q)) {
      seen.add(q);
      first++;
    }
    return q;
  };
  const firstAsks = () => ({ first, distinct: seen.size });
  if (kind === 'fixed') {
    if (unique > 0) throw new Error('--unique goes with --mix eval');
    let i = 0;
    return { describe: `${QUERIES.length} fixed queries in turn`, next: () => counted(QUERIES[i++ % QUERIES.length]!), firstAsks };
  }
  if (kind !== 'eval') throw new Error(`--mix takes fixed or eval, got "${kind}"`);
  if (!(unique >= 0 && unique <= 1)) throw new Error(`--unique takes a fraction from 0 to 1, got "${unique}"`);
  const rand = random(14);
  const pool = evalQueries();
  // a fixed shuffle decides which queries are popular
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  const cumulative: number[] = [];
  pool.reduce((sum, _q, r) => (cumulative[r] = sum + 1 / (r + 1)), 0);
  const total = cumulative[cumulative.length - 1]!;
  const zipf = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return pool[lo]!;
  };
  const pick = () => pool[Math.floor(rand() * pool.length)]!;
  return {
    describe: `${pool.length} evaluation queries by Zipf weight${unique ? `, ${Math.round(unique * 100)} % two of them joined at random` : ''}`,
    next: () => counted(rand() < unique ? `${pick()} ${pick()}`.slice(0, 200) : zipf()),
    firstAsks,
  };
}
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

/** The server's log lines at level error or above (pino JSON on stderr), kept to report why a request failed. */
const serverErrors: string[] = [];
/** What each switch to a new graph and search service cost, as the server logs it (pino JSON, level info). */
const switchTimings: { storeMs: number; searchMs: number; loopBlockedMs: number; primeMs: number }[] = [];

async function startServer(dataDir: string, cache: boolean, mallocArenaMax: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    cwd: ROOT,
    env: {
      ...process.env,
      // warn: info would log every request (pino on the server's thread), and the switch lines below with them
      POLICYGRAPH_LOG_LEVEL: arg('log-level', 'warn'),
      POLICYGRAPH_API_KEY: UPLOAD_KEY,
      ...(cache ? {} : { POLICYGRAPH_SEARCH_CACHE_MB: '0' }),
      ...(mallocArenaMax ? { MALLOC_ARENA_MAX: mallocArenaMax } : {}),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${stderr}`)), 60_000);
    let partial = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < 100_000) stderr += chunk.toString();
      const m = /PolicyGraph API on (http:\/\/[^\s]+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? 0);
        if (level >= 50) serverErrors.push(line.slice(0, 600));
        else if (line.includes('switched to the new graph')) switchTimings.push(JSON.parse(line));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
  });
  return { child, url };
}

interface Outcome {
  latencies: number[];
  /** When each request of `latencies` finished (performance.now()). */
  finished: number[];
  errors: number;
  statuses: Map<number, number>;
  /** Requests that got no answer, by error code or message (a reset connection, a timeout). */
  failures: Map<string, number>;
  /** When each unanswered request failed (performance.now()). */
  failedAt: number[];
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
async function load(base: string, connections: number, seconds: number, record: boolean, mix: QueryMix, rate = 0): Promise<Outcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, timeout: AGENT_IDLE_MS });
  const outcome: Outcome = { latencies: [], finished: [], errors: 0, statuses: new Map(), failures: new Map(), failedAt: [], requests: 0 };
  const deadline = performance.now() + seconds * 1000;
  // with a rate, each connection starts a request every `spacing` ms (staggered), or as soon as it can when late
  const spacing = rate > 0 ? (connections / rate) * 1000 : 0;
  const worker = async (index: number) => {
    let due = performance.now() + (spacing * index) / connections;
    while (performance.now() < deadline) {
      if (spacing) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        due += spacing;
        if (performance.now() >= deadline) break;
      }
      const url = new URL(`/v1/search?q=${encodeURIComponent(mix.next())}&k=10`, base);
      const started = performance.now();
      try {
        const status = await get(agent, url);
        if (!record) continue;
        outcome.requests++;
        outcome.statuses.set(status, (outcome.statuses.get(status) ?? 0) + 1);
        if (status !== 200) outcome.errors++;
        const now = performance.now();
        outcome.latencies.push(now - started);
        outcome.finished.push(now);
      } catch (err) {
        if (record) {
          outcome.requests++;
          outcome.errors++;
          const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
          outcome.failures.set(reason, (outcome.failures.get(reason) ?? 0) + 1);
          outcome.failedAt.push(performance.now());
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
  /** When the answer came (performance.now()) and the server's RSS then, in MiB. */
  answeredAt: number;
  rss: number;
}

/** Uploads `file` again and again (one at a time, as the server allows) until `deadline`. */
async function uploadLoop(base: string, file: string, deadline: number, serverPid: number): Promise<UploadRun[]> {
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
      const answeredAt = performance.now();
      runs.push({ status: res.status, ms: answeredAt - started, detail: res.ok ? '' : text.slice(0, 300), answeredAt, rss: rssMiB(serverPid) });
    } catch (err) {
      const answeredAt = performance.now();
      runs.push({ status: 0, ms: answeredAt - started, detail: (err as Error).message, answeredAt, rss: rssMiB(serverPid) });
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
async function newcomers(base: string, connections: number, count: number, afterMs: number, mix: QueryMix): Promise<{ latencies: number[]; errors: number }> {
  const busyAgent = new http.Agent({ keepAlive: true, maxSockets: connections, timeout: AGENT_IDLE_MS });
  let stop = false;
  const busy = Array.from({ length: connections }, async () => {
    while (!stop) {
      await get(busyAgent, new URL(`/v1/search?q=${encodeURIComponent(mix.next())}&k=10`, base)).catch(() => 0);
    }
  });
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  const fresh = new http.Agent({ keepAlive: false });
  let errors = 0;
  const latencies = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const started = performance.now();
      const status = await get(fresh, new URL(`/v1/search?q=${encodeURIComponent(mix.next())}&k=10`, base)).catch(() => 0);
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
  const mix = queryMix(arg('mix', 'fixed'), Number(arg('unique', '0')));
  const mallocArenaMax = arg('malloc-arena-max', '');
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
  const { child, url } = await startServer(dataDir, cache, mallocArenaMax);
  try {
    await load(url, connections, warmup, false, mix, rate);
    const warmAsks = mix.firstAsks();
    const rss: number[] = [rssMiB(child.pid!)];
    const sampler = setInterval(() => rss.push(rssMiB(child.pid!)), 1_000);
    const started = performance.now();
    const uploads = upload ? uploadLoop(url, upload, started + duration * 1000, child.pid!) : Promise.resolve([]);
    const outcome = await load(url, connections, duration, true, mix, rate);
    const asks = mix.firstAsks();
    const elapsed = (performance.now() - started) / 1000;
    const uploadRuns = await uploads;
    clearInterval(sampler);
    rss.push(rssMiB(child.pid!));
    const sorted = [...outcome.latencies].sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(1);
    const statuses = [...outcome.statuses].map(([s, n]) => `${s}×${n}`).join(' ');
    const late = await newcomers(url, connections, 25, 1_000, mix);
    // a replaced graph and search service close once its requests are done, 10 s after the switch at most (api/runtime.ts)
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    const idle = rssMiB(child.pid!);
    const uploadErrors = uploadRuns.filter((u) => u.status !== 201);
    const mid = rss[Math.floor(rss.length / 2)]!;
    // requests that finished near an upload's answer (its switch) against the others
    const switches = uploadRuns.filter((u) => u.status === 201).map((u) => u.answeredAt);
    const nearSwitch = (t: number) => switches.some((s) => Math.abs(t - s) <= SWITCH_WINDOW_MS);
    const around: number[] = [];
    const between: number[] = [];
    outcome.finished.forEach((t, i) => (nearSwitch(t) ? around : between).push(outcome.latencies[i]!));
    around.sort((a, b) => a - b);
    between.sort((a, b) => a - b);
    const split = (xs: number[]) => `${xs.length} requests, p50 ${f(percentile(xs, 50))}  p99 ${f(percentile(xs, 99))}  max ${f(xs[xs.length - 1] ?? NaN)}`;
    process.stdout.write(
      [
        `GET /v1/search (${mix.describe}, k=10) on ${url}, ${connections} connections${rate ? ` paced to ${rate} req/s` : ''}, ${duration} s after ${warmup} s warm-up, search cache ${cache ? 'on' : 'off'}${mallocArenaMax ? `, server MALLOC_ARENA_MAX=${mallocArenaMax}` : ''}`,
        upload
          ? `uploads    ${uploadRuns.length} of ${path.basename(upload)} back to back (${uploadRuns.filter((u) => u.status === 201).length} × 201${uploadErrors.length ? `, failed: ${uploadErrors.map((u) => `${u.status} ${u.detail}`).join('; ')}` : ''}), each ${uploadRuns.map((u) => `${(u.ms / 1000).toFixed(1)} s`).join(', ')}`
          : 'uploads    none',
        `requests   ${outcome.requests}  (${statuses}); first asks of their query ${asks.first - warmAsks.first} (${f((100 * (asks.first - warmAsks.first)) / Math.max(1, outcome.requests))} %), ${asks.distinct} distinct queries since the warm-up began`,
        `errors     ${outcome.errors}${outcome.failures.size ? ` (${[...outcome.failures].map(([reason, n]) => `${n}× ${reason}`).join(', ')}; ${outcome.failedAt.filter(nearSwitch).length} of them within ${SWITCH_WINDOW_MS / 1000} s of a switch)` : ''}`,
        `req/s      ${f(outcome.requests / elapsed)}`,
        `latency ms p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}  p99 ${f(percentile(sorted, 99))}  max ${f(sorted[sorted.length - 1] ?? NaN)}`,
        `  within ${SWITCH_WINDOW_MS / 1000} s of a switch: ${split(around)}`,
        `  between switches:     ${split(between)}`,
        `server RSS MiB start ${f(rss[0]!)}  middle ${f(mid)}  end ${f(rss[rss.length - 1]!)}  max ${f(Math.max(...rss))}  15 s after the load ${f(idle)}`,
        `server RSS MiB after each upload: ${uploadRuns.map((u) => f(u.rss)).join(', ') || '—'}`,
        switchTimings.length === 0 ? null : `switches   ${switchTimings.length}: event loop held at most ${switchTimings.map((t) => t.loopBlockedMs).join(', ') || '—'} ms; opening the store ${f(Math.max(0, ...switchTimings.map((t) => t.storeMs)))} ms and the search service ${f(Math.max(0, ...switchTimings.map((t) => t.searchMs)))} ms at most, priming ${f(Math.max(0, ...switchTimings.map((t) => t.primeMs)))} ms`,
        `server errors logged ${serverErrors.length}${serverErrors.length ? `, the first: ${serverErrors[0]}` : ''}`,
        `new connections under load (25 opened while ${connections} are busy): first answer p50 ${f(percentile(late.latencies, 50))}  max ${f(late.latencies[late.latencies.length - 1] ?? NaN)} ms, errors ${late.errors}`,
        '',
      ].filter((line) => line !== null).join('\n'),
    );
    if (outcome.errors > 0 || late.errors > 0 || uploadErrors.length > 0) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(temp, { recursive: true, force: true });
  }
}

await main();
