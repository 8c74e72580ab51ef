// MCP over stdio (`policygraph mcp`): JSON-RPC on stdin/stdout; logs go to stderr only.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { settings } from '../../app/settings.js';
import type { GraphEngine } from '../config.js';
import { createLogger } from '../middleware/logging.js';
import { openRuntime } from '../runtime.js';
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

/** `policygraph mcp`: opens the data dir read-only and serves MCP on stdio until the client leaves. */
export async function runMcpStdio(options: { dataDir: string; engine: GraphEngine }): Promise<void> {
  const logger = createLogger(settings().logLevel ?? 'warn');
  const runtime = await openRuntime({ dataDir: options.dataDir, engine: options.engine, readOnly: true, logger });
  const stop = async () => {
    await runtime.close();
    logger.flush();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void stop().finally(() => process.exit(0));
    });
  }
  try {
    await serveStdio({ store: runtime.store, search: runtime.search, logger });
  } finally {
    await stop();
  }
}
