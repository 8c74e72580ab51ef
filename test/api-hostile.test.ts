// Hostile and careless clients against a real server: requests Node's HTTP parser refuses, wrong
// methods, a crowd of concurrent mixed requests, and clients that connect while the server is
// busy. Every answer must be problem+json (or the result), never a bare status or a stack trace.
import net from 'node:net';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../api/schemas/common.js';
import { getJson, postJson, serveDataDir, sharedSeededDataDir } from './api-helpers.js';

let api: Awaited<ReturnType<typeof serveDataDir>>;

beforeAll(async () => {
  api = await serveDataDir(await sharedSeededDataDir(), { readOnly: true });
});

afterAll(async () => {
  await api?.close();
});

/** Sends bytes as they are (no client-side encoding) and reads until the server closes. */
function rawRequest(raw: Buffer | string): Promise<{ status: number; head: string; body: string }> {
  const { hostname, port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(port), hostname, () => socket.write(raw));
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), head: text.slice(0, split), body: text.slice(split + 4) });
    });
  });
}

function expectProblemText(res: { status: number; head: string; body: string }, status: number) {
  expect(res.status).toBe(status);
  expect(res.head.toLowerCase()).toContain('content-type: application/problem+json');
  const problem = ProblemSchema.parse(JSON.parse(res.body));
  expect(problem.status).toBe(status);
  return problem;
}

describe('requests the HTTP parser refuses', () => {
  it('raw UTF-8 in the URL: 400 problem+json saying to percent-encode', async () => {
    const res = await rawRequest(Buffer.from('GET /v1/search?q=5G商用 HTTP/1.1\r\nHost: x\r\n\r\n', 'utf8'));
    const problem = expectProblemText(res, 400);
    expect(problem.detail).toMatch(/percent-encoded/);
    expect(problem.instance).toBe('/v1/search');
  });

  it('a request line over 16 KiB: 431 problem+json pointing to POST', async () => {
    const q = encodeURIComponent('信'.repeat(3_000));
    const problem = expectProblemText(await rawRequest(`GET /v1/search?q=${q} HTTP/1.1\r\nHost: x\r\n\r\n`), 431);
    expect(problem.detail).toMatch(/POST/);
  });

  it('bytes that are not HTTP: 400 problem+json', async () => {
    expectProblemText(await rawRequest('HELLO\r\n\r\n'), 400);
  });
});

describe('methods', () => {
  it('405 with Allow for a known path and another method; 404 for unknown paths', async () => {
    const del = await getJson(`${api.url}/v1/search`, { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('content-type')).toBe('application/problem+json');
    expect(del.headers.get('allow')).toBe('GET, HEAD, POST');
    const put = await getJson(`${api.url}/v1/documents/${encodeURIComponent('国发〔2017〕40号')}`, { method: 'PUT' });
    expect(put.status).toBe(405);
    // DELETE /v1/documents/{id} deletes with the write key (app/documents.ts)
    expect(put.headers.get('allow')).toBe('DELETE, GET, HEAD');
    expect((await getJson(`${api.url}/v1/nothing-here`, { method: 'DELETE' })).status).toBe(404);
  });

  it('HEAD of a GET route answers with its headers', async () => {
    const res = await fetch(`${api.url}/v1/search?q=5G&k=1`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });
});

describe('concurrency', () => {
  it('answers a crowd of mixed good and bad requests, each with its own status and request id', async () => {
    const q = (s: string) => encodeURIComponent(s);
    const requests: [Promise<{ status: number; headers: Headers; body: any }>, number][] = [];
    for (let i = 0; i < 12; i++) {
      requests.push([getJson(`${api.url}/v1/search?q=${q(`信息消费 ${i}`)}&k=5`), 200]);
      requests.push([postJson(`${api.url}/v1/precedents`, { text: '加快5G标准研究和技术试验，力争2020年启动商用', k: 3 }), 200]);
      requests.push([postJson(`${api.url}/v1/ask`, { question: '哪些部门负责5G商用？' }), 200]);
      requests.push([getJson(`${api.url}/v1/documents/${q('国发〔2017〕40号')}`), 200]);
      requests.push([getJson(`${api.url}/v1/search?q=%20&k=5`), 400]);
      requests.push([postJson(`${api.url}/v1/search`, '{"query": '), 400]);
      requests.push([getJson(`${api.url}/v1/clauses/cl_nope${i}`), 404]);
    }
    const answers = await Promise.all(requests.map(([p]) => p));
    answers.forEach((res, i) => expect(res.status, `request ${i}`).toBe(requests[i]![1]));
    const ids = answers.map((res) => res.headers.get('x-request-id'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serves a client that connects while 20 others keep the server busy', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    const get = (path: string, a: http.Agent) =>
      new Promise<number>((resolve, reject) =>
        http.get(`${api.url}${path}`, { agent: a }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        }).on('error', reject),
      );
    let stop = false;
    let busyAnswers = 0;
    const busy = Array.from({ length: 20 }, async (_, i) => {
      while (!stop) {
        await get(`/v1/search?q=${encodeURIComponent(['5G商用', '光纤到户', '在线医疗', '工业互联网'][i % 4]!)}&k=10`, agent);
        busyAnswers++;
      }
    });
    while (busyAnswers < 40) await new Promise((resolve) => setTimeout(resolve, 10));
    // A newcomer is answered in its arrival turn, not after everyone already connected
    // has been served again and again (Node accepts about one connection per loop turn).
    const newcomer = new http.Agent({ keepAlive: false });
    const before = busyAnswers;
    const started = performance.now();
    const statuses = await Promise.all(Array.from({ length: 5 }, () => get('/v1/search?q=5G&k=10', newcomer)));
    const waitedMs = performance.now() - started;
    const servedMeanwhile = busyAnswers - before;
    console.log(`newcomers answered in ${waitedMs.toFixed(0)} ms while ${servedMeanwhile} busy searches were served`);
    stop = true;
    await Promise.all(busy);
    agent.destroy();
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    // With fair turns (4 searches per loop turn) the busy connections were answered 60 times while
    // the newcomers waited; without, 118 times (the newcomers are accepted one per loop turn).
    expect(servedMeanwhile).toBeLessThan(90);
  });
});
