// The Neo4j retrieval mode's own logic, over the contract fixture's graph (embedded store, real
// catalog and query understanding): how the index calls are made (k, over-fetch under a filter,
// one fulltext call per implied idea), how Neo4j's scores and ranks become candidates, and that
// fusion is the in-process RRF with graph boosts. The index answers are scripted per call, because
// Neo4j's indexes themselves run only in the contract suite (NEO4J_URI).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../graph/embedded/embedded-store.js';
import { fixtureBatch } from '../test/support/graph-store-fixture.js';
import type { IndexHit } from '../graph/neo4j/neo4j-store.js';
import { ClauseCatalog } from './clause-catalog.js';
import { absoluteScore, ideasHeld, similarityScaleFor, SUGGESTED_THRESHOLD } from './absolute-score.js';
import { CatalogTermStatistics } from './catalog-term-statistics.js';
import { FUSION } from './hybrid-retriever.js';
import { LexicalIndex } from './lexical-index.js';
import { QueryMass } from './query-mass.js';
import { FILTERED_OVERFETCH, retrieveOnNeo4j, type Neo4jRetrievalDeps } from './neo4j-retriever.js';
import { loadQueryLexicon } from './query-lexicon.js';
import { QueryUnderstander } from './query-understanding.js';
import { createTokenizer } from './tokenize.js';
import type { Embedder } from './types.js';

const batch = fixtureBatch();
const [c0, c1, c2, c3, c4] = batch.clauses.filter((c) => c.text.length > 25).map((c) => c.id);

let dir: string;
let catalog: ClauseCatalog;
const understander = new QueryUnderstander(loadQueryLexicon());

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-neo4j-retriever-'));
  const store = new EmbeddedStore(path.join(dir, 'graph'));
  await store.open();
  await store.write(batch);
  catalog = await ClauseCatalog.fromStore(store);
  await store.close();
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Records every index call; answers from the scripted lists (vector: one list; fulltext: by query text, else `otherwise`). */
class ScriptedIndexes {
  vectorCalls: { vector: number[]; k: number }[] = [];
  fulltextCalls: { text: string; k: number }[] = [];
  constructor(
    private readonly vector: IndexHit[],
    private readonly fulltext: Record<string, IndexHit[]>,
    private readonly otherwise: IndexHit[] = [],
  ) {}
  async vectorSearch(embedding: Float32Array | number[], k: number): Promise<IndexHit[]> {
    this.vectorCalls.push({ vector: Array.from(embedding), k });
    return this.vector.slice(0, k);
  }
  async fulltextSearch(text: string, k: number): Promise<IndexHit[]> {
    this.fulltextCalls.push({ text, k });
    return (this.fulltext[text] ?? this.otherwise).slice(0, k);
  }
}

const embedded: string[] = [];
const embedder: Embedder = {
  id: 'test:len',
  dimension: 2,
  async embed(texts) {
    embedded.push(...texts);
    return texts.map((t) => new Float32Array([t.length, 1]));
  },
};

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

function deps(indexes: ScriptedIndexes): Neo4jRetrievalDeps {
  const tokenizer = createTokenizer();
  return { indexes, embedder, catalog, tokenizer, statistics: new CatalogTermStatistics(catalog, tokenizer) };
}

/** The score embedded mode gives a candidate: the same formula over a real BM25 index of the same clauses. */
function embeddedModeScore(query: string, id: string, cosine: number | null): number {
  const lexical = LexicalIndex.create();
  for (const c of catalog.allClauses()) lexical.add(c.id, c.text);
  const mass = new QueryMass(lexical, query);
  const understood = understander.understand(query);
  const text = catalog.clause(id)!.text;
  const ideas = ideasHeld(understood.expansionGroups.slice(0, FUSION.maxExpansionGroups), text);
  const span = mass.spannedByAll(understood.expansionGroups.slice(0, FUSION.maxExpansionGroups).map((g) => g.surface));
  const evidence = { coverage: round4(mass.spanned(text)), ideas: ideas === null ? null : round4(ideas * span), cosine, namedDocument: false };
  return absoluteScore(evidence, similarityScaleFor(embedder.id), understood.english);
}

describe('retrieval on Neo4j indexes', () => {
  it('dense mode turns Neo4j vector scores into cosines and keeps the index order', async () => {
    const indexes = new ScriptedIndexes([{ id: c1, score: 0.95 }, { id: c0, score: 0.5 }], {});
    const query = '信息消费规模';
    const out = await retrieveOnNeo4j(deps(indexes), query, { mode: 'dense', pool: 10, understood: understander.understand(query) });
    expect(out.map((c) => [c.id, c.score])).toEqual([[c1, 0.9], [c0, 0]]);
    expect(out[0].why.dense).toEqual({ rank: 1, score: 0.9 });
    expect(indexes.vectorCalls).toEqual([{ vector: [query.length, 1], k: 10 }]);
    expect(indexes.fulltextCalls).toEqual([]);
  });

  it('lexical mode reports the fulltext score and the query words the clause holds', async () => {
    const text = catalog.clause(c1)!.text;
    expect(text).toContain('信息消费');
    const query = '信息消费的规模';
    const indexes = new ScriptedIndexes([], { [query]: [{ id: c1, score: 4.2 }] });
    const [hit] = await retrieveOnNeo4j(deps(indexes), query, { mode: 'lexical', pool: 5, understood: understander.understand(query) });
    expect(hit.id).toBe(c1);
    expect(hit.score).toBe(4.2);
    expect(hit.why.lexical!.terms).toEqual(expect.arrayContaining(['信息', '消费']));
    for (const t of hit.why.lexical!.terms) expect(text).toContain(t);
  });

  it('hybrid fuses the vector and fulltext lists by RRF: a clause both found ranks first, with the absolute score embedded mode gives it', async () => {
    const query = '信息消费规模目标';
    const understood = understander.understand(query);
    const indexes = new ScriptedIndexes([{ id: c0, score: 0.99 }, { id: c1, score: 0.9 }], { [query]: [{ id: c2, score: 9 }, { id: c1, score: 8 }] });
    const out = await retrieveOnNeo4j(deps(indexes), query, { mode: 'hybrid', pool: 10, understood });
    expect(out[0].id).toBe(c1);
    expect(out[0].why.dense!.rank).toBe(2);
    expect(out[0].why.lexical!.rank).toBe(2);
    for (const c of out) expect(c.score).toBeGreaterThan(0);
    for (const c of out) expect(c.score).toBeLessThanOrEqual(1);
    // not the rank-fusion share any more: 0.7 × the query's IDF-weighted coverage + 0.3 × rescaled cosine,
    // the lexical part recomputed from the clause text (Lucene's 9 and 8 play no part), as embedded mode scores it
    for (const c of out) expect(c.score, c.id).toBe(embeddedModeScore(query, c.id, c.why.dense?.score ?? null));
    expect(out[0].evidence!.cosine).toBe(0.8);
    expect(out.find((c) => c.id === c2)!.evidence!.cosine).toBeNull();
    expect(new Set(out.map((c) => c.score)).size).toBeGreaterThan(1);
  });

  it('an off-topic query scores below the suggested threshold even as the best of what the indexes returned', async () => {
    const query = '巧克力蛋糕怎么做';
    const understood = understander.understand(query);
    // what Neo4j would still return for it: some vector neighbours (cosine 0.1), nothing from the fulltext index
    const indexes = new ScriptedIndexes([{ id: c0, score: 0.55 }, { id: c1, score: 0.52 }], {});
    const out = await retrieveOnNeo4j(deps(indexes), query, { mode: 'hybrid', pool: 10, understood });
    expect(out.length).toBeGreaterThan(0);
    for (const c of out) expect(c.score).toBeLessThan(SUGGESTED_THRESHOLD);
    const onTopic = '信息消费规模';
    const held = await retrieveOnNeo4j(deps(new ScriptedIndexes([{ id: c1, score: 0.8 }], { [onTopic]: [{ id: c1, score: 3 }] })), onTopic, { mode: 'hybrid', pool: 10, understood: understander.understand(onTopic) });
    expect(catalog.clause(held[0].id)!.text).toContain(onTopic);
    expect(held[0].score).toBeGreaterThan(SUGGESTED_THRESHOLD);
  });

  it('asks each index for more candidates under a filter, drops what fails it, and still fills the pool', async () => {
    const passing = new Set([c3, c4]);
    const ranked = [c0, c1, c2, c3, c4].map((id, i) => ({ id, score: 1 - i / 10 }));
    const query = '加快建设';
    const indexes = new ScriptedIndexes(ranked, {}, ranked);
    const out = await retrieveOnNeo4j(deps(indexes), query, { mode: 'hybrid', pool: 2, understood: understander.understand(query), filter: (id) => passing.has(id) });
    expect(new Set(out.map((c) => c.id))).toEqual(passing);
    expect(indexes.vectorCalls[0].k).toBe(2 * FILTERED_OVERFETCH);
    for (const call of indexes.fulltextCalls) expect(call.k).toBe(2 * FILTERED_OVERFETCH);
  });

  it('runs one fulltext call per implied idea, with its terms, and embeds the query with the ideas', async () => {
    const query = '5G商用什么时候启动';
    const understood = understander.understand(query);
    expect(understood.expansionGroups.length).toBeGreaterThan(0);
    const indexes = new ScriptedIndexes([], {});
    embedded.length = 0;
    await retrieveOnNeo4j(deps(indexes), query, { mode: 'hybrid', pool: 10, understood });
    const groups = understood.expansionGroups.slice(0, FUSION.maxExpansionGroups);
    expect(indexes.fulltextCalls.map((c) => c.text)).toEqual([query, ...groups.map((g) => g.terms.join(' '))]);
    expect(embedded).toEqual([[query, ...understood.expansions].join(' ').trim()]);
  });

  it('an English query is embedded through the Chinese ideas it implies only', async () => {
    const query = 'self-driving cars';
    const understood = understander.understand(query);
    expect(understood.english).toBe(true);
    embedded.length = 0;
    await retrieveOnNeo4j(deps(new ScriptedIndexes([], {})), query, { mode: 'hybrid', pool: 10, understood });
    expect(embedded.length).toBe(understood.expansions.length ? 1 : 0);
    for (const t of embedded) expect(t).not.toContain('self-driving');
  });
});
