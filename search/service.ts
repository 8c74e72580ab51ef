// The search service's interface: what the use cases in app/ call. Apart from types.ts so that the
// leaf types stay free of imports from the modules that implement them (no import cycle).
import type { ClauseFilters, GraphStore } from '../graph/store.js';
import type { ClauseCatalog } from './clause-catalog.js';
import type { Candidate, RetrieveOptions } from './hybrid-retriever.js';
import type { QueryUnderstander, UnderstoodQuery } from './query-understanding.js';
import type { JoinedResult } from './result-builder.js';
import type { Embedder, SearchRequest, SearchResponse } from './types.js';

/**
 * The search engine the use cases (app/) call: a hybrid search, and the pieces precedents and ask
 * build on (retrieval, the graph join, the catalog, query understanding and the graph itself).
 */
export interface SearchService {
  readonly embedderId: string;
  /** The embedder queries are embedded with (the index's own); POST /v1/embed hands it to other clients. */
  readonly queryEmbedder?: Embedder;
  readonly store: GraphStore;
  readonly catalog: ClauseCatalog;
  readonly understander: QueryUnderstander;
  /** Whether hybrid scores are absolute (search/absolute-score.ts: a threshold means the same on every query); both retrieval modes are. */
  readonly scoresAreAbsolute?: boolean;
  search(request: SearchRequest): Promise<SearchResponse>;
  retrieve(query: string, options: RetrieveOptions): Promise<Candidate[]>;
  join(candidates: Candidate[], k: number, filters: ClauseFilters | undefined, understood: UnderstoodQuery): Promise<JoinedResult[]>;
  close(): Promise<void>;
}
