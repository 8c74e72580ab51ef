// The CypherEngine of the Neo4j store, on neo4j-driver transaction functions: a read is one
// `executeRead`, a write one `executeWrite` holding every statement of the batch, so it commits
// whole or not at all, and the driver retries it on transient errors (deadlocks, leader
// switches) — the work function holds no state across attempts, so a retry starts clean.
import neo4j from 'neo4j-driver';
import { PolicyGraphError } from '../errors.js';
import { checkParams, type CypherEngine, type CypherTx } from '../cypher/engine.js';
import type { Row } from '../cypher/records.js';
import type { Statement } from '../cypher/statements.js';
import { recordToRow, toNeo4jParams } from './convert.js';
import { neo4jText } from './namespace.js';

/** The part of neo4j-driver's Driver the store uses (a test double implements just this). */
export interface DriverLike {
  verifyConnectivity(config?: { database?: string }): Promise<unknown>;
  session(config: { database?: string; defaultAccessMode?: 'READ' | 'WRITE' }): SessionLike;
  close(): Promise<void>;
}

export interface SessionLike {
  executeRead<T>(work: (tx: TxLike) => Promise<T>): Promise<T>;
  executeWrite<T>(work: (tx: TxLike) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface RecordLike {
  keys: readonly PropertyKey[];
  get(key: PropertyKey): unknown;
}

export interface TxLike {
  run(text: string, params?: Record<string, unknown>): PromiseLike<{ records: RecordLike[] }>;
}

/** Where the store points, for messages. */
export interface Neo4jTarget {
  uri: string;
  username: string;
  database?: string;
}

export class Neo4jEngine implements CypherEngine {
  constructor(
    private readonly driver: DriverLike,
    private readonly target: Neo4jTarget,
    readonly batchSize: number,
  ) {}

  read<T>(work: (tx: CypherTx) => Promise<T>): Promise<T> {
    return this.withSession('READ', (session) => session.executeRead((tx) => work(wrap(tx))));
  }

  write<T>(work: (tx: CypherTx) => Promise<T>): Promise<T> {
    return this.withSession('WRITE', (session) => session.executeWrite((tx) => work(wrap(tx))));
  }

  /** Runs one schema statement (DDL) in a transaction of its own, as Neo4j requires. */
  async schema(text: string): Promise<void> {
    await this.withSession('WRITE', (session) => session.executeWrite(async (tx) => void (await tx.run(text))));
  }

  async verify(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.target.database });
    } catch (err) {
      throw unavailable(err, this.target) ?? err;
    }
  }

  private async withSession<T>(mode: 'READ' | 'WRITE', fn: (session: SessionLike) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.target.database, defaultAccessMode: mode });
    try {
      return await fn(session);
    } catch (err) {
      throw unavailable(err, this.target) ?? err;
    } finally {
      await session.close();
    }
  }
}

function wrap(tx: TxLike): CypherTx {
  return {
    async run(statement: Statement, params = {}): Promise<Row[]> {
      checkParams(statement, params);
      // node patterns also name PolicyGraph's namespaced labels (graph/neo4j/namespace.ts)
      const result = await tx.run(neo4jText(statement), toNeo4jParams(params));
      return result.records.map(recordToRow);
    },
  };
}

/** Connection and credential failures as one clear line naming Neo4j, the URI and what to check; null for anything else. */
export function unavailable(err: unknown, target: Neo4jTarget): PolicyGraphError | null {
  const code = (err as { code?: string })?.code ?? '';
  const reason = ((err as Error)?.message ?? String(err)).split('\n')[0];
  const where = `Neo4j at ${target.uri}`;
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new PolicyGraphError(
      'STORE_UNAVAILABLE',
      `${where} refused the credentials of user "${target.username}": check NEO4J_USERNAME and NEO4J_PASSWORD`,
    );
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new PolicyGraphError('STORE_UNAVAILABLE', `${where} has no database "${target.database}": check NEO4J_DATABASE (${reason})`);
  }
  if (code.startsWith('Neo.ClientError.Security.')) {
    return new PolicyGraphError('STORE_UNAVAILABLE', `${where} denied access (${reason}): check the user's roles and NEO4J_USERNAME`);
  }
  if (code === neo4j.error.SERVICE_UNAVAILABLE || code === neo4j.error.SESSION_EXPIRED) {
    return new PolicyGraphError(
      'STORE_UNAVAILABLE',
      `cannot reach ${where}: check that the server is running and reachable, and NEO4J_URI (${firstSentence(reason)})`,
    );
  }
  return null;
}

function firstSentence(text: string): string {
  const sentence = text.split(/\.\s/)[0].replace(/\.$/, '');
  return sentence.length > 120 ? `${sentence.slice(0, 117)}...` : sentence;
}
