// The embedded GraphStore: an in-process Ladybug (@ladybugdb/core) database in one file,
// <dataDir>/graph (plus a write-ahead log beside it while open). The graph logic is shared with
// Neo4j (graph/cypher/cypher-store.ts); this adapter opens the file, creates the tables, checks
// the schema version and closes.
//
// Sharing the file between processes (measured with @ladybugdb/core 0.19.1):
//   - A read-write open takes an exclusive file lock: a second read-write open, in another
//     process, fails ("Could not set lock on file"), reported as DATA_DIR "in use". So `ingest`
//     cannot write while a `serve` holds the store read-write.
//   - A read-only open takes no lock: any number of read-only processes open the file, even while
//     one process has it open read-write, and each sees the data committed when it opened. The
//     API server should therefore open read-only and reopen to pick up a new ingest.
//   - A read-only open of a data dir without a graph fails ("Cannot create an empty database
//     under READ ONLY mode"), reported as DATA_DIR "no graph … run ingest first".
import fs from 'node:fs';
import path from 'node:path';
import lbug from '@ladybugdb/core';
import type { Connection, Database } from '@ladybugdb/core';
import { PolicyGraphError } from '../errors.js';
import { META_LABEL } from '../schema.js';
import { CypherGraphStore } from '../cypher/cypher-store.js';
import type { CypherEngine } from '../cypher/engine.js';
import { LadybugEngine } from './ladybug-engine.js';
import { SHOW_TABLES, embeddedDdl } from './ddl.js';

export interface EmbeddedStoreOptions {
  readOnly?: boolean;
  /** Rows per UNWIND statement (default 2000). */
  batchSize?: number;
}

export class EmbeddedStore extends CypherGraphStore {
  readonly engine = 'embedded';
  private database: Database | null = null;
  private connection: Connection | null = null;
  private ladybug: LadybugEngine | null = null;

  constructor(
    readonly dbPath: string,
    private readonly options: EmbeddedStoreOptions = {},
  ) {
    super();
  }

  get dataDir(): string {
    return path.dirname(path.resolve(this.dbPath));
  }

  async open(): Promise<void> {
    if (this.ladybug) return;
    const readOnly = this.options.readOnly === true;
    prepareDataDir(this.dataDir, this.dbPath, readOnly);
    try {
      // One Database per store: opening costs file locking and WAL replay, so it is done once and kept.
      this.database = new lbug.Database(this.dbPath, 0, true, readOnly);
      await this.database.init();
      this.connection = new lbug.Connection(this.database);
      await this.connection.init();
    } catch (err) {
      await this.close();
      throw openError(err, this.dbPath, this.dataDir);
    }
    const engine = new LadybugEngine(this.connection, { batchSize: this.options.batchSize });
    try {
      const tables = new Set((await engine.exec(SHOW_TABLES)).map((r) => String(r.name)));
      if (tables.has(META_LABEL)) await engine.read((tx) => this.checkSchemaVersion(tx, this.dataDir));
      else if (readOnly || tables.size) throw notAGraph(this.dataDir, readOnly);
      if (!readOnly) {
        for (const ddl of embeddedDdl()) await engine.exec(ddl);
        await engine.write((tx) => this.recordSchemaVersion(tx));
      }
    } catch (err) {
      await this.close();
      throw err;
    }
    this.ladybug = engine;
  }

  async close(): Promise<void> {
    const { connection, database } = this;
    this.ladybug = null;
    this.connection = null;
    this.database = null;
    await connection?.close().catch(() => undefined);
    await database?.close().catch(() => undefined);
  }

  protected cypher(): CypherEngine {
    if (!this.ladybug) throw new Error('the embedded graph store is not open: call open() first');
    return this.ladybug;
  }
}

function prepareDataDir(dataDir: string, dbPath: string, readOnly: boolean): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dataDir);
  } catch {
    stat = undefined;
  }
  if (stat && !stat.isDirectory()) throw new PolicyGraphError('DATA_DIR', `data dir ${dataDir} is not a directory`);
  if (!stat) {
    if (readOnly) throw notAGraph(dataDir, true);
    try {
      fs.mkdirSync(dataDir, { recursive: true });
    } catch (err) {
      throw new PolicyGraphError('DATA_DIR', `cannot create data dir ${dataDir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }
  if (!readOnly) {
    try {
      fs.accessSync(dataDir, fs.constants.W_OK);
    } catch {
      throw new PolicyGraphError('DATA_DIR', `data dir ${dataDir} is not writable`);
    }
  }
  if (fs.existsSync(dbPath) && fs.statSync(dbPath).isDirectory()) {
    throw new PolicyGraphError('DATA_DIR', `${dbPath} is a directory, not a graph database file: move it away or use another data dir`);
  }
}

function notAGraph(dataDir: string, readOnly: boolean): PolicyGraphError {
  return readOnly
    ? new PolicyGraphError('DATA_DIR', `no graph in data dir ${dataDir}: run \`policygraph ingest\` first`)
    : new PolicyGraphError('DATA_DIR', `${path.join(dataDir, 'graph')} is a database that PolicyGraph did not create: use another data dir`);
}

function openError(err: unknown, dbPath: string, dataDir: string): PolicyGraphError {
  const message = err instanceof Error ? err.message : String(err);
  if (/lock/i.test(message)) {
    return new PolicyGraphError(
      'DATA_DIR',
      `the graph in ${dataDir} is in use by another process (only one may open it for writing): stop it, or open read-only`,
    );
  }
  if (/READ ONLY/i.test(message)) return notAGraph(dataDir, true);
  if (/not a valid/i.test(message)) return new PolicyGraphError('DATA_DIR', `${dbPath} is not a graph database file: move it away or use another data dir`);
  return new PolicyGraphError('DATA_DIR', `cannot open the graph in ${dataDir}: ${message.split('\n')[0]}`);
}
