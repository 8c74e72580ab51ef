// POST /v1/embed over the seeded data dir, as `policygraph serve` answers it: the vectors are the
// index's own query vectors (the dense search ranks with the same ones), bad bodies are one
// problem+json naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, serveDataDir, sharedSeededDataDir, type TestServer } from './api-helpers.js';

let api: TestServer & { runtime: Awaited<ReturnType<typeof serveDataDir>>['runtime'] };

beforeAll(async () => {
  api = await serveDataDir(await sharedSeededDataDir());
}, 240_000);

afterAll(async () => {
  await api?.close();
});

describe('POST /v1/embed', () => {
  it('returns, per text, the vector the index is queried with', async () => {
    const search = api.runtime.search!;
    const { status, body } = await postJson(`${api.url}/v1/embed`, { texts: ['5G商用什么时候启动', '信息消费规模'] });
    expect(status).toBe(200);
    expect(body.embedder).toBe(search.embedderId);
    expect(body.as).toBe('query');
    expect(body.vectors).toHaveLength(2);
    for (const v of body.vectors) expect(v).toHaveLength(body.dimension);
    expect(Math.hypot(...body.vectors[0])).toBeCloseTo(1, 5);
    const [own] = await search.queryEmbedder!.embed(['5G商用什么时候启动'], { as: 'query' });
    expect(body.vectors[0]).toEqual(Array.from(own));
  });

  it('refuses an empty list, too many texts and unknown fields with problem+json naming the field', async () => {
    for (const [bad, field] of [
      [{ texts: [] }, 'texts'],
      [{ texts: Array.from({ length: 65 }, () => 'x') }, 'texts'],
      [{ texts: ['x'], model: 'other' }, 'model'],
      [{ texts: ['x'], as: 'document' }, 'as'],
    ] as const) {
      const res = await postJson(`${api.url}/v1/embed`, bad);
      expect(res.status, JSON.stringify(bad).slice(0, 60)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(res.body)).toContain(field);
    }
  });
});
