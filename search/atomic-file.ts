// Index files are replaced by writing a temporary file beside them and renaming it over the old
// one: rename is atomic on POSIX, so a reader (or a crash) never sees half a file.
import fs from 'node:fs';
import path from 'node:path';

/** A temporary path in the same directory as `target` (rename does not cross file systems). */
export function temporaryPathFor(target: string): string {
  const suffix = `${process.pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${suffix}`);
}

/** Writes `target` atomically by producing it under a temporary name first. */
export function writeFileAtomic(target: string, write: (temporaryPath: string) => void): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = temporaryPathFor(target);
  try {
    write(temporary);
    fs.renameSync(temporary, target);
  } catch (err) {
    fs.rmSync(temporary, { force: true });
    throw err;
  }
}

export function writeTextAtomic(target: string, text: string): void {
  writeFileAtomic(target, (temporary) => fs.writeFileSync(temporary, text, 'utf8'));
}

export function writeJsonAtomic(target: string, value: unknown): void {
  writeTextAtomic(target, JSON.stringify(value));
}

/** Removes temporary files a crashed writer left in `dir` (older than `minAgeMs`, so a live writer's stay). */
export function removeStaleTemporaries(dir: string, minAgeMs = 15 * 60_000): void {
  if (!fs.existsSync(dir)) return;
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith('.') || !name.includes('.tmp-')) continue;
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > minAgeMs) fs.rmSync(file, { force: true });
    } catch {
      // already gone: another process cleaned it up
    }
  }
}
