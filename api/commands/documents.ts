// `policygraph documents`: the documents in the graph, newest first (the listing every face shares).
import type { Command } from 'commander';
import { DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { withGraph } from './open.js';

export function registerDocuments(program: Command): void {
  program
    .command('documents')
    .description('list the documents in the graph')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .option('--json', 'print a JSON array')
    .action(async (opts) => {
      const { listDocuments } = await import('../../app/documents.js');
      const docs = await withGraph(opts, (engines) => listDocuments(engines));
      if (opts.json) {
        const rows = docs.map((d) => ({
          id: d.id,
          title: d.title,
          docNumber: d.docNumber,
          issuers: d.issuers,
          region: d.region,
          level: d.level,
          year: d.year,
          date: d.date,
          draft: d.draft,
          kind: d.kind,
          inCorpus: d.inCorpus,
          docType: d.docType ?? null,
          subject: d.subject ?? null,
          indexNumber: d.indexNumber ?? null,
          publishedDate: d.publishedDate ?? null,
          effectiveDate: d.effectiveDate ?? null,
          edition: d.edition ?? null,
          status: d.status ?? null,
          history: d.history ?? null,
          sources: d.sources,
          clauseCount: d.clauseCount,
        }));
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      for (const d of docs) {
        const flags = [d.docType ?? '', d.level, d.kind, d.edition ? `edition ${d.edition}${d.status === 'superseded' ? ', superseded' : ''}` : '', d.draft ? 'draft' : '', d.inCorpus ? '' : 'cited only'].filter(Boolean).join(', ');
        process.stdout.write(`${d.docNumber ?? '—'}  ${d.title}  (${flags}; ${d.clauseCount} clauses)\n`);
      }
    });
}
