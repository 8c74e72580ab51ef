// Search (GET with query parameters, POST with a JSON body), precedents for a draft clause, and ask.
import { createRoute, z } from '@hono/zod-openapi';
import { answerQuestion } from '../../app/ask.js';
import { findPrecedents } from '../../app/precedents.js';
import { searchClauses, type SearchRequest } from '../../app/search.js';
import { limitBody } from '../middleware/limits.js';
import { cachedBodyOf } from '../runtime-search-cache.js';
import { problemResponses } from '../schemas/common.js';
import {
  AskAnswerSchema,
  AskBodySchema,
  PrecedentsBodySchema,
  PrecedentsResponseSchema,
  SearchBodySchema,
  SearchQuerySchema,
  SearchResponseSchema,
} from '../schemas/search.js';
import type { App, AppDeps } from './context.js';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

const searchGet = createRoute({
  method: 'get',
  path: '/v1/search',
  operationId: 'searchClauses',
  tags: ['search'],
  summary: 'Hybrid search over clauses',
  description:
    'Dense (embeddings) and lexical (BM25 over jieba) retrieval fused with graph matches. Each result carries the clause, its document and 文号, a citation, the score and why it matched.',
  request: { query: SearchQuerySchema },
  responses: { 200: { description: 'Ranked clauses with evidence and facets', content: json(SearchResponseSchema) }, ...problemResponses },
});

const searchPost = createRoute({
  method: 'post',
  path: '/v1/search',
  operationId: 'searchClausesPost',
  tags: ['search'],
  summary: 'Hybrid search over clauses (JSON body)',
  request: { body: { required: true, content: json(SearchBodySchema) } },
  responses: { 200: { description: 'Ranked clauses with evidence and facets', content: json(SearchResponseSchema) }, ...problemResponses },
});

const precedents = createRoute({
  method: 'post',
  path: '/v1/precedents',
  operationId: 'findPrecedents',
  tags: ['search'],
  summary: 'Precedents for a draft clause',
  description: 'The most similar existing clauses from other documents, spread across documents, with the phrases they share with the draft.',
  request: { body: { required: true, content: json(PrecedentsBodySchema) } },
  responses: { 200: { description: 'Precedent clauses', content: json(PrecedentsResponseSchema) }, ...problemResponses },
});

const ask = createRoute({
  method: 'post',
  path: '/v1/ask',
  operationId: 'askQuestion',
  tags: ['search'],
  summary: 'Answer a question from the graph, with evidence clauses',
  description: 'Who is responsible for a task (agencies, roles, deadlines), targets for a metric across documents, or the best passages.',
  request: { body: { required: true, content: json(AskBodySchema) } },
  responses: { 200: { description: 'A structured answer with evidence', content: json(AskAnswerSchema) }, ...problemResponses },
});

type SearchQuery = z.output<typeof SearchQuerySchema>;

function requestFromQuery(q: SearchQuery): SearchRequest {
  const { q: query, k, mode, filterByUnderstood, ...filters } = q;
  return { query, k, mode, filters, filterByUnderstood };
}

export function registerSearchRoutes(app: App, deps: AppDeps): void {
  const small = limitBody(deps.limits.bodyBytes);
  for (const path of ['/v1/search', '/v1/precedents', '/v1/ask']) app.post(path, small);

  // a response from the server's search cache carries its UTF-8 JSON: sent as it is, not serialised again
  app.openapi(searchGet, async (c) => {
    const response = await searchClauses(deps, requestFromQuery(c.req.valid('query')));
    const cached = cachedBodyOf(response);
    if (cached === null) return c.json(response, 200);
    // the JSON c.json would send (tookMs first), already encoded
    return c.body(cached, 200, { 'content-type': 'application/json' }) as unknown as ReturnType<typeof c.json<typeof response, 200>>;
  });

  app.openapi(searchPost, async (c) => {
    const response = await searchClauses(deps, c.req.valid('json'));
    const cached = cachedBodyOf(response);
    if (cached === null) return c.json(response, 200);
    // the JSON c.json would send (tookMs first), already encoded
    return c.body(cached, 200, { 'content-type': 'application/json' }) as unknown as ReturnType<typeof c.json<typeof response, 200>>;
  });

  app.openapi(precedents, async (c) => {
    const body = c.req.valid('json');
    const started = performance.now();
    const results = await findPrecedents(deps, body);
    return c.json({ text: body.text, tookMs: Math.round((performance.now() - started) * 10) / 10, results }, 200);
  });

  app.openapi(ask, async (c) => c.json(await answerQuestion(deps, c.req.valid('json')), 200));
}
