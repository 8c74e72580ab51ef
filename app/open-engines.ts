// Opening what a one-shot use case runs over (the CLI's commands): the graph store alone, read-only
// unless it writes, or the store and the search service over the data dir's indexes. The modules
// that open them load on call, so a command's --help starts without native modules.
import type { GraphEngine } from './settings.js';
import { settings as processSettings } from './settings.js';
import type { Engines } from './engines.js';
import type { GraphStore } from '../graph/store.js';
import type { SearchService } from '../search/service.js';

export interface EngineTarget {
  dataDir: string;
  engine: GraphEngine;
  /** Embedder kind to query with; default the one the index was built with. */
  embedder?: string;
}

/** The graph store alone: listings and graph answers need no search index. A writer refuses a served data dir. */
export async function withGraphEngines<T>(target: EngineTarget, fn: (engines: Engines) => Promise<T>, options: { write?: boolean } = {}): Promise<T> {
  return withGraphStore(target, (store) => fn({ store, search: null }), options);
}

/** The store itself, for use cases that walk all of it (export). */
export async function withGraphStore<T>(target: EngineTarget, fn: (store: GraphStore) => Promise<T>, options: { write?: boolean } = {}): Promise<T> {
  if (options.write && target.engine === 'embedded') {
    const { refuseWhileServed } = await import('../search/index-lock.js');
    refuseWhileServed(target.dataDir, 'write');
  }
  const { withStore } = await import('../graph/open-store.js');
  const s = processSettings();
  return withStore({ dataDir: target.dataDir, engine: target.engine, readOnly: !options.write, env: s.env, graphBufferPoolBytes: s.graphBufferPoolBytes }, fn);
}

/** The graph store and the search service. `preloadContexts` reads every clause's context up front (many queries to come). */
export async function withSearchEngines<T>(target: EngineTarget, fn: (engines: Engines & { search: SearchService }) => Promise<T>, options: { preloadContexts?: boolean } = {}): Promise<T> {
  const s = processSettings();
  const { withSearchService } = await import('../search/open-search.js');
  return withSearchService(
    { dataDir: target.dataDir, engine: target.engine, embedder: target.embedder, contextCacheSize: s.contextCacheSize, env: s.env, retrieval: s.retrieval, preloadContexts: options.preloadContexts },
    (search) => fn({ store: search.store, search }),
  );
}
