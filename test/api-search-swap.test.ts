// Issue 14: the server caches search answers per generation of its graph and indexes. After an
// upload or a deletion switches generations, a query asked before answers from the new corpus; and
// searches keep being answered, every one, while the switch happens under them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, postJson, seededDataDir, serveDataDir, type SeededDir } from './api-helpers.js';

const KEY = 'search-swap-key';
const auth = { authorization: `Bearer ${KEY}` };
let dir: SeededDir;
let api: Awaited<ReturnType<typeof serveDataDir>>;

beforeAll(async () => {
  dir = await seededDataDir('pg-search-swap-');
  api = await serveDataDir(dir.dataDir, { apiKey: KEY, upload: { maxBytes: 512 * 1024, timeoutMs: 300_000 } });
}, 120_000);

afterAll(async () => {
  await api?.close();
  dir?.cleanup();
});

function policy(title: string, items: number, word: string): string {
  const lines = [title, ''];
  for (let i = 1; i <= items; i++) lines.push(`${i}、推进${word}第${i}项工作。各地区要加强统筹协调，落实配套措施。`);
  return lines.join('\n');
}

type Hit = { document: { id: string; title: string } };
const searchTitles = async (query: string, mode: string) => {
  const res = await getJson<{ results: Hit[] }>(`${api.url}/v1/search?q=${encodeURIComponent(query)}&k=10&mode=${mode}`);
  expect(res.status).toBe(200);
  return res.body.results.map((r) => r.document.title);
};

describe('search cache across generations', () => {
  it('a query cached before an upload finds the upload after it, and not after its deletion', async () => {
    const title = '关于实施琥珀灯塔计划的通知';
    for (const mode of ['hybrid', 'lexical']) {
      // asked twice: the second answer comes from the cache
      expect(await searchTitles('琥珀灯塔计划', mode)).not.toContain(title);
      expect(await searchTitles('琥珀灯塔计划', mode)).not.toContain(title);
    }
    const hitsBefore = (api.runtime.search as unknown as { cacheStats(): { hits: number } }).cacheStats().hits;
    expect(hitsBefore).toBeGreaterThanOrEqual(2);

    const uploaded = await postJson(`${api.url}/v1/documents`, { filename: 'amber.txt', text: policy(title, 5, '琥珀灯塔计划') }, auth);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    // the new service was primed with the queries asked before: answered from its cache, from the new corpus
    const primed = api.runtime.search as unknown as { cacheStats(): { hits: number; misses: number } };
    const missesAfterSwitch = primed.cacheStats().misses;
    for (const mode of ['hybrid', 'lexical']) expect(await searchTitles('琥珀灯塔计划', mode)).toContain(title);
    expect(primed.cacheStats().misses).toBe(missesAfterSwitch);

    const id = (uploaded.body as { documents: { id: string }[] }).documents[0]!.id;
    const removed = await getJson(`${api.url}/v1/documents/${encodeURIComponent(id)}`, { method: 'DELETE', headers: auth });
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    for (const mode of ['hybrid', 'lexical']) expect(await searchTitles('琥珀灯塔计划', mode)).not.toContain(title);
  }, 300_000);

  it('every search is answered while an upload switches the server to a new generation', async () => {
    const title = '关于推进青铜罗盘行动的通知';
    const queries = ['信息消费', '5G商用', '青铜罗盘行动', '农村宽带 普遍服务'];
    const before = api.runtime.search;
    let uploading = true;
    const statuses = new Map<number, number>();
    let afterSwitch = 0;
    const loops = Array.from({ length: 6 }, async (_, worker) => {
      for (let i = worker; uploading || i < worker + 8; i++) {
        const res = await fetch(`${api.url}/v1/search?q=${encodeURIComponent(queries[i % queries.length]!)}&k=5`);
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (api.runtime.search !== before) afterSwitch++;
      }
    });
    const uploaded = await postJson(`${api.url}/v1/documents`, { filename: 'bronze.txt', text: policy(title, 60, '青铜罗盘行动') }, auth).finally(() => (uploading = false));
    await Promise.all(loops);
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    expect(api.runtime.search).not.toBe(before);
    // only 200s, and some of them answered by each generation
    expect([...statuses.keys()]).toEqual([200]);
    expect(afterSwitch).toBeGreaterThanOrEqual(6);
    expect(statuses.get(200)! - afterSwitch).toBeGreaterThanOrEqual(6);
    expect(await searchTitles('青铜罗盘行动', 'lexical')).toContain(title);
  }, 300_000);
});
