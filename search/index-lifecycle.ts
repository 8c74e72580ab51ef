// The search index's lifecycle in one place for its callers: which generation a data dir serves,
// loading it, building a new one, cleaning up old ones, and the embedder check (a query must be
// embedded by the embedder that built the index), and publishing a new generation (staging its folder,
// discarding it on failure, removing stale ones after the commit) for every write: a whole build, an add
// of new documents as a delta (index-add.ts), a deletion as tombstones (index-delete.ts). The storage formats
// live in index-store.ts and the generation folders in generations.ts; callers outside search/ import
// from here.
import { PolicyGraphError } from '../graph/errors.js';
import type { GraphStore } from '../graph/store.js';
import { BuiltinEmbedder, createEmbedder } from './embedders/index.js';
import { indexDirFor } from './generations.js';
import { readManifest } from './index-store.js';
import type { Embedder } from './types.js';

export { buildIndexes, loadIndexes, readManifest, type BuildProgress, type BuildStats } from './index-store.js';
export { indexDirFor, publishGeneration, publishedGeneration, removeStaleGenerations, reusableIndexDir, syncDir, type PublishOptions, type StagedGeneration } from './generations.js';
export { deleteDocumentWithIndexes, type DocumentDeletion } from './index-delete.js';
export { addAsDelta, DELTA_MAX_CLAUSES, type DeltaBuild } from './index-add.js';
export { servedCatalogOf } from './index-delta.js';

/** The embedder an index was built with, from its manifest (for querying it with the same one). */
export async function embedderForIndex(dataDir: string, dir?: string): Promise<Embedder> {
  const manifest = readManifest(dataDir, dir);
  if (!manifest) throw new PolicyGraphError('INDEX_MISSING', `no search index in ${dataDir}: run policygraph ingest first`);
  const [kind, model, dtype] = manifest.embedderId.split(':');
  if (kind === 'builtin') return new BuiltinEmbedder({ dimension: manifest.dimension });
  if (kind === 'transformers') return createEmbedder({ kind: 'transformers', model: manifest.model ?? model, dtype });
  throw new PolicyGraphError('INDEX_MISMATCH', `the index in ${dataDir} was built with an unknown embedder ${manifest.embedderId}: re-run policygraph ingest`);
}

/** The embedder new text for this data dir must use: the index's, or the configured default when there is no index yet. */
export async function embedderForDataDir(dataDir: string, store: GraphStore): Promise<Embedder> {
  const dir = await indexDirFor(dataDir, store);
  return readManifest(dataDir, dir) ? embedderForIndex(dataDir, dir) : createEmbedder({});
}
