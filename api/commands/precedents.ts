// `policygraph precedents --text … | --file …`: the clauses of other documents most like a draft.
import type { Command } from 'commander';
import fs from 'node:fs';
import { PolicyGraphError } from '../../app/errors.js';
import { findPrecedents, PrecedentsRequestSchema, type PrecedentsRequest } from '../../app/precedents.js';
import { DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { withSearch } from './open.js';
import { SchemaOptions } from './schema-options.js';
import { formatReasons, oneLine } from './search.js';

/** The request's flags, declared from the precedents use case's schema; the draft may come from --file instead. */
export const PRECEDENTS_OPTIONS = new SchemaOptions(PrecedentsRequestSchema, [
  { flag: '--text', field: 'text' },
  { flag: '--k', field: 'k' },
  { flag: '--exclude-doc', field: 'excludeDoc' },
]);

export function registerPrecedents(program: Command): void {
  const command = program
    .command('precedents')
    .description('find precedents for a draft clause: similar clauses from other documents, with shared phrases');
  PRECEDENTS_OPTIONS.addTo(command)
    .option('--file <file>', 'read the draft clause from a file ("-" for standard input)')
    .option('--json', 'print the precedents as JSON')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .action(async (opts) => {
      const text = readDraft(opts.text, opts.file);
      await withSearch(opts, async (engines) => {
        const precedents = await findPrecedents(engines, PRECEDENTS_OPTIONS.request(opts, { text }) as PrecedentsRequest);
        if (opts.json) {
          process.stdout.write(JSON.stringify(precedents, null, 2) + '\n');
          return;
        }
        if (!precedents.length) process.stdout.write('no precedent found\n');
        precedents.forEach((p, i) => {
          const doc = [p.documentLevel, p.document.region, p.documentYear].filter(Boolean).join(', ');
          const lines = [
            `${i + 1}. ${p.citation}   score ${p.score.toFixed(3)}`,
            `   ${p.document.title} (${doc})`,
            `   ${oneLine(p.clause.text, 160)}`,
            `   shared: ${p.sharedPhrases.length ? p.sharedPhrases.map((s) => `「${s}」`).join(' ') : '—'}`,
            `   why: ${formatReasons(p) || '—'}`,
          ];
          process.stdout.write(lines.join('\n') + '\n');
        });
      });
    });
}

function readDraft(text: string | undefined, file: string | undefined): string {
  if (text !== undefined && file !== undefined) throw new PolicyGraphError('BAD_REQUEST', 'give the draft with --text or --file, not both');
  if (text !== undefined) return text;
  if (file === undefined) throw new PolicyGraphError('BAD_REQUEST', 'give the draft clause with --text "…" or --file FILE');
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch {
    throw new PolicyGraphError('INPUT_NOT_FOUND', `cannot read the draft file ${file}`);
  }
}
