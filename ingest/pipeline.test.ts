// The pipeline's promise: a failed run changes nothing — neither the graph nor the search indexes it
// names — and every run publishes its index generation together with its graph write.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../graph/open-store.js';
import type { GraphStore } from '../graph/store.js';
import { BuiltinEmbedder, createEmbedder } from '../search/embedders/index.js';
import { writeEmbedderState } from '../search/embedder-state-file.js';
import { generationDir, indexRoot, listGenerations } from '../search/generations.js';
import { EMBEDDER_STATE_FILE } from '../search/index-store.js';
import { createSearchService } from '../search/search-service.js';
import type { Embedder } from '../search/types.js';
import { runIngest } from './pipeline.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SEED = (name: string) => path.join(ROOT, 'seeds', name);
const dataDir = mkdtempSync(path.join(tmpdir(), 'pg-pipeline-'));
let embedder: Embedder;

const filesOf = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(path.join(dir, name)).toString('base64')]));

beforeAll(async () => {
  embedder = await createEmbedder({ kind: 'builtin', env: {} });
  await runIngest({ paths: [SEED('001_9e059d95befd6a7e.txt')], dataDir, engine: 'embedded', embedder });
});

describe('runIngest when the graph write fails', () => {
  it('leaves the published generation, its files and the graph as they were, and no new folder', async () => {
    const published = await storedGeneration();
    expect(published).toBe(1);
    const indexesBefore = filesOf(generationDir(dataDir, published!));
    const documentsBefore = await listDocumentIds();
    const failingWrite = async (options: Parameters<typeof openStore>[0]): Promise<GraphStore> => {
      const store = await openStore(options);
      // the real store, except that its write fails the way a rejected batch does
      return Object.assign(Object.create(store) as GraphStore, { write: async () => Promise.reject(new Error('write refused')) });
    };
    await expect(
      runIngest({ paths: [SEED('004_d4e4072216533b5e.txt')], dataDir, engine: 'embedded', embedder, openStore: failingWrite }),
    ).rejects.toThrow('write refused');
    expect(listGenerations(dataDir)).toEqual([1]);
    expect(filesOf(generationDir(dataDir, 1))).toEqual(indexesBefore);
    expect(await storedGeneration()).toBe(1);
    expect(await listDocumentIds()).toEqual(documentsBefore);
    expect(readdirSync(dataDir).filter((name) => name.includes('before-ingest'))).toEqual([]);
  });

  it('then ingests the same file normally, as the next generation', async () => {
    const summary = await runIngest({ paths: [SEED('004_d4e4072216533b5e.txt')], dataDir, engine: 'embedded', embedder });
    expect(summary.documents).toBe(1);
    expect(await storedGeneration()).toBe(2);
    // the replaced generation stays for readers that opened the graph just before the switch
    expect(listGenerations(dataDir)).toEqual([1, 2]);
  });
});

describe('index generations', () => {
  it('a reader opens the generation the graph names, not a newer unpublished folder', async () => {
    const published = (await storedGeneration())!;
    // what an ingest killed after its index save and before its graph commit leaves behind
    const orphan = generationDir(dataDir, published + 1);
    mkdirSync(orphan, { recursive: true });
    writeFileSync(path.join(orphan, 'manifest.json'), '{"format":"policygraph-index","version":2,"generation":"orphan"}');
    const store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
    try {
      const service = await createSearchService({ dataDir, store });
      const hits = await service.search({ query: '信息消费', k: 3 });
      expect(hits.results.length).toBeGreaterThan(0);
      await service.close();
    } finally {
      await store.close();
    }
  });

  it('the next ingest removes unpublished folders, old snapshots and generations older than the replaced one', async () => {
    const before = (await storedGeneration())!;
    mkdirSync(path.join(dataDir, 'index.before-ingest-4242'), { recursive: true });
    await runIngest({ paths: [SEED('002_6abf77f9cb122137.txt')], dataDir, engine: 'embedded', embedder });
    const now = (await storedGeneration())!;
    expect(now).toBe(before + 1); // the orphan never was published: its folder went, its number is free
    expect(listGenerations(dataDir)).toEqual([before, now]);
    expect(readdirSync(dataDir).filter((name) => name.includes('before-ingest'))).toEqual([]);
  });

  it('an embedder state file from another build is a clear error, not silently other vectors', async () => {
    const dir = generationDir(dataDir, (await storedGeneration())!);
    const stateFile = path.join(dir, EMBEDDER_STATE_FILE);
    const original = readFileSync(stateFile);
    // another corpus's IDF: a well-formed state fitted on other texts
    const other = new BuiltinEmbedder();
    other.fit(['另一个语料的条款文本', '完全不同的统计数据']);
    writeEmbedderState(dir, other, 'another-build');
    const store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
    try {
      await expect(createSearchService({ dataDir, store })).rejects.toThrow(/is not the embedder state this index was built with/);
      // one changed count in the stored table: its bytes no longer hash to the digest written with them
      const damaged = Buffer.from(original);
      damaged[damaged.length - 1] ^= 1;
      writeFileSync(stateFile, damaged);
      await expect(createSearchService({ dataDir, store })).rejects.toThrow(/embedder state does not match its digest/);
    } finally {
      writeFileSync(stateFile, original);
      await store.close();
    }
  });

  it('a graph naming a generation whose folder is gone says so', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'pg-pipeline-gone-'));
    await runIngest({ paths: [SEED('002_6abf77f9cb122137.txt')], dataDir: other, engine: 'embedded', embedder });
    const { rmSync } = await import('node:fs');
    rmSync(indexRoot(other), { recursive: true, force: true });
    const store = await openStore({ dataDir: other, engine: 'embedded', readOnly: true });
    try {
      await expect(createSearchService({ dataDir: other, store })).rejects.toThrow(/names search index generation 1, but .*gen-1 is missing: re-run policygraph ingest/);
    } finally {
      await store.close();
    }
    expect(existsSync(other)).toBe(true);
  });
});

async function storedGeneration(): Promise<number | null> {
  const store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
  try {
    return (await store.indexGeneration?.()) ?? null;
  } finally {
    await store.close();
  }
}

async function listDocumentIds(): Promise<string[]> {
  const store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
  try {
    return (await store.listDocuments()).map((d) => d.id).sort();
  } finally {
    await store.close();
  }
}

describe('a second run resolves document identity like a full run', () => {
  it('a copy without 文号 of a document stored with one is that document, not a duplicate', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-pipeline-identity-'));
    const body = (number: string) =>
      ['国务院关于推进文档身份统一管理工作的通知', number, '各省、自治区、直辖市人民政府：',
        '一、总体要求', '（一）坚持统筹推进文档身份统一管理工作，确保各项任务落实到位，形成长效机制。',
        '二、重点任务', '（二）加快建设统一的文档身份识别机制，提升政策文本数据质量和检索效率。', ''].join('\n');
    writeFileSync(path.join(dir, 'with-number.txt'), body('国发〔2099〕7号'));
    writeFileSync(path.join(dir, 'without-number.txt'), body(''));
    const one = path.join(dir, 'data');
    await runIngest({ paths: [path.join(dir, 'with-number.txt')], dataDir: one, engine: 'embedded', embedder });
    await runIngest({ paths: [path.join(dir, 'without-number.txt')], dataDir: one, engine: 'embedded', embedder });
    const store = await openStore({ dataDir: one, engine: 'embedded', readOnly: true });
    try {
      const docs = (await store.listDocuments()).filter((d) => d.inCorpus);
      expect(docs.map((d) => [d.title, d.docNumber])).toEqual([['国务院关于推进文档身份统一管理工作的通知', '国发〔2099〕7号']]);
    } finally {
      await store.close();
    }
  });
});

