// The size of LadybugDB's buffer pool (the pages it caches and the memory a write transaction
// stages in). Ladybug's own default, asked for with 0, is 80 % of the machine's memory, and the
// pool only grows: an ingest's graph write and checkpoint kept every page they touched, so a
// process that also holds the search indexes went past what the machine could spare. A bounded
// pool evicts clean pages instead; a transaction larger than the pool fails with Ladybug's
// "buffer pool is full" error, reported in one line naming the setting that raises it.
import os from 'node:os';

const MIB = 1024 * 1024;

/** A quarter of the machine's memory, at least 256 MiB and at most 4 GiB (the graph of 1M clauses is ~1 GB on disk). */
export function defaultBufferPoolBytes(totalMemory = os.totalmem()): number {
  return Math.min(4096 * MIB, Math.max(256 * MIB, Math.floor(totalMemory / 4 / MIB) * MIB));
}

/** The pool for a database: the configured size, else the machine's default. */
export function bufferPoolBytes(configured: number | null | undefined): number {
  return configured && configured > 0 ? configured : defaultBufferPoolBytes();
}

/** Whether a failed statement ran out of buffer pool (Ladybug: "The buffer pool is full and no memory could be freed"). */
export function isBufferPoolFull(err: unknown): boolean {
  return /buffer pool is full/i.test(err instanceof Error ? err.message : String(err));
}

/** The one line a write too large for the pool fails with: what ran out and the setting that raises it. */
export function bufferPoolFullMessage(action: string, poolBytes: number): string {
  return `the embedded graph's buffer pool (${Math.round(poolBytes / MIB)} MiB) is too small to ${action}: set POLICYGRAPH_GRAPH_BUFFER_MB higher (a transaction's new rows stay in the pool until it commits)`;
}
