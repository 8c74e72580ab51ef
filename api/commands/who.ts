// `policygraph who "<task or theme>"`: the agencies responsible, with roles, deadlines and the
// clauses that say so — from task tables and responsibility notes in the graph.
import type { Command } from 'commander';
import { ResponsibilitiesRequestSchema, type ResponsibilitiesRequest, type ResponsibilityAnswer } from '../../app/responsibilities.js';
import { DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { withGraph } from './open.js';
import { SchemaOptions } from './schema-options.js';

/** The request's flags, declared from the responsibilities use case's schema. */
export const WHO_OPTIONS = new SchemaOptions(ResponsibilitiesRequestSchema, [{ flag: '--region', field: 'region' }]);

export function registerWho(program: Command): void {
  const command = program
    .command('who')
    .description('who is responsible for a task or theme: agencies with roles (牵头/配合), deadlines and evidence clauses')
    .addArgument(WHO_OPTIONS.argument({ flag: '<query>', field: 'task' }));
  WHO_OPTIONS.addTo(command)
    .option('--json', 'print the answer as JSON')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .action(async (query: string, opts) => {
      const { findResponsibleAgencies } = await import('../../app/responsibilities.js');
      const answer = await withGraph(opts, (engines) => findResponsibleAgencies(engines, WHO_OPTIONS.request(opts, { task: query }) as ResponsibilitiesRequest));
      process.stdout.write(opts.json ? JSON.stringify(answer, null, 2) + '\n' : formatAnswer(answer));
    });
}

const ROLE = { lead: '牵头', support: '配合' } as const;

function formatAnswer(answer: ResponsibilityAnswer): string {
  const lines: string[] = [];
  const about = answer.themes.length ? ` (themes: ${answer.themes.join('、')})` : '';
  if (!answer.rows.length) return `no agency is assigned a task matching "${answer.query}"${about}\n`;
  lines.push(`responsible for "${answer.query}"${about}:`);
  for (const a of answer.agencies) {
    const roles = [a.lead ? `${ROLE.lead} ${a.lead}` : '', a.support ? `${ROLE.support} ${a.support}` : ''].filter(Boolean).join(', ');
    const renamed = a.agency.successor ? ` (now ${a.agency.successor})` : '';
    lines.push(`  ${a.agency.name}${renamed}  ${roles}${a.deadlines.length ? `  deadline ${a.deadlines.join(' / ')}` : ''}`);
  }
  lines.push('', 'evidence:');
  const byClause = new Map<string, ResponsibilityAnswer['rows']>();
  for (const r of answer.rows) byClause.set(r.clause.id, [...(byClause.get(r.clause.id) ?? []), r]);
  for (const rows of byClause.values()) {
    const r = rows[0];
    const who = (['lead', 'support'] as const)
      .map((role) => {
        const names = rows.filter((x) => x.role === role);
        return names.length ? `${ROLE[role]}：${names.map((x) => x.agency.name).join('、')}${names.some((x) => x.openEnded) ? '等' : ''}` : '';
      })
      .filter(Boolean)
      .join('；');
    const text = r.clause.text.length > 90 ? `${r.clause.text.slice(0, 90)}…` : r.clause.text;
    lines.push(`  ${r.citation}${r.repeats ? ` (repeats ${r.repeats.path})` : ''}  ${who}${r.deadline ? `  时限：${r.deadline}` : ''}`);
    lines.push(`    ${text}`);
  }
  return lines.join('\n') + '\n';
}
