// "Who is responsible" on a big data dir: the one "who" (app/responsibilities.ts) answered from the
// store alone (every clause read from the graph: the CLI's `who`) and from the search index's
// catalog (in memory: ask, HTTP, MCP), and `ask` end to end, for a few responsibility questions.
// Prints the open time, then per question each path's time and whether the two answers agree.
// Prints figures; asserts nothing.
//
//   flock /tmp/pg-bench.lock npx tsx bench/ask-who.ts --data-dir /tmp/laws-100k [--rounds 3]
import { answerQuestion } from '../app/ask.js';
import { withSearchEngines } from '../app/open-engines.js';
import { findResponsibleAgencies } from '../app/responsibilities.js';
import { arg, ms, numberArg, percentile } from './search-bench-support.js';

const QUESTIONS = ['哪些部门负责安全生产监督管理？', '谁负责食品安全监督管理', '5G商用由谁负责', '哪个部门负责环境保护', '谁牵头推进农业物联网区域试验工程'];

const p = (values: number[], at: number) => percentile([...values].sort((a, b) => a - b), at);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

async function main(): Promise<void> {
  const dataDir = arg('data-dir', '');
  if (!dataDir) throw new Error('give --data-dir DIR (a data dir built by policygraph ingest)');
  const rounds = numberArg('rounds', 3);
  const opened = performance.now();
  await withSearchEngines({ dataDir, engine: 'embedded' }, async (engines) => {
    const clauses = [...engines.search.catalog.allClauses()].length;
    console.log(`${dataDir}: ${clauses} clauses, opened in ${ms(performance.now() - opened)} (shared 2-core machine: upper bounds)`);
    console.log('question | store scan (who CLI) | catalog (ask/HTTP/MCP) p50 | ask end to end p50 | same answer | agencies');
    const all = { store: [] as number[], catalog: [] as number[], ask: [] as number[] };
    for (const question of QUESTIONS) {
      const [fromStore, storeMs] = await timed(() => findResponsibleAgencies({ store: engines.store }, { task: question }));
      const catalogMs: number[] = [];
      const askMs: number[] = [];
      let fromCatalog = fromStore;
      for (let round = 0; round < rounds; round++) {
        let t: number;
        [fromCatalog, t] = await timed(() => findResponsibleAgencies(engines, { task: question }));
        catalogMs.push(t);
        [, t] = await timed(() => answerQuestion(engines, { question }));
        askMs.push(t);
      }
      all.store.push(storeMs);
      all.catalog.push(...catalogMs);
      all.ask.push(...askMs);
      const same = JSON.stringify(fromStore) === JSON.stringify(fromCatalog);
      console.log(`${question} | ${ms(storeMs)} | ${ms(p(catalogMs, 50))} | ${ms(p(askMs, 50))} | ${same ? 'yes' : 'NO'} | ${fromCatalog.agencies.length}`);
    }
    console.log(`all | store p50 ${ms(p(all.store, 50))} | catalog p50 ${ms(p(all.catalog, 50))} p99 ${ms(p(all.catalog, 99))} | ask p50 ${ms(p(all.ask, 50))} p99 ${ms(p(all.ask, 99))}`);
  });
}

await main();
