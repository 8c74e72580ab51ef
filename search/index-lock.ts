// One index build at a time per data dir: two concurrent ingests would interleave their files.
// The lock is a file holding the builder's pid; a lock whose process is gone is taken over.
import fs from 'node:fs';
import path from 'node:path';
import { PolicyGraphError } from '../graph/errors.js';

export const LOCK_FILE = '.build.lock';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of a live build holding the lock of `dir`, or null. */
export function lockHolder(dir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && processAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export async function withIndexLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        const holder = lockHolder(dir);
        throw new PolicyGraphError('DATA_DIR', `another ingest (pid ${holder ?? '?'}) is building the index in ${dir}: wait for it to finish`);
      }
      const holder = lockHolder(dir);
      if (holder !== null) {
        throw new PolicyGraphError('DATA_DIR', `another ingest (pid ${holder}) is building the index in ${dir}: wait for it to finish`);
      }
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
