import type { Command } from 'commander';
import { DEFAULT_SEEDS_DIR, resolveDataDir, resolveGraphEngine } from '../config.js';

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('read policy texts, parse documents and clauses, and load them into the graph and search indexes')
    .argument('[paths...]', 'files or directories to ingest (.txt, .md)', [DEFAULT_SEEDS_DIR])
    .option('--data-dir <dir>', 'where the graph and indexes live (env POLICYGRAPH_DATA_DIR, default ./data)')
    .option('--graph <engine>', 'graph store: embedded or neo4j (env POLICYGRAPH_GRAPH)')
    .option('--embedder <kind>', 'auto, transformers or builtin (env POLICYGRAPH_EMBEDDER)')
    .option('--json', 'print the summary as JSON')
    .option('--no-progress', 'no progress bar even on a terminal')
    .action(async (paths: string[], opts) => {
      const { runIngestCommand } = await import('../../ingest/command.js');
      process.exitCode = await runIngestCommand({
        paths,
        dataDir: resolveDataDir(opts.dataDir),
        engine: resolveGraphEngine(opts.graph),
        embedder: opts.embedder,
        json: Boolean(opts.json),
        progress: opts.progress !== false && process.stderr.isTTY === true,
      });
    });
}
