// `policygraph who "<task or theme>"`: the agencies responsible, with roles, deadlines and the
// clauses that say so — from task tables and responsibility notes in the graph.
import type { Command } from 'commander';
import type { ResponsibilityAnswer } from '../../app/responsibilities.js';
import { DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { withGraph } from './open.js';

export function registerWho(program: Command): void {
  program
    .command('who')
    .description('who is responsible for a task or theme: agencies with roles (牵头/配合), deadlines and evidence clauses')
    .argument('<query>', 'a task (推进农业物联网区域试验工程) or a theme (5G, 自动驾驶, connected vehicles)')
    .option('--region <region>', 'only documents of this region (四川省), or 全国 for national ones')
    .option('--json', 'print the answer as JSON')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .action(async (query: string, opts) => {
      const { findResponsibleAgencies } = await import('../../app/responsibilities.js');
      const answer = await withGraph(opts, (engines) => findResponsibleAgencies(engines, { task: query, region: opts.region }));
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
