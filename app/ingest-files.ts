// Use case: ingest files and folders from disk into a data dir (the CLI's `ingest`): parse, extract,
// index and write the graph, with a progress bar on a terminal and a summary. The pipeline loads on
// call (it pulls in the readers and native modules).
import type { IngestCommandOptions } from '../ingest/command.js';
import { settings } from './settings.js';

export type IngestFilesOptions = IngestCommandOptions;

/** Returns the exit code: 0, or 1 when any input failed. */
export async function ingestFiles(options: IngestFilesOptions): Promise<number> {
  const { runIngestCommand } = await import('../ingest/command.js');
  return runIngestCommand({ graphBufferPoolBytes: settings().graphBufferPoolBytes, ...options });
}
