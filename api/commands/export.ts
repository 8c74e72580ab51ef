import type { Command } from 'commander';
import { resolveDataDir, resolveGraphEngine } from '../config.js';
import { withStore } from '../../graph/open-store.js';
import { PolicyGraphError } from '../../graph/errors.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write every node and edge of the graph to standard output')
    .option('--data-dir <dir>', 'data directory (env POLICYGRAPH_DATA_DIR, default ./data)')
    .option('--graph <engine>', 'graph store: embedded or neo4j (env POLICYGRAPH_GRAPH)')
    .option('--format <format>', 'jsonl (one JSON object per line)', 'jsonl')
    .action(async (opts) => {
      if (opts.format !== 'jsonl') throw new PolicyGraphError('BAD_REQUEST', `unknown export format "${opts.format}": use jsonl`);
      await withStore({ dataDir: resolveDataDir(opts.dataDir), engine: resolveGraphEngine(opts.graph), readOnly: true }, async (store) => {
        for await (const record of store.exportAll()) process.stdout.write(JSON.stringify(record) + '\n');
      });
    });
}
