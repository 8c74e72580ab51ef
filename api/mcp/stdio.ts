// MCP over stdio (`policygraph mcp`): JSON-RPC on stdin/stdout; logs go to stderr only.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from './server.js';
import type { McpDeps } from './tool-support.js';

/** Serves until the client closes stdin (or the transport fails); resolves when the session ends. */
export async function serveStdio(deps: McpDeps): Promise<void> {
  const server = createMcpServer(deps);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  deps.logger.info({ tools: 7 }, 'MCP server listening on stdio');
  await closed;
  await server.close();
}
