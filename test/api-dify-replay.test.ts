// Replays the requests Dify's own code sends to an external knowledge API (api/services/
// external_knowledge_service.py and core/rag/entities/metadata_entities.py in Dify): the endpoint
// check posts with no body; retrieval sends top_k as the user left it (possibly null), score_threshold
// 0.0 when the threshold is off, and metadata_condition only when set, as MetadataCondition.model_dump()
// (logical_operator default "and", conditions possibly null). Dify reads records[].content, score,
// title and metadata.document_id, and treats any non-200 as a failed retrieval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, serveDataDir, sharedSeededDataDir } from './api-helpers.js';

let api: Awaited<ReturnType<typeof serveDataDir>>;
const KEY = 'dify-replay-key';
const auth = { authorization: `Bearer ${KEY}` };

beforeAll(async () => {
  api = await serveDataDir(await sharedSeededDataDir(), { apiKey: 'write-key', difyApiKey: KEY, readOnly: true });
});
afterAll(async () => {
  await api?.close();
});

interface DifyRecord {
  content: string;
  score: number;
  title: string;
  metadata: Record<string, unknown>;
}

const retrieval = (body: unknown) => postJson<{ records: DifyRecord[]; error_code?: number; error_msg?: string }>(`${api.url}/retrieval`, body, auth);

function expectDifyRecords(records: DifyRecord[]) {
  expect(records.length).toBeGreaterThan(0);
  for (const r of records) {
    expect(typeof r.content).toBe('string');
    expect(typeof r.title).toBe('string');
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(1);
    expect(typeof r.metadata.document_id).toBe('string');
  }
}

describe('Dify as it really calls', () => {
  it('passes the endpoint check: a POST with only the Authorization header is not 403/404/502', async () => {
    const res = await getJson(`${api.url}/retrieval`, { method: 'POST', headers: auth });
    expect([403, 404, 502]).not.toContain(res.status);
    const wrongKey = await getJson(`${api.url}/retrieval`, { method: 'POST', headers: { authorization: 'Bearer nope' } });
    expect(wrongKey.status).toBe(403);
  });

  it('retrieves with no metadata condition, top_k null and the threshold off', async () => {
    for (const body of [
      { retrieval_setting: { top_k: 3, score_threshold: 0.0 }, query: '5G商用', knowledge_id: 'policygraph' },
      { retrieval_setting: { top_k: null, score_threshold: 0.0 }, query: '5G商用', knowledge_id: 'policygraph' },
      { retrieval_setting: { top_k: 3, score_threshold: 0.0 }, query: '5G商用', knowledge_id: 'policygraph', metadata_condition: null },
      { retrieval_setting: { top_k: 3, score_threshold: 0.0 }, query: '5G商用', knowledge_id: 'policygraph', metadata_condition: { logical_operator: 'and', conditions: null } },
      { retrieval_setting: { top_k: 3, score_threshold: 0.0 }, query: '5G商用', knowledge_id: 'policygraph', metadata_condition: { logical_operator: null, conditions: [] } },
    ]) {
      const res = await retrieval(body);
      expect(res.status, JSON.stringify(body)).toBe(200);
      expectDifyRecords(res.body.records);
      expect(res.body.records.length).toBeLessThanOrEqual(body.retrieval_setting.top_k ?? 5);
    }
  });

  it('answers an empty query or knowledge id with 200, and cuts a long query instead of refusing it', async () => {
    expect((await retrieval({ knowledge_id: '', query: '', retrieval_setting: { top_k: 1, score_threshold: 0 } })).status).toBe(200);
    const long = await retrieval({ knowledge_id: 'policygraph', query: `5G商用${'，推进信息消费'.repeat(400)}`, retrieval_setting: { top_k: 2, score_threshold: 0 } });
    expect(long.status).toBe(200);
    expectDifyRecords(long.body.records);
  });

  it('compares dates for before/after, with ISO dates, years and Unix timestamps', async () => {
    const base = { knowledge_id: 'policygraph', query: '信息消费', retrieval_setting: { top_k: 20, score_threshold: 0 } };
    const all = (await retrieval(base)).body.records;
    const timeOf = (r: DifyRecord) => Date.parse(String(r.metadata.date ?? `${r.metadata.year}-12-31`));
    // the corpus holds clauses from before 2018, so the condition has something to drop
    expect(all.some((r) => timeOf(r) < Date.UTC(2018, 0, 1))).toBe(true);
    const after = (value: unknown) => retrieval({ ...base, metadata_condition: { logical_operator: 'and', conditions: [{ name: 'date', comparison_operator: 'after', value }] } });
    for (const value of ['2018-01-01', '2018', Date.UTC(2018, 0, 1) / 1000]) {
      const res = await after(value);
      expect(res.status).toBe(200);
      const kept = res.body.records;
      expect(kept.length).toBeGreaterThan(0);
      for (const r of kept) expect(timeOf(r)).toBeGreaterThan(Date.UTC(2018, 0, 1));
    }
  });

  it('refuses an unknown field or a time that is not one with a 400 in Dify’s error shape, never a silent empty list', async () => {
    const base = { knowledge_id: 'policygraph', query: '信息消费', retrieval_setting: { top_k: 5, score_threshold: 0 } };
    const unknown = await retrieval({ ...base, metadata_condition: { logical_operator: 'and', conditions: [{ name: 'colour', comparison_operator: 'is', value: 'red' }] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error_msg).toMatch(/unknown metadata field "colour"/);
    const badTime = await retrieval({ ...base, metadata_condition: { conditions: [{ name: 'date', comparison_operator: 'before', value: 'yesterday-ish' }] } });
    expect(badTime.status).toBe(400);
    expect(typeof badTime.body.error_code).toBe('number');
  });
});
