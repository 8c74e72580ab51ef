import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyGraphError } from '../graph/errors.js';
import { SEARCH_CLAUSES, SEARCH_USER_WORDS } from '../test/fixtures/search-clauses.js';
import { BuiltinEmbedder } from './embedders/builtin-embedder.js';
import {
  buildIndexes,
  clauseIndexText,
  indexDir,
  LEXICAL_FILE,
  loadIndexes,
  MANIFEST_FILE,
  readManifest,
  type IndexableClause,
} from './index-store.js';
import type { Embedder } from './types.js';
import { LexicalIndex } from './lexical-index.js';

const tempDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'pg-index-'));
const builtin = () => new BuiltinEmbedder({ concepts: null });

/** Counts what it is asked to embed, to prove incremental builds skip unchanged clauses. */
class CountingEmbedder implements Embedder {
  readonly id = 'test:counting';
  readonly dimension = 8;
  embeddedTexts: string[] = [];
  async embed(texts: string[]): Promise<Float32Array[]> {
    this.embeddedTexts.push(...texts);
    return texts.map((text) => {
      const v = new Float32Array(this.dimension);
      for (let i = 0; i < text.length; i++) v[text.charCodeAt(i) % this.dimension] += 1;
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    });
  }
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof PolicyGraphError ? err.code : `not a PolicyGraphError: ${err}`;
  }
  return undefined;
}

describe('index store', () => {
  it('builds vectors, lexical index, embedder state and manifest, and loads them for querying', async () => {
    const dataDir = tempDataDir();
    const progress: string[] = [];
    const result = await buildIndexes({
      dataDir,
      clauses: SEARCH_CLAUSES,
      embedder: builtin(),
      userWords: SEARCH_USER_WORDS,
      onProgress: (p) => progress.push(p.phase),
    });
    expect(result.stats).toMatchObject({ total: SEARCH_CLAUSES.length, embedded: SEARCH_CLAUSES.length, reused: 0, removed: 0 });
    expect(result.computed.size).toBe(SEARCH_CLAUSES.length);
    expect([...new Set(progress)]).toEqual(['fit', 'embed', 'hnsw', 'lexical', 'save']);
    expect(fs.readdirSync(indexDir(dataDir)).sort()).toEqual(
      ['embedder-state.bin', 'lexical.bin', 'manifest.json', 'text-hashes.bin', 'vectors.hnsw', 'vectors.ids.bin', 'vectors.meta.json', 'vectors.sparse.bin'].sort(),
    );
    const manifest = readManifest(dataDir)!;
    expect(manifest).toMatchObject({ embedderId: 'builtin:ngram-v1', dimension: 384, clauseCount: SEARCH_CLAUSES.length, userWords: SEARCH_USER_WORDS.length });

    // A fresh embedder at query time gets the fitted IDF back, so a clause's own text finds it.
    const queryEmbedder = builtin();
    const loaded = loadIndexes(dataDir, queryEmbedder);
    for (const clause of SEARCH_CLAUSES.slice(0, 5)) {
      const [vector] = await queryEmbedder.embed([clauseIndexText(clause)], { as: 'query' });
      const [top] = loaded.vectors.search(vector, 1);
      expect(top.id).toBe(clause.id);
      expect(top.score).toBeCloseTo(1, 4);
    }
    expect(loaded.lexical.search('智能网联汽车', 5).map((h) => h.id)).toEqual(expect.arrayContaining(['gf40-car', 'sc-car']));
    expect(loaded.lexical.tokenizer.userWordList).toEqual([...SEARCH_USER_WORDS].sort());
  });

  it('reuses the vector of a text it already holds under another id (a renumbered clause)', async () => {
    const dataDir = tempDataDir();
    const embedder = new CountingEmbedder();
    const first = await buildIndexes({ dataDir, clauses: SEARCH_CLAUSES, embedder });
    const moved = SEARCH_CLAUSES[0];
    const before = first.vectors.get(moved.id)!;
    embedder.embeddedTexts = [];
    const renamed = SEARCH_CLAUSES.map((c) => (c.id === moved.id ? { ...c, id: `${c.id}-renumbered` } : c));
    const again = await buildIndexes({ dataDir, clauses: renamed, embedder });
    expect(again.stats).toMatchObject({ embedded: 0, removed: 1, reused: SEARCH_CLAUSES.length });
    expect(embedder.embeddedTexts).toEqual([]);
    const loaded = loadIndexes(dataDir, embedder);
    expect(loaded.vectors.has(moved.id)).toBe(false);
    expect(Array.from(loaded.vectors.get(`${moved.id}-renumbered`)!)).toEqual(Array.from(before));
    // the manifest stays small: per-clause hashes live in their own binary file
    expect(loaded.manifest.textHashes).toEqual({ file: 'text-hashes.bin', count: SEARCH_CLAUSES.length });
  });

  it('embeds only new and changed clauses on a rebuild and removes the missing ones', async () => {
    const dataDir = tempDataDir();
    const embedder = new CountingEmbedder();
    await buildIndexes({ dataDir, clauses: SEARCH_CLAUSES, embedder });
    embedder.embeddedTexts = [];

    const same = await buildIndexes({ dataDir, clauses: SEARCH_CLAUSES, embedder });
    expect(same.stats).toMatchObject({ embedded: 0, reused: SEARCH_CLAUSES.length, removed: 0, fullRebuild: null });
    expect(embedder.embeddedTexts).toEqual([]);

    const edited: IndexableClause[] = SEARCH_CLAUSES.filter((c) => c.id !== 'plan-green').map((c) =>
      c.id === 'sc-nbiot' ? { ...c, text: '建设绿色数据中心和超算中心。' } : c,
    );
    edited.push({ id: 'new-clause', heading: '量子通信', text: '推进量子通信技术研发和应用示范。' });
    const changed = await buildIndexes({ dataDir, clauses: edited, embedder });
    expect(changed.stats).toMatchObject({ embedded: 2, removed: 1, reused: SEARCH_CLAUSES.length - 2 });
    expect(embedder.embeddedTexts).toEqual(expect.arrayContaining(['建设绿色数据中心和超算中心。', '量子通信\n推进量子通信技术研发和应用示范。']));
    expect([...changed.computed.keys()].sort()).toEqual(['new-clause', 'sc-nbiot']);

    const loaded = loadIndexes(dataDir, embedder);
    expect(loaded.vectors.has('plan-green')).toBe(false);
    expect(loaded.lexical.has('plan-green')).toBe(false);
    expect(loaded.vectors.size).toBe(edited.length);
    expect(loaded.lexical.search('NB-IoT', 5)).toEqual([]);
    expect(loaded.lexical.search('绿色数据中心', 1)[0].id).toBe('sc-nbiot');
    expect(loaded.lexical.search('量子通信', 1)[0].id).toBe('new-clause');
  });

  it('refits the built-in embedder and re-embeds everything once much of the corpus changed', async () => {
    const dataDir = tempDataDir();
    await buildIndexes({ dataDir, clauses: SEARCH_CLAUSES, embedder: builtin() });
    const small = await buildIndexes({ dataDir, clauses: SEARCH_CLAUSES.slice(0, -1), embedder: builtin() });
    expect(small.stats.fullRebuild).toBeNull();
    expect(small.stats.embedded).toBe(0);
    const large = await buildIndexes({ dataDir, clauses: SEARCH_CLAUSES.slice(0, 8), embedder: builtin() });
    expect(large.stats.fullRebuild).toMatch(/refitted/);
    expect(large.stats.embedded).toBe(8);
    // The refitted state is what a query-time embedder restores.
    const queryEmbedder = builtin();
    loadIndexes(dataDir, queryEmbedder);
    const [vector] = await queryEmbedder.embed([clauseIndexText(SEARCH_CLAUSES[3])], { as: 'query' });
    expect(large.vectors.search(vector, 1)[0]).toMatchObject({ id: SEARCH_CLAUSES[3].id });
  });

  it('rebuilds the lexical index when the user words change', async () => {
    const dataDir = tempDataDir();
    const embedder = new CountingEmbedder();
    await buildIndexes({ dataDir, clauses: SEARCH_CLAUSES, embedder });
    expect(loadIndexes(dataDir, embedder).lexical.search('智能网联汽车', 5)[0].terms).not.toContain('智能网联汽车');
    await buildIndexes({ dataDir, clauses: SEARCH_CLAUSES, embedder, userWords: ['智能网联汽车'] });
    expect(loadIndexes(dataDir, embedder).lexical.search('智能网联汽车', 5)[0].terms).toContain('智能网联汽车');
  });

  it('says to ingest first when there is no index', () => {
    const dataDir = tempDataDir();
    expect(() => loadIndexes(dataDir, builtin())).toThrow(`no search index in ${indexDir(dataDir)}: run policygraph ingest first`);
  });

  it('refuses to query with another embedder than built the index, naming both', async () => {
    const dataDir = tempDataDir();
    await buildIndexes({ dataDir, clauses: SEARCH_CLAUSES, embedder: new CountingEmbedder() });
    expect(codeOf(() => loadIndexes(dataDir, builtin()))).toBe('INDEX_MISMATCH');
    expect(() => loadIndexes(dataDir, builtin())).toThrow(/built with test:counting, queried with builtin:ngram-v1: re-ingest with --embedder builtin/);
    // Building with the new embedder replaces the vectors (a full rebuild), after which it loads.
    const rebuilt = await buildIndexes({ dataDir, clauses: SEARCH_CLAUSES, embedder: builtin() });
    expect(rebuilt.stats.fullRebuild).toMatch(/built with test:counting/);
    expect(() => loadIndexes(dataDir, builtin())).not.toThrow();
  });

  it('detects index files left from different builds', async () => {
    const dataDir = tempDataDir();
    const embedder = new CountingEmbedder();
    await buildIndexes({ dataDir, clauses: SEARCH_CLAUSES, embedder });
    const lexicalFile = path.join(indexDir(dataDir), LEXICAL_FILE);
    const stray = LexicalIndex.load(lexicalFile);
    stray.save(lexicalFile, 'another-build');
    expect(() => loadIndexes(dataDir, embedder)).toThrow(/come from different builds/);
    // The next build does not trust the stray file: it rebuilds the lexical index and heals.
    await buildIndexes({ dataDir, clauses: SEARCH_CLAUSES, embedder });
    expect(loadIndexes(dataDir, embedder).lexical.size).toBe(SEARCH_CLAUSES.length);
  });

  it('rejects duplicate clause ids and reports a corrupt manifest clearly', async () => {
    const dataDir = tempDataDir();
    await expect(buildIndexes({ dataDir, clauses: [SEARCH_CLAUSES[0], SEARCH_CLAUSES[0]], embedder: builtin() })).rejects.toThrow(/given twice/);
    fs.mkdirSync(indexDir(dataDir), { recursive: true });
    fs.writeFileSync(path.join(indexDir(dataDir), MANIFEST_FILE), '{');
    expect(() => loadIndexes(dataDir, builtin())).toThrow(/not valid JSON: re-run policygraph ingest/);
  });

  it('leaves no temporary or lock files behind', async () => {
    const dataDir = tempDataDir();
    await buildIndexes({ dataDir, clauses: SEARCH_CLAUSES, embedder: new CountingEmbedder() });
    expect(fs.readdirSync(indexDir(dataDir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('refuses a second concurrent build of the same data dir', async () => {
    const dataDir = tempDataDir();
    const first = buildIndexes({ dataDir, clauses: SEARCH_CLAUSES, embedder: new CountingEmbedder() });
    await expect(buildIndexes({ dataDir, clauses: SEARCH_CLAUSES, embedder: new CountingEmbedder() })).rejects.toThrow(/another ingest/);
    await first;
  });
});
