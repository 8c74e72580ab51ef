// Dify External Knowledge API (POST /retrieval) over real HTTP, against a data dir built by the real
// ingest: Dify's request and response shapes, its error codes, scopes and metadata conditions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, serveDataDir, sharedSeededDataDir } from './api-helpers.js';

let dataDir: string;
let api: Awaited<ReturnType<typeof serveDataDir>>;
const DIFY_KEY = 'dify-key-77';
const auth = { authorization: `Bearer ${DIFY_KEY}` };
const body = (over: Record<string, unknown> = {}) => ({
  knowledge_id: 'policygraph',
  query: '5G商用',
  retrieval_setting: { top_k: 5, score_threshold: 0 },
  ...over,
});

beforeAll(async () => {
  dataDir = await sharedSeededDataDir();
  api = await serveDataDir(dataDir, { apiKey: 'write-key', difyApiKey: DIFY_KEY, readOnly: true });
});

afterAll(async () => {
  await api?.close();
});

describe('POST /retrieval', () => {
  it('answers {records: [{content, score, title, metadata}]} ranked by score in 0..1', async () => {
    const res = await postJson(`${api.url}/retrieval`, body(), auth);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['records']);
    const records = res.body.records as { content: string; score: number; title: string; metadata: Record<string, unknown> }[];
    expect(records.length).toBeGreaterThan(0);
    expect(records.length).toBeLessThanOrEqual(5);
    for (const r of records) {
      expect(Object.keys(r).sort()).toEqual(['content', 'metadata', 'score', 'title']);
      expect(typeof r.content).toBe('string');
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      // Dify breaks on null metadata; it must be an object carrying the citation.
      expect(r.metadata).toEqual(expect.objectContaining({ citation: expect.any(String), clause_id: expect.any(String) }));
    }
    const scores = records.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(records.some((r) => r.content.includes('5G'))).toBe(true);
  });

  it('drops records under score_threshold', async () => {
    const all = (await postJson(`${api.url}/retrieval`, body({ retrieval_setting: { top_k: 10, score_threshold: 0 } }), auth)).body.records;
    const strict = (await postJson(`${api.url}/retrieval`, body({ retrieval_setting: { top_k: 10, score_threshold: 0.9 } }), auth)).body.records;
    expect(strict.length).toBeGreaterThan(0);
    expect(strict.length).toBeLessThanOrEqual(all.length);
    expect(strict.every((r: { score: number }) => r.score >= 0.9)).toBe(true);
  });

  it('scopes retrieval to the document a knowledge_id names (by 文号)', async () => {
    const res = await postJson(`${api.url}/retrieval`, body({ knowledge_id: '皖政〔2018〕20号', query: '信息消费', retrieval_setting: { top_k: 8, score_threshold: 0 } }), auth);
    expect(res.status).toBe(200);
    expect(res.body.records.length).toBeGreaterThan(0);
    expect(res.body.records.every((r: any) => r.metadata.doc_number === '皖政〔2018〕20号')).toBe(true);
  });

  it('applies metadata_condition', async () => {
    const res = await postJson(
      `${api.url}/retrieval`,
      body({
        query: '信息消费',
        retrieval_setting: { top_k: 6, score_threshold: 0 },
        metadata_condition: { logical_operator: 'and', conditions: [{ name: ['level'], comparison_operator: 'is', value: 'provincial' }] },
      }),
      auth,
    );
    expect(res.status).toBe(200);
    expect(res.body.records.length).toBeGreaterThan(0);
    expect(res.body.records.every((r: any) => r.metadata.level === 'provincial')).toBe(true);
  });

  it('uses Dify error codes: 1001 bad header, 1002 wrong key, 2001 unknown knowledge', async () => {
    const none = await postJson(`${api.url}/retrieval`, body());
    expect(none.status).toBe(403);
    expect(none.body).toMatchObject({ error_code: 1001, error_msg: expect.stringContaining('Bearer') });
    expect((await postJson(`${api.url}/retrieval`, body(), { authorization: `Token ${DIFY_KEY}` })).body.error_code).toBe(1001);
    const wrong = await postJson(`${api.url}/retrieval`, body(), { authorization: 'Bearer write-key' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error_code).toBe(1002);
    const unknown = await postJson(`${api.url}/retrieval`, body({ knowledge_id: 'no-such-knowledge' }), auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error_code).toBe(2001);
  });

  it('rejects invalid settings with the zod issues', async () => {
    const res = await postJson(`${api.url}/retrieval`, body({ retrieval_setting: { top_k: 0, score_threshold: 2 } }), auth);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['retrieval_setting.score_threshold', 'retrieval_setting.top_k']);
  });
});
