// Ingests a corpus into a temporary data dir by running `policygraph ingest` itself, so the
// evaluation and the benchmarks measure exactly what users get from ingest.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PolicyGraphError } from '../../graph/errors.js';

const run = promisify(execFile);
const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'policygraph.js');

export interface FreshIngest {
  dataDir: string;
  /** The ingest command's JSON summary. */
  summary: Record<string, unknown>;
  remove(): void;
}

export async function ingestIntoTemporaryDir(paths: string[], options: { embedder?: string } = {}): Promise<FreshIngest> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policygraph-eval-'));
  const remove = () => fs.rmSync(dataDir, { recursive: true, force: true });
  const args = [BIN, 'ingest', ...paths, '--data-dir', dataDir, '--graph', 'embedded', '--embedder', options.embedder ?? 'builtin', '--json', '--no-progress'];
  try {
    const { stdout } = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, POLICYGRAPH_GRAPH: 'embedded' } });
    return { dataDir, summary: JSON.parse(stdout), remove };
  } catch (err) {
    remove();
    const e = err as { stderr?: string; code?: number; message: string };
    // exit code 1 means "some input was skipped": the data dir is still usable, but not for a fair evaluation
    throw new PolicyGraphError('INPUT_REJECTED', `ingest of ${paths.join(' ')} failed: ${(e.stderr || e.message).trim().split('\n').pop()}`);
  }
}
