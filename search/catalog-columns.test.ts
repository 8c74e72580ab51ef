// The catalog ingest writes beside the indexes (catalog.bin) must answer as the one read from the
// graph does, and an ingest into a non-empty store must build it (and the indexes) without
// reading every clause back from the graph.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../graph/open-store.js';
import type { GraphStore } from '../graph/store.js';
import { runIngest } from '../ingest/pipeline.js';
import { CATALOG_FILE, CatalogBuilder, readCatalog, writeCatalog } from './catalog-columns.js';
import { ClauseCatalog } from './clause-catalog.js';
import { createEmbedder } from './embedders/index.js';
import { indexDirFor } from './generations.js';
import { servedCatalogOf } from './index-delta.js';
import { readManifest } from './index-store.js';
import { resultsFromCatalog, toResult } from './result-builder.js';
import type { Embedder } from './types.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SEED = (name: string) => path.join(ROOT, 'seeds', name);
const dataDir = mkdtempSync(path.join(tmpdir(), 'pg-catalog-'));
let embedder: Embedder;

/** The real store, except that reading every clause fails: what an incremental ingest must not need. */
const withoutAllClauses = async (options: Parameters<typeof openStore>[0]): Promise<GraphStore> => {
  const store = await openStore(options);
  return Object.assign(Object.create(store) as GraphStore, { allClauses: async () => Promise.reject(new Error('allClauses was called')) });
};

async function catalogs(): Promise<{ stored: ClauseCatalog; fromFile: ClauseCatalog }> {
  const store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
  try {
    const dir = await indexDirFor(dataDir, store);
    // as the search service reads it: catalog.bin, and the rows of a delta generation (an add of new documents) after it
    const columns = servedCatalogOf(dir, readManifest(dataDir, dir)!);
    expect(columns).not.toBeNull();
    return { stored: await ClauseCatalog.fromStore(store), fromFile: new ClauseCatalog(columns!) };
  } finally {
    await store.close();
  }
}

/** Every clause's search result built from the file alone is the one the graph join builds (heading, themes, agencies with roles, targets, document). */
async function expectResultsAsTheGraphJoins(fromFile: ClauseCatalog): Promise<void> {
  expect(fromFile.hasFacts).toBe(true);
  const store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
  try {
    const candidates = [...fromFile.allClauses()].map((c) => ({ id: c.id, score: 0.5, why: { dense: null, lexical: null, graph: [] } }));
    const terms = () => ['发展', '5G'];
    const joined = (await store.expand(candidates.map((c) => c.id))).map((context) => toResult(candidates[0], context, terms()));
    expect(joined.length).toBe(candidates.length);
    expect(joined.some((r) => r.agencies.length > 1 && r.themes.length > 1)).toBe(true);
    expect(joined.some((r) => r.targets.length > 0)).toBe(true);
    expect(joined.some((r) => r.clause.heading !== null)).toBe(true);
    expect(resultsFromCatalog(fromFile, candidates, candidates.length, terms)).toEqual(joined);
  } finally {
    await store.close();
  }
}

function expectSameAnswers(stored: ClauseCatalog, fromFile: ClauseCatalog): void {
  expect(fromFile.size).toBe(stored.size);
  const themes = new Set<string>();
  const agencies = new Set<string>();
  for (const clause of stored.allClauses()) {
    expect(fromFile.clause(clause.id)).toEqual(clause);
    expect([...fromFile.themes(clause.id)].sort()).toEqual([...stored.themes(clause.id)].sort());
    expect([...fromFile.agencies(clause.id)].sort()).toEqual([...stored.agencies(clause.id)].sort());
    expect(fromFile.assignsAgencies(clause.id)).toBe(stored.assignsAgencies(clause.id));
    expect(fromFile.setsTargets(clause.id)).toBe(stored.setsTargets(clause.id));
    expect(fromFile.documentOf(clause.id)?.id).toBe(stored.documentOf(clause.id)?.id);
    for (const t of stored.themes(clause.id)) themes.add(t);
    for (const a of stored.agencies(clause.id)) agencies.add(a);
  }
  expect(themes.size).toBeGreaterThan(0);
  // a document's clauses, as the graph lists them
  const byDocument = new Map<string, string[]>();
  for (const clause of stored.allClauses()) byDocument.set(clause.docId, [...(byDocument.get(clause.docId) ?? []), clause.id]);
  expect(byDocument.size).toBeGreaterThan(1);
  for (const [docId, ids] of byDocument) expect([...fromFile.clausesOf(docId)].sort()).toEqual(ids.sort());
  expect(fromFile.clausesOf('no such document')).toEqual([]);
  for (const t of themes) expect([...fromFile.clausesWithTheme(t)].sort()).toEqual([...stored.clausesWithTheme(t)].sort());
  for (const a of agencies) {
    expect([...fromFile.clausesWithAgency(a)].sort()).toEqual([...stored.clausesWithAgency(a)].sort());
    // the agency filter also accepts clauses of documents ISSUED_BY it
    const byStore = [...stored.allClauses()].filter((c) => stored.predicate({ agency: [a] })!(c.id)).length;
    expect([...fromFile.allClauses()].filter((c) => fromFile.predicate({ agency: [a] })!(c.id)).length).toBe(byStore);
  }
}

beforeAll(async () => {
  embedder = await createEmbedder({ kind: 'builtin', env: {} });
  // four of the five seeds; the smallest comes later, a change small enough not to refit the embedder
  await runIngest({ paths: ['000_b231c7ec06421e1b.txt', '001_9e059d95befd6a7e.txt', '003_6b88e9de6caaeebb.txt', '004_d4e4072216533b5e.txt'].map(SEED), dataDir, engine: 'embedded', embedder });
});

describe('catalog.bin', () => {
  it('answers every question as the catalog read from the graph does', async () => {
    const { stored, fromFile } = await catalogs();
    expectSameAnswers(stored, fromFile);
    await expectResultsAsTheGraphJoins(fromFile);
  });

  it('lists the documents as the graph does, so naming a document needs no graph read', async () => {
    const store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
    try {
      const listed = (await store.listDocuments()).map(({ clauseCount: _count, ...document }) => document);
      const { fromFile } = await catalogs();
      expect(listed.length).toBeGreaterThan(0);
      expect(fromFile.documentList()).toEqual(listed);
    } finally {
      await store.close();
    }
  });

  it('an ingest into a non-empty store adds its documents without reading every clause from the graph', async () => {
    const before = (await catalogs()).fromFile.size;
    const summary = await runIngest({ paths: [SEED('002_6abf77f9cb122137.txt')], dataDir, engine: 'embedded', embedder, openStore: withoutAllClauses });
    expect(summary.clauses).toBeGreaterThan(0);
    expect(summary.index?.embedded).toBeLessThanOrEqual(summary.clauses); // only the new clauses, not the kept ones
    const { stored, fromFile } = await catalogs();
    expect(fromFile.size).toBe(before + summary.clauses);
    expectSameAnswers(stored, fromFile);
    await expectResultsAsTheGraphJoins(fromFile);
  });

  it('re-ingesting a stored document replaces its rows instead of adding them twice', async () => {
    const before = (await catalogs()).fromFile.size;
    await runIngest({ paths: [SEED('002_6abf77f9cb122137.txt')], dataDir, engine: 'embedded', embedder, openStore: withoutAllClauses });
    const { stored, fromFile } = await catalogs();
    expect(fromFile.size).toBe(before);
    expectSameAnswers(stored, fromFile);
    await expectResultsAsTheGraphJoins(fromFile);
  });

  it('a catalog file of another build is refused with a one-line message', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-catalog-file-'));
    const builder = new CatalogBuilder();
    builder.addClause({ id: 'c1', docId: 'd1', path: '一、', text: '第一条\n多行文本' }, { themes: ['数字经济'], agencies: [], assigns: false, sets: true });
    writeCatalog(dir, 'build-a', builder.columns());
    expect(readCatalog(dir, 'build-a')!.text(0)).toBe('第一条\n多行文本');
    expect(() => readCatalog(dir, 'build-b')).toThrow(/catalog\.bin comes from another build/);
    expect(() => readCatalog(dir, 'build-b', { positional: true })).toThrow(/catalog\.bin comes from another build/);
    writeFileSync(path.join(dir, CATALOG_FILE), 'not a catalog');
    expect(() => readCatalog(dir, 'build-a')).toThrow(/is not a policygraph-catalog file/);
    expect(readCatalog(mkdtempSync(path.join(tmpdir(), 'pg-catalog-none-')), 'x')).toBeNull();
  });

  it('a catalog whose rows came without facts (read from the graph) has none, so results join the graph', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-catalog-facts-'));
    const withFacts = new CatalogBuilder();
    withFacts.addClause({ id: 'c1', docId: 'd1', path: '一、', text: '甲' }, { themes: [], agencies: [], assigns: false, sets: false }, { heading: '总则', themes: [], agencies: [], targets: [] });
    withFacts.addClause({ id: 'c2', docId: 'd1', path: '二、', text: '乙' }, { themes: [], agencies: [], assigns: false, sets: false }, { heading: null, themes: [], agencies: [], targets: [] });
    writeCatalog(dir, 'build-a', withFacts.columns());
    const read = new ClauseCatalog(readCatalog(dir, 'build-a')!);
    expect(read.facts('c1')?.heading).toBe('总则');
    expect(read.facts('c2')).toEqual({ heading: null, themes: [], agencies: [], targets: [] });
    // read by position (a search service): the same rows, texts and facts read when asked for
    const positional = readCatalog(dir, 'build-a', { positional: true })!;
    // rewritten in place (writers never do: they rename over it) the open file shows its texts are read when asked for
    writeFileSync(path.join(dir, CATALOG_FILE), 'rewritten');
    expect(() => positional.text(1)).toThrow(/catalog\.bin is shorter than its header says: re-run policygraph ingest/);
    writeCatalog(dir, 'build-a', withFacts.columns());
    const reopened = new ClauseCatalog(readCatalog(dir, 'build-a', { positional: true })!);
    expect(reopened.clause('c2')).toEqual(read.clause('c2'));
    expect(reopened.facts('c1')).toEqual(read.facts('c1'));
    expect(reopened.facts('c2')).toEqual(read.facts('c2'));
    const mixed = new CatalogBuilder();
    mixed.addFrom(readCatalog(dir, 'build-a')!, () => true);
    mixed.addClause({ id: 'c3', docId: 'd2', path: '一、', text: '丙' }, { themes: [], agencies: [], assigns: false, sets: false });
    writeCatalog(dir, 'build-b', mixed.columns());
    const without = new ClauseCatalog(readCatalog(dir, 'build-b')!);
    expect(without.hasFacts).toBe(false);
    expect(without.facts('c1')).toBeUndefined();
  });
});
