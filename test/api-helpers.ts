// Shared by the API and MCP suites: a data dir ingested from the bundled seeds through the real
// `policygraph ingest` command, and a server over it on 127.0.0.1 (ephemeral port).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type AppOptions } from '../api/app.js';
import type { AppDeps } from '../api/routes/context.js';
import { openRuntime, type Runtime } from '../api/runtime.js';
import { appForRuntime, startHttpServer, type RunningServer, type RuntimeAppSettings } from '../api/server.js';
import { silentLogger } from '../api/middleware/logging.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'policygraph.js');
export const SEEDS = path.join(ROOT, 'seeds');

/** Runs `policygraph ingest` (built-in embedder: no model weights here) and fails loudly. */
export function ingest(paths: string[], dataDir: string): void {
  const run = spawnSync(process.execPath, [BIN, 'ingest', ...paths, '--data-dir', dataDir, '--embedder', 'builtin', '--no-progress'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, POLICYGRAPH_GRAPH: 'embedded' },
  });
  if (run.status !== 0) throw new Error(`policygraph ingest failed (${run.status}):\n${run.stderr}`);
}

export interface SeededDir {
  root: string;
  dataDir: string;
  cleanup(): void;
}

/** A private, writable copy of the shared seeded data dir (for suites that upload). */
export async function seededDataDir(prefix: string): Promise<SeededDir> {
  const shared = await sharedSeededDataDir();
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(root, 'data');
  cpSync(shared, dataDir, { recursive: true });
  return { root, dataDir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

const SHARED_PREFIX = 'policygraph-api-tests-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One seeded data dir for every read-only suite of a test run: the first file to ask ingests, the
 * others wait for it. Keyed by the vitest process (the workers' parent); dirs of finished runs are
 * removed on the next run. Suites that write (uploads) must use seededDataDir instead.
 */
export async function sharedSeededDataDir(): Promise<string> {
  for (const name of readdirSync(os.tmpdir())) {
    const pid = Number(name.slice(SHARED_PREFIX.length));
    if (name.startsWith(SHARED_PREFIX) && pid !== process.ppid && !alive(pid)) rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
  const root = path.join(os.tmpdir(), `${SHARED_PREFIX}${process.ppid}`);
  const dataDir = path.join(root, 'data');
  const ready = path.join(root, 'ready');
  const deadline = Date.now() + 120_000;
  while (!existsSync(ready)) {
    try {
      mkdirSync(root);
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for another suite to ingest the seeds into ${root}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      ingest([SEEDS], dataDir);
    } catch (err) {
      rmSync(root, { recursive: true, force: true });
      throw err;
    }
    writeFileSync(ready, '');
  }
  return dataDir;
}

export interface TestServer {
  url: string;
  deps: AppDeps;
  server: RunningServer;
  close(): Promise<void>;
}

/** Serves an app over the given store and search on an ephemeral loopback port. */
export async function serveApp(options: AppOptions): Promise<TestServer> {
  const { app, deps } = createApp({ logger: silentLogger(), ...options });
  const server = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  return { url: server.url, deps, server, close: () => server.close() };
}

/**
 * Opens the data dir (store + search) and serves it as `policygraph serve` does (uploads through
 * the real pipeline when an API key is given); close() stops the server and closes both.
 */
export async function serveDataDir(
  dataDir: string,
  options: Omit<Partial<AppOptions>, 'store' | 'search' | 'ingestDocument'> & { readOnly?: boolean } & Pick<RuntimeAppSettings, 'upload' | 'onUploadChild'> = {},
): Promise<TestServer & { runtime: Runtime }> {
  const logger = silentLogger();
  // read-only as `policygraph serve` opens it: writes are made by a child process (api/write-worker.ts)
  const runtime = await openRuntime({ dataDir, engine: 'embedded', readOnly: options.readOnly ?? true, logger });
  const { app, deps } = appForRuntime(runtime, { logger, ...options, dataDir, engine: 'embedded' });
  const server = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  return {
    url: server.url,
    deps,
    server,
    runtime,
    async close() {
      await server.close();
      await runtime.close();
    },
  };
}

export async function getJson<T = any>(url: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the raw text is returned for the assertion to show
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

export function postJson<T = any>(url: string, body: unknown, headers: Record<string, string> = {}) {
  return getJson<T>(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}
