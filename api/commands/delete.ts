// `policygraph delete <document>`: removes one document from the graph — its clauses, their edges
// (SIMILAR_TO included), and the entities only it referenced — and from both search indexes and the
// catalog, by publishing a new index generation the graph names in the deletion's transaction
// (app/documents.ts → search/index-delete.ts). Its cost follows the document's size, not the store's.
import type { Command } from 'commander';
import { DeleteDocumentRequestSchema } from '../../app/documents.js';
import { DATA_DIR_OPTION, GRAPH_OPTION, resolveDataDir } from '../config.js';
import { withGraph } from './open.js';
import { schemaArgument } from './schema-options.js';

export function registerDelete(program: Command): void {
  program
    .command('delete')
    .description('delete a document (id, 文号 or title) with its clauses and what only it referenced')
    .addArgument(schemaArgument(DeleteDocumentRequestSchema, { flag: '<document>', field: 'document' }))
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .option('--json', 'print the result as JSON')
    .action(async (document: string, opts) => {
      const started = performance.now();
      const { deleteDocument } = await import('../../app/documents.js');
      const result = await withGraph(opts, (engines) => deleteDocument(engines, { document }, { dataDir: resolveDataDir(opts.dataDir) }), { write: true });
      const tookMs = Math.round(performance.now() - started);
      if (opts.json) process.stdout.write(JSON.stringify({ deleted: result, tookMs }) + '\n');
      else process.stdout.write(`deleted ${result.docNumber ?? result.id} ${result.title} (${result.clauses} clauses) in ${tookMs} ms\n`);
    });
}
