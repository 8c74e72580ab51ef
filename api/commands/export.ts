import type { Command } from 'commander';
import { resolveDataDir, resolveGraphEngine, DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { PolicyGraphError } from '../../app/errors.js';
import { withGraphStore } from '../../app/open-engines.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write every node and edge of the graph to standard output')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .option('--format <format>', 'jsonl (one JSON object per line)', 'jsonl')
    .action(async (opts) => {
      if (opts.format !== 'jsonl') throw new PolicyGraphError('BAD_REQUEST', `unknown export format "${opts.format}": use jsonl`);
      await withGraphStore({ dataDir: resolveDataDir(opts.dataDir), engine: resolveGraphEngine(opts.graph) }, async (store) => {
        for await (const record of store.exportAll()) process.stdout.write(JSON.stringify(record) + '\n');
      });
    });
}
