// Issue 14: an upload is ingested by a child process, so the server keeps answering meanwhile;
// uploads run one at a time (a second is 429 with Retry-After before its body is read); a body over
// the configured limit is 413; a failed child leaves the old state served and says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../api/schemas/common.js';
import { getJson, postJson, seededDataDir, serveDataDir, type SeededDir } from './api-helpers.js';

const KEY = 'upload-busy-key';
const auth = { authorization: `Bearer ${KEY}` };
let dir: SeededDir;
let api: Awaited<ReturnType<typeof serveDataDir>>;
/** Pids of the write processes the server started, newest last. */
const children: number[] = [];

beforeAll(async () => {
  dir = await seededDataDir('pg-upload-busy-');
  api = await serveDataDir(dir.dataDir, { apiKey: KEY, upload: { maxBytes: 512 * 1024, timeoutMs: 300_000 }, onUploadChild: (pid) => children.push(pid) });
}, 120_000);

afterAll(async () => {
  await api?.close();
  dir?.cleanup();
});

/** A policy-like text large enough that its ingest takes seconds. */
function bigPolicy(title: string, items: number, word = '重点任务'): string {
  const lines = [title, ''];
  for (let i = 1; i <= items; i++) lines.push(`${i}、推进第${i}项${word}。各地区要加强统筹协调，落实第${i}项配套措施，完善监测评估机制。`);
  return lines.join('\n');
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

const titles = async () => ((await getJson(`${api.url}/v1/documents?limit=100`)).body as { items: { title: string }[] }).items.map((d) => d.title);

describe('uploads off the event loop', () => {
  it('health checks and searches answer within 1 s while an upload ingests; then the upload is searchable', async () => {
    const started = children.length;
    let done = false;
    const upload = postJson(`${api.url}/v1/documents`, { filename: 'while-searching.txt', text: bigPolicy('关于推进并发检索测试工作的通知', 2_000, '星辰计划') }, auth).finally(() => (done = true));
    const worst = { health: 0, search: 0, probes: 0, duringChild: 0 };
    while (!done) {
      const health = await timed(() => getJson(`${api.url}/healthz`));
      const search = await timed(() => getJson(`${api.url}/v1/search?q=${encodeURIComponent('信息消费')}&k=5`));
      expect(health.value.status).toBe(200);
      expect(search.value.status).toBe(200);
      worst.health = Math.max(worst.health, health.ms);
      worst.search = Math.max(worst.search, search.ms);
      worst.probes += 1;
      if (children.length > started) worst.duringChild += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const result = await upload;
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    // the probes ran while the child ingested, not just before it started
    expect(worst.duringChild, JSON.stringify(worst)).toBeGreaterThanOrEqual(5);
    expect(worst.health, JSON.stringify(worst)).toBeLessThan(1_000);
    expect(worst.search, JSON.stringify(worst)).toBeLessThan(1_000);
    // the server switched to the graph and indexes holding the upload
    expect(await titles()).toContain('关于推进并发检索测试工作的通知');
    const found = await getJson(`${api.url}/v1/search?q=${encodeURIComponent('星辰计划')}&k=5&mode=lexical`);
    expect(found.body.results.map((r: { document: { title: string } }) => r.document.title)).toContain('关于推进并发检索测试工作的通知');
  }, 300_000);

  it('a second upload during an ingest is 429 with Retry-After; the first lands', async () => {
    const first = postJson(`${api.url}/v1/documents`, { filename: 'big.txt', text: bigPolicy('关于推进大规模测试工作的通知', 2_000) }, auth);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await postJson(`${api.url}/v1/documents`, { filename: 'other.txt', text: bigPolicy('关于另一项测试工作的通知', 10) }, auth);
    expect(second.status).toBe(429);
    expect(second.headers.get('content-type')).toContain('application/problem+json');
    expect(second.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(ProblemSchema.parse(second.body).detail).toMatch(/another upload is in progress/);
    expect((await first).status).toBe(201);
    expect(await titles()).toContain('关于推进大规模测试工作的通知');
    expect(await titles()).not.toContain('关于另一项测试工作的通知');
  }, 300_000);

  it('a body over the configured limit is 413 problem+json and nothing is ingested', async () => {
    const before = children.length;
    const res = await postJson(`${api.url}/v1/documents`, { filename: 'huge.txt', text: bigPolicy('关于超大上传的通知', 8_000) }, auth);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(ProblemSchema.parse(res.body).detail).toMatch(/larger than 524288 bytes/);
    expect(children.length).toBe(before);
  });

  it('a write process killed mid-ingest leaves the old state served and the uploader gets a one-line 503', async () => {
    const before = await titles();
    const started = children.length;
    const upload = postJson(`${api.url}/v1/documents`, { filename: 'killed.txt', text: bigPolicy('关于被中断上传的通知', 2_000) }, auth);
    while (children.length === started) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    process.kill(children[children.length - 1], 'SIGKILL');
    const res = await upload;
    expect(res.status).toBe(503);
    const problem = ProblemSchema.parse(res.body);
    expect(problem.detail).toMatch(/the upload failed \(the write process was killed \(SIGKILL\)\); the documents served are unchanged/);
    expect(problem.detail).not.toMatch(/\n/);
    expect(await titles()).toEqual(before);
    expect((await getJson(`${api.url}/v1/search?q=${encodeURIComponent('信息消费')}&k=5`)).status).toBe(200);
    // and the next upload works: nothing the killed one left is in the way
    const again = await postJson(`${api.url}/v1/documents`, { filename: 'after-kill.txt', text: bigPolicy('关于中断之后再次上传的通知', 20) }, auth);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
  }, 300_000);

  it('a deletion through the server store runs in the write process and the document is gone', async () => {
    const target = (await getJson(`${api.url}/v1/documents?limit=100`)).body.items.find((d: { title: string }) => d.title === '关于中断之后再次上传的通知');
    expect(target).toBeDefined();
    const started = children.length;
    expect(await api.deps.store.deleteDocument(target.id)).toBe(true);
    expect(children.length).toBe(started + 1);
    expect(await titles()).not.toContain('关于中断之后再次上传的通知');
    expect(await api.deps.store.deleteDocument('no-such-document')).toBe(false);
  }, 120_000);
});
