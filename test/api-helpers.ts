// Shared by the API and MCP suites: a data dir ingested from the bundled seeds through the real
// `policygraph ingest` command, and a server over it on 127.0.0.1 (ephemeral port).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type AppOptions } from '../api/app.js';
import type { AppDeps } from '../api/routes/context.js';
import { openRuntime, type Runtime } from '../api/runtime.js';
import { appForRuntime, startHttpServer, type RunningServer } from '../api/server.js';
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

export function seededDataDir(prefix: string): SeededDir {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(root, 'data');
  ingest([SEEDS], dataDir);
  return { root, dataDir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
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
  options: Omit<Partial<AppOptions>, 'store' | 'search' | 'ingestDocument'> & { readOnly?: boolean } = {},
): Promise<TestServer & { runtime: Runtime }> {
  const logger = silentLogger();
  const runtime = await openRuntime({ dataDir, engine: 'embedded', readOnly: options.readOnly ?? !options.apiKey, logger });
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
