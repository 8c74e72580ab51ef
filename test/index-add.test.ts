// Adding new documents publishes a delta generation (search/index-add.ts, search/index-delta.ts):
// the published files hard-linked, the new clauses beside them. What a reader then serves must be
// what a whole build of the same add serves — the same ids, order and scores from BM25, from the
// vectors and from hybrid search, the same catalog and SIMILAR_TO edges — and deletions, further
// adds and the next whole build must keep it so.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../graph/embedded/embedded-store.js';
import { runIngest } from '../ingest/pipeline.js';
import { createEmbedder } from '../search/embedders/index.js';
import { generationDir } from '../search/generations.js';
import { DELTA_DIR } from '../search/index-delta.js';
import { deleteDocumentWithIndexes } from '../search/index-delete.js';
import { LEXICAL_FILE, clauseIndexText, loadIndexes, readManifest, type LoadedIndexes } from '../search/index-store.js';
import { LexicalIndex } from '../search/lexical-index.js';
import { createSearchService } from '../search/search-service.js';
import type { Embedder } from '../search/types.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const INPUTS = [path.join(ROOT, 'seeds'), path.join(ROOT, 'test', 'fixtures', 'laws')];
const LAW = path.join(ROOT, 'test', 'fixtures', 'laws', '某省河道管理条例(2010-07-13).md');
const QUERIES = ['河道管理范围内禁止建设', '防洪工程设施的保护', '河湖长制 清四乱', '新能源汽车推广应用', '财政资金支持'];

let root = '';
let embedder: Embedder;
let addedFiles = '';

async function withStore<T>(dataDir: string, fn: (store: EmbeddedStore) => Promise<T>, readOnly = true): Promise<T> {
  const store = new EmbeddedStore(path.join(dataDir, 'graph'), { readOnly });
  await store.open();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function publishedDir(dataDir: string): Promise<string> {
  return generationDir(dataDir, (await withStore(dataDir, (store) => store.indexGeneration()))!);
}

async function loaded(dataDir: string): Promise<LoadedIndexes> {
  return loadIndexes(dataDir, embedder, await publishedDir(dataDir));
}

async function similarEdges(dataDir: string): Promise<string[]> {
  return withStore(dataDir, async (store) => {
    const out: string[] = [];
    for await (const r of store.exportEdges!(['SIMILAR_TO'])) if (r.kind === 'edge') out.push(`${r.from}→${r.to} ${Number(r.properties.score).toFixed(4)}`);
    return out.sort();
  });
}

/** Ids and scores (rounded) of what a search returns, in order. */
const ranked = (hits: { id: string; score: number }[]) => hits.map((h) => `${h.id} ${h.score.toFixed(5)}`);

async function served(dataDir: string, queries: string[]) {
  return withStore(dataDir, async (store) => {
    const service = await createSearchService({ dataDir, store });
    try {
      const answers: string[][] = [];
      for (const query of queries) {
        for (const mode of ['hybrid', 'lexical', 'dense'] as const) {
          const response = await service.search({ query, mode, k: 10 });
          answers.push(response.results.map((r) => `${mode} ${r.clause.id} ${r.score.toFixed(4)}`));
        }
      }
      return { answers, catalog: service.catalog.size };
    } finally {
      await service.close();
    }
  });
}

/** A new file: the law fixture under another title (its clauses repeat stored ones: ties, SIMILAR_TO) plus a notice of its own. */
function writeAddition(dir: string, n: number): string {
  const file = path.join(dir, `addition-${n}.md`);
  fs.writeFileSync(file, fs.readFileSync(LAW, 'utf8').replace(/^(#?\s*)(.+)$/m, `$1$2（增补本${n}）`));
  const notice = path.join(dir, `notice-${n}.txt`);
  fs.writeFileSync(notice, `关于加强第${n}批河湖长制工作的通知\n\n一、各地要落实河湖长制责任，开展清四乱专项行动，第${n}批河道管理范围内的违法建设一律拆除。\n\n二、财政资金支持河湖生态修复，新能源汽车推广应用与河道保护统筹推进。\n`);
  return dir;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-index-add-'));
  embedder = await createEmbedder({ kind: 'builtin', env: {} });
  await runIngest({ paths: INPUTS, dataDir: path.join(root, 'delta'), engine: 'embedded', embedder });
  fs.cpSync(path.join(root, 'delta'), path.join(root, 'whole'), { recursive: true });
  addedFiles = writeAddition(fs.mkdtempSync(path.join(root, 'add-')), 1);
}, 180_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('adding new documents as a delta generation', () => {
  it('serves what a whole build of the same add serves: BM25, vectors, hybrid search, catalog and SIMILAR_TO', async () => {
    const deltaDir = path.join(root, 'delta');
    const wholeDir = path.join(root, 'whole');
    const baseDir = await publishedDir(deltaDir);
    const base = loadIndexes(deltaDir, embedder, baseDir);
    const added = await runIngest({ paths: [addedFiles], dataDir: deltaDir, engine: 'embedded', embedder: await createEmbedder({ kind: 'builtin', env: {} }) });
    await runIngest({ paths: [addedFiles], dataDir: wholeDir, engine: 'embedded', embedder: await createEmbedder({ kind: 'builtin', env: {} }), deltas: false });
    expect(added.documents).toBe(2);
    expect(added.similarEdges, 'the re-titled law links to the stored one').toBeGreaterThan(5);

    // the delta generation links the published files and adds only the delta folder
    const dir = await publishedDir(deltaDir);
    const manifest = readManifest(deltaDir, dir)!;
    expect(manifest.delta).toMatchObject({ dir: DELTA_DIR, clauses: added.clauses, documents: 2 });
    expect(fs.statSync(path.join(dir, LEXICAL_FILE)).ino).toBe(fs.statSync(path.join(baseDir, LEXICAL_FILE)).ino);
    expect(readManifest(wholeDir, await publishedDir(wholeDir))!.delta ?? null).toBeNull();

    const delta = await loaded(deltaDir);
    const whole = await loaded(wholeDir);
    expect(delta.lexical.size).toBe(whole.lexical.size);
    expect(delta.vectors.size).toBe(whole.vectors.size);
    expect(manifest.clauseCount).toBe(whole.manifest.clauseCount);
    expect(manifest.embedderState).toEqual(whole.manifest.embedderState);

    // BM25: N, avgdl and df as the whole build counts them (idf of the added words, scores of queries)
    const addedClauses = await withStore(deltaDir, async (store) => (await store.allClauses()).filter((c) => !base.lexical.has(c.id)));
    expect(addedClauses).toHaveLength(added.clauses);
    const words = [...delta.lexical.termCounts(addedClauses.slice(0, 50).map(clauseIndexText)).words.keys()].slice(0, 200);
    for (const word of words) expect(delta.lexical.idf(word), word).toBeCloseTo(whole.lexical.idf(word), 9);
    const probes = [...QUERIES, ...addedClauses.slice(0, 5).map((c) => clauseIndexText(c).slice(0, 40))];
    for (const query of probes) expect(ranked(delta.lexical.search(query, 20)), query).toEqual(ranked(whole.lexical.search(query, 20)));
    // and as an index built from scratch over every stored text scores them (ties may come in another order)
    const fresh = LexicalIndex.create({ userWords: delta.lexical.tokenizer.userWordList });
    for (const c of await withStore(deltaDir, (store) => store.allClauses())) fresh.add(c.id, clauseIndexText(c));
    const byId = (hits: { id: string; score: number }[]) => ranked(hits).sort();
    for (const query of probes) expect(byId(delta.lexical.search(query, fresh.size)), query).toEqual(byId(fresh.search(query, fresh.size)));

    // vectors: the same neighbours in the same order (the new clauses tie with the stored ones they copy)
    const vectors = await embedder.embed(probes, { as: 'query' });
    for (const [i, vector] of vectors.entries()) expect(ranked(delta.vectors.search(vector, 10)), probes[i]).toEqual(ranked(whole.vectors.search(vector, 10)));

    // the service over catalog and both indexes, and the graph's SIMILAR_TO edges
    const [fromDelta, fromWhole] = [await served(deltaDir, probes), await served(wholeDir, probes)];
    expect(fromDelta.catalog).toBe(whole.lexical.size);
    expect(fromDelta.answers).toEqual(fromWhole.answers);
    expect(fromDelta.answers.flat().length).toBeGreaterThan(50);
    expect(await similarEdges(deltaDir)).toEqual(await similarEdges(wholeDir));
  }, 240_000);

  it('a second add grows the delta, a deletion of an added document tombstones it, and the next whole build folds both in', async () => {
    const deltaDir = path.join(root, 'delta');
    const first = readManifest(deltaDir, await publishedDir(deltaDir))!.delta!;
    const second = writeAddition(fs.mkdtempSync(path.join(root, 'add-')), 2);
    await runIngest({ paths: [second], dataDir: deltaDir, engine: 'embedded', embedder });
    const grown = readManifest(deltaDir, await publishedDir(deltaDir))!;
    expect(grown.delta!.clauses).toBeGreaterThan(first.clauses);
    expect(grown.delta!.documents).toBe(4);
    expect(grown.delta!.tag).not.toBe(first.tag);

    // delete one added document: its clauses leave the delta's segment and BM25 like any other
    const documents = await withStore(deltaDir, (store) => store.listDocuments());
    const victim = documents.find((d) => d.title.includes('增补本2'))!;
    const victimClauses = (await withStore(deltaDir, (store) => store.outline(victim.id))).map((e) => e.id);
    const deletion = await withStore(deltaDir, (store) => deleteDocumentWithIndexes(store, deltaDir, victim.id), false);
    expect(deletion).toMatchObject({ deleted: true, clausesRemoved: victimClauses.length });
    const afterDelete = await loaded(deltaDir);
    expect(afterDelete.manifest.delta!.tag).toBe(grown.delta!.tag);
    expect(victimClauses.filter((id) => afterDelete.lexical.has(id) || afterDelete.vectors.has(id))).toEqual([]);
    const remaining = await withStore(deltaDir, (store) => store.allClauses());
    expect(afterDelete.lexical.size).toBe(remaining.length);
    expect(afterDelete.vectors.size).toBe(remaining.length);
    const copyDoc = documents.find((d) => d.title.includes('增补本1') && d.clauseCount > 0)!;
    const copied = remaining.find((c) => c.docId === copyDoc.id && c.text.length > 40)!;

    // re-ingesting a stored document (changed text) is a whole build: delta and tombstones are folded into whole files
    const changed = fs.mkdtempSync(path.join(root, 'change-'));
    fs.writeFileSync(path.join(changed, 'notice-1.txt'), '关于加强第1批河湖长制工作的通知\n\n一、各地要落实河湖长制责任。\n');
    await runIngest({ paths: [changed], dataDir: deltaDir, engine: 'embedded', embedder });
    const foldedDir = await publishedDir(deltaDir);
    const folded = readManifest(deltaDir, foldedDir)!;
    expect(folded.delta ?? null).toBeNull();
    expect(folded.tombstones ?? null).toBeNull();
    expect(fs.existsSync(path.join(foldedDir, DELTA_DIR))).toBe(false);
    const all = await withStore(deltaDir, (store) => store.allClauses());
    const indexes = await loaded(deltaDir);
    expect(indexes.lexical.size).toBe(all.length);
    expect(indexes.vectors.size).toBe(all.length);
    expect(all.filter((c) => !indexes.vectors.has(c.id) || !indexes.lexical.has(c.id))).toEqual([]);
    // the first addition's law copy is in the whole files: found by its own text
    expect(indexes.lexical.search(clauseIndexText(copied), 5).map((h) => h.id)).toContain(copied.id);
  }, 240_000);
});
