// The Hono app factory: middleware (request ids, logs, CORS, limits), every route, the OpenAPI
// document and docs page, Dify retrieval and MCP over HTTP; errors always as problem+json.
import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import type { GraphStore } from '../graph/store.js';
import type { SearchService } from '../search/service.js';
import { registerDify } from './dify.js';
import { allowedMethods } from './middleware/allowed-methods.js';
import { requireReadKey } from './middleware/auth.js';
import { createFairTurns, fairTurn } from './middleware/fair-turns.js';
import { DEFAULT_LIMITS, limitUrl, type Limits } from './middleware/limits.js';
import { requestLog, silentLogger } from './middleware/logging.js';
import { registerMcpHttp } from './mcp/http.js';
import { registerOpenApi } from './openapi.js';
import { PROBLEM_TYPES, problemFromError, problemResponse, validationProblem } from './problem.js';
import { registerClauseRoutes } from './routes/clauses.js';
import type { App, AppDeps, AppEnv, UploadedDocument, UploadResult } from './routes/context.js';
import { registerDocumentRoutes } from './routes/documents.js';
import { registerEntityRoutes } from './routes/entities.js';
import { registerGraphRoutes } from './routes/graph.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerSearchRoutes } from './routes/search.js';
import { registerEmbedRoute } from './routes/embed.js';
import { registerDocumentClauseRoutes } from './routes/document-clauses.js';
import { registerWebRoutes } from './routes/web.js';

export interface AppOptions {
  store: GraphStore;
  search: SearchService | null;
  apiKey?: string | null;
  difyApiKey?: string | null;
  cors?: string[];
  logger?: Logger;
  limits?: Partial<Limits>;
  ingestDocument?: ((upload: UploadedDocument) => Promise<UploadResult>) | null;
  mcp?: boolean;
  /** Keys that unlock reads; empty or absent → reads are open (see resolveAuth). */
  readKeys?: string[];
  /** Hosts a browser Origin may name for /mcp; default localhost, 127.0.0.1 and [::1] on any port. */
  allowedHosts?: string[];
}

export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

export interface CreatedApp {
  app: App;
  /** The live dependencies; swapping `deps.search` (after a re-index) takes effect on the next request. */
  deps: AppDeps;
}

export function createApp(options: AppOptions): CreatedApp {
  const deps: AppDeps = {
    store: options.store,
    search: options.search,
    apiKey: options.apiKey || null,
    difyApiKey: options.difyApiKey || null,
    cors: options.cors ?? [],
    logger: options.logger ?? silentLogger(),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    ingestDocument: options.ingestDocument ?? null,
    mcp: options.mcp ?? true,
    readKeys: (options.readKeys ?? []).filter(Boolean),
    allowedHosts: (options.allowedHosts ?? LOOPBACK_HOSTS).map((h) => h.toLowerCase()),
  };

  const app: App = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return problemResponse(c, validationProblem(result.error, result.target));
    },
  });

  app.use(requestId());
  app.use(requestLog(deps.logger));
  if (deps.cors.length) {
    app.use(
      cors({
        origin: deps.cors.includes('*') ? '*' : deps.cors,
        allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
        allowHeaders: ['Content-Type', 'Authorization', 'X-Request-Id', 'Mcp-Session-Id', 'Mcp-Protocol-Version'],
        exposeHeaders: ['X-Request-Id', 'Mcp-Session-Id'],
        maxAge: 600,
      }),
    );
  }
  app.use(limitUrl(deps.limits.urlChars));
  // Dify authenticates /retrieval with a key of its own, checked by that route
  if (deps.readKeys.length) app.use(requireReadKey(deps.readKeys, (path) => path === '/retrieval' && Boolean(deps.difyApiKey)));
  // Searches start one per event-loop turn so that connections opened under load are served in turn.
  const turns = createFairTurns();
  for (const path of ['/v1/*', '/retrieval', '/mcp']) app.use(path, fairTurn(turns));

  registerHealthRoutes(app, deps);
  registerSearchRoutes(app, deps);
  registerEmbedRoute(app, deps);
  registerDocumentRoutes(app, deps);
  registerDocumentClauseRoutes(app, deps);
  registerClauseRoutes(app, deps);
  registerEntityRoutes(app, deps);
  registerGraphRoutes(app, deps);
  registerDify(app, deps);
  if (deps.mcp) registerMcpHttp(app, deps);
  registerOpenApi(app);
  registerWebRoutes(app);

  const methodsOf = allowedMethods(app);
  app.notFound((c) => {
    const allowed = methodsOf(c.req.path);
    if (allowed.length) {
      const detail = `${c.req.method} is not supported on ${c.req.path}; use ${allowed.join(', ')} (see /docs)`;
      return problemResponse(c, { type: PROBLEM_TYPES.http, title: 'Method not allowed', status: 405, detail }, { allow: allowed.join(', ') });
    }
    return problemResponse(c, { type: PROBLEM_TYPES.notFound, title: 'Not found', status: 404, detail: `no route ${c.req.method} ${c.req.path}; see /docs` });
  });

  app.onError((err, c) => {
    const { unexpected, ...problem } = problemFromError(err);
    if (unexpected) deps.logger.error({ err, reqId: c.get('requestId'), path: c.req.path }, 'unhandled error');
    else if (problem.status >= 500) deps.logger.warn({ reqId: c.get('requestId'), detail: problem.detail }, 'service unavailable');
    return problemResponse(c, problem);
  });

  return { app, deps };
}
