import type { Command } from 'commander';
import { resolveDataDir, resolveGraphEngine, DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';

export function registerMcp(program: Command): void {
  program
    .command('mcp')
    .description('run the MCP server over stdio (for Claude Desktop, Cursor and other MCP clients)')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .action(async (opts) => {
      const { runMcpStdio } = await import('../mcp/stdio.js');
      await runMcpStdio({ dataDir: resolveDataDir(opts.dataDir), engine: resolveGraphEngine(opts.graph) });
    });
}
