// Use case: search the clauses. One request schema for every face; the engine is search/.
import { z } from 'zod';
import type { SearchResponse, SearchResult } from '../search/types.js';
import { documentsOfTypes } from './document-types.js';
import { requireSearch, type Engines } from './engines.js';
import { DEFAULT_K, FiltersSchema, QueryText, SearchModeSchema, TopK, compactFilters, parseRequest } from './fields.js';

export const SearchRequestSchema = z
  .object({
    query: QueryText.describe('the query, Chinese or English'),
    k: TopK.default(DEFAULT_K).describe('number of results'),
    mode: SearchModeSchema.default('hybrid').describe('retrieval: hybrid (dense + lexical + graph), dense, or lexical (plain BM25)'),
    filters: FiltersSchema.optional(),
    filterByUnderstood: z.boolean().default(false).describe('use the themes, agencies, regions and 文号 the query names as filters, not only as boosts'),
  })
  .strict();

export type SearchRequest = z.input<typeof SearchRequestSchema>;
export type { SearchResponse, SearchResult };
/** The hybrid score under which no result really answers the query (faces say so). */
export { SUGGESTED_THRESHOLD } from '../search/absolute-score.js';

export async function searchClauses(engines: Engines, request: SearchRequest): Promise<SearchResponse> {
  const r = parseRequest(SearchRequestSchema, request, 'search');
  const { docType, ...filters } = r.filters ?? {};
  const typed = docType?.length ? await documentsOfTypes(engines.store, docType, filters.doc) : null;
  const response = await requireSearch(engines).search({
    query: r.query,
    k: r.k,
    mode: r.mode,
    filters: compactFilters(typed?.length ? { ...filters, doc: typed } : filters),
    filterByUnderstood: r.filterByUnderstood,
  });
  // no document has one of the types: nothing can match (the query is still understood)
  return typed && typed.length === 0 ? { ...response, results: [], facets: { themes: [], documents: [], levels: [] } } : response;
}
