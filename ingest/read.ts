// Collects the input files of an ingest: files and directories (recursively), of the formats the readers
// know (ingest/data/input-formats.json). A directory's other files are listed as skipped with the reason;
// an unsupported file named explicitly is an error. Hidden files and folders are ignored.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PolicyGraphError } from '../graph/errors.js';
import { formatOf, unsupportedReason } from './read/formats.js';
import type { SkippedInput } from './types.js';

export interface InputFile {
  /** Absolute path. */
  path: string;
  /** The name recorded in `sources` (the file's base name). */
  name: string;
}

export interface CollectedInputs {
  files: InputFile[];
  /** Files of a scanned directory that no reader takes. */
  skipped: SkippedInput[];
}

export async function collectInputFiles(paths: string[]): Promise<CollectedInputs> {
  const found = new Map<string, InputFile>();
  const skipped = new Map<string, SkippedInput>();
  for (const given of paths) {
    const absolute = path.resolve(given);
    const stat = await fs.stat(absolute).catch(() => null);
    if (!stat) throw new PolicyGraphError('INPUT_NOT_FOUND', `input path does not exist: ${given}`);
    if (stat.isDirectory()) {
      const walked = await walk(absolute);
      for (const file of walked.files) found.set(file, { path: file, name: path.basename(file) });
      for (const skip of walked.skipped) skipped.set(skip.file, skip);
    } else if (formatOf(absolute)) {
      found.set(absolute, { path: absolute, name: path.basename(absolute) });
    } else {
      throw new PolicyGraphError('INPUT_REJECTED', `cannot ingest ${given}: ${unsupportedReason(absolute)}`);
    }
  }
  return {
    files: [...found.values()].sort((a, b) => a.path.localeCompare(b.path)),
    skipped: [...skipped.values()].sort((a, b) => a.file.localeCompare(b.file)),
  };
}

async function walk(dir: string): Promise<{ files: string[]; skipped: SkippedInput[] }> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  const skipped: SkippedInput[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = await walk(full);
      files.push(...inner.files);
      skipped.push(...inner.skipped);
    } else if (!entry.isFile()) continue;
    else if (formatOf(entry.name)) files.push(full);
    else skipped.push({ file: full, reason: unsupportedReason(entry.name), unsupported: true });
  }
  return { files, skipped };
}
