// Issue 14: uploads run one at a time; a second upload while one ingests is refused at once with
// 429 problem+json and Retry-After (before its body is read), and the first one still lands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '../api/schemas/common.js';
import { getJson, postJson, seededDataDir, serveDataDir, type SeededDir } from './api-helpers.js';

const KEY = 'upload-busy-key';
let dir: SeededDir;
let api: Awaited<ReturnType<typeof serveDataDir>>;

beforeAll(async () => {
  dir = await seededDataDir('pg-upload-busy-');
  api = await serveDataDir(dir.dataDir, { apiKey: KEY });
}, 120_000);

afterAll(async () => {
  await api?.close();
  dir?.cleanup();
});

/** A policy-like text large enough that its ingest takes seconds. */
function bigPolicy(title: string, items: number): string {
  const lines = [title, ''];
  for (let i = 1; i <= items; i++) lines.push(`${i}、推进第${i}项重点任务。各地区要加强统筹协调，落实第${i}项配套措施，完善监测评估机制。`);
  return lines.join('\n');
}

describe('one upload at a time', () => {
  it('a second upload during an ingest is 429 with Retry-After; the first lands', async () => {
    const auth = { authorization: `Bearer ${KEY}` };
    const first = postJson(`${api.url}/v1/documents`, { filename: 'big.txt', text: bigPolicy('关于推进大规模测试工作的通知', 2_000) }, auth);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await postJson(`${api.url}/v1/documents`, { filename: 'other.txt', text: bigPolicy('关于另一项测试工作的通知', 10) }, auth);
    expect(second.status).toBe(429);
    expect(second.headers.get('content-type')).toContain('application/problem+json');
    expect(second.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(ProblemSchema.parse(second.body).detail).toMatch(/another upload is in progress/);
    expect((await first).status).toBe(201);
    const docs = (await getJson(`${api.url}/v1/documents?limit=100`)).body as { items: { title: string }[] };
    expect(docs.items.map((d) => d.title)).toContain('关于推进大规模测试工作的通知');
    expect(docs.items.map((d) => d.title)).not.toContain('关于另一项测试工作的通知');
  }, 240_000);
});
