// A process killed while its last transaction's WAL records were being appended leaves a torn log that
// every open refuses; recovery replays what is whole, so the committed transactions survive.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lbug from '@ladybugdb/core';
import { describe, expect, it } from 'vitest';
import { damageOf, recoverGraph } from './recovery.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

async function count(dbPath: string, readOnly: boolean): Promise<number> {
  const db = new lbug.Database(dbPath, 0, true, readOnly);
  try {
    await db.init();
    const conn = new lbug.Connection(db);
    await conn.init();
    const result = await conn.query('MATCH (t:T) RETURN count(*) AS n');
    const rows = await (Array.isArray(result) ? result[0] : result).getAll();
    await conn.close();
    return Number(rows[0].n);
  } finally {
    await db.close();
  }
}

describe('recoverGraph', () => {
  it('tells the two leftovers apart from other errors', () => {
    expect(damageOf(new Error('Storage exception: Checksum verification failed, the WAL file is corrupted.'))).toBe('torn-wal');
    expect(damageOf(new Error('Cannot open database in read-only mode while checkpoint is in progress'))).toBe('checkpoint-in-progress');
    expect(damageOf(new Error('Could not set lock on file'))).toBeNull();
  });

  it('brings a torn WAL back to the last committed transaction, then read-only opens work', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-recovery-'));
    const dbPath = path.join(dir, 'graph');
    // three committed transactions, then SIGKILL before any checkpoint: all of it is in the WAL
    const script = `import lbug from '@ladybugdb/core';
      const c = new lbug.Connection(new lbug.Database(${JSON.stringify(dbPath)}));
      await c.query('CREATE NODE TABLE T(id INT64, s STRING, PRIMARY KEY(id))');
      for (let i = 0; i < 3; i++) await c.query("CREATE (:T {id: " + i + ", s: '" + 'x'.repeat(2000) + "'})");
      process.kill(process.pid, 'SIGKILL');`;
    try {
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: 'ignore' });
    } catch {
      // killed, as intended
    }
    const wal = `${dbPath}.wal`;
    fs.truncateSync(wal, fs.statSync(wal).size - 64); // the last transaction's records, torn
    await expect(count(dbPath, true)).rejects.toThrow(/Checksum verification failed/);
    await recoverGraph(dbPath, 'torn-wal');
    expect(await count(dbPath, true)).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
