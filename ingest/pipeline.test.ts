// The pipeline's promise: a failed run changes nothing — neither the graph nor the search indexes.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../graph/open-store.js';
import type { GraphStore } from '../graph/store.js';
import { createEmbedder } from '../search/embedders/index.js';
import { indexDir } from '../search/index-store.js';
import type { Embedder } from '../search/types.js';
import { runIngest } from './pipeline.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'pg-pipeline-'));
let embedder: Embedder;

const indexFiles = () =>
  Object.fromEntries(readdirSync(indexDir(dataDir)).sort().map((name) => [name, readFileSync(path.join(indexDir(dataDir), name)).toString('base64')]));

beforeAll(async () => {
  embedder = await createEmbedder({ kind: 'builtin', env: {} });
  await runIngest({ paths: [path.join(ROOT, 'seeds/001_9e059d95befd6a7e.txt')], dataDir, engine: 'embedded', embedder });
});

describe('runIngest when the graph write fails', () => {
  it('puts the indexes back as they were and leaves the graph as it was', async () => {
    const indexesBefore = indexFiles();
    const documentsBefore = await listDocumentIds();
    const failingWrite = async (options: Parameters<typeof openStore>[0]): Promise<GraphStore> => {
      const store = await openStore(options);
      // the real store, except that its write fails the way a rejected batch does
      return Object.assign(Object.create(store) as GraphStore, { write: async () => Promise.reject(new Error('write refused')) });
    };
    await expect(
      runIngest({ paths: [path.join(ROOT, 'seeds/004_d4e4072216533b5e.txt')], dataDir, engine: 'embedded', embedder, openStore: failingWrite }),
    ).rejects.toThrow('write refused');
    expect(indexFiles()).toEqual(indexesBefore);
    expect(await listDocumentIds()).toEqual(documentsBefore);
    expect(readdirSync(dataDir).filter((name) => name.includes('before-ingest'))).toEqual([]);
  });

  it('then ingests the same file normally', async () => {
    const summary = await runIngest({ paths: [path.join(ROOT, 'seeds/004_d4e4072216533b5e.txt')], dataDir, engine: 'embedded', embedder });
    expect(summary.documents).toBe(1);
    expect((await listDocumentIds()).length).toBeGreaterThan(0);
  });
});

async function listDocumentIds(): Promise<string[]> {
  const store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
  try {
    return (await store.listDocuments()).map((d) => d.id).sort();
  } finally {
    await store.close();
  }
}
