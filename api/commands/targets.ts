// `policygraph targets [--metric M]`: quantitative and dated goals, grouped by metric so one metric
// compares across documents, levels and regions (行政村光纤通达: 98% 全国 2020 · 100% 安徽省 2020 …).
import type { Command } from 'commander';
import { TargetsRequestSchema, type TargetsRequest } from '../../app/targets.js';
import { DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { withGraph } from './open.js';
import { SchemaOptions } from './schema-options.js';

/** The request's flags, declared from the targets use case's schema. */
export const TARGETS_OPTIONS = new SchemaOptions(TargetsRequestSchema, [{ flag: '--metric', field: 'metric' }]);

export function registerTargets(program: Command): void {
  const command = program.command('targets').description('list targets (metric, value, year) across documents and regions, grouped by metric');
  TARGETS_OPTIONS.addTo(command)
    .option('--json', 'print a JSON array')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .action(async (opts) => {
      const { listTargets } = await import('../../app/targets.js');
      const { metric, targets: rows } = await withGraph(opts, (engines) => listTargets(engines, TARGETS_OPTIONS.request(opts) as TargetsRequest));
      if (opts.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      if (!rows.length) {
        process.stdout.write(metric ? `no targets for metric "${metric}"\n` : 'no targets in the graph: run policygraph ingest first\n');
        return;
      }
      let current = '';
      for (const r of rows) {
        if (r.metric !== current) {
          current = r.metric;
          process.stdout.write(`${current}\n`);
        }
        const extra = [r.growth ? `年均增长${r.growth}` : '', r.amount !== null && r.unit && r.unit !== '%' ? `= ${r.amount} ${r.unit}` : ''].filter(Boolean).join(', ');
        process.stdout.write(`  ${r.value}${extra ? ` (${extra})` : ''}  ${r.year ?? '—'}  ${r.region ?? '—'}  ${r.citation}\n`);
      }
    });
}
