// DELETE /v1/documents/{id}: the write key, a one-line 404 for an unknown document, and a delete that
// the graph, both indexes and search reflect at once (a private copy of the seeded data dir).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../graph/embedded/embedded-store.js';
import { embedderForIndex, indexDirFor, loadIndexes } from '../search/index-lifecycle.js';
import { getJson, postJson, seededDataDir, serveDataDir, type SeededDir } from './api-helpers.js';

const KEY = 'delete-test-key';
let dir: SeededDir;
let api: Awaited<ReturnType<typeof serveDataDir>>;

beforeAll(async () => {
  dir = await seededDataDir('pg-delete-');
  api = await serveDataDir(dir.dataDir, { apiKey: KEY });
}, 180_000);

afterAll(async () => {
  await api?.close();
  dir?.cleanup();
});

/** The indexes the data dir's graph names now (read from a read-only handle of its own). */
async function publishedIndexes(dataDir: string) {
  const store = new EmbeddedStore(path.join(dataDir, 'graph'), { readOnly: true });
  await store.open();
  try {
    const indexDir = await indexDirFor(dataDir, store);
    const loaded = loadIndexes(dataDir, await embedderForIndex(dataDir, indexDir), indexDir);
    return { ...loaded, generation: (await store.indexGeneration())! };
  } finally {
    await store.close();
  }
}

const del = (id: string, headers: Record<string, string> = {}) => getJson(`${api.url}/v1/documents/${encodeURIComponent(id)}`, { method: 'DELETE', headers });

describe('DELETE /v1/documents/{id}', () => {
  it('needs the write key', async () => {
    expect((await del('皖政〔2018〕20号')).status).toBe(401);
    expect((await del('皖政〔2018〕20号', { authorization: 'Bearer wrong' })).status).toBe(403);
  });

  it('answers 404 in one line for a document the graph does not hold', async () => {
    const res = await del('国发〔1999〕1号', { authorization: `Bearer ${KEY}` });
    expect(res.status).toBe(404);
    expect(res.body.detail).toContain('no document "国发〔1999〕1号"');
  });

  it('deletes a document by 文号: gone from the graph, its clauses gone from search', async () => {
    const before = (await postJson(`${api.url}/v1/search`, { query: '安徽省信息消费规模', k: 20 })).body;
    const found = (await getJson(`${api.url}/v1/documents/${encodeURIComponent('皖政〔2018〕20号')}`)).body;
    const doc = found.document;
    const clauseIds: string[] = found.outline.map((entry: { id: string }) => entry.id);
    expect(before.results.some((r: any) => r.document.id === doc.id)).toBe(true);
    const indexed = await publishedIndexes(dir.dataDir);
    expect(clauseIds.every((id) => indexed.lexical.has(id) && indexed.vectors.has(id))).toBe(true);

    const res = await del('皖政[2018]20号', { authorization: `Bearer ${KEY}` });
    expect(res.status).toBe(200);
    expect(res.body.deleted).toMatchObject({ id: doc.id, docNumber: '皖政〔2018〕20号' });
    expect(res.body.deleted.clauses).toBeGreaterThan(10);

    expect((await getJson(`${api.url}/v1/documents/${doc.id}`)).status).toBe(404);
    const after = (await postJson(`${api.url}/v1/search`, { query: '安徽省信息消费规模', k: 20 })).body;
    expect(after.results.length).toBeGreaterThan(0);
    expect(after.results.some((r: any) => r.document.id === doc.id)).toBe(false);
    // the write process published a generation without them: both indexes lose the clauses, not only the graph
    const published = await publishedIndexes(dir.dataDir);
    expect(published.generation).toBeGreaterThan(indexed.generation);
    expect(clauseIds.filter((id) => published.lexical.has(id) || published.vectors.has(id))).toEqual([]);
    expect(published.lexical.size).toBe(indexed.lexical.size - clauseIds.length);
    expect(published.manifest.tombstones).toMatchObject({ documents: 1, clauses: clauseIds.length });
  });
});
