import type { Command } from 'commander';
import { resolveDataDir, resolveGraphEngine, DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { DEFAULT_HOST, DEFAULT_PORT, settings } from '../../app/settings.js';
import { PolicyGraphError } from '../../app/errors.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (OpenAPI at /openapi.json, docs at /docs), Dify retrieval and MCP at /mcp')
    .option('--port <port>', `port to listen on (env PORT, default ${DEFAULT_PORT})`)
    .option('--host <host>', `interface to bind (env POLICYGRAPH_HOST, default ${DEFAULT_HOST})`)
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .option('--cors <origins>', 'comma-separated allowed origins, or * (env POLICYGRAPH_CORS_ORIGINS)')
    .option('--no-mcp', 'do not serve MCP at /mcp')
    .option('--auth <mode>', 'writes: the API key guards writes (default); all: every route but /healthz and /readyz, /mcp included, needs POLICYGRAPH_READ_KEY or POLICYGRAPH_API_KEY (env POLICYGRAPH_AUTH)')
    .action(async (opts) => {
      // read when the command runs: the defaults come from the environment through the settings
      opts.port ??= settings().listen.port;
      opts.host ??= settings().listen.host;
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PolicyGraphError('CONFIG', `invalid --port "${opts.port}": use 0-65535`);
      const { runServe } = await import('../server.js');
      await runServe({
        port,
        host: String(opts.host),
        dataDir: resolveDataDir(opts.dataDir),
        engine: resolveGraphEngine(opts.graph),
        cors: opts.cors,
        mcp: opts.mcp !== false,
        auth: opts.auth,
      });
    });
}
