// What every use case runs over: the graph store and, once indexes exist, the search service.
// Faces hand their own deps in (HTTP AppDeps, MCP deps, the CLI's opened store and service); the
// search service is read at call time because a server swaps it after an upload.
import { PolicyGraphError } from '../graph/errors.js';
import type { GraphStore } from '../graph/store.js';
import type { SearchService } from '../search/service.js';

export interface Engines {
  readonly store: GraphStore;
  /** null while no search index is loaded: search use cases fail with INDEX_MISSING. */
  readonly search: SearchService | null;
}

export function requireSearch(engines: Pick<Engines, 'search'>): SearchService {
  if (!engines.search) throw new PolicyGraphError('INDEX_MISSING', 'search indexes are not loaded: run `policygraph ingest` for this data dir, then restart the server');
  return engines.search;
}
