// Opens what the server and the MCP command serve from: the graph store and the search service
// over the data dir's indexes. A data dir without indexes still serves the graph routes; search
// answers 503 until `policygraph ingest` has built them.
import type { Logger } from 'pino';
import { isPolicyGraphError } from '../graph/errors.js';
import { openStore } from '../graph/open-store.js';
import type { GraphStore } from '../graph/store.js';
import type { SearchService } from '../search/types.js';
import { createSearchService } from '../search/search-service.js';
import type { GraphEngine } from './config.js';

export interface RuntimeOptions {
  dataDir: string;
  engine: GraphEngine;
  /** Read-only serving lets several processes (server, MCP clients) share one embedded store. */
  readOnly: boolean;
  logger: Logger;
}

export interface Runtime {
  store: GraphStore;
  search: SearchService | null;
  /** Reopens the search service over the (re-built) indexes and closes the old one. */
  reloadSearch(): Promise<SearchService | null>;
  close(): Promise<void>;
}

async function openSearch(dataDir: string, store: GraphStore, logger: Logger): Promise<SearchService | null> {
  try {
    // a server answers many queries: load every clause's graph context once instead of per query
    return await createSearchService({ dataDir, store, preloadContexts: true });
  } catch (err) {
    if (isPolicyGraphError(err) && err.code === 'INDEX_MISSING') {
      logger.warn({ dataDir }, `search disabled: ${err.message}`);
      return null;
    }
    throw err;
  }
}

export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const store = await openStore({ dataDir: options.dataDir, engine: options.engine, readOnly: options.readOnly });
  let search: SearchService | null;
  try {
    search = await openSearch(options.dataDir, store, options.logger);
  } catch (err) {
    await store.close();
    throw err;
  }
  const runtime: Runtime = {
    store,
    search,
    async reloadSearch() {
      const previous = runtime.search;
      runtime.search = await openSearch(options.dataDir, store, options.logger);
      await previous?.close();
      return runtime.search;
    },
    async close() {
      await runtime.search?.close();
      await store.close();
    },
  };
  return runtime;
}
