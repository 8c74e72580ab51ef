// `policygraph agencies`: the agencies the graph knows — issuers and those assigned tasks — with
// their level, region, how often they lead or support, and who took over a renamed agency.
import type { Command } from 'commander';
import { DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { withGraph } from './open.js';

const LEVEL = { central: '中央', provincial: '省级', municipal: '市级' } as const;

export function registerAgencies(program: Command): void {
  program
    .command('agencies')
    .description('list the agencies in the graph with level, region and how many tasks each leads or supports')
    .option('--json', 'print a JSON array')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .action(async (opts) => {
      const { listAgencies } = await import('../../app/entities.js');
      const agencies = await withGraph(opts, listAgencies);
      if (opts.json) {
        process.stdout.write(JSON.stringify(agencies, null, 2) + '\n');
        return;
      }
      if (!agencies.length) process.stdout.write('no agencies in the graph: run policygraph ingest first\n');
      for (const a of agencies) {
        const counts = [`lead ${a.leadCount}`, `support ${a.supportCount}`, `issued ${a.issuedCount}`].join(' · ');
        const renamed = a.successor ? `  → now ${a.successor}` : '';
        process.stdout.write(`${a.name}  ${LEVEL[a.level] ?? a.level}${a.region ? ` ${a.region}` : ''}  ${counts}${renamed}\n`);
      }
    });
}
