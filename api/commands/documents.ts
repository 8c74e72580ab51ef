// `policygraph documents`: the documents in the graph, newest first (the listing every face shares).
import type { Command } from 'commander';
import { DocumentListRequestSchema, type DocumentListRequest } from '../../app/documents.js';
import { DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { withGraph } from './open.js';
import { SchemaOptions } from './schema-options.js';

/** The listing's flags, declared from the documents use case's schema. */
export const DOCUMENTS_OPTIONS = new SchemaOptions(DocumentListRequestSchema, [
  { flag: '--title', field: 'title' },
  { flag: '--doc-type', field: 'docType' },
  { flag: '--region', field: 'region' },
  { flag: '--level', field: 'level' },
  { flag: '--year-from', field: 'yearFrom' },
  { flag: '--year-to', field: 'yearTo' },
  { flag: '--corpus-only', field: 'corpusOnly' },
  { flag: '--superseded', field: 'includeSuperseded', description: 'leave out older editions of amended laws' },
]);

export function registerDocuments(program: Command): void {
  const command = program.command('documents').description('list the documents in the graph, newest first');
  DOCUMENTS_OPTIONS.addTo(command)
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .option('--json', 'print a JSON array')
    .action(async (opts) => {
      const { listDocuments } = await import('../../app/documents.js');
      const docs = await withGraph(opts, (engines) => listDocuments(engines, DOCUMENTS_OPTIONS.request(opts) as DocumentListRequest));
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
