// The narrow port the shared store logic (cypher-store.ts) needs from a Cypher engine: run a
// statement inside a read or a write transaction and get plain JavaScript rows back. Each adapter
// converts its engine's values at this boundary (Neo4j Integers and temporals, Ladybug structs).
import type { Statement } from './statements.js';
import type { Row } from './records.js';
import type { EdgeType, NodeLabel } from '../model.js';

export type Params = Record<string, unknown>;

export interface CypherTx {
  run(statement: Statement, params?: Params): Promise<Row[]>;
  /** Bulk insert of rows known not to exist yet, where the engine has one (embedded: COPY FROM staged CSV). */
  bulk?: BulkLoader;
}

export interface BulkLoader {
  /** Whether this row of this label can be bulk-inserted exactly (otherwise the caller MERGEs it). */
  canCopy(label: NodeLabel | EdgeType, row: Row): boolean;
  /** Inserts new nodes: rows hold every property of the label (nulls included). */
  insertNodes(label: NodeLabel, rows: Row[]): Promise<void>;
  /** Inserts new edges between existing nodes: rows {source, target, …every property}. */
  insertEdges(type: EdgeType, rows: Row[]): Promise<void>;
}

export interface CypherEngine {
  /** Rows per UNWIND statement: larger batches are split into several statements of one transaction. */
  readonly batchSize: number;
  read<T>(work: (tx: CypherTx) => Promise<T>): Promise<T>;
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  write<T>(work: (tx: CypherTx) => Promise<T>): Promise<T>;
}

/** Fails loudly when a caller passes other parameters than the statement declares (a bug, not bad input). */
export function checkParams(statement: Statement, params: Params): void {
  const given = Object.keys(params).sort();
  const wanted = [...statement.params].sort();
  if (given.length !== wanted.length || given.some((p, i) => p !== wanted[i])) {
    throw new Error(`statement ${statement.name} takes parameters [${wanted.join(', ')}] but was given [${given.join(', ')}]`);
  }
}

/** Splits rows into statements of at most `size` rows each. */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
