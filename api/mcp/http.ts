// MCP over Streamable HTTP at /mcp, stateless: every POST gets its own transport and a server of
// its own for the length of the request, so requests share nothing but the store and search service
// and any number can run at once. Servers are kept for reuse: building one (seven tools and their
// schemas) costs about as much CPU as a search.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { limitBody } from '../middleware/limits.js';
import { PROBLEM_TYPES, problemResponse } from '../problem.js';
import type { App, AppDeps } from '../routes/context.js';
import { createMcpServer } from './server.js';

/** Servers kept between requests; more concurrent requests than this build servers of their own. */
const MAX_IDLE_SERVERS = 8;

/**
 * Browsers send Origin; a page on another site must not drive a local MCP server (DNS rebinding).
 * The Origin must name a configured host (default: loopback names on the server's port) or a
 * configured CORS origin; the request's own Host proves nothing, since a rebinding page controls the
 * name it resolves. Clients that send no Origin (SDKs, CLIs) pass.
 */
export function originAllowed(origin: string | undefined, cors: string[], allowedHosts: string[]): boolean {
  if (!origin) return true;
  if (cors.includes('*') || cors.includes(origin)) return true;
  let host: string;
  let hostname: string;
  try {
    ({ host, hostname } = new URL(origin));
  } catch {
    return false;
  }
  return allowedHosts.some((allowed) => allowed === host.toLowerCase() || allowed === hostname.toLowerCase());
}

export function registerMcpHttp(app: App, deps: AppDeps): void {
  app.use('/mcp', async (c, next) => {
    if (originAllowed(c.req.header('origin'), deps.cors, deps.allowedHosts)) return next();
    return problemResponse(c, { type: PROBLEM_TYPES.forbidden, title: 'Forbidden', status: 403, detail: `origin ${c.req.header('origin')} may not use /mcp: it is not one of the allowed hosts (POLICYGRAPH_ALLOWED_HOSTS)` });
  });
  const idle: McpServer[] = [];
  app.post('/mcp', limitBody(deps.limits.mcpBytes), async (c) => {
    const server = idle.pop() ?? createMcpServer(deps);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      // JSON responses are complete once handleRequest resolves; closing the transport detaches the
      // server (tools read deps at call time, so a reused server sees a reloaded search service).
      await transport.close();
      if (idle.length < MAX_IDLE_SERVERS) idle.push(server);
      else await server.close();
    }
  });
  // Stateless: no server-initiated stream to open (GET) and no session to end (DELETE).
  app.on(['GET', 'DELETE'], '/mcp', (c) =>
    problemResponse(c, { type: PROBLEM_TYPES.http, title: 'Method not allowed', status: 405, detail: 'this MCP endpoint is stateless: send JSON-RPC messages with POST' }, { allow: 'POST' }),
  );
}
