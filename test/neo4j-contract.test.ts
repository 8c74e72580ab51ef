// Proof (3) of the Neo4j path: the same GraphStore contract the embedded store passes, run against
// a real Neo4j whenever NEO4J_URI is set (e.g. `docker compose up -d` and the README's variables).
// WARNING: it deletes every PolicyGraph node (Document, Clause, Theme, Agency, Region, Target and
// the schema marker) in NEO4J_DATABASE before and after each test — point it at a scratch database.
import { describe, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { Neo4jStore } from '../graph/neo4j/neo4j-store.js';
import { storeContract } from '../graph/store-contract.js';
import { writeMeta } from '../graph/cypher/statements.js';
import { META_ID, SCHEMA_VERSION } from '../graph/schema.js';

const uri = process.env.NEO4J_URI;

if (!uri) {
  it.skip('Neo4j contract suite: skipped because NEO4J_URI is not set (no Neo4j server to run it against; see README "Graph stores")', () => {});
}

/** Records a schema version with a bare driver (a store refuses to open over a newer one). */
async function recordVersion(version: number): Promise<void> {
  const password = process.env.NEO4J_PASSWORD;
  const driver = neo4j.driver(uri!, password ? neo4j.auth.basic(process.env.NEO4J_USERNAME || 'neo4j', password) : undefined);
  const session = driver.session({ database: process.env.NEO4J_DATABASE || undefined });
  try {
    await session.executeWrite((tx) => tx.run(writeMeta.text, { id: META_ID, version: neo4j.int(version) }));
  } finally {
    await session.close();
    await driver.close();
  }
}

async function emptyStore(): Promise<Neo4jStore> {
  await recordVersion(SCHEMA_VERSION);
  const store = Neo4jStore.fromEnv();
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
        store = Neo4jStore.fromEnv();
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
