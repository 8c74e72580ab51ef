import type { Command } from 'commander';
import { resolveDataDir, resolveGraphEngine } from '../config.js';

export function registerMcp(program: Command): void {
  program
    .command('mcp')
    .description('run the MCP server over stdio (for Claude Desktop, Cursor and other MCP clients)')
    .option('--data-dir <dir>', 'data directory (env POLICYGRAPH_DATA_DIR, default ./data)')
    .option('--graph <engine>', 'graph store: embedded or neo4j (env POLICYGRAPH_GRAPH)')
    .action(async (opts) => {
      const { runMcpStdio } = await import('../mcp/stdio.js');
      await runMcpStdio({ dataDir: resolveDataDir(opts.dataDir), engine: resolveGraphEngine(opts.graph) });
    });
}
