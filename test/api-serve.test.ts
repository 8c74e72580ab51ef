// `policygraph serve` as a process: it prints where it listens, logs one JSON line per request with
// the request id, and stops cleanly (exit 0) on SIGTERM even with a keep-alive connection open.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, sharedSeededDataDir } from './api-helpers.js';

let dataDir: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  dataDir = await sharedSeededDataDir();
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function startServe(args: string[] = [], dir = dataDir): { child: ChildProcessWithoutNullStreams; stderr: () => string; url: Promise<string> } {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dir, ...args], {
    cwd: ROOT,
    env: { ...process.env, POLICYGRAPH_API_KEY: '', POLICYGRAPH_LOG_LEVEL: 'info' },
  });
  children.push(child);
  let stderr = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /PolicyGraph API on (http:\/\/\S+) /.exec(stderr);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return { child, stderr: () => stderr, url };
}

const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

describe('policygraph serve', () => {
  it('logs requests as JSON lines with the request id and shuts down on SIGTERM', async () => {
    const serve = startServe();
    const url = await serve.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // A keep-alive connection that stays open must not hold the shutdown up.
    const agent = new http.Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) =>
      http.get(`${url}/healthz`, { agent, headers: { 'x-request-id': 'serve-test-1' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      }).on('error', reject),
    );
    expect(status).toBe(200);

    const started = Date.now();
    serve.child.kill('SIGTERM');
    expect(await exited(serve.child)).toBe(0);
    expect(Date.now() - started).toBeLessThan(4_000);
    agent.destroy();

    const lines = serve
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.reqId === 'serve-test-1')).toMatchObject({ method: 'GET', path: '/healthz', status: 200, level: 30 });
    expect(lines.some((l) => l.msg === 'stopped')).toBe(true);
    expect(serve.stderr()).not.toMatch(/\n\s+at /);
  });

  it('fails at once with one clear line when the port is taken', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = String((taken.address() as net.AddressInfo).port);
    try {
      const second = spawn(process.execPath, [BIN, 'serve', '--port', port, '--data-dir', dataDir], { cwd: ROOT, env: { ...process.env, POLICYGRAPH_API_KEY: '' } });
      let stderr = '';
      second.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
      expect(code).toBe(2);
      expect(stderr.trim()).toBe(`policygraph: port ${port} on 127.0.0.1 is already in use: pick another with --port`);
    } finally {
      taken.close();
    }
  });

  it('refuses a CLI ingest or delete into the data dir it serves, in one line, and allows it once stopped', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-served-'));
    fs.cpSync(dataDir, dir, { recursive: true });
    const serve = startServe([], dir);
    await serve.url;
    const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--data-dir', dir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, POLICYGRAPH_API_KEY: '' } });
    for (const args of [['ingest', path.join(ROOT, 'seeds')], ['delete', 'no-such-document']]) {
      const refused = cli(...args);
      expect(refused.status).toBe(2);
      expect(refused.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^policygraph: a server \\(pid ${serve.child.pid}\\) is serving .*stop it first$`))]);
    }
    serve.child.kill('SIGTERM');
    expect(await exited(serve.child)).toBe(0);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('.serving-'))).toEqual([]);
    expect(cli('delete', 'no-such-document').stderr).not.toMatch(/is serving/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
