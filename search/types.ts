// Contracts of the search layer (requests, results, the embedder), used by the use cases in app/;
// the service interface itself is in service.ts.
import type { Clause, Level, PolicyDocument, Target, Theme } from '../graph/model.js';
import type { AssignedAgency, ClauseFilters } from '../graph/store.js';

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

/** The same provision, near-verbatim, in another document: one result of a list question stands for all. */
export interface AlsoIn {
  clauseId: string;
  citation: string;
  document: Pick<SearchResultDocument, 'id' | 'title' | 'docNumber' | 'level' | 'region' | 'year'>;
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
  /** Other documents saying the same (list questions collapse near-identical clauses into one result); usually empty. */
  alsoIn: AlsoIn[];
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
  /**
   * Whether the best result is a close match (hybrid score ≥ SUGGESTED_THRESHOLD): false says the results are
   * only look-alikes of an off-topic query; null where scores are not absolute (dense, lexical, Neo4j mode).
   */
  closeMatch: boolean | null;
  facets: {
    themes: { name: string; count: number }[];
    documents: { id: string; title: string; count: number }[];
    levels: { level: Level; count: number }[];
  };
}

export type { PolicyDocument };
