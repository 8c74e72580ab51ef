// Liveness (the process answers) and readiness (the graph answers, the search indexes are loaded).
import { createRoute, z } from '@hono/zod-openapi';
import { problemFromError } from '../problem.js';
import { ProblemSchema } from '../schemas/common.js';
import type { App, AppDeps } from './context.js';

const ReadySchema = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    graph: z.object({ ok: z.boolean(), engine: z.string(), documents: z.number().int().nullable(), error: z.string().nullable() }),
    search: z.object({ ok: z.boolean(), embedder: z.string().nullable(), error: z.string().nullable() }),
  })
  .openapi('Readiness');

/** Node's HTTP parser refuses some requests before any route (a raw non-ASCII URL, say): problem+json. */
const malformedRequest = { description: 'Malformed request', content: { 'application/problem+json': { schema: ProblemSchema } } };

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'getHealth',
  tags: ['health'],
  summary: 'Liveness: the process is up',
  responses: {
    200: { description: 'Alive', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
    400: malformedRequest,
  },
});

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'getReadiness',
  tags: ['health'],
  summary: 'Readiness: graph reachable, search indexes loaded, which embedder',
  responses: {
    200: { description: 'Ready to serve searches', content: { 'application/json': { schema: ReadySchema } } },
    503: { description: 'Graph unreachable or indexes not loaded', content: { 'application/json': { schema: ReadySchema } } },
    400: malformedRequest,
  },
});

export function registerHealthRoutes(app: App, deps: AppDeps): void {
  app.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200));

  app.openapi(readyz, async (c) => {
    const graph = { ok: false, engine: deps.store.engine, documents: null as number | null, error: null as string | null };
    try {
      graph.documents = (await deps.store.listDocuments()).length;
      graph.ok = true;
    } catch (err) {
      const problem = problemFromError(err);
      graph.error = problem.unexpected ? 'the graph store failed to answer' : problem.detail;
      deps.logger.warn({ err, reqId: c.get('requestId') }, 'readiness: graph store check failed');
    }
    const search = deps.search
      ? { ok: true, embedder: deps.search.embedderId, error: null }
      : { ok: false, embedder: null, error: 'search indexes are not loaded: run `policygraph ingest`' };
    const ready = graph.ok && search.ok;
    const body = { status: ready ? ('ready' as const) : ('unavailable' as const), graph, search };
    return ready ? c.json(body, 200) : c.json(body, 503);
  });
}
