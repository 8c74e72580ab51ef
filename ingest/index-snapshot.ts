// The search indexes are rebuilt before the graph write (SIMILAR_TO edges need the vectors). If the graph
// write then fails, the indexes must go back to what they were, so that they keep describing the graph.
import { promises as fs } from 'node:fs';
import { indexDir } from '../search/index-store.js';

export interface IndexSnapshot {
  /** Puts the indexes back as they were when the snapshot was taken. */
  restore(): Promise<void>;
  /** Forgets the snapshot once the new indexes are known good. */
  discard(): Promise<void>;
}

export async function snapshotIndexes(dataDir: string): Promise<IndexSnapshot> {
  const live = indexDir(dataDir);
  const saved = `${live}.before-ingest-${process.pid}`;
  await fs.rm(saved, { recursive: true, force: true });
  const existed = await fs
    .cp(live, saved, { recursive: true })
    .then(() => true)
    .catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw err;
    });
  return {
    async restore() {
      await fs.rm(live, { recursive: true, force: true });
      if (existed) await fs.rename(saved, live);
    },
    async discard() {
      await fs.rm(saved, { recursive: true, force: true });
    },
  };
}
