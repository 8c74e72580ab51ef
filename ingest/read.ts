// Collects the input files of an ingest: files and directories (recursively), .txt and .md.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PolicyGraphError } from '../graph/errors.js';

export const INGESTIBLE_EXTENSIONS = ['.txt', '.md', '.markdown', '.text'];

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** The name recorded in `sources` (the file's base name). */
  name: string;
}

export async function collectInputFiles(paths: string[]): Promise<InputFile[]> {
  const found = new Map<string, InputFile>();
  for (const given of paths) {
    const absolute = path.resolve(given);
    const stat = await fs.stat(absolute).catch(() => null);
    if (!stat) throw new PolicyGraphError('INPUT_NOT_FOUND', `input path does not exist: ${given}`);
    if (stat.isDirectory()) {
      for (const file of await walk(absolute)) found.set(file, { path: file, name: path.basename(file) });
    } else {
      found.set(absolute, { path: absolute, name: path.basename(absolute) });
    }
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

async function walk(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (entry.isFile() && INGESTIBLE_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) files.push(full);
  }
  return files;
}
