// `policygraph eval`: nDCG@10, Recall@10 and MRR per query kind for lexical (plain BM25), dense and
// hybrid search, side by side, on the snippet-judged query set.
import path from 'node:path';
import type { Command } from 'commander';
import { PolicyGraphError } from '../../app/errors.js';
import type { SearchMode } from '../../app/evaluate.js';
import { resolveDataDir, resolveGraphEngine, DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { collect } from './search.js';

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('evaluate retrieval (nDCG@10, Recall@10, MRR per query kind; lexical, dense, hybrid)')
    .option('--queries <files>', 'query sets: JSON arrays of {id, kind, query, relevant: [snippets]}, comma-separated or repeated (default: every bundled set that the corpus can judge)', collect)
    .option('--corpus <path>', 'ingest this corpus into a temporary data dir first (built-in embedder), e.g. seeds', collect)
    .option('--modes <modes>', 'comma-separated modes to compare', collect)
    .option('--per-query', 'also print each query with its scores')
    .option('--json', 'print the report as JSON')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .action(async (opts) => {
      const { loadEvaluator, loadFreshIngest } = await import('../../app/evaluate.js');
      const { withSearchEngines } = await import('../../app/open-engines.js');
      const { loadQueries, runEvaluation, formatReport, bundledQueryFiles, relevantCounts, setFitsCorpus, EVAL_MODES } = await loadEvaluator();
      const modes: SearchMode[] = opts.modes ?? EVAL_MODES;
      for (const mode of modes) {
        if (!EVAL_MODES.includes(mode)) throw new PolicyGraphError('BAD_REQUEST', `unknown mode "${mode}": use ${EVAL_MODES.join(', ')}`);
      }
      const explicit = Boolean(opts.queries);
      const sets = ((opts.queries as string[] | undefined) ?? bundledQueryFiles()).map((file) => ({ file, queries: loadQueries(file) }));
      let fresh: { dataDir: string; remove(): void } | null = null;
      if (opts.corpus) {
        const { ingestIntoTemporaryDir } = await loadFreshIngest();
        fresh = await ingestIntoTemporaryDir(opts.corpus);
      }
      try {
        const dataDir = fresh?.dataDir ?? resolveDataDir(opts.dataDir);
        const engine = fresh ? 'embedded' : resolveGraphEngine(opts.graph);
        await withSearchEngines({ dataDir, engine }, async ({ search: service }) => {
          const corpus = [...service.catalog.allClauses()];
          const shown = [];
          const skipped: string[] = [];
          for (const set of sets) {
            const relevant = relevantCounts(set.queries, corpus);
            // A bundled set written for another corpus (the laws' on the seeds) is left out, and named.
            if (!explicit && !setFitsCorpus(relevant)) {
              skipped.push(path.basename(set.file));
              continue;
            }
            shown.push({ set: path.basename(set.file), count: set.queries.length, report: await runEvaluation({ service, corpus, queries: set.queries, modes, relevant }) });
          }
          if (opts.json) {
            process.stdout.write(JSON.stringify(sets.length === 1 && explicit ? shown[0].report : shown.map(({ set, report }) => ({ set, ...report })), null, 2) + '\n');
            return;
          }
          process.stdout.write(`${corpus.length} clauses, embedder ${service.embedderId}\n`);
          for (const { set, count, report } of shown) {
            process.stdout.write(`\n${set}: ${count} queries\n`);
            process.stdout.write(formatReport(report));
            if (opts.perQuery) {
              for (const q of report.queries) {
                process.stdout.write(`${q.id.padEnd(5)} ${q.mode.padEnd(7)} nDCG ${q.scores.ndcg10.toFixed(3)} R ${q.scores.recall10.toFixed(2)} MRR ${q.scores.mrr.toFixed(2)}  ${q.query}\n`);
              }
            }
          }
          if (skipped.length) process.stdout.write(`\nnot run (written for another corpus: most of their snippets do not occur here): ${skipped.join(', ')}\n`);
        }, { preloadContexts: true });
      } finally {
        fresh?.remove();
      }
    });
}
