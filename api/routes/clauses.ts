// One clause with its context: ancestors, siblings, children, themes, agencies, targets, similar clauses.
import { createRoute } from '@hono/zod-openapi';
import { PolicyGraphError } from '../../graph/errors.js';
import { clauseDetail } from '../../app/clauses.js';
import { IdParam, notFoundResponse, problemResponses } from '../schemas/common.js';
import { ClauseDetailSchema } from '../schemas/documents.js';
import type { App, AppDeps } from './context.js';

const get = createRoute({
  method: 'get',
  path: '/v1/clauses/{id}',
  operationId: 'getClause',
  tags: ['clauses'],
  summary: 'One clause with its context',
  request: { params: IdParam },
  responses: {
    200: { description: 'The clause, its citation and its graph context', content: { 'application/json': { schema: ClauseDetailSchema } } },
    ...notFoundResponse,
    ...problemResponses,
  },
});

export function registerClauseRoutes(app: App, deps: AppDeps): void {
  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const detail = await clauseDetail(deps.store, id);
    if (!detail) throw new PolicyGraphError('NOT_FOUND', `no clause with id "${id}"`);
    return c.json(detail, 200);
  });
}
