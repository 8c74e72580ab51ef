// The CypherEngine of the embedded store: one Ladybug connection, used by one caller at a time.
//
// Ladybug runs one write transaction per database and a connection is not safe for interleaved
// use, so every read and write of a store is queued; a write is BEGIN TRANSACTION … COMMIT, and
// ROLLBACK when anything in it throws (Ladybug may already have rolled back after a failed
// statement, so a failing ROLLBACK is ignored).
//
// Parameter quirks handled here, at the boundary: Ladybug types a list of maps per key from its
// values, so a key mixing integers and fractions (scores 1 and 0.93) is sent as JSON values,
// which Ladybug casts on SET; Float32Arrays become plain arrays.
import lbug from '@ladybugdb/core';
import type { Connection, PreparedStatement, QueryResult } from '@ladybugdb/core';
import { checkParams, type BulkLoader, type CypherEngine, type CypherTx, type Params } from '../cypher/engine.js';
import type { Row } from '../cypher/records.js';
import type { Statement } from '../cypher/statements.js';
import fs from 'node:fs';
import path from 'node:path';
import { EDGE_TYPES, type EdgeType, type NodeLabel } from '../model.js';
import { canCopyLabel, copyable, copyStatement, edgeColumns, nodeColumns, stagingDir, writeCsv } from './bulk-copy.js';

export class LadybugEngine implements CypherEngine {
  readonly batchSize: number;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly prepared = new Map<string, PreparedStatement>();
  private readonly tx: CypherTx = { run: (statement, params = {}) => this.run(statement, params) };

  private readonly dataDir: string | null;

  constructor(
    private readonly conn: Connection,
    options: { batchSize?: number; dataDir?: string } = {},
  ) {
    this.batchSize = options.batchSize ?? 2000;
    this.dataDir = options.dataDir ?? null;
  }

  read<T>(work: (tx: CypherTx) => Promise<T>): Promise<T> {
    return this.serial(() => work(this.tx));
  }

  write<T>(work: (tx: CypherTx) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      await this.query('BEGIN TRANSACTION');
      let staging: string | null = null;
      const bulk = this.dataDir === null ? undefined : this.bulkLoader(() => (staging ??= stagingDir(this.dataDir!)));
      let result: T;
      try {
        result = await work({ ...this.tx, bulk });
      } catch (err) {
        await this.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        if (staging) fs.rmSync(staging, { recursive: true, force: true });
      }
      await this.query('COMMIT');
      return result;
    });
  }

  /** COPY FROM staged CSV files (bulk-copy.ts), inside the current write transaction. */
  private bulkLoader(dir: () => string): BulkLoader {
    let files = 0;
    const copy = async (table: string, columns: string[], named: boolean, rows: Row[]) => {
      if (!rows.length) return;
      const file = path.join(dir(), `${table}-${files++}.csv`);
      writeCsv(file, columns, rows);
      try {
        await this.query(copyStatement(table, file, named ? columns : null));
      } catch (err) {
        const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
        throw new Error(`bulk insert into ${table} failed on Ladybug: ${message}`, { cause: err });
      } finally {
        fs.rmSync(file, { force: true });
      }
    };
    return {
      canCopy: (table, row) => (EDGE_TYPES.includes(table as EdgeType) || canCopyLabel(table as NodeLabel)) && copyable(row),
      insertNodes: (label, rows) => copy(label, nodeColumns(label), true, rows),
      insertEdges: (type, rows) => copy(type, edgeColumns(type), false, rows),
    };
  }

  /** Runs engine-specific text (DDL, catalog calls) outside the shared statements. */
  exec(text: string): Promise<Row[]> {
    return this.serial(() => this.query(text));
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async query(text: string): Promise<Row[]> {
    const result = await this.conn.query(text);
    return readAll(result);
  }

  private async run(statement: Statement, params: Params): Promise<Row[]> {
    if (statement.neo4jOnly) throw new Error(`statement ${statement.name} is Neo4j-only and cannot run on the embedded store`);
    checkParams(statement, params);
    let prepared = this.prepared.get(statement.text);
    if (!prepared) {
      prepared = await this.conn.prepare(statement.text);
      if (!prepared.isSuccess()) throw new Error(`statement ${statement.name} does not compile on Ladybug: ${prepared.getErrorMessage()}`);
      this.prepared.set(statement.text, prepared);
    }
    try {
      return await readAll(await this.conn.execute(prepared, toLadybugParams(params) as Record<string, never>));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(`statement ${statement.name} failed on Ladybug: ${message}`, { cause: err });
    }
  }
}

async function readAll(result: QueryResult | QueryResult[]): Promise<Row[]> {
  const results = Array.isArray(result) ? result : [result];
  let rows: Row[] = [];
  for (const r of results) {
    rows = (await r.getAll()).map((row) => fromLadybug(row) as Row);
    r.close();
  }
  return rows;
}

export function toLadybugParams(params: Params): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(params)) out[name] = toLadybugValue(value);
  return out;
}

function toLadybugValue(value: unknown): unknown {
  if (value instanceof Float32Array || value instanceof Float64Array) return Array.from(value);
  if (!Array.isArray(value)) return value;
  if (!value.length || !value.every(isPlainObject)) return value.map(toLadybugValue);
  const rows = value as Row[];
  const mixed = Object.keys(rows[0]).filter((k) => {
    const numbers = rows.map((r) => r[k]).filter((v): v is number => typeof v === 'number');
    return numbers.some(Number.isInteger) && numbers.some((n) => !Number.isInteger(n));
  });
  if (!mixed.length) return rows;
  return rows.map((r) => {
    const copy: Row = { ...r };
    for (const k of mixed) if (typeof copy[k] === 'number') copy[k] = lbug.json(copy[k] as number);
    return copy;
  });
}

function isPlainObject(value: unknown): value is Row {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** Plain JavaScript values: INT128 bigints become numbers; node/rel internals (_id, _label) are dropped. */
export function fromLadybug(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(fromLadybug);
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  const out: Row = {};
  for (const [k, v] of Object.entries(value)) if (k !== '_id' && k !== '_label' && k !== '_src' && k !== '_dst') out[k] = fromLadybug(v);
  return out;
}
