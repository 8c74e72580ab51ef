import type { Command } from 'commander';
import { settings } from '../../app/settings.js';
import { defaultSeedInputs, resolveDataDir, resolveGraphEngine, DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('read policy texts, parse documents and clauses, and load them into the graph and search indexes')
    .argument('[paths...]', 'files or directories to ingest (.txt .md .html .docx .pdf …; default: the seed texts in seeds/)')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .option('--embedder <kind>', 'auto, transformers or builtin (env POLICYGRAPH_EMBEDDER)')
    .option('--model <name>', 'transformers.js model (env POLICYGRAPH_MODEL, default Xenova/bge-small-zh-v1.5)')
    .option('--dtype <dtype>', 'model weights dtype: q8, fp32, fp16 … (env POLICYGRAPH_DTYPE, default q8)')
    .option('--model-dir <dir>', 'local folder holding the model, no hub access (env POLICYGRAPH_MODEL_DIR)')
    .option('--json', 'print the summary as JSON')
    .option('--no-progress', 'no progress bar even on a terminal')
    .action(async (paths: string[], opts) => {
      const { ingestFiles } = await import('../../app/ingest-files.js');
      process.exitCode = await ingestFiles({
        paths: paths.length ? paths : defaultSeedInputs(),
        dataDir: resolveDataDir(opts.dataDir),
        engine: resolveGraphEngine(opts.graph),
        embedder: { kind: opts.embedder, model: opts.model, dtype: opts.dtype, modelDir: opts.modelDir },
        json: Boolean(opts.json),
        progress: opts.progress !== false && process.stderr.isTTY === true,
        env: settings().env as NodeJS.ProcessEnv,
      });
    });
}
