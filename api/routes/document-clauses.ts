// GET /v1/documents/{id}/clauses: the use case app/document-clauses.ts, presented.
import { createRoute, z } from '@hono/zod-openapi';
import { PolicyGraphError } from '../../graph/errors.js';
import { documentClauses } from '../../app/document-clauses.js';
import { resolveDocument } from '../../app/documents.js';
import { IdParam, PaginationQuery, notFoundResponse, paginated, problemResponses } from '../schemas/common.js';
import { ClauseKindSchema } from '../schemas/graph.js';
import type { App, AppDeps } from './context.js';

const DocumentClauseSchema = z
  .object({
    id: z.string(),
    path: z.string().openapi({ example: '三、/（十一）' }),
    number: z.string().nullable(),
    heading: z.string().nullable(),
    text: z.string(),
    depth: z.number().int(),
    kind: ClauseKindSchema,
    themes: z.array(z.object({ id: z.string(), name: z.string() })),
    agencies: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['lead', 'support']), deadline: z.string().nullable() })),
    targets: z.array(z.object({ id: z.string(), metric: z.string(), value: z.string(), year: z.number().nullable() })),
  })
  .openapi('DocumentClause');

const DocumentClausePageSchema = paginated(DocumentClauseSchema, 'DocumentClausePage');

const clausesOfDocument = createRoute({
  method: 'get',
  path: '/v1/documents/{id}/clauses',
  operationId: 'listDocumentClauses',
  tags: ['documents'],
  summary: 'The clauses of one document with their text, themes, agencies and targets, in reading order',
  description: 'The id may also be the document’s 文号 or its title. Paginated; clauses come in outline order.',
  request: { params: IdParam, query: PaginationQuery },
  responses: {
    200: { description: 'A page of the document’s clauses', content: { 'application/json': { schema: DocumentClausePageSchema } } },
    ...notFoundResponse,
    ...problemResponses,
  },
});

export function registerDocumentClauseRoutes(app: App, deps: AppDeps): void {
  app.openapi(clausesOfDocument, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, offset } = c.req.valid('query');
    const doc = await resolveDocument(deps.store, id);
    if (!doc) throw new PolicyGraphError('NOT_FOUND', `no document with id, 文号 or title "${id}"`);
    return c.json(await documentClauses(deps.store, doc.id, offset, limit), 200);
  });
}
