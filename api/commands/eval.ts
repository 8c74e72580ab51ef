// `policygraph eval`: nDCG@10, Recall@10 and MRR per query kind for lexical (plain BM25), dense and
// hybrid search, side by side, on the snippet-judged query set.
import type { Command } from 'commander';
import { settings } from '../../app/settings.js';
import { resolveDataDir, resolveGraphEngine, DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { PolicyGraphError } from '../../graph/errors.js';
import type { SearchMode } from '../../search/types.js';
import { collect } from './search.js';

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('evaluate retrieval (nDCG@10, Recall@10, MRR per query kind; lexical, dense, hybrid)')
    .option('--queries <file>', 'query set: JSON array of {id, kind, query, relevant: [snippets]} (default: the bundled set)')
    .option('--corpus <path>', 'ingest this corpus into a temporary data dir first (built-in embedder), e.g. seeds', collect)
    .option('--modes <modes>', 'comma-separated modes to compare', collect)
    .option('--per-query', 'also print each query with its scores')
    .option('--json', 'print the report as JSON')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .action(async (opts) => {
      const { loadQueries, runEvaluation, formatReport, EVAL_MODES } = await import('../../search/eval/run-eval.js');
      const { withSearchService } = await import('../../search/open-search.js');
      const modes: SearchMode[] = opts.modes ?? EVAL_MODES;
      for (const mode of modes) {
        if (!EVAL_MODES.includes(mode)) throw new PolicyGraphError('BAD_REQUEST', `unknown mode "${mode}": use ${EVAL_MODES.join(', ')}`);
      }
      const queries = loadQueries(opts.queries);
      let fresh: { dataDir: string; remove(): void } | null = null;
      if (opts.corpus) {
        const { ingestIntoTemporaryDir } = await import('../../search/eval/fresh-ingest.js');
        fresh = await ingestIntoTemporaryDir(opts.corpus);
      }
      try {
        const dataDir = fresh?.dataDir ?? resolveDataDir(opts.dataDir);
        const engine = fresh ? 'embedded' : resolveGraphEngine(opts.graph);
        await withSearchService({ dataDir, engine, preloadContexts: true, contextCacheSize: settings().contextCacheSize }, async (service) => {
          const corpus = [...service.catalog.allClauses()];
          const report = await runEvaluation({ service, corpus, queries, modes });
          if (opts.json) {
            process.stdout.write(JSON.stringify(report, null, 2) + '\n');
            return;
          }
          process.stdout.write(`${queries.length} queries, ${corpus.length} clauses, embedder ${service.embedderId}\n\n`);
          process.stdout.write(formatReport(report));
          if (opts.perQuery) {
            for (const q of report.queries) {
              process.stdout.write(`${q.id.padEnd(5)} ${q.mode.padEnd(7)} nDCG ${q.scores.ndcg10.toFixed(3)} R ${q.scores.recall10.toFixed(2)} MRR ${q.scores.mrr.toFixed(2)}  ${q.query}\n`);
            }
          }
        });
      } finally {
        fresh?.remove();
      }
    });
}
