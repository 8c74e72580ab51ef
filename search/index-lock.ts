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

// A server reads its embedded graph through a read-only handle that does not follow another process's
// writes, so a CLI ingest or delete into a data dir being served would be invisible or inconsistent to
// it. Each server marks the data dir with a file of its own (several may read one dir); writers refuse
// while a live one is there. The server's own uploads are written by its child process, not the CLI.
const SERVING_PREFIX = '.serving-';

/** Marks `dir` as served by this process until the returned function removes the mark. */
export function markServing(dir: string): () => void {
  const file = path.join(dir, `${SERVING_PREFIX}${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, String(process.pid));
  return () => fs.rmSync(file, { force: true });
}

/** The pid of a live server serving `dir`, or null (marks of dead servers are removed). */
export function servingHolder(dir: string): number | null {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.startsWith(SERVING_PREFIX));
  } catch {
    return null;
  }
  for (const name of names) {
    const pid = Number(name.slice(SERVING_PREFIX.length));
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) return pid;
    if (pid !== process.pid) fs.rmSync(path.join(dir, name), { force: true });
  }
  return null;
}

/** A one-line refusal when a server is serving `dir`: writes go through it, or after it stops. */
export function refuseWhileServed(dir: string, action: string): void {
  const pid = servingHolder(dir);
  if (pid === null) return;
  throw new PolicyGraphError('DATA_DIR', `a server (pid ${pid}) is serving ${dir}: ${action} through its API (POST/DELETE /v1/documents with the write key), or stop it first`);
}
