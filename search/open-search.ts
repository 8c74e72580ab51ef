// Opens the graph store and the search service over a data dir, for one-shot commands
// (search, precedents, ask, eval); the server keeps its own runtime (api/runtime.ts).
import { openStore, type StoreOptions } from '../graph/open-store.js';
import { createEmbedder } from './embedders/index.js';
import { createSearchService } from './search-service.js';
import type { RetrievalMode } from './retrieval-mode.js';
import type { SearchService } from './service.js';

export interface OpenSearchOptions extends StoreOptions {
  /** Embedder kind to query with (auto, transformers, builtin); default: the one the index was built with. */
  embedder?: string;
  /** Read every clause's graph context up front (many searches to come: eval). */
  preloadContexts?: boolean;
  /** Clause contexts kept in memory (the caller's settings). */
  contextCacheSize?: number;
  /** Where candidates come from (the caller's settings; default local). */
  retrieval?: RetrievalMode;
}

export async function withSearchService<T>(options: OpenSearchOptions, fn: (service: SearchService) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir: options.dataDir, engine: options.engine, readOnly: true, env: options.env });
  let service: SearchService | null = null;
  try {
    const embedder = options.embedder ? await createEmbedder({ kind: options.embedder }) : undefined;
    // one command, often one query: the HNSW graphs are read only if a query needs them
    service = await createSearchService({ dataDir: options.dataDir, store, embedder, preloadContexts: options.preloadContexts, contextCacheSize: options.contextCacheSize, retrieval: options.retrieval, vectorGraphs: 'on-demand' });
    return await fn(service);
  } finally {
    await service?.close();
    await store.close();
  }
}
