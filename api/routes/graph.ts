// The neighbourhood of a node, as nodes and edges for visualisation.
import { createRoute } from '@hono/zod-openapi';
import { neighbourhoodOf } from '../../app/neighbourhood.js';
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
    return c.json(await neighbourhoodOf(deps, { id, depth: depth as 1 | 2 }), 200);
  });
}
