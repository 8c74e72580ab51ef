// Searching by document type (法律, 地方性法规 …) over HTTP: the legal fixtures have typed documents,
// the seeds untyped ones; a type filter keeps only clauses of documents of that type.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SEEDS, getJson, ingest, serveDataDir, type TestServer } from './api-helpers.js';

let root: string;
let server: TestServer;
const search = async (params: string) => (await getJson(`${server.url}/v1/search?${params}`)).body;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-doc-type-'));
  ingest([path.join(ROOT, 'test/fixtures/laws'), SEEDS], path.join(root, 'data'));
  server = await serveDataDir(path.join(root, 'data'));
}, 180_000);
afterAll(async () => {
  await server?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('search filtered by document type', () => {
  it('keeps only clauses of documents of the asked types, and says so in every result', async () => {
    const docs = (await getJson(`${server.url}/v1/documents?limit=500`)).body.items as { docType?: string | null; inCorpus: boolean }[];
    const types = [...new Set(docs.filter((d) => d.inCorpus && d.docType).map((d) => d.docType!))];
    expect(types).toContain('地方性法规');

    const q = encodeURIComponent('管理 建设');
    const open = await search(`q=${q}&k=50`);
    expect(open.results.some((r: { document: { docType: string | null } }) => r.document.docType !== '地方性法规')).toBe(true);

    const typed = await search(`q=${q}&k=50&docType=${encodeURIComponent('地方性法规')}`);
    expect(typed.results.length).toBeGreaterThan(0);
    for (const r of typed.results) expect(r.document.docType).toBe('地方性法规');
  });

  it('answers a type no document has with no results, not with everything', async () => {
    const none = await search(`q=${encodeURIComponent('管理')}&docType=${encodeURIComponent('司法解释')}`);
    expect(none.results).toEqual([]);
    expect(none.facets.documents).toEqual([]);
  });

  it('combines a type with a document filter (both must hold)', async () => {
    const docs = (await getJson(`${server.url}/v1/documents?limit=500`)).body.items as { id: string; docType?: string | null; inCorpus: boolean }[];
    const untyped = docs.find((d) => d.inCorpus && !d.docType)!;
    const both = await search(`q=${encodeURIComponent('信息消费')}&doc=${untyped.id}&docType=${encodeURIComponent('地方性法规')}`);
    expect(both.results).toEqual([]);
  });
});
