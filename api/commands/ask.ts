// `policygraph ask "<question>"`: structured facts from the graph when it holds them (who is
// responsible, targets across documents), else the best passages; always with evidence.
import type { Command } from 'commander';
import { AskRequestSchema, answerQuestion, type AskAnswer } from '../../app/ask.js';
import { DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { withSearch } from './open.js';
import { schemaArgument } from './schema-options.js';
import { formatResult } from './search.js';

export function registerAsk(program: Command): void {
  program
    .command('ask')
    .description('answer a question from the graph: responsibilities, target comparisons, or passages, with evidence')
    .addArgument(schemaArgument(AskRequestSchema, { flag: '<question>', field: 'question' }))
    .option('--json', 'print the answer as JSON')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .action(async (question: string, opts) => {
      await withSearch(opts, async (engines) => {
        const answer = await answerQuestion(engines, { question });
        process.stdout.write(opts.json ? JSON.stringify(answer, null, 2) + '\n' : formatAnswer(answer));
      });
    });
}

function formatAnswer(answer: AskAnswer): string {
  const lines = [answer.summary, ''];
  if (answer.responsibilities?.length) {
    lines.push('agency | role | deadline | clause');
    for (const r of answer.responsibilities) lines.push(`${r.agency} | ${r.role === 'lead' ? '牵头' : '配合'} | ${r.deadline ?? '—'} | ${r.citation}`);
    lines.push('');
  }
  if (answer.targets?.length) {
    lines.push('metric | value | year | region | document');
    for (const t of answer.targets) lines.push(`${t.metric} | ${t.value} | ${t.year ?? '—'} | ${t.region ?? '全国'} | ${t.citation}`);
    lines.push('');
  }
  lines.push('evidence:');
  answer.evidence.forEach((r, i) => lines.push(formatResult(r, i)));
  return lines.join('\n') + '\n';
}
