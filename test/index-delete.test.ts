// Deleting a document updates the graph, both indexes, the catalog and SIMILAR_TO together
// (search/index-delete.ts): checked on the indexes themselves, since search would hide a stale hit
// at the graph join anyway.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../graph/embedded/embedded-store.js';
import type { Clause } from '../graph/model.js';
import { runIngest } from '../ingest/pipeline.js';
import { createEmbedder } from '../search/embedders/index.js';
import { generationDir, listGenerations } from '../search/generations.js';
import { deleteDocumentWithIndexes } from '../search/index-delete.js';
import { clauseIndexText, loadIndexes, readManifest } from '../search/index-store.js';
import { LexicalIndex } from '../search/lexical-index.js';
import { createSearchService } from '../search/search-service.js';
import type { Embedder } from '../search/types.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const INPUTS = [path.join(ROOT, 'seeds'), path.join(ROOT, 'test', 'fixtures', 'laws')];

let dataDir = '';
let embedder: Embedder;

async function withStore<T>(fn: (store: EmbeddedStore) => Promise<T>, readOnly = true): Promise<T> {
  const store = new EmbeddedStore(path.join(dataDir, 'graph'), { readOnly });
  await store.open();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function similarEdges(): Promise<{ from: string; to: string }[]> {
  return withStore(async (store) => {
    const out: { from: string; to: string }[] = [];
    for await (const r of store.exportEdges!(['SIMILAR_TO'])) if (r.kind === 'edge') out.push({ from: r.from, to: r.to });
    return out;
  });
}

async function publishedDir(): Promise<string> {
  const generation = await withStore(async (store) => store.indexGeneration());
  return generationDir(dataDir, generation!);
}

/** The document whose clauses touch the most SIMILAR_TO edges (so the test sees some go). */
async function mostSimilarDocument(clauses: Clause[]): Promise<string> {
  const docOf = new Map(clauses.map((c) => [c.id, c.docId]));
  const touching = new Map<string, number>();
  for (const e of await similarEdges()) {
    for (const doc of new Set([docOf.get(e.from), docOf.get(e.to)])) if (doc) touching.set(doc, (touching.get(doc) ?? 0) + 1);
  }
  return [...touching].sort((a, b) => b[1] - a[1])[0][0];
}

/** A word of the index only `ids` hold, preferring long ones (what a query for "text unique to the document" asks). */
function uniqueWord(lexical: LexicalIndex, texts: string[], ids: Set<string>): string {
  const counts = lexical.termCounts(texts).words;
  const candidates = [...counts.keys()].filter((w) => w.length >= 3 && lexical.search(w, 50).every((hit) => ids.has(hit.id)) && lexical.search(w, 1).length);
  candidates.sort((a, b) => b.length - a.length || a.localeCompare(b));
  return candidates[0];
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-index-delete-'));
  embedder = await createEmbedder({ kind: 'builtin', env: {} });
  await runIngest({ paths: INPUTS, dataDir, engine: 'embedded', embedder });
}, 120_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('deleting a document from the graph and the indexes', () => {
  it('publishes a generation without its clauses in HNSW, BM25 (N, avgdl, df) and the catalog, and drops its SIMILAR_TO edges', async () => {
    const clauses = await withStore((store) => store.allClauses());
    const victim = await mostSimilarDocument(clauses);
    const deleted = clauses.filter((c) => c.docId === victim);
    const deletedIds = new Set(deleted.map((c) => c.id));
    const kept = clauses.filter((c) => c.docId !== victim);
    const edgesBefore = await similarEdges();
    const touching = (edges: { from: string; to: string }[]) => edges.filter((e) => deletedIds.has(e.from) || deletedIds.has(e.to));
    expect(touching(edgesBefore).length).toBeGreaterThan(0);

    const beforeDir = await publishedDir();
    const before = loadIndexes(dataDir, embedder, beforeDir);
    const word = uniqueWord(before.lexical, deleted.map(clauseIndexText), deletedIds);
    expect(word, 'a word only the deleted document holds').toBeTruthy();
    expect(before.lexical.search(word, 10).length).toBeGreaterThan(0);
    const probe = deleted.reduce((a, b) => (clauseIndexText(b).length > clauseIndexText(a).length ? b : a));
    const [probeVector] = await embedder.embed([clauseIndexText(probe)], { as: 'query' });
    expect(before.vectors.search(probeVector, 10).map((h) => h.id)).toContain(probe.id);

    const result = await withStore((store) => deleteDocumentWithIndexes(store, dataDir, victim), false);
    expect(result).toMatchObject({ deleted: true, clausesRemoved: deleted.length });
    const afterDir = await publishedDir();
    expect(afterDir).not.toBe(beforeDir);
    expect(path.basename(afterDir)).toBe(`gen-${result.generation}`);

    // graph: the document, its clauses and every SIMILAR_TO edge touching them are gone; the others stay
    expect(await withStore((store) => store.getDocument(victim))).toBeNull();
    const edgesAfter = await similarEdges();
    expect(touching(edgesAfter)).toEqual([]);
    expect(edgesAfter.length).toBe(edgesBefore.length - touching(edgesBefore).length);

    const after = loadIndexes(dataDir, embedder, afterDir);
    expect(readManifest(dataDir, afterDir)!.clauseCount).toBe(kept.length);
    // lexical only: nothing for the deleted document's own word
    expect(after.lexical.search(word, 10)).toEqual([]);
    expect(after.lexical.size).toBe(kept.length);
    // vector only: still k hits, none of them deleted
    const dense = after.vectors.search(probeVector, 10);
    expect(dense).toHaveLength(10);
    expect(dense.filter((h) => deletedIds.has(h.id))).toEqual([]);
    expect(after.vectors.size).toBe(kept.length);

    // BM25 as a rebuild without the document would score: same idf for its words, same scores for a query
    const rebuilt = LexicalIndex.create({ userWords: before.lexical.tokenizer.userWordList });
    for (const c of kept) rebuilt.add(c.id, clauseIndexText(c));
    const shared = [...before.lexical.termCounts(deleted.map(clauseIndexText)).words.keys()].filter((w) => rebuilt.idf(w) > 0).slice(0, 40);
    expect(shared.length).toBeGreaterThan(5);
    expect(shared.some((w) => Math.abs(before.lexical.idf(w) - rebuilt.idf(w)) > 1e-6), 'idf before the delete differs from the rebuild').toBe(true);
    for (const w of shared) expect(after.lexical.idf(w), w).toBeCloseTo(rebuilt.idf(w), 9);
    const query = shared.slice(0, 6).join('');
    const scores = (index: LexicalIndex) => index.search(query, 20).map((h) => [h.id, Number(h.score.toFixed(6))]);
    expect(scores(after.lexical)).toEqual(scores(rebuilt));

    // catalog and search service: the rows are gone, every mode answers without them
    const service = await withStore(async (store) => {
      const search = await createSearchService({ dataDir, store });
      try {
        expect(search.catalog.size).toBe(kept.length);
        expect(search.catalog.clause(probe.id)).toBeUndefined();
        expect(search.catalog.document(victim)).toBeUndefined();
        const lexical = await search.search({ query: word, mode: 'lexical', k: 10 });
        const vector = await search.search({ query: clauseIndexText(probe), mode: 'dense', k: 10 });
        return { lexical: lexical.results.map((r) => r.document.id), dense: vector.results.map((r) => r.document.id) };
      } finally {
        await search.close();
      }
    });
    expect(service.lexical).toEqual([]);
    expect(service.dense.length).toBeGreaterThan(0);
    expect(service.dense).not.toContain(victim);
  }, 120_000);

  it('a second deletion adds to the tombstones, an unknown id changes nothing, and the next ingest writes whole files', async () => {
    const documents = await withStore((store) => store.listDocuments());
    const second = documents.find((d) => d.inCorpus && d.clauseCount > 0)!;
    const generationsBefore = listGenerations(dataDir);
    expect(await withStore((store) => deleteDocumentWithIndexes(store, dataDir, 'no-such-document'), false)).toMatchObject({ deleted: false });
    expect(listGenerations(dataDir)).toEqual(generationsBefore);

    const result = await withStore((store) => deleteDocumentWithIndexes(store, dataDir, second.id), false);
    expect(result).toMatchObject({ deleted: true, clausesRemoved: second.clauseCount });
    const manifest = readManifest(dataDir, await publishedDir())!;
    expect(manifest.tombstones).toMatchObject({ documents: 2 });
    const remaining = await withStore((store) => store.allClauses());
    expect(loadIndexes(dataDir, embedder, await publishedDir()).lexical.size).toBe(remaining.length);

    // a whole build after deletions reuses the build and leaves the deleted clauses out of its own files
    // (a new document alone is a delta that keeps the tombstones: test/index-add.test.ts)
    const extra = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-index-delete-extra-'));
    fs.writeFileSync(path.join(extra, 'notice.txt'), '关于加强河湖长制工作的通知\n\n一、各地要落实河湖长制责任，开展清四乱专项行动。\n');
    await runIngest({ paths: [extra], dataDir, engine: 'embedded', embedder, deltas: false });
    fs.rmSync(extra, { recursive: true, force: true });
    const rebuiltDir = await publishedDir();
    const rebuilt = readManifest(dataDir, rebuiltDir)!;
    expect(rebuilt.tombstones ?? null).toBeNull();
    expect(fs.existsSync(path.join(rebuiltDir, 'tombstones.bin'))).toBe(false);
    const all = await withStore((store) => store.allClauses());
    const loaded = loadIndexes(dataDir, embedder, rebuiltDir);
    expect(loaded.lexical.size).toBe(all.length);
    expect(loaded.vectors.size).toBe(all.length);
    expect(all.some((c) => c.docId === second.id)).toBe(false);
  }, 120_000);
});
