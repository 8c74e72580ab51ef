// The Neo4j GraphStore: the shared graph logic (graph/cypher/cypher-store.ts) on neo4j-driver,
// plus what only Neo4j has: uniqueness constraints, a CJK fulltext index on clause text, and clause
// vectors with a vector index for Neo4j-side tools. Configured from NEO4J_URI, NEO4J_USERNAME,
// NEO4J_PASSWORD, NEO4J_DATABASE and POLICYGRAPH_NEO4J_BATCH (rows per UNWIND, default 500).
import neo4j from 'neo4j-driver';
import { PolicyGraphError } from '../errors.js';
import { CLAUSE_VECTOR_INDEX } from '../schema.js';
import { NODE_LABELS } from '../model.js';
import type { EmbedderDescription } from '../store.js';
import { CypherGraphStore, runChunks } from '../cypher/cypher-store.js';
import { chunk, type CypherEngine, type CypherTx } from '../cypher/engine.js';
import type { WritePlan } from '../cypher/write-plan.js';
import { indexOptions, readMeta, setEmbeddings, writeMeta } from '../cypher/statements.js';
import { LEGACY_SCHEMA, filterableVectorIndexDdl, neo4jDdl, vectorIndexDdl } from './ddl.js';
import { luceneQuery } from './lucene.js';
import { Neo4jEngine, type DriverLike, type Neo4jTarget } from './neo4j-engine.js';
import * as N from './statements.js';

/** Rows per UNWIND statement: ~10k rows keep a 200k-clause write to a few dozen round trips per label (issue 10). */
export const DEFAULT_NEO4J_BATCH = 10_000;

/** Longest open() waits for indexes to come online. */
const INDEX_WAIT_SECONDS = 300;
/** Meta node recording that the database's PolicyGraph nodes carry namespaced labels (moveToNamespacedLabels). */
const NAMESPACED_META_ID = 'namespaced-labels';

/** Nodes deleted per transaction by clear(). */
const CLEAR_BATCH = 10_000;

export interface Neo4jStoreOptions extends Neo4jTarget {
  batchSize?: number;
  /** Connection and first-answer deadline (POLICYGRAPH_NEO4J_TIMEOUT_MS, at most 15 s). */
  timeoutMs?: number;
}

/** A clause an index search found, with the index's own score. */
export interface IndexHit {
  id: string;
  score: number;
}

/** What the Neo4j database records about the embedder of its clause vectors. */
export interface StoredEmbedder extends EmbedderDescription {
  similarity: string;
  updatedAt: string | null;
}

/** The retrieval the "neo4j" search mode runs on Neo4j's own indexes (search/neo4j-retriever.ts). */
export interface IndexSearchPort {
  /** Where the indexes are, for messages. */
  readonly location: string;
  vectorSearch(embedding: Float32Array | number[], k: number): Promise<IndexHit[]>;
  fulltextSearch(text: string, k: number): Promise<IndexHit[]>;
  readEmbedder(): Promise<StoredEmbedder | null>;
}

export class Neo4jStore extends CypherGraphStore implements IndexSearchPort {
  readonly engine = 'neo4j';
  private readonly neo: Neo4jEngine;
  private opened = false;

  constructor(
    private readonly driver: DriverLike,
    private readonly options: Neo4jStoreOptions,
  ) {
    super();
    this.neo = new Neo4jEngine(driver, options, options.batchSize ?? DEFAULT_NEO4J_BATCH);
  }

  /** A store from the environment; fails with CONFIG when NEO4J_URI is missing or malformed. Connects only on open(). */
  static fromEnv(env: NodeJS.ProcessEnv): Neo4jStore {
    const uri = env.NEO4J_URI?.trim();
    if (!uri) {
      throw new PolicyGraphError('CONFIG', 'the Neo4j graph store needs NEO4J_URI (e.g. neo4j://localhost:7687), plus NEO4J_USERNAME and NEO4J_PASSWORD');
    }
    const batchSize = parseBatch(env.POLICYGRAPH_NEO4J_BATCH);
    const username = env.NEO4J_USERNAME?.trim() || 'neo4j';
    // No password: connect without authentication (a server with auth disabled).
    const auth = env.NEO4J_PASSWORD ? neo4j.auth.basic(username, env.NEO4J_PASSWORD) : undefined;
    let driver;
    try {
      const timeout = neo4jTimeoutMs(env);
      driver = neo4j.driver(uri, auth, { connectionTimeout: timeout, connectionAcquisitionTimeout: timeout, maxTransactionRetryTime: 30_000, userAgent: 'policygraph' });
    } catch (err) {
      throw new PolicyGraphError(
        'CONFIG',
        `NEO4J_URI "${uri}" is not a Neo4j address (${(err as Error).message}): use neo4j://, neo4j+s://, bolt:// or bolt+s://`,
      );
    }
    return new Neo4jStore(driver as unknown as DriverLike, { uri, username, database: env.NEO4J_DATABASE?.trim() || undefined, batchSize, timeoutMs: neo4jTimeoutMs(env) });
  }

  get batchSize(): number {
    return this.neo.batchSize;
  }

  async open(): Promise<void> {
    if (this.opened) return;
    try {
      // a server that accepts the TCP connection but never answers the handshake would hang verify()
      const timeout = this.options.timeoutMs ?? neo4jTimeoutMs({});
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PolicyGraphError('STORE_UNAVAILABLE', `Neo4j at ${this.options.uri} did not answer within ${timeout / 1000} s: is it a Neo4j server, and is it up?`)), timeout);
      });
      await Promise.race([this.neo.verify(), deadline]).finally(() => clearTimeout(timer));
      const where = `Neo4j at ${this.options.uri}${this.options.database ? ` (database ${this.options.database})` : ''}`;
      await this.neo.read((tx) => this.checkSchemaVersion(tx, where));
      await this.moveToNamespacedLabels();
      for (const ddl of neo4jDdl()) await this.neo.schema(ddl);
      // an index created over existing nodes fills in the background: searches must not see it half-built
      await this.neo.read((tx) => tx.run(N.awaitIndexes, { seconds: INDEX_WAIT_SECONDS }));
      await this.neo.write(async (tx) => {
        await this.recordSchemaVersion(tx);
        await tx.run(N.markMetaOwned, {});
      });
    } catch (err) {
      // A store that failed to open is finished: release the driver's sockets so the process can exit.
      await this.driver.close().catch(() => undefined);
      throw err;
    }
    this.opened = true;
  }

  /**
   * Once per database: a database written before namespaced labels gets them on its PolicyGraph
   * nodes, and the constraints and indexes older releases made on plain labels (:Document, :Clause)
   * are dropped by their names — the vector index is recreated on PolicyGraphClause with its
   * dimension (the vectors stay on the nodes and are indexed again). Recorded in a meta node.
   */
  private async moveToNamespacedLabels(): Promise<void> {
    const done = await this.neo.read((tx) => tx.run(readMeta, { id: NAMESPACED_META_ID }));
    if (done.length) return;
    for (const label of NODE_LABELS) await this.neo.write((tx) => tx.run(N.addNamespacedLabel(label), {}));
    for (const name of LEGACY_SCHEMA.constraints) await this.neo.schema(`DROP CONSTRAINT ${name} IF EXISTS`);
    for (const name of LEGACY_SCHEMA.indexes) await this.neo.schema(`DROP INDEX ${name} IF EXISTS`);
    let vectorDimension: number | null = null;
    for (const name of LEGACY_SCHEMA.clauseIndexes) {
      const [row] = await this.neo.read((tx) => tx.run(N.indexLabels, { name }));
      const labels = (row?.labelsOrTypes as string[] | null | undefined) ?? null;
      if (!labels || (labels.length === 1 && labels[0] === LEGACY_SCHEMA.clauseLabel)) continue;
      if (name === CLAUSE_VECTOR_INDEX) {
        const config = ((row.options as Record<string, unknown> | null)?.indexConfig ?? {}) as Record<string, unknown>;
        vectorDimension = Number(config['vector.dimensions']) || null;
      }
      await this.neo.schema(`DROP INDEX ${name} IF EXISTS`);
    }
    if (vectorDimension !== null) await this.createVectorIndex(vectorDimension);
    await this.neo.write((tx) => tx.run(writeMeta, { id: NAMESPACED_META_ID, version: 1 }));
  }

  /** The clause vector index: with the filterable document fields where the server takes them (Neo4j 2026.01+), else plain. */
  private async createVectorIndex(dimension: number): Promise<void> {
    await this.neo.schema(filterableVectorIndexDdl(dimension)).catch(async (err: unknown) => {
      if (!isSyntaxError(err)) throw err;
      await this.neo.schema(vectorIndexDdl(dimension));
    });
  }

  async close(): Promise<void> {
    this.opened = false;
    await this.driver.close();
  }

  protected cypher(): CypherEngine {
    if (!this.opened) throw new Error('the Neo4j graph store is not open: call open() first');
    return this.neo;
  }

  get location(): string {
    return `Neo4j at ${this.options.uri}${this.options.database ? ` (database ${this.options.database})` : ''}`;
  }

  /**
   * Deletes PolicyGraph's nodes only — those carrying the owner label — in transactions of
   * CLEAR_BATCH nodes; other applications' nodes (even of the same labels, e.g. neo4j-graphrag's
   * Document) are left alone.
   */
  async clear(): Promise<void> {
    const db = this.cypher();
    for (;;) {
      const [row] = await db.write((tx) => tx.run(N.clearOwned, { limit: CLEAR_BATCH }));
      if (!Number(row?.deleted ?? 0)) return;
    }
  }

  /** Inside each write: the owner label on every node written, and the filterable document fields on their clauses. */
  protected override async afterWrite(tx: CypherTx, plan: WritePlan, batchSize: number): Promise<void> {
    for (const label of NODE_LABELS) {
      const keys = [...(plan.nodes.get(label)?.keys() ?? [])];
      for (const part of chunk(keys, batchSize)) await tx.run(N.markOwned(label), { keys: part });
    }
    for (const docIds of chunk([...(plan.nodes.get('Document')?.keys() ?? [])], batchSize)) await tx.run(N.copyDocumentFields, { docIds });
  }

  /**
   * Stores clause vectors on Clause.embedding (float32, through db.create.setNodeVectorProperty)
   * and creates the vector index for `dimension` if missing. An existing index of another dimension
   * is an INDEX_MISMATCH: its vectors came from another embedder.
   */
  override async writeEmbeddings(vectors: Map<string, Float32Array | number[]>, dimension: number, embedder?: EmbedderDescription): Promise<number> {
    vectorIndexDdl(dimension); // refuses a dimension Neo4j cannot index before any vector is sent
    const rows: { id: string; embedding: number[] }[] = [];
    for (const [id, vector] of vectors) {
      if (vector.length !== dimension) {
        throw new PolicyGraphError('BAD_REQUEST', `the embedding of clause ${id} has ${vector.length} dimensions, expected ${dimension}`);
      }
      rows.push({ id, embedding: Array.from(vector) });
    }
    const db = this.cypher();
    const existing = await db.read((tx) => tx.run(indexOptions, { name: CLAUSE_VECTOR_INDEX }));
    if (existing.length) {
      const config = ((existing[0].options as Record<string, unknown> | null)?.indexConfig ?? {}) as Record<string, unknown>;
      const stored = Number(config['vector.dimensions']);
      if (stored !== dimension) {
        throw new PolicyGraphError(
          'INDEX_MISMATCH',
          `the Neo4j vector index ${CLAUSE_VECTOR_INDEX} at ${this.options.uri} has ${stored} dimensions but the embedder makes ${dimension}: ` +
            `drop it (DROP INDEX ${CLAUSE_VECTOR_INDEX}) and ingest again`,
        );
      }
    } else {
      await this.createVectorIndex(dimension);
    }
    if (embedder && embedder.dimension !== dimension) {
      throw new PolicyGraphError('BAD_REQUEST', `the embedder ${embedder.id} makes ${embedder.dimension}-d vectors, not ${dimension}`);
    }
    return db.write(async (tx) => {
      const results = await runChunks(tx, setEmbeddings, rows, db.batchSize);
      // in the same transaction as the vectors: the record never describes vectors it did not make
      if (embedder) await tx.run(N.writeEmbedderRecord, embedderRecordParams(embedder));
      return results.reduce((n, r) => n + Number(r.written ?? 0), 0);
    });
  }

  async readEmbedder(): Promise<StoredEmbedder | null> {
    const [row] = await this.cypher().read((tx) => tx.run(N.readEmbedderRecord, { id: CLAUSE_VECTOR_INDEX }));
    if (!row || typeof row.embedder !== 'string') return null;
    return {
      id: row.embedder,
      dimension: Number(row.dimension),
      similarity: String(row.similarity ?? 'cosine'),
      normalized: row.normalized === true,
      queryPrefix: typeof row.queryPrefix === 'string' && row.queryPrefix ? row.queryPrefix : null,
      state: typeof row.state === 'string' && row.state ? row.state : null,
      stateFingerprint: typeof row.stateFingerprint === 'string' && row.stateFingerprint ? row.stateFingerprint : null,
      updatedAt: typeof row.updatedAt === 'string' ? row.updatedAt : null,
    };
  }

  /** The k clauses nearest to `embedding` on the vector index (scores: Neo4j's (1 + cos) / 2). */
  async vectorSearch(embedding: Float32Array | number[], k: number): Promise<IndexHit[]> {
    if (!Number.isSafeInteger(k) || k < 1) throw new PolicyGraphError('BAD_REQUEST', `k must be a whole number ≥ 1 (got ${k})`);
    const rows = await this.cypher()
      .read((tx) => tx.run(N.vectorSearch, { k, embedding: Array.from(embedding) }))
      .catch((err: unknown) => {
        throw missingIndex(err, CLAUSE_VECTOR_INDEX, this.location) ?? err;
      });
    return rows.map(toHit);
  }

  /** The k best clauses for a text on the CJK fulltext index; a text with nothing searchable finds nothing. */
  async fulltextSearch(text: string, k: number): Promise<IndexHit[]> {
    if (!Number.isSafeInteger(k) || k < 1) throw new PolicyGraphError('BAD_REQUEST', `k must be a whole number ≥ 1 (got ${k})`);
    const query = luceneQuery(text);
    if (!query) return [];
    const rows = await this.cypher()
      .read((tx) => tx.run(N.fulltextSearch, { query, k }))
      .catch((err: unknown) => {
        throw missingIndex(err, 'clause_text', this.location) ?? err;
      });
    return rows.map(toHit);
  }
}

function parseBatch(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_NEO4J_BATCH;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new PolicyGraphError('CONFIG', `POLICYGRAPH_NEO4J_BATCH must be a whole number of rows per statement, at least 1 (got "${raw}")`);
  }
  return value;
}

/** Connection and acquisition deadline: POLICYGRAPH_NEO4J_TIMEOUT_MS, default (and at most) 15 s. */
function neo4jTimeoutMs(env: NodeJS.ProcessEnv): number {
  const value = Number(env.POLICYGRAPH_NEO4J_TIMEOUT_MS);
  return Number.isInteger(value) && value > 0 ? Math.min(value, 15_000) : 15_000;
}

function embedderRecordParams(embedder: EmbedderDescription): Record<string, unknown> {
  return {
    id: CLAUSE_VECTOR_INDEX,
    embedder: embedder.id,
    dimension: embedder.dimension,
    similarity: 'cosine',
    normalized: embedder.normalized,
    // empty strings, not nulls: the record's properties keep one type each
    queryPrefix: embedder.queryPrefix ?? '',
    state: embedder.state ?? '',
    stateFingerprint: embedder.stateFingerprint ?? '',
    updatedAt: new Date().toISOString(),
  };
}

function toHit(row: Record<string, unknown>): IndexHit {
  return { id: String(row.id), score: Number(row.score) };
}

function isSyntaxError(err: unknown): boolean {
  return (err as { code?: string })?.code === 'Neo.ClientError.Statement.SyntaxError';
}

/** A query on an index that does not exist (no ingest with --graph neo4j yet) as one line saying what to do. */
function missingIndex(err: unknown, index: string, where: string): PolicyGraphError | null {
  const message = (err as Error)?.message ?? '';
  if (!/no such .*index|index .* does not exist|There is no such/i.test(message)) return null;
  return new PolicyGraphError('INDEX_MISSING', `${where} has no index ${index}: run policygraph ingest --graph neo4j to create it`);
}
