// One Ladybug Database, connection and queue per database file per process.
//
// Ladybug's file lock only keeps *other processes* out: a second `new Database(samePath)` in the
// same process opens, and two connections then collide on "Only one write transaction at a time".
// So every EmbeddedStore on a path shares one handle here, and the handle closes with the last.
// A `fresh` handle is the exception: a server whose graph file was replaced by rename (an upload's
// ingest in a child process) opens the new file while requests still read the old one through theirs.
import path from 'node:path';
import lbug from '@ladybugdb/core';
import type { Connection, Database } from '@ladybugdb/core';
import { PolicyGraphError } from '../errors.js';
import { LadybugEngine } from './ladybug-engine.js';
import { bufferPoolBytes } from './buffer-pool.js';

export interface LadybugHandle {
  engine: LadybugEngine;
  readOnly: boolean;
  /** The buffer pool the database was opened with, in bytes. */
  bufferPoolBytes: number;
  release(): Promise<void>;
}

interface Shared {
  bufferPoolBytes: number;
  database: Database;
  connection: Connection;
  engine: LadybugEngine;
  readOnly: boolean;
  users: number;
  /** Set while opening, so concurrent opens of one path wait for the same handle. */
  ready: Promise<void>;
}

const open = new Map<string, Shared>();

export interface AcquireOptions {
  readOnly: boolean;
  batchSize?: number;
  /** A handle of its own even if this process has the path open. */
  fresh?: boolean;
  /** LadybugDB's buffer pool in bytes (default: buffer-pool.ts); a handle already open keeps its own. */
  bufferPoolBytes?: number | null;
}

export async function acquire(dbPath: string, options: AcquireOptions): Promise<LadybugHandle> {
  const { readOnly, batchSize, fresh = false } = options;
  const key = path.resolve(dbPath);
  let shared = fresh ? undefined : open.get(key);
  if (!shared) {
    const poolBytes = bufferPoolBytes(options.bufferPoolBytes);
    const database = new lbug.Database(key, poolBytes, true, readOnly);
    const connection = new lbug.Connection(database);
    const created: Shared = {
      bufferPoolBytes: poolBytes,
      database,
      connection,
      engine: new LadybugEngine(connection, { batchSize, dataDir: readOnly ? undefined : path.dirname(key) }),
      readOnly,
      users: 0,
      ready: (async () => {
        await database.init();
        await connection.init();
      })(),
    };
    open.set(key, created);
    shared = created;
    try {
      await created.ready;
    } catch (err) {
      if (open.get(key) === created) open.delete(key);
      await closeQuietly(created);
      throw err;
    }
  } else {
    await shared.ready;
    if (shared.readOnly && !readOnly) {
      throw new PolicyGraphError('DATA_DIR', `the graph ${key} is already open read-only in this process: close it before opening it for writing`);
    }
  }
  shared.users += 1;
  const handle = shared;
  let released = false;
  return {
    engine: handle.engine,
    readOnly: handle.readOnly,
    bufferPoolBytes: handle.bufferPoolBytes,
    async release() {
      if (released) return;
      released = true;
      handle.users -= 1;
      if (handle.users > 0) return;
      if (open.get(key) === handle) open.delete(key);
      await closeQuietly(handle);
    },
  };
}

async function closeQuietly(shared: Shared): Promise<void> {
  await shared.connection.close().catch(() => undefined);
  await shared.database.close().catch(() => undefined);
}
