// Issue 14: a Neo4j address that accepts the TCP connection and never answers must fail `documents`
// with one clear line within the deadline (POLICYGRAPH_NEO4J_TIMEOUT_MS, at most 15 s), not hang.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';

let silent: net.Server;
const sockets: net.Socket[] = [];
let port = 0;
const saved = { uri: process.env.NEO4J_URI, timeout: process.env.POLICYGRAPH_NEO4J_TIMEOUT_MS };

beforeAll(async () => {
  silent = net.createServer((socket) => sockets.push(socket)); // accepts, reads nothing, answers nothing
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  port = (silent.address() as net.AddressInfo).port;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => silent.close(resolve));
  process.env.NEO4J_URI = saved.uri;
  process.env.POLICYGRAPH_NEO4J_TIMEOUT_MS = saved.timeout;
  if (saved.uri === undefined) delete process.env.NEO4J_URI;
  if (saved.timeout === undefined) delete process.env.POLICYGRAPH_NEO4J_TIMEOUT_MS;
});

describe('a silent Neo4j listener', () => {
  it('documents --graph neo4j fails with a one-line error within the deadline', async () => {
    process.env.NEO4J_URI = `bolt://127.0.0.1:${port}`;
    process.env.POLICYGRAPH_NEO4J_TIMEOUT_MS = '2000';
    const started = Date.now();
    const run = await runCli(['documents', '--graph', 'neo4j']);
    const took = Date.now() - started;
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Neo4j at bolt:\/\/127\.0\.0\.1:\d+ did not answer within 2 s/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(took).toBeLessThan(2_000 + 3_000);
    expect(sockets.length).toBeGreaterThan(0);
  }, 30_000);
});
