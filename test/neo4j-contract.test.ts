// Proof (3) of the Neo4j path: the same GraphStore contract the embedded store passes, run against
// a real Neo4j whenever NEO4J_URI is set (e.g. `docker compose up -d` and the README's variables).
// WARNING: it deletes every PolicyGraph node (Document, Clause, Theme, Agency, Region, Target and
// the schema marker) in NEO4J_DATABASE before and after each test — point it at a scratch database.
import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { Neo4jStore } from '../graph/neo4j/neo4j-store.js';
import { storeContract } from './support/graph-store-suite.js';
import { writeMeta } from '../graph/cypher/statements.js';
import { META_ID, SCHEMA_VERSION } from '../graph/schema.js';
import { fixtureBatch } from './support/graph-store-fixture.js';
import { BuiltinEmbedder } from '../search/embedders/builtin-embedder.js';
import { describeEmbedder, embedderFromDescription } from '../search/embedders/describe.js';

const uri = process.env.NEO4J_URI;

if (!uri) {
  it.skip('Neo4j contract suite: skipped because NEO4J_URI is not set (no Neo4j server to run it against; see README "Graph stores")', () => {});
}

/** Runs one statement with a bare driver, as another application sharing the database would. */
async function runBare(text: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
  const password = process.env.NEO4J_PASSWORD;
  const driver = neo4j.driver(uri!, password ? neo4j.auth.basic(process.env.NEO4J_USERNAME || 'neo4j', password) : undefined);
  const session = driver.session({ database: process.env.NEO4J_DATABASE || undefined });
  try {
    const result = await session.executeWrite((tx) => tx.run(text, params));
    return result.records.map((r) => r.toObject());
  } finally {
    await session.close();
    await driver.close();
  }
}

/** Records a schema version with a bare driver (a store refuses to open over a newer one). */
async function recordVersion(version: number): Promise<void> {
  await runBare(writeMeta.text, { id: META_ID, version: neo4j.int(version) });
}

async function emptyStore(): Promise<Neo4jStore> {
  await recordVersion(SCHEMA_VERSION);
  const store = Neo4jStore.fromEnv(process.env);
  await store.open();
  await store.clear();
  return store;
}

describe.skipIf(!uri)(`Neo4j at ${uri ?? '(NEO4J_URI not set)'}`, () => {
  storeContract('Neo4j', async () => {
    let store = await emptyStore();
    return {
      get store() {
        return store;
      },
      async reopen() {
        await store.close();
        store = Neo4jStore.fromEnv(process.env);
        await store.open();
        return store;
      },
      async recordSchemaVersion(version: number) {
        await store.close();
        await recordVersion(version);
      },
      async dispose() {
        await store.close();
        await (await emptyStore()).close();
      },
    };
  });
});

describe.skipIf(!uri)(`Neo4j retrieval and neo4j-graphrag contract at ${uri ?? '(NEO4J_URI not set)'}`, () => {
  it('clear() leaves another application\'s nodes of the same labels alone', async () => {
    const store = await emptyStore();
    try {
      await store.write(fixtureBatch());
      await runBare("CREATE (:Document {id: 'other-tool-doc', text: 'not PolicyGraph'})");
      await store.clear();
      const left = await runBare('MATCH (d:Document) RETURN d.id AS id');
      expect(left.map((r) => r.id)).toEqual(['other-tool-doc']);
    } finally {
      await runBare("MATCH (d:Document {id: 'other-tool-doc'}) DELETE d");
      await store.close();
    }
  });

  it('clauses carry the filterable document fields; the embedder is recorded; both indexes answer', async () => {
    const store = await emptyStore();
    try {
      const batch = fixtureBatch();
      await store.write(batch);
      const embedder = new BuiltinEmbedder({ dimension: 64 });
      embedder.fit(batch.clauses.map((c) => c.text));
      const vectors = await embedder.embed(batch.clauses.map((c) => c.text), { as: 'passage' });
      await store.writeEmbeddings(new Map(batch.clauses.map((c, i) => [c.id, vectors[i]])), 64, describeEmbedder(embedder));

      const doc = batch.documents.find((d) => d.docNumber)!;
      const clause = batch.clauses.find((c) => c.docId === doc.id && c.text.length > 30)!;
      const [row] = await runBare('MATCH (c:Clause {id: $id}) RETURN c.docNumber AS docNumber, c.year AS year, c.level AS level, c.documentTitle AS title', { id: clause.id });
      expect(row).toMatchObject({ docNumber: doc.docNumber, level: doc.level, title: doc.title });
      expect(neo4j.integer.toNumber(row.year as number)).toBe(doc.year);

      const recorded = await store.readEmbedder();
      expect(recorded).toMatchObject({ id: embedder.id, dimension: 64, normalized: true });
      const rebuilt = await embedderFromDescription(recorded!, store.location);
      const [query] = await rebuilt.embed([clause.text], { as: 'passage' });
      const [top] = await store.vectorSearch(query, 3);
      expect(top.id).toBe(clause.id);
      expect(top.score).toBeGreaterThan(0.99);

      const hits = await store.fulltextSearch('信息消费', 10);
      expect(hits.length).toBeGreaterThan(0);
      for (const h of hits) expect(batch.clauses.find((c) => c.id === h.id)!.text + (batch.clauses.find((c) => c.id === h.id)!.heading ?? '')).toMatch(/信息|消费/);
      expect(await store.fulltextSearch('"《网络安全法》: AND (', 5)).toEqual(expect.any(Array)); // escaped, never a Lucene syntax error
    } finally {
      await store.clear();
      await store.close();
    }
  });
});
