// `policygraph delete <document>`: removes one document from the graph — its clauses, its edges,
// and the entities only it referenced — in one transaction whose cost follows the document's size
// (GraphStore.deleteDocument reaches its clauses through HAS_CLAUSE). The search indexes keep the
// deleted clauses' entries until the next ingest rebuilds them; search never shows them, because
// every hit is joined with the graph and a clause the graph no longer holds is dropped.
import type { Command } from 'commander';
import { DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { withGraph } from './open.js';

export function registerDelete(program: Command): void {
  program
    .command('delete')
    .description('delete a document (id, 文号 or title) with its clauses and what only it referenced')
    .argument('<document>', 'document id, 文号 or title')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .option('--json', 'print the result as JSON')
    .action(async (document: string, opts) => {
      const started = performance.now();
      const { deleteDocument } = await import('../../app/documents.js');
      const result = await withGraph(opts, (engines) => deleteDocument(engines, { document }), { write: true });
      const tookMs = Math.round(performance.now() - started);
      if (opts.json) process.stdout.write(JSON.stringify({ deleted: result, tookMs }) + '\n');
      else process.stdout.write(`deleted ${result.docNumber ?? result.id} ${result.title} (${result.clauses} clauses) in ${tookMs} ms\n`);
    });
}
