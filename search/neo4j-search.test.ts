// The "neo4j" retrieval mode end to end without a server: POLICYGRAPH_RETRIEVAL's rules, and a
// search service that reads nothing from a data dir — its embedder rebuilt from the recorded
// description, candidates from the store's index calls, the graph join from the store — over the
// fixture graph in an embedded store that answers the index calls the way Neo4j's do (cosine as
// (1 + cos) / 2; fulltext by shared CJK bigrams, a stand-in for the cjk analyzer).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedTexts } from '../app/embed.js';
import { EmbeddedStore } from '../graph/embedded/embedded-store.js';
import type { IndexHit, IndexSearchPort, StoredEmbedder } from '../graph/neo4j/neo4j-store.js';
import { fixtureBatch } from '../test/support/graph-store-fixture.js';
import type { GraphStore } from '../graph/store.js';
import { policyGraphFailure as failure } from '../test/support/errors.js';
import { BuiltinEmbedder } from './embedders/builtin-embedder.js';
import { describeEmbedder } from './embedders/describe.js';
import { checkRetrievalMode } from './retrieval-mode.js';
import { settingsFrom } from '../app/settings.js';
import { createSearchService } from './search-service.js';
import { SUGGESTED_THRESHOLD } from './absolute-score.js';
import { buildIndexes } from './index-store.js';
import { cjkBigrams, normalizeText } from './tokenize.js';

const batch = fixtureBatch();
let dir: string;
let embedded: EmbeddedStore;
let vectors: Map<string, Float32Array>;
let record: StoredEmbedder | null;

/** The embedded store, seen as a Neo4j store with its index calls. */
function neo4jLike(): GraphStore & IndexSearchPort {
  const store = Object.create(embedded) as GraphStore & IndexSearchPort;
  Object.defineProperty(store, 'engine', { value: 'neo4j' });
  Object.assign(store, {
    location: 'Neo4j at bolt://test',
    async readEmbedder() {
      return record;
    },
    async vectorSearch(q: Float32Array | number[], k: number): Promise<IndexHit[]> {
      const hits = [...vectors].map(([id, v]) => ({ id, score: (1 + v.reduce((s, x, i) => s + x * Number(q[i]), 0)) / 2 }));
      return hits.sort((a, b) => b.score - a.score).slice(0, k);
    },
    async fulltextSearch(text: string, k: number): Promise<IndexHit[]> {
      const wanted = new Set(cjkBigrams(normalizeText(text)));
      const hits = batch.clauses.map((c) => ({ id: c.id, score: cjkBigrams(normalizeText(c.text)).filter((b) => wanted.has(b)).length }));
      return hits.filter((h) => h.score > 0).sort((a, b) => b.score - a.score).slice(0, k);
    },
  });
  return store;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-neo4j-search-'));
  embedded = new EmbeddedStore(path.join(dir, 'graph'));
  await embedded.open();
  await embedded.write(batch);
  const embedder = new BuiltinEmbedder({ dimension: 128 });
  embedder.fit(batch.clauses.map((c) => c.text));
  const list = await embedder.embed(batch.clauses.map((c) => c.text), { as: 'passage' });
  vectors = new Map(batch.clauses.map((c, i) => [c.id, list[i]]));
  // as Neo4j hands it back: a plain record (the state already serialised)
  record = { ...JSON.parse(JSON.stringify(describeEmbedder(embedder))), similarity: 'cosine', updatedAt: '2026-12-02T00:00:00Z' };
}, 60_000);

afterAll(async () => {
  await embedded.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('POLICYGRAPH_RETRIEVAL', () => {
  it('defaults to local, takes neo4j with the Neo4j store, and refuses anything else in one line', () => {
    expect(settingsFrom({}).retrieval).toBe('local');
    expect(settingsFrom({ POLICYGRAPH_RETRIEVAL: ' NEO4J ' }).retrieval).toBe('neo4j');
    expect(() => settingsFrom({ POLICYGRAPH_RETRIEVAL: 'remote' }).retrieval).toThrow(/unknown retrieval mode "remote" in POLICYGRAPH_RETRIEVAL: use local or neo4j/);
    expect(checkRetrievalMode('neo4j', 'neo4j')).toBe('neo4j');
    expect(() => checkRetrievalMode('neo4j', 'embedded')).toThrow(/needs the Neo4j graph store: add --graph neo4j/);
  });

  it('a search service in neo4j mode over the embedded store fails with CONFIG before reading any data dir', async () => {
    const err = await failure(createSearchService({ dataDir: path.join(dir, 'no-such-dir'), store: embedded, retrieval: 'neo4j' }));
    expect(err.code).toBe('CONFIG');
    expect(err.message).toContain('--graph neo4j');
  });
});

describe('a search service on Neo4j retrieval', () => {
  it('answers from the index calls and the graph alone, with the recorded embedder', async () => {
    const service = await createSearchService({ dataDir: path.join(dir, 'no-such-dir'), store: neo4jLike(), retrieval: 'neo4j' });
    expect(service.embedderId).toBe('builtin:ngram-v1:d128');
    const response = await service.search({ query: '信息消费规模达到多少', k: 3 });
    expect(response.results.length).toBeGreaterThan(0);
    const top = response.results[0];
    expect(top.clause.text).toContain('信息消费规模');
    expect(top.document.docNumber).toBe('国发〔2017〕40号');
    expect(top.why.dense).not.toBeNull();
    expect(top.why.lexical).not.toBeNull();
    expect(response.understood.expandedTerms).toEqual(expect.arrayContaining(['信息', '消费']));
    // a document filter is applied to the index hits
    const other = batch.documents.find((d) => d.docNumber === '皖政〔2018〕20号')!;
    const filtered = await service.search({ query: '信息消费', k: 5, filters: { doc: [other.id] } });
    expect(filtered.results.length).toBeGreaterThan(0);
    for (const r of filtered.results) expect(r.document.id).toBe(other.id);
    await service.close();
  });

  it('scores as embedded mode does: the same absolute score for the same best clause, and closeMatch says when nothing really matches', async () => {
    const neo4jService = await createSearchService({ dataDir: path.join(dir, 'no-such-dir'), store: neo4jLike(), retrieval: 'neo4j' });
    const localDir = path.join(dir, 'local');
    await buildIndexes({ dataDir: localDir, clauses: batch.clauses, embedder: new BuiltinEmbedder({ dimension: 128 }) });
    const localService = await createSearchService({ dataDir: localDir, store: embedded });
    try {
      for (const query of ['信息消费规模达到多少', '个人信息保护的责任']) {
        const [onNeo4j, local] = await Promise.all([neo4jService.search({ query, k: 3 }), localService.search({ query, k: 3 })]);
        expect(onNeo4j.results[0].clause.id, query).toBe(local.results[0].clause.id);
        // same formula and evidence; the cosines differ in the last digits (hnswlib's float32 vs the stand-in's dot product)
        expect(Math.abs(onNeo4j.results[0].score - local.results[0].score), query).toBeLessThanOrEqual(0.01);
        expect(onNeo4j.closeMatch, query).toBe(local.closeMatch);
      }
      expect((await neo4jService.search({ query: '信息消费规模达到多少', k: 3 })).closeMatch).toBe(true);
      const offTopic = await neo4jService.search({ query: '巧克力蛋糕怎么做', k: 3 });
      expect(offTopic.closeMatch).toBe(false);
      for (const r of offTopic.results) expect(r.score).toBeLessThan(SUGGESTED_THRESHOLD);
    } finally {
      await neo4jService.close();
      await localService.close();
    }
  });

  it('POST /v1/embed hands out the query vectors the recorded embedder makes', async () => {
    const store = neo4jLike();
    const service = await createSearchService({ dataDir: dir, store, retrieval: 'neo4j' });
    const result = await embedTexts({ store, search: service }, { texts: ['信息消费', '5G商用'] });
    expect(result).toMatchObject({ embedder: 'builtin:ngram-v1:d128', dimension: 128, as: 'query', normalized: true });
    expect(result.vectors).toHaveLength(2);
    // the vector of a clause's own text finds that clause first on the (cosine) index
    const clause = batch.clauses.find((c) => c.text.includes('6万亿元'))!;
    const [own] = (await embedTexts({ store, search: service }, { texts: [clause.text], as: 'passage' })).vectors;
    expect((await store.vectorSearch(own, 1))[0].id).toBe(clause.id);
    const norm = Math.hypot(...result.vectors[0]);
    expect(norm).toBeCloseTo(1, 5);
    expect((await failure(embedTexts({ store, search: service }, { texts: [] }))).message).toMatch(/^embed: texts /);
    await service.close();
  });

  it('a database without clause vectors is INDEX_MISSING, saying to ingest with --graph neo4j', async () => {
    const saved = record;
    record = null;
    try {
      const err = await failure(createSearchService({ dataDir: dir, store: neo4jLike(), retrieval: 'neo4j' }));
      expect(err.code).toBe('INDEX_MISSING');
      expect(err.message).toContain('ingest --graph neo4j');
    } finally {
      record = saved;
    }
  });
});
