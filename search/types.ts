// Contracts of the search layer, used by the use cases in app/.
import type { Clause, Level, PolicyDocument, Target, Theme } from '../graph/model.js';
import type { AssignedAgency, ClauseFilters, GraphStore } from '../graph/store.js';
import type { ClauseCatalog } from './clause-catalog.js';
import type { Candidate, RetrieveOptions } from './hybrid-retriever.js';
import type { QueryUnderstander, UnderstoodQuery } from './query-understanding.js';
import type { JoinedResult } from './result-builder.js';

export type PassageRole = 'query' | 'passage';

export interface Embedder {
  /** Identifies the embedder and model, recorded in the index (e.g. "builtin:ngram-v1", "transformers:Xenova/bge-small-zh-v1.5:q8"). */
  readonly id: string;
  readonly dimension: number;
  embed(texts: string[], options: { as: PassageRole }): Promise<Float32Array[]>;
}

export type SearchMode = 'hybrid' | 'dense' | 'lexical';

export interface SearchRequest {
  query: string;
  k?: number;
  mode?: SearchMode;
  filters?: ClauseFilters;
  /** Also use the themes, agencies, regions and 文号 the query names as filters (not just as boosts). */
  filterByUnderstood?: boolean;
}

/** Why a clause matched: the evidence every result carries. */
export interface MatchReason {
  dense: { rank: number; score: number } | null;
  lexical: { rank: number; score: number; terms: string[] } | null;
  /** Graph matches; `article` is the article the query names (《X法》第N条), answered first. */
  graph: { kind: 'theme' | 'agency' | 'region' | 'docNumber' | 'year' | 'article'; name: string }[];
}

export interface SearchResultDocument {
  id: string;
  title: string;
  docNumber: string | null;
  level: Level;
  region: string | null;
  year: number | null;
  /** ISO date of the document (signature, publication or edition), when known. */
  date: string | null;
  /** 法律, 行政法规, 地方性法规 … when known. */
  docType: string | null;
}

export interface SearchResult {
  clause: Pick<Clause, 'id' | 'text' | 'path' | 'heading'>;
  document: SearchResultDocument;
  /** Citation string: 文号 (or title) · clause path. */
  citation: string;
  score: number;
  why: MatchReason;
  themes: Pick<Theme, 'id' | 'name'>[];
  agencies: { id: string; name: string; role: AssignedAgency['role']; deadline: string | null }[];
  targets: Pick<Target, 'id' | 'metric' | 'value' | 'year'>[];
  /** Fragments of the clause text that match the query terms. */
  highlights: string[];
}

export interface QueryUnderstanding {
  themes: { id: string; name: string; surface: string }[];
  agencies: { id: string; name: string; surface: string }[];
  regions: string[];
  years: number[];
  docNumbers: string[];
  /** The query as the lexical index sees it, synonyms expanded. */
  expandedTerms: string[];
}

export interface SearchResponse {
  query: string;
  tookMs: number;
  embedder: string;
  understood: QueryUnderstanding;
  results: SearchResult[];
  facets: {
    themes: { name: string; count: number }[];
    documents: { id: string; title: string; count: number }[];
    levels: { level: Level; count: number }[];
  };
}

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
  search(request: SearchRequest): Promise<SearchResponse>;
  retrieve(query: string, options: RetrieveOptions): Promise<Candidate[]>;
  join(candidates: Candidate[], k: number, filters: ClauseFilters | undefined, understood: UnderstoodQuery): Promise<JoinedResult[]>;
  close(): Promise<void>;
}

export type { PolicyDocument };
