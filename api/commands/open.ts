// How a command opens what its use case runs over: the graph alone (read-only unless it writes), or
// the graph and the search service over the data dir's indexes.
import type { Engines } from '../../app/engines.js';
import { settings as processSettings } from '../../app/settings.js';
import { resolveDataDir, resolveGraphEngine } from '../config.js';

export interface OpenFlags {
  dataDir?: string;
  graph?: string;
  embedder?: string;
}

/** The graph store alone: listings and graph answers need no search index. */
export async function withGraph<T>(flags: OpenFlags, fn: (engines: Engines) => Promise<T>, options: { write?: boolean } = {}): Promise<T> {
  const settings = { dataDir: resolveDataDir(flags.dataDir), engine: resolveGraphEngine(flags.graph), readOnly: !options.write, env: processSettings().env };
  if (options.write && settings.engine === 'embedded') {
    const { refuseWhileServed } = await import('../../search/index-lock.js');
    refuseWhileServed(settings.dataDir, 'write');
  }
  const { withStore } = await import('../../graph/open-store.js');
  return withStore(settings, (store) => fn({ store, search: null }));
}

/** The graph store and the search service (queried with the index's embedder unless --embedder says otherwise). */
export async function withSearch<T>(flags: OpenFlags, fn: (engines: Engines) => Promise<T>): Promise<T> {
  const settings = { dataDir: resolveDataDir(flags.dataDir), engine: resolveGraphEngine(flags.graph), embedder: flags.embedder, contextCacheSize: processSettings().contextCacheSize, env: processSettings().env, retrieval: processSettings().retrieval };
  const { withSearchService } = await import('../../search/open-search.js');
  return withSearchService(settings, (search) => fn({ store: search.store, search }));
}
