// The neighbourhood of a node, as nodes and edges for visualisation.
import { createRoute } from '@hono/zod-openapi';
import { PolicyGraphError } from '../../graph/errors.js';
import { notFoundResponse, problemResponses } from '../schemas/common.js';
import { NeighbourhoodQuerySchema, NeighbourhoodSchema } from '../schemas/documents.js';
import type { App, AppDeps } from './context.js';

const neighbourhood = createRoute({
  method: 'get',
  path: '/v1/graph/neighbourhood',
  operationId: 'getNeighbourhood',
  tags: ['graph'],
  summary: 'Nodes and edges within 1 or 2 hops of a node',
  request: { query: NeighbourhoodQuerySchema },
  responses: {
    200: { description: 'Nodes and edges', content: { 'application/json': { schema: NeighbourhoodSchema } } },
    ...notFoundResponse,
    ...problemResponses,
  },
});

export function registerGraphRoutes(app: App, deps: AppDeps): void {
  app.openapi(neighbourhood, async (c) => {
    const { id, depth } = c.req.valid('query');
    const hood = await deps.store.neighbourhood(id, depth as 1 | 2);
    if (hood.nodes.length === 0) throw new PolicyGraphError('NOT_FOUND', `no node with id "${id}"`);
    return c.json(hood, 200);
  });
}
