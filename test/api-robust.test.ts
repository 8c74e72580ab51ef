// Issue 14, server half: deadlines on slow or short requests, a missing Host, request ids on every
// answer, read protection (read key / --auth all) covering /mcp, and the MCP origin allow-list that a
// forged matching Host + Origin does not pass. A real server on 127.0.0.1, port 0.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.js';
import { resolveAllowedHosts, resolveReadKeys } from '../api/config.js';
import { silentLogger } from '../api/middleware/logging.js';
import { openRuntime, type Runtime } from '../api/runtime.js';
import { startHttpServer, type RunningServer } from '../api/server.js';
import { ProblemSchema } from '../api/schemas/common.js';
import { sharedSeededDataDir } from './api-helpers.js';

const READ_KEY = 'read-key-for-tests';
const API_KEY = 'api-key-for-tests';
const REQUEST_TIMEOUT_MS = 1_000;
let runtime: Runtime;
let open: RunningServer;
let guarded: RunningServer;

beforeAll(async () => {
  runtime = await openRuntime({ dataDir: await sharedSeededDataDir(), engine: 'embedded', readOnly: true, logger: silentLogger() });
  const appOver = (extra: Parameters<typeof createApp>[0] extends infer O ? Partial<O> : never) =>
    createApp({ store: runtime.store, search: runtime.search, logger: silentLogger(), ...extra }).app;
  const timeouts = { headersMs: REQUEST_TIMEOUT_MS, requestMs: REQUEST_TIMEOUT_MS };
  open = await startHttpServer(appOver({}), { port: 0, host: '127.0.0.1', timeouts });
  // the allow-list is built for the port once it is known, as `serve` does
  const guardedApp = { fetch: (req: Request) => inner.fetch(req) };
  let inner = appOver({});
  guarded = await startHttpServer(guardedApp, { port: 0, host: '127.0.0.1', timeouts });
  inner = appOver({ apiKey: API_KEY, readKeys: resolveReadKeys('all', API_KEY, READ_KEY), allowedHosts: resolveAllowedHosts(guarded.port, '') });
}, 120_000);

afterAll(async () => {
  await open?.close();
  await guarded?.close();
  await runtime?.close();
});

/** Writes bytes as they are and reads until the server closes; also reports how long that took. */
function raw(server: RunningServer, bytes: string): Promise<{ status: number; head: string; body: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(bytes));
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), head: text.slice(0, split).toLowerCase(), body: text.slice(split + 4), ms: Date.now() - started });
    });
  });
}

function expectProblem(res: { status: number; head: string; body: string }, status: number) {
  expect(res.status).toBe(status);
  expect(res.head).toContain('content-type: application/problem+json');
  expect(res.head).toMatch(/x-request-id: \S+/);
  return ProblemSchema.parse(JSON.parse(res.body));
}

const mcpInit = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } });
const mcpHeaders = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

describe('request deadlines and malformed requests', () => {
  it('a body shorter than its Content-Length: 408 problem+json within the configured timeout', async () => {
    const res = await raw(open, 'POST /v1/search HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"q":');
    const problem = expectProblem(res, 408);
    expect(problem.detail).toMatch(/not received in time/);
    expect(res.ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(res.ms).toBeLessThan(REQUEST_TIMEOUT_MS + 2_500);
  });

  it('headers that never end: 408 within the configured timeout', async () => {
    const res = await raw(open, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n');
    expectProblem(res, 408);
    expect(res.ms).toBeLessThan(REQUEST_TIMEOUT_MS + 2_500);
  });

  it('no Host header: 400 problem+json that names the missing header', async () => {
    const problem = expectProblem(await raw(open, 'GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n'), 400);
    expect(problem.detail).toMatch(/no Host header/);
  });

  it('a request id on successes, 404s and errors alike; a client-sent id is echoed', async () => {
    for (const url of ['/healthz', '/v1/nothing', '/v1/search?q=']) {
      const res = await fetch(`${open.url}${url}`);
      expect(res.headers.get('x-request-id'), url).toMatch(/\S+/);
    }
    const echoed = await fetch(`${open.url}/healthz`, { headers: { 'x-request-id': 'robust-1' } });
    expect(echoed.headers.get('x-request-id')).toBe('robust-1');
  });
});

describe('auth all: every route but the probes needs a key, /mcp included', () => {
  it('probes answer without a key', async () => {
    expect((await fetch(`${guarded.url}/healthz`)).status).toBe(200);
  });

  it('reads without a key: 401 problem+json; with the read key or the API key: answered', async () => {
    const none = await fetch(`${guarded.url}/v1/search?q=5G`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(none.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect((await fetch(`${guarded.url}/v1/search?q=5G`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(403);
    for (const key of [READ_KEY, API_KEY]) expect((await fetch(`${guarded.url}/v1/search?q=5G`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await fetch(`${guarded.url}/openapi.json`)).status).toBe(401);
  });

  it('/mcp: 401 without a key, answered with one', async () => {
    const none = await fetch(`${guarded.url}/mcp`, { method: 'POST', headers: mcpHeaders, body: mcpInit });
    expect(none.status).toBe(401);
    const keyed = await fetch(`${guarded.url}/mcp`, { method: 'POST', headers: { ...mcpHeaders, authorization: `Bearer ${READ_KEY}` }, body: mcpInit });
    expect(keyed.status).toBe(200);
  });

  it('the read key cannot write', async () => {
    const res = await fetch(`${guarded.url}/v1/documents`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${READ_KEY}` }, body: '{}' });
    expect(res.status).toBe(403);
  });

  it('settings: --auth all without any key, or an unknown mode, is a configuration error', () => {
    expect(() => resolveReadKeys('all', null, null)).toThrow(/--auth all needs POLICYGRAPH_API_KEY or POLICYGRAPH_READ_KEY/);
    expect(() => resolveReadKeys('everything', 'k', null)).toThrow(/unknown auth mode "everything"/);
    expect(resolveReadKeys('writes', 'k', null)).toEqual([]);
    expect(resolveReadKeys(undefined, 'k', 'r')).toEqual(['r', 'k']);
  });
});

describe('MCP origin allow-list (DNS rebinding)', () => {
  const post = (headers: Record<string, string>) =>
    raw(
      guarded,
      `POST /mcp HTTP/1.1\r\n${Object.entries({ ...mcpHeaders, authorization: `Bearer ${READ_KEY}`, connection: 'close', 'content-length': String(Buffer.byteLength(mcpInit)), ...headers })
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\n\r\n${mcpInit}`,
    );

  it('a forged Host with a matching Origin is refused: 403 problem+json', async () => {
    const problem = expectProblem(await post({ host: 'evil.example:80', origin: 'http://evil.example:80' }), 403);
    expect(problem.detail).toMatch(/allowed hosts/);
  });

  it('a loopback origin on another port is refused; on the server\'s port it passes', async () => {
    expectProblem(await post({ host: `127.0.0.1:${guarded.port}`, origin: `http://127.0.0.1:${guarded.port + 1}` }), 403);
    expect((await post({ host: `127.0.0.1:${guarded.port}`, origin: `http://localhost:${guarded.port}` })).status).toBe(200);
    // SDKs and CLIs send no Origin
    expect((await post({ host: `127.0.0.1:${guarded.port}` })).status).toBe(200);
  });
});
