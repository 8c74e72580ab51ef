// Request and response schemas of search, precedents and ask (contracts in search/types.ts).
import { z } from '@hono/zod-openapi';
import { AskRequestSchema } from '../../app/ask.js';
import { DEFAULT_K, DocumentKindSchema, DocumentLevelSchema, DraftText, FiltersSchema as AppFilters, MAX_K, QueryText, SearchModeSchema as AppSearchMode, TopK, Year } from '../../app/fields.js';
import { PrecedentsRequestSchema } from '../../app/precedents.js';
import { SearchRequestSchema } from '../../app/search.js';
import { LevelSchema } from './graph.js';
import { SCORE_MEANING, SUGGESTED_THRESHOLD } from '../../search/absolute-score.js';
import { listParam, withOpenApi } from './common.js';

// Request schemas are the use cases' own (app/), named for OpenAPI; only the GET query string is
// spelled here, coercing the same fields from text.
export const SearchModeSchema = withOpenApi(AppSearchMode, { description: 'Retrieval mode (default hybrid)' });
export const FiltersSchema = withOpenApi(AppFilters, 'SearchFilters');
export const SearchBodySchema = SearchRequestSchema.extend({
  query: withOpenApi(QueryText, { example: '到2020年信息消费规模目标' }),
  filters: FiltersSchema.optional(),
}).openapi('SearchRequest');

export const SearchQuerySchema = z.object({
  q: withOpenApi(QueryText, { description: 'The question or keywords', example: '5G商用' }),
  k: z.coerce.number().pipe(TopK).default(DEFAULT_K).openapi({ description: `Results to return (1–${MAX_K})`, type: 'integer', minimum: 1, maximum: MAX_K }),
  mode: SearchModeSchema.default('hybrid'),
  theme: listParam('Theme names or ids (repeat or comma-separate)', '5G').optional(),
  agency: listParam('Agency names or ids').optional(),
  region: listParam('Regions, e.g. 四川省').optional(),
  level: listParam('national, provincial, municipal, unknown').pipe(z.array(DocumentLevelSchema)).optional(),
  kind: listParam('policy or commentary').pipe(z.array(DocumentKindSchema)).optional(),
  yearFrom: z.coerce.number().pipe(Year).optional().openapi({ type: 'integer' }),
  yearTo: z.coerce.number().pipe(Year).optional().openapi({ type: 'integer' }),
  doc: listParam('Document ids, 文号 or titles (short names such as 安徽实施意见 too)').optional(),
  docType: listParam('Document types (any of), e.g. 法律, 地方性法规').optional(),
  filterByUnderstood: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional()
    .openapi({ type: 'boolean', description: 'Also use the themes, agencies, regions and 文号 the query names as filters' }),
});

const MatchReasonSchema = z
  .object({
    dense: z.object({ rank: z.number(), score: z.number() }).nullable(),
    lexical: z.object({ rank: z.number(), score: z.number(), terms: z.array(z.string()) }).nullable(),
    graph: z.array(z.object({ kind: z.enum(['theme', 'agency', 'region', 'docNumber', 'year', 'article']), name: z.string() })),
  })
  .openapi('MatchReason');

export const SearchResultSchema = z
  .object({
    clause: z.object({ id: z.string(), text: z.string(), path: z.string(), heading: z.string().nullable() }),
    document: z.object({
      id: z.string(),
      title: z.string(),
      docNumber: z.string().nullable(),
      level: LevelSchema,
      region: z.string().nullable(),
      year: z.number().nullable(),
      date: z.string().nullable().openapi({ description: 'ISO date of the document, when known' }),
      docType: z.string().nullable().openapi({ description: '法律, 行政法规, 地方性法规 … when known' }),
    }),
    citation: z.string().openapi({ example: '国发〔2017〕40号 · 三、/（十二）' }),
    score: z.number().openapi({ description: SCORE_MEANING }),
    why: MatchReasonSchema,
    themes: z.array(z.object({ id: z.string(), name: z.string() })),
    agencies: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['lead', 'support']), deadline: z.string().nullable() })),
    targets: z.array(z.object({ id: z.string(), metric: z.string(), value: z.string(), year: z.number().nullable() })),
    highlights: z.array(z.string()),
    alsoIn: z
      .array(
        z.object({
          clauseId: z.string(),
          citation: z.string(),
          document: z.object({ id: z.string(), title: z.string(), docNumber: z.string().nullable(), level: LevelSchema, region: z.string().nullable(), year: z.number().nullable() }),
        }),
      )
      .openapi({ description: 'Other documents saying the same, near-verbatim: a list question (哪些…, what measures) folds their clauses into this result. Usually empty.' }),
  })
  .openapi('SearchResult');

export const SearchResponseSchema = z
  .object({
    query: z.string(),
    tookMs: z.number(),
    embedder: z.string(),
    understood: z.object({
      themes: z.array(z.object({ id: z.string(), name: z.string(), surface: z.string() })),
      agencies: z.array(z.object({ id: z.string(), name: z.string(), surface: z.string() })),
      regions: z.array(z.string()),
      years: z.array(z.number()),
      docNumbers: z.array(z.string()),
      expandedTerms: z.array(z.string()),
    }),
    results: z.array(SearchResultSchema),
    closeMatch: z.boolean().nullable().openapi({ description: `Whether the best result is a close match (hybrid score ≥ ${SUGGESTED_THRESHOLD}); false: no result really answers the query (the results are look-alikes); null where scores are not absolute (dense or lexical mode).` }),
    facets: z.object({
      themes: z.array(z.object({ name: z.string(), count: z.number() })),
      documents: z.array(z.object({ id: z.string(), title: z.string(), count: z.number() })),
      levels: z.array(z.object({ level: LevelSchema, count: z.number() })),
    }),
  })
  .openapi('SearchResponse');

export const PrecedentsBodySchema = PrecedentsRequestSchema.extend({
  text: withOpenApi(DraftText, { description: 'The draft clause', example: '推进5G规模组网建设及应用示范工程' }),
}).openapi('PrecedentsRequest');

export const PrecedentSchema = SearchResultSchema.extend({
  sharedPhrases: z.array(z.string()),
  documentLevel: LevelSchema,
  documentYear: z.number().nullable(),
}).openapi('Precedent');

export const PrecedentsResponseSchema = z
  .object({ text: z.string(), tookMs: z.number(), results: z.array(PrecedentSchema) })
  .openapi('PrecedentsResponse');

export const AskBodySchema = AskRequestSchema.extend({ question: withOpenApi(QueryText, { example: '哪些部门负责5G商用？' }) }).openapi('AskRequest');

export const AskAnswerSchema = z
  .object({
    question: z.string(),
    kind: z.enum(['responsibility', 'targets', 'passages']),
    summary: z.string(),
    responsibilities: z
      .array(z.object({ agency: z.string(), role: z.enum(['lead', 'support']), deadline: z.string().nullable(), clauseId: z.string(), citation: z.string() }))
      .optional(),
    targets: z
      .array(
        z.object({
          metric: z.string(),
          value: z.string(),
          year: z.number().nullable(),
          document: z.string(),
          docNumber: z.string().nullable(),
          region: z.string().nullable(),
          citation: z.string(),
          clauseId: z.string(),
        }),
      )
      .optional(),
    evidence: z.array(SearchResultSchema),
  })
  .openapi('AskAnswer');
