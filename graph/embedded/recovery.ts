// Recovery of an embedded graph that a killed process left behind (measured with @ladybugdb/core 0.19.1):
//   - killed during a checkpoint: every read-only open fails with "Cannot open database in read-only
//     mode while checkpoint is in progress" until a read-write open finishes the checkpoint;
//   - killed while appending to the write-ahead log: every open, read-write included, fails with
//     "Checksum verification failed, the WAL file is corrupted". The torn record belongs to a
//     transaction that never committed (a commit returns only once its WAL records are written), so
//     replaying the log up to the damage — Ladybug's throwOnWalReplayFailure = false — gives the last
//     committed state.
// Either way one read-write open that replays what is whole and checkpoints brings the file back; a
// process that holds the file read-write (a live ingest) is finishing that work itself, so a reader
// waits for it a little.
import path from 'node:path';
import lbug from '@ladybugdb/core';
import { PolicyGraphError } from '../errors.js';
import { bufferPoolBytes } from './buffer-pool.js';

export type Damage = 'checkpoint-in-progress' | 'torn-wal';

/** What kind of leftover a failed open reports, or null when it is something else. */
export function damageOf(err: unknown): Damage | null {
  const message = err instanceof Error ? err.message : String(err);
  if (/checkpoint is in progress/i.test(message)) return 'checkpoint-in-progress';
  if (/checksum verification failed|WAL file is corrupted|corrupted wal|wal.*corrupt/i.test(message)) return 'torn-wal';
  return null;
}

const WAIT_FOR_WRITER_MS = 10_000;

/** Replays what is whole of the log, checkpoints and closes, so that any open then succeeds. */
export async function recoverGraph(dbPath: string, damage: Damage, poolBytes?: number | null): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await replayAndCheckpoint(dbPath, damage, poolBytes);
      return;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // another process has the file open read-write: it finishes the checkpoint itself
      if (/lock/i.test(message) && Date.now() - started < WAIT_FOR_WRITER_MS) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      throw new PolicyGraphError(
        'DATA_DIR',
        `the graph in ${path.dirname(dbPath)} was left ${damage === 'torn-wal' ? 'with a torn write-ahead log' : 'mid-checkpoint'} by a killed process and could not be recovered: ${message.split('\n')[0]}`,
      );
    }
  }
}

async function replayAndCheckpoint(dbPath: string, damage: Damage, poolBytes: number | null | undefined): Promise<void> {
  const throwOnWalReplayFailure = damage !== 'torn-wal';
  const database = new lbug.Database(dbPath, bufferPoolBytes(poolBytes), true, false, 0, true, -1, throwOnWalReplayFailure);
  let connection: InstanceType<typeof lbug.Connection> | null = null;
  try {
    await database.init();
    connection = new lbug.Connection(database);
    await connection.init();
    const result = await connection.query('CHECKPOINT');
    for (const r of Array.isArray(result) ? result : [result]) r.close();
  } finally {
    await connection?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
  }
}
