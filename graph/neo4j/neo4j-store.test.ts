// Neo4jStore against a driver double that records every statement, its parameters and its
// transaction: batching, value conversion, DDL, retries and error messages, without a server.
// (The graph behaviour itself is the shared logic the contract suite proves on Ladybug.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { Neo4jStore } from './neo4j-store.js';
import type { DriverLike, RecordLike, SessionLike, TxLike } from './neo4j-engine.js';
import * as S from '../cypher/statements.js';
import * as N from './statements.js';
import { neo4jText } from './namespace.js';
import { fixtureBatch, DOC_GUOFA } from '../../test/support/graph-store-fixture.js';
import { NODE_LABELS } from '../model.js';
import { SCHEMA_VERSION } from '../schema.js';
import { policyGraphFailure as failure } from '../../test/support/errors.js';
import { openStore } from '../open-store.js';

type Row = Record<string, unknown>;

interface Call {
  tx: number;
  mode: 'READ' | 'WRITE';
  text: string;
  params: Row;
}

/** A stand-in for neo4j-driver's Driver: answers from `respond`, records what it is sent. */
class RecordingDriver implements DriverLike {
  calls: Call[] = [];
  transactions = 0;
  closed = false;
  verifyError: unknown = null;
  /** Throws this error at the given statement number of the first write attempt (the driver then retries). */
  transient: { atCall: number; error: unknown } | null = null;

  constructor(private readonly respond: (text: string, params: Row) => Row[] = defaultResponse) {}

  async verifyConnectivity(): Promise<unknown> {
    if (this.verifyError) throw this.verifyError;
    return {};
  }

  session(config: { defaultAccessMode?: 'READ' | 'WRITE' }): SessionLike {
    const run = async <T>(mode: 'READ' | 'WRITE', work: (tx: TxLike) => Promise<T>): Promise<T> => {
      // Like the driver's transaction functions: a retryable error re-runs the whole function.
      for (let attempt = 0; ; attempt++) {
        const tx = ++this.transactions;
        let statements = 0;
        try {
          return await work({
            run: async (text, params = {}) => {
              statements += 1;
              if (mode === 'WRITE' && attempt === 0 && this.transient?.atCall === statements) throw this.transient.error;
              this.calls.push({ tx, mode, text, params });
              return { records: this.respond(text, params).map(toRecord) };
            },
          });
        } catch (err) {
          if (attempt === 0 && neo4j.isRetryableError(err as Error)) continue;
          throw err;
        }
      }
    };
    void config;
    return {
      executeRead: (work) => run('READ', work),
      executeWrite: (work) => run('WRITE', work),
      close: async () => undefined,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  rowsOf(statement: S.Statement): Row[] {
    return this.calls.filter((c) => c.text === neo4jText(statement)).flatMap((c) => c.params.rows as Row[]);
  }
}

function toRecord(row: Row): RecordLike {
  return { keys: Object.keys(row), get: (k) => row[String(k)] };
}

/** Every UNWIND write found both ends; everything else answers with nothing. */
function defaultResponse(text: string, params: Row): Row[] {
  if (text.includes('RETURN count(*) AS written')) return [{ written: neo4j.int((params.rows as unknown[]).length) }];
  return [];
}

const target = { uri: 'neo4j://graph.example:7687', username: 'neo4j' };

async function openWith(driver: RecordingDriver, batchSize = 500): Promise<Neo4jStore> {
  const store = new Neo4jStore(driver, { ...target, batchSize });
  await store.open();
  return store;
}


describe('Neo4jStore with a recording driver', () => {
  it('opens by checking the schema version, then creating constraints and the CJK fulltext index, each DDL in its own transaction', async () => {
    const driver = new RecordingDriver();
    await openWith(driver);
    const ddl = driver.calls.filter((c) => c.text.startsWith('CREATE '));
    expect(driver.calls[0].text).toBe(S.readMeta.text);
    for (const label of NODE_LABELS) expect(ddl.some((c) => c.text.includes(`FOR (n:PolicyGraph${label}) REQUIRE n.`) && c.text.includes('IS UNIQUE'))).toBe(true);
    expect(ddl.find((c) => c.text.includes('FULLTEXT INDEX'))!.text).toContain("`fulltext.analyzer`: 'cjk'");
    expect(new Set(ddl.map((c) => c.tx)).size).toBe(ddl.length);
    const meta = driver.calls.find((c) => c.text === neo4jText(S.writeMeta) && c.params.id === 'schema')!;
    expect(neo4j.isInt(meta.params.version)).toBe(true);
    expect(Number(meta.params.version)).toBe(SCHEMA_VERSION);
  });

  it("puts constraints and indexes only on PolicyGraph's own labels, and every node pattern it sends names one (a shared database's Document nodes are never matched)", async () => {
    const driver = new RecordingDriver();
    const store = await openWith(driver);
    await store.write(fixtureBatch());
    await store.writeEmbeddings(new Map([['cl_a', [1, 0]]]), 2);
    await store.deleteDocument(DOC_GUOFA);
    const ddl = driver.calls.filter((c) => c.text.includes('CREATE ') && /\b(CONSTRAINT|INDEX)\b/.test(c.text));
    expect(ddl.length).toBeGreaterThanOrEqual(NODE_LABELS.length + 3);
    for (const c of ddl) expect(c.text, c.text).toMatch(/ FOR \(n:PolicyGraph\w*\) /);
    const plain = new RegExp(`\\(\\w*:(${NODE_LABELS.join('|')})(?![\\w:])`);
    const unscoped = driver.calls.filter((c) => plain.test(c.text)).map((c) => c.text.split('\n')[0]);
    expect(unscoped).toEqual([]);
    expect(driver.calls.some((c) => c.text.includes('MERGE (n:Clause:PolicyGraphClause {id: r.id})'))).toBe(true);
  });

  it('moves a database from before namespaced labels once: labels added, plain-label constraints dropped, the vector index recreated with its dimension', async () => {
    const legacy = (done: boolean) =>
      new RecordingDriver((text, params) => {
        if (text === neo4jText(S.readMeta) && params.id === 'namespaced-labels') return done ? [{ version: neo4j.int(1) }] : [];
        if (text === N.indexLabels.text && params.name === 'clause_text') return [{ labelsOrTypes: ['Clause'], options: {} }];
        if (text === N.indexLabels.text && params.name === 'clause_embedding') return [{ labelsOrTypes: ['Clause'], options: { indexConfig: { 'vector.dimensions': neo4j.int(384) } } }];
        return defaultResponse(text, params);
      });
    const old = legacy(false);
    await openWith(old);
    const texts = old.calls.map((c) => c.text);
    for (const label of NODE_LABELS) expect(texts).toContain(N.addNamespacedLabel(label).text);
    expect(texts).toContain('DROP CONSTRAINT document_id_unique IF EXISTS');
    expect(texts).toContain('DROP CONSTRAINT clause_id_unique IF EXISTS');
    expect(texts).toContain('DROP INDEX clause_doc_id IF EXISTS');
    expect(texts).toContain('DROP INDEX clause_text IF EXISTS');
    expect(texts).toContain('DROP INDEX clause_embedding IF EXISTS');
    const vector = texts.find((t) => t.includes('CREATE VECTOR INDEX'))!;
    expect(vector).toContain('FOR (n:PolicyGraphClause)');
    expect(vector).toContain('`vector.dimensions`: 384');
    expect(texts.indexOf('DROP INDEX clause_text IF EXISTS')).toBeLessThan(texts.findIndex((t) => t.startsWith('CREATE FULLTEXT INDEX clause_text')));
    expect(old.calls.find((c) => c.text === neo4jText(S.writeMeta) && c.params.id === 'namespaced-labels')).toBeTruthy();

    const moved = legacy(true);
    await openWith(moved);
    expect(moved.calls.filter((c) => c.text.startsWith('DROP ') || c.text.includes('WHERE NOT n:PolicyGraph'))).toEqual([]);
  });

  it('refuses a database written by a newer schema before touching it', async () => {
    const driver = new RecordingDriver((text) => (text === neo4jText(S.readMeta) ? [{ version: neo4j.int(SCHEMA_VERSION + 1) }] : []));
    const err = await failure(openWith(driver));
    expect(err.code).toBe('SCHEMA_NEWER');
    expect(err.message).toContain(target.uri);
    expect(err.message).toContain(`version ${SCHEMA_VERSION + 1}`);
    expect(driver.calls.filter((c) => c.mode === 'WRITE')).toEqual([]);
  });

  it('writes a batch in one transaction, as UNWIND statements of at most the batch size', async () => {
    const driver = new RecordingDriver();
    const store = await openWith(driver, 3);
    const before = driver.calls.length;
    const batch = fixtureBatch();
    await store.write(batch);
    const writes = driver.calls.slice(before);
    expect(new Set(writes.map((c) => c.tx)).size).toBe(1);
    const unwinds = writes.filter((c) => Array.isArray(c.params.rows));
    expect(unwinds.length).toBeGreaterThan(0);
    for (const c of unwinds) expect((c.params.rows as unknown[]).length).toBeLessThanOrEqual(3);
    expect(driver.rowsOf(S.upsertNodes('Clause')).map((r) => r.id)).toEqual(batch.clauses.map((c) => c.id));
    const hasClause = writes.filter((c) => c.text === neo4jText(S.mergeEdges('HAS_CLAUSE')));
    expect(hasClause.map((c) => (c.params.rows as unknown[]).length)).toEqual([3, 3, 3, 2]);
  });

  it('sends integers as Neo4j Integers and floats as floats, even when a float is whole', async () => {
    const driver = new RecordingDriver();
    const store = await openWith(driver);
    const batch = fixtureBatch();
    await store.write(batch);

    const clause = driver.rowsOf(S.upsertNodes('Clause')).find((r) => r.id === batch.clauses[2].id)!;
    expect(neo4j.isInt(clause.ordinal) && neo4j.isInt(clause.depth)).toBe(true);
    expect([Number(clause.ordinal), Number(clause.depth)]).toEqual([batch.clauses[2].ordinal, batch.clauses[2].depth]);
    const year = driver.rowsOf(S.setNumber('Document', 'year')).find((r) => r.key === DOC_GUOFA)!;
    expect(neo4j.isInt(year.year)).toBe(true);
    expect(Number(year.year)).toBe(2017);

    const amounts = driver.rowsOf(S.setNumber('Target', 'amount')).map((r) => r.amount);
    expect(amounts).toEqual(batch.targets.map((t) => t.amount)); // 6e12 is whole, yet stays a float
    for (const a of amounts) expect(typeof a).toBe('number');
    const scores = driver.rowsOf(S.mergeEdges('SIMILAR_TO')).map((r) => r.score);
    expect(scores).toContain(1);
    for (const s of scores) expect(typeof s).toBe('number');
    // Edge rows keep booleans and nulls as they are.
    expect(driver.rowsOf(S.mergeEdges('ASSIGNS'))[0]).toMatchObject({ openEnded: false, deadline: null });

    await store.expand(['x'], { yearFrom: 2018 });
    const expand = driver.calls.find((c) => c.text === neo4jText(S.expand))!;
    expect(neo4j.isInt(expand.params.yearFrom)).toBe(true);
    await store.allClauses();
    const page = driver.calls.find((c) => c.text === neo4jText(S.pageKeys('Document')))!;
    expect(neo4j.isInt(page.params.limit)).toBe(true);
    expect(page.params.after).toBe('');
  });

  it('converts Neo4j Integers, temporals and nulls back to plain values', async () => {
    const doc = fixtureBatch().documents[0];
    const driver = new RecordingDriver((text) =>
      text === neo4jText(S.listDocuments)
        ? [
            {
              ...doc,
              year: neo4j.int(2017),
              date: new neo4j.types.Date(2017, 8, 13),
              issuers: ['国务院'],
              aliases: null,
              sources: JSON.stringify(doc.sources),
              clauseCount: neo4j.int(78),
            },
          ]
        : [],
    );
    const store = await openWith(driver);
    const [summary] = await store.listDocuments();
    expect(summary.year).toBe(2017);
    expect(summary.date).toBe('2017-08-13');
    expect(summary.clauseCount).toBe(78);
    expect(summary.aliases).toEqual([]);
    expect(summary.sources).toEqual(doc.sources);

    const huge = new RecordingDriver((text) => (text === neo4jText(S.listDocuments) ? [{ ...doc, clauseCount: neo4j.int('9223372036854775807') }] : []));
    await expect((await openWith(huge)).listDocuments()).rejects.toThrow(/too large/);
  });

  it('re-runs a write from the start after a transient error, and it lands once', async () => {
    const driver = new RecordingDriver();
    const store = await openWith(driver);
    driver.transient = {
      atCall: 6,
      error: new neo4j.Neo4jError('deadlock', 'Neo.TransientError.Transaction.DeadlockDetected', 'gql', 'description'),
    };
    const before = driver.calls.length;
    const stats = await store.write(fixtureBatch());
    const writes = driver.calls.slice(before);
    const [first, second] = [...new Set(writes.map((c) => c.tx))];
    const of = (tx: number) => writes.filter((c) => c.tx === tx).map((c) => c.text);
    expect(of(first)).toHaveLength(5); // the statements before the failure
    expect(of(second).slice(0, 5)).toEqual(of(first)); // the retry starts over
    const clean = new RecordingDriver();
    expect(stats).toEqual(await (await openWith(clean)).write(fixtureBatch()));
  });

  it('stores clause vectors as floats and creates the vector index for their dimension', async () => {
    const driver = new RecordingDriver();
    const store = await openWith(driver, 2);
    const vectors = new Map<string, Float32Array | number[]>([
      ['cl_a', new Float32Array([0, 0.5, 1])],
      ['cl_b', [1, 0, 0]],
      ['cl_c', [0.25, 0.25, 0.5]],
    ]);
    expect(await store.writeEmbeddings(vectors, 3)).toBe(3);
    const index = driver.calls.find((c) => c.text.includes('VECTOR INDEX'))!;
    expect(index.text).toContain('`vector.dimensions`: 3');
    expect(index.text).toContain("'cosine'");
    const sets = driver.calls.filter((c) => c.text === neo4jText(S.setEmbeddings));
    expect(sets.map((c) => (c.params.rows as unknown[]).length)).toEqual([2, 1]);
    expect(sets[0].tx).toBeGreaterThan(index.tx);
    const rows = sets.flatMap((c) => c.params.rows as { id: string; embedding: unknown[] }[]);
    expect(rows[0]).toEqual({ id: 'cl_a', embedding: [0, 0.5, 1] });
    for (const r of rows) for (const x of r.embedding) expect(typeof x).toBe('number');

    expect((await failure(store.writeEmbeddings(new Map([['cl_a', [1, 2]]]), 3))).message).toContain('cl_a');
    expect((await failure(store.writeEmbeddings(vectors, 0))).code).toBe('BAD_REQUEST');
  });

  it('refuses vectors of another dimension than the existing vector index', async () => {
    const driver = new RecordingDriver((text, params) =>
      text === neo4jText(S.indexOptions)
        ? [{ name: params.name, type: 'VECTOR', options: { indexConfig: { 'vector.dimensions': neo4j.int(512), 'vector.similarity_function': 'COSINE' } } }]
        : defaultResponse(text, params),
    );
    const store = await openWith(driver);
    const err = await failure(store.writeEmbeddings(new Map([['cl_a', [0.1, 0.2, 0.3]]]), 3));
    expect(err.code).toBe('INDEX_MISMATCH');
    expect(err.message).toMatch(/512.*3/);
    expect(driver.calls.some((c) => c.text === neo4jText(S.setEmbeddings))).toBe(false);
  });

  it('labels every node a write touches as PolicyGraph and copies the document fields onto its clauses, in the same transaction', async () => {
    const driver = new RecordingDriver();
    const store = await openWith(driver, 4);
    const batch = fixtureBatch();
    const before = driver.calls.length;
    await store.write(batch);
    const writes = driver.calls.slice(before);
    expect(new Set(writes.map((c) => c.tx)).size).toBe(1);
    const owned = (label: (typeof NODE_LABELS)[number]) =>
      writes.filter((c) => c.text === neo4jText(N.markOwned(label))).flatMap((c) => c.params.keys as string[]);
    expect(owned('Clause').sort()).toEqual(batch.clauses.map((c) => c.id).sort());
    expect(owned('Document').sort()).toEqual([...new Set(batch.documents.map((d) => d.id))].sort());
    expect(owned('Region').sort()).toEqual([...new Set(batch.regions.map((r) => r.name))].sort());
    for (const c of writes.filter((w) => w.text.startsWith('UNWIND $keys'))) expect((c.params.keys as unknown[]).length).toBeLessThanOrEqual(4);
    const copied = writes.filter((c) => c.text === neo4jText(N.copyDocumentFields));
    expect(copied.flatMap((c) => c.params.docIds as string[]).sort()).toEqual([...new Set(batch.documents.map((d) => d.id))].sort());
    // the owner label and the copies come after the nodes they touch
    const firstCopy = writes.indexOf(copied[0]);
    expect(writes.findIndex((c) => c.text === neo4jText(S.upsertNodes('Clause')))).toBeLessThan(firstCopy);
    expect(N.copyDocumentFields.text).toContain('c.docNumber = d.docNumber');
    expect(N.copyDocumentFields.text).toContain('c.documentTitle = d.title');
  });

  it("clear() deletes only nodes with PolicyGraph's owner label, a bounded batch per transaction, until none is left", async () => {
    const remaining = [10_000, 7, 0];
    const driver = new RecordingDriver((text, params) => (text === neo4jText(N.clearOwned) ? [{ deleted: neo4j.int(remaining.shift()!) }] : defaultResponse(text, params)));
    const store = await openWith(driver);
    const before = driver.calls.length;
    await store.clear();
    const calls = driver.calls.slice(before);
    expect(calls.map((c) => c.text)).toEqual([N.clearOwned.text, N.clearOwned.text, N.clearOwned.text]);
    expect(new Set(calls.map((c) => c.tx)).size).toBe(3);
    expect(Number(calls[0].params.limit)).toBe(10_000);
    expect(N.clearOwned.text).toMatch(/^MATCH \(n:PolicyGraph\)\n/);
    expect(N.clearOwned.text).not.toMatch(/Document|Clause/);
  });

  it('records the embedder with the vectors, in their transaction, and reads it back', async () => {
    const record = { id: 'builtin:ngram-v1', dimension: 3, normalized: true, queryPrefix: null, state: '{"df":{}}', stateFingerprint: 'abc' };
    const stored: Row[] = [];
    const driver = new RecordingDriver((text, params) => {
      if (text === neo4jText(N.writeEmbedderRecord)) stored.push(params);
      if (text === neo4jText(N.readEmbedderRecord) && stored.length) {
        const p = stored[stored.length - 1];
        return [{ embedder: p.embedder, dimension: p.dimension, similarity: p.similarity, normalized: p.normalized, queryPrefix: p.queryPrefix, state: p.state, stateFingerprint: p.stateFingerprint, updatedAt: p.updatedAt }];
      }
      return defaultResponse(text, params);
    });
    const store = await openWith(driver);
    expect(await store.readEmbedder()).toBeNull();
    await store.writeEmbeddings(new Map([['cl_a', [1, 0, 0]]]), 3, record);
    const write = driver.calls.find((c) => c.text === neo4jText(N.writeEmbedderRecord))!;
    const vectors = driver.calls.find((c) => c.text === neo4jText(S.setEmbeddings))!;
    expect(write.tx).toBe(vectors.tx);
    expect(neo4j.isInt(write.params.dimension)).toBe(true);
    expect(write.params.queryPrefix).toBe(''); // one type per property: no nulls
    const back = await store.readEmbedder();
    expect(back).toMatchObject({ ...record, similarity: 'cosine' });
    expect(back!.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const mismatch = await failure(store.writeEmbeddings(new Map([['cl_a', [1, 0, 0]]]), 3, { ...record, dimension: 4 }));
    expect(mismatch.code).toBe('BAD_REQUEST');
  });

  it('creates the filterable vector index where the server takes Cypher 25, else the plain one', async () => {
    const syntax = new neo4j.Neo4jError("Invalid input 'WITH'", 'Neo.ClientError.Statement.SyntaxError', 'gql', 'description');
    const old = new RecordingDriver((text, params) => {
      if (text.startsWith('CYPHER 25 CREATE VECTOR INDEX')) throw syntax;
      return defaultResponse(text, params);
    });
    await (await openWith(old)).writeEmbeddings(new Map([['cl_a', [1, 0]]]), 2);
    const created = old.calls.filter((c) => c.text.includes('CREATE VECTOR INDEX')).map((c) => c.text);
    expect(created).toHaveLength(2); // the refused Cypher 25 form, then the Neo4j 5 one
    expect(created[0]).toMatch(/^CYPHER 25 /);
    expect(created[1]).toMatch(/^CREATE VECTOR INDEX clause_embedding IF NOT EXISTS FOR \(n:PolicyGraphClause\) ON \(n\.embedding\)/);

    const current = new RecordingDriver();
    await (await openWith(current)).writeEmbeddings(new Map([['cl_a', [1, 0]]]), 2);
    const [ddl] = current.calls.filter((c) => c.text.includes('CREATE VECTOR INDEX'));
    expect(ddl.text).toContain('WITH [n.year, n.level, n.region, n.docNumber, n.docType, n.docKind]');

    const denied = new RecordingDriver((text) => {
      if (text.includes('CREATE VECTOR INDEX')) throw new neo4j.Neo4jError('no', 'Neo.ClientError.Security.Forbidden', 'gql', 'description');
      return [];
    });
    await expect((await openWith(denied)).writeEmbeddings(new Map([['cl_a', [1, 0]]]), 2)).rejects.toThrow(/denied|no/);
  });

  it('searches the vector index with a float query vector and an Integer k, mapping rows to hits', async () => {
    const driver = new RecordingDriver((text) => (text === neo4jText(N.vectorSearch) ? [{ id: 'cl_b', score: 0.9 }, { id: 'cl_a', score: 0.75 }] : []));
    const store = await openWith(driver);
    const hits = await store.vectorSearch(new Float32Array([1, 0, 0.5]), 7);
    expect(hits).toEqual([{ id: 'cl_b', score: 0.9 }, { id: 'cl_a', score: 0.75 }]);
    const call = driver.calls.find((c) => c.text === neo4jText(N.vectorSearch))!;
    expect(call.mode).toBe('READ');
    expect(neo4j.isInt(call.params.k) && Number(call.params.k) === 7).toBe(true);
    expect(call.params.embedding).toEqual([1, 0, 0.5]);
    for (const x of call.params.embedding as unknown[]) expect(typeof x).toBe('number'); // 1 and 0 stay floats
    expect((await failure(store.vectorSearch([1], 0))).code).toBe('BAD_REQUEST');
  });

  it('searches the fulltext index with the query escaped for Lucene, and skips a query with nothing to search', async () => {
    const driver = new RecordingDriver((text) => (text === neo4jText(N.fulltextSearch) ? [{ id: 'cl_c', score: neo4j.int(3) }] : []));
    const store = await openWith(driver);
    expect(await store.fulltextSearch('《网络安全法》第21条: "AND" 5G?', 5)).toEqual([{ id: 'cl_c', score: 3 }]);
    const call = driver.calls.find((c) => c.text === neo4jText(N.fulltextSearch))!;
    expect(call.params.query).toBe('《网络安全法》第21条\\: \\"and\\" 5G\\?');
    expect(Number(call.params.k)).toBe(5);
    const before = driver.calls.length;
    expect(await store.fulltextSearch(' ?!: ', 5)).toEqual([]);
    expect(driver.calls.length).toBe(before);
  });

  it('a search before any ingest on Neo4j is one INDEX_MISSING line saying what to run', async () => {
    const driver = new RecordingDriver((text) => {
      if (text === neo4jText(N.vectorSearch)) throw new neo4j.Neo4jError('Failed to invoke procedure: There is no such vector schema index: clause_embedding', 'Neo.ClientError.Procedure.ProcedureCallFailed', 'gql', 'description');
      return [];
    });
    const err = await failure((await openWith(driver)).vectorSearch([1, 0], 3));
    expect(err.code).toBe('INDEX_MISSING');
    expect(err.message).toContain('clause_embedding');
    expect(err.message).toContain('ingest --graph neo4j');
    expect(err.message).not.toContain('\n');
  });

  it('reports refused credentials as one line naming Neo4j, the URI and the variables to check', async () => {
    const driver = new RecordingDriver();
    driver.verifyError = new neo4j.Neo4jError('The client is unauthorized', 'Neo.ClientError.Security.Unauthorized', 'gql', 'description');
    const err = await failure(openWith(driver));
    expect(err.code).toBe('STORE_UNAVAILABLE');
    expect(err.message).toContain(target.uri);
    expect(err.message).toContain('NEO4J_PASSWORD');
    expect(err.message).not.toContain('\n');
  });
});

describe('Neo4jStore configuration and an unreachable server (real driver)', () => {
  it('reads the environment and refuses bad settings with CONFIG errors', () => {
    expect(() => Neo4jStore.fromEnv({})).toThrow(/NEO4J_URI/);
    expect(() => Neo4jStore.fromEnv({ NEO4J_URI: 'http://localhost:7474' })).toThrow(/bolt:\/\//);
    expect(() => Neo4jStore.fromEnv({ NEO4J_URI: 'bolt://localhost:7687', POLICYGRAPH_NEO4J_BATCH: '0' })).toThrow(/POLICYGRAPH_NEO4J_BATCH/);
    expect(() => Neo4jStore.fromEnv({ NEO4J_URI: 'bolt://localhost:7687', POLICYGRAPH_NEO4J_BATCH: 'many' })).toThrow(/POLICYGRAPH_NEO4J_BATCH/);
    const store = Neo4jStore.fromEnv({ NEO4J_URI: 'bolt://localhost:7687', POLICYGRAPH_NEO4J_BATCH: '250' });
    expect(store.batchSize).toBe(250);
    void store.close();
  });

  it('an unreachable Neo4j is one clear STORE_UNAVAILABLE line, and the data dir is left untouched', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-neo4j-'));
    fs.writeFileSync(path.join(dataDir, 'marker'), 'x');
    const saved = { ...process.env };
    Object.assign(process.env, { NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: 'secret' });
    try {
      const err = await failure(openStore({ dataDir, engine: 'neo4j', env: process.env }));
      expect(err.code).toBe('STORE_UNAVAILABLE');
      expect(err.message).toContain('Neo4j');
      expect(err.message).toContain('bolt://127.0.0.1:1');
      expect(err.message).toContain('NEO4J_URI');
      expect(err.message).not.toContain('\n');
      expect(fs.readdirSync(dataDir)).toEqual(['marker']);
    } finally {
      for (const k of ['NEO4J_URI', 'NEO4J_USERNAME', 'NEO4J_PASSWORD']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
