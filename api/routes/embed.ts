// POST /v1/embed: texts embedded as the stored vectors were made (app/embed.ts), for clients that
// query PolicyGraph's Neo4j vector index themselves (neo4j-graphrag). Mounted by one line in app.ts.
import { createRoute, z } from '@hono/zod-openapi';
import { EmbedRequestSchema, embedTexts, MAX_EMBED_TEXTS } from '../../app/embed.js';
import { limitBody } from '../middleware/limits.js';
import { problemResponses } from '../schemas/common.js';
import type { App, AppDeps } from './context.js';

const EmbedBody = z
  .object({
    texts: z
      .array(z.string().min(1))
      .min(1)
      .max(MAX_EMBED_TEXTS)
      .openapi({ description: `Texts to embed (1–${MAX_EMBED_TEXTS})`, example: ['5G商用什么时候启动'] }),
    as: z.enum(['query', 'passage']).optional().openapi({ description: 'query (default): with the embedder\'s query prefix, for searching; passage: as clauses were embedded' }),
  })
  .strict()
  .openapi('EmbedRequest');

const EmbedResponse = z
  .object({
    embedder: z.string().openapi({ description: 'The embedder id recorded with the index (and in Neo4j as :PolicyGraphIndex.embedder)', example: 'builtin:ngram-v1' }),
    dimension: z.number().int(),
    as: z.enum(['query', 'passage']),
    normalized: z.boolean().openapi({ description: 'L2-normalised: cosine similarity and dot product agree' }),
    vectors: z.array(z.array(z.number())).openapi({ description: 'One vector per text, in order' }),
  })
  .openapi('EmbedResponse');

const embed = createRoute({
  method: 'post',
  path: '/v1/embed',
  operationId: 'embedTexts',
  tags: ['search'],
  summary: 'Embed texts as the index vectors were made',
  description:
    "The same embedder, query prefix, normalisation and fitted state as the stored clause vectors, so a client can query the vector index itself (e.g. neo4j-graphrag's VectorRetriever on the Neo4j index clause_embedding).",
  request: { body: { required: true, content: { 'application/json': { schema: EmbedBody } } } },
  responses: { 200: { description: 'One vector per text', content: { 'application/json': { schema: EmbedResponse } } }, ...problemResponses },
});

export function registerEmbedRoute(app: App, deps: AppDeps): void {
  app.post('/v1/embed', limitBody(deps.limits.bodyBytes));
  app.openapi(embed, async (c) => c.json(await embedTexts(deps, { ...c.req.valid('json') }), 200));
}
