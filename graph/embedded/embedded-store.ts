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
//   - Within one process the lock does not apply, and two handles on one file collide on
//     Ladybug's single write transaction, so all stores on a file share one handle
//     (ladybug-registry.ts).
//   - A read-only open of a data dir without a graph fails ("Cannot create an empty database
//     under READ ONLY mode"), reported as DATA_DIR "no graph … run ingest first".
import fs from 'node:fs';
import path from 'node:path';
import { PolicyGraphError, isPolicyGraphError } from '../errors.js';
import type { GraphBatch } from '../model.js';
import type { WriteOptions, WriteStats } from '../store.js';
import { META_LABEL } from '../schema.js';
import { CypherGraphStore } from '../cypher/cypher-store.js';
import type { CypherEngine } from '../cypher/engine.js';
import { acquire, type LadybugHandle } from './ladybug-registry.js';
import { bufferPoolFullMessage, isBufferPoolFull } from './buffer-pool.js';
import { damageOf, recoverGraph } from './recovery.js';
import { SHOW_TABLES, embeddedDdl } from './ddl.js';

export interface EmbeddedStoreOptions {
  readOnly?: boolean;
  /** Rows per UNWIND statement (default 2000). */
  batchSize?: number;
  /** A handle of its own even if this process has the path open (the file was replaced by rename). */
  freshHandle?: boolean;
  /** LadybugDB's buffer pool in bytes (default: a share of the machine's memory, buffer-pool.ts). */
  bufferPoolBytes?: number | null;
}

export class EmbeddedStore extends CypherGraphStore {
  readonly engine = 'embedded';
  private handle: LadybugHandle | null = null;

  constructor(
    readonly dbPath: string,
    private readonly options: EmbeddedStoreOptions = {},
  ) {
    super();
  }

  get dataDir(): string {
    return path.dirname(path.resolve(this.dbPath));
  }

  get readOnly(): boolean {
    return this.options.readOnly === true;
  }

  async open(): Promise<void> {
    if (this.handle) return;
    prepareDataDir(this.dataDir, this.dbPath, this.readOnly);
    let handle: LadybugHandle;
    try {
      // One Database per file and process, kept open: opening costs file locking and WAL replay.
      handle = await acquire(this.dbPath, this.acquireOptions());
    } catch (err) {
      if (isPolicyGraphError(err)) throw err;
      // a process killed mid-checkpoint or mid-WAL-append: bring the file back to its last commit, then open
      const damage = damageOf(err);
      if (!damage) throw openError(err, this.dbPath, this.dataDir);
      await recoverGraph(this.dbPath, damage, this.options.bufferPoolBytes);
      try {
        handle = await acquire(this.dbPath, this.acquireOptions());
      } catch (again) {
        throw isPolicyGraphError(again) ? again : openError(again, this.dbPath, this.dataDir);
      }
    }
    try {
      const { engine } = handle;
      const tables = new Set((await engine.exec(SHOW_TABLES)).map((r) => String(r.name)));
      if (tables.has(META_LABEL)) await engine.read((tx) => this.checkSchemaVersion(tx, this.dataDir));
      else if (this.readOnly || tables.size) throw notAGraph(this.dataDir, this.readOnly);
      if (!handle.readOnly) {
        for (const ddl of embeddedDdl()) await engine.exec(ddl);
        await engine.write((tx) => this.recordSchemaVersion(tx));
      }
    } catch (err) {
      await handle.release();
      throw err;
    }
    this.handle = handle;
  }

  private acquireOptions() {
    const { batchSize, freshHandle: fresh, bufferPoolBytes } = this.options;
    return { readOnly: this.readOnly, batchSize, fresh, bufferPoolBytes };
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.release();
  }

  override async write(batch: GraphBatch, options?: WriteOptions): Promise<WriteStats> {
    this.refuseReadOnly('write to');
    return this.namingPoolExhaustion('write this batch', () => super.write(batch, options));
  }

  async checkpoint(): Promise<void> {
    this.refuseReadOnly('checkpoint');
    if (!this.handle) throw new Error('the embedded graph store is not open: call open() first');
    await this.handle.engine.exec('CHECKPOINT');
  }

  override async deleteDocument(id: string, options: WriteOptions = {}): Promise<boolean> {
    this.refuseReadOnly('delete from');
    return this.namingPoolExhaustion('delete this document', () => super.deleteDocument(id, options));
  }

  /** A write that ran out of buffer pool fails with one line naming the setting, not Ladybug's message. */
  private async namingPoolExhaustion<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (this.handle && isBufferPoolFull(err)) throw new PolicyGraphError('CONFIG', bufferPoolFullMessage(action, this.handle.bufferPoolBytes));
      throw err;
    }
  }

  protected cypher(): CypherEngine {
    if (!this.handle) throw new Error('the embedded graph store is not open: call open() first');
    return this.handle.engine;
  }

  private refuseReadOnly(action: string): void {
    if (this.readOnly) throw new PolicyGraphError('DATA_DIR', `cannot ${action} the graph in ${this.dataDir}: it was opened read-only`);
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
