// `policygraph themes`: the themes clauses mention, with how many clauses and documents mention each.
import type { Command } from 'commander';
import { DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { withGraph } from './open.js';

export function registerThemes(program: Command): void {
  program
    .command('themes')
    .description('list the themes in the graph with the number of clauses and documents that mention each')
    .option('--json', 'print a JSON array')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .action(async (opts) => {
      const { listThemes } = await import('../../app/entities.js');
      const themes = await withGraph(opts, listThemes);
      if (opts.json) {
        process.stdout.write(JSON.stringify(themes, null, 2) + '\n');
        return;
      }
      if (!themes.length) process.stdout.write('no themes in the graph: run policygraph ingest first\n');
      for (const t of themes) {
        const aliases = t.aliases.slice(0, 4).join('、');
        process.stdout.write(`${t.name}  [${t.category ?? '—'}]  ${t.clauseCount} clauses in ${t.documentCount} documents${aliases ? `  (${aliases}${t.aliases.length > 4 ? '…' : ''})` : ''}\n`);
      }
    });
}
