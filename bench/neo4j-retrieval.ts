// The two retrieval modes side by side on one Neo4j database: the seeds (or the given paths) are
// ingested with --graph neo4j, then every evaluation query is searched (hybrid, k 10) with the
// data dir's indexes (local) and with Neo4j's own (neo4j). Prints open time, p50/p99 per mode and
// how many of the local top 10 the neo4j mode also returns. Prints figures; asserts nothing.
//
//   NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=… flock /tmp/pg-bench.lock npx tsx bench/neo4j-retrieval.ts [--rounds 3] [paths…]
//
// WARNING: the ingest writes PolicyGraph's nodes into NEO4J_DATABASE — use a scratch database.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Neo4jStore } from '../graph/neo4j/neo4j-store.js';
import { loadQueries } from '../search/eval/run-eval.js';
import { createSearchService } from '../search/search-service.js';
import type { RetrievalMode } from '../search/retrieval-mode.js';
import { ms, numberArg, percentile } from './search-bench-support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'policygraph.js');

async function main(): Promise<void> {
  if (!process.env.NEO4J_URI) {
    console.log('neo4j-retrieval: skipped — NEO4J_URI is not set (no Neo4j server to measure; see README "Running on Neo4j")');
    return;
  }
  const rounds = numberArg('rounds', 3);
  const paths = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--rounds');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-neo4j-bench-'));
  try {
    const started = performance.now();
    await promisify(execFile)(process.execPath, [BIN, 'ingest', ...(paths.length ? paths : [path.join(ROOT, 'seeds')]), '--data-dir', dataDir, '--graph', 'neo4j', '--embedder', 'builtin', '--no-progress'], {
      env: { ...process.env, POLICYGRAPH_GRAPH: 'neo4j' },
      maxBuffer: 64 * 1024 * 1024,
    });
    console.log(`ingest into ${process.env.NEO4J_URI}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const queries = loadQueries().map((q) => q.query);
    const topIds = new Map<RetrievalMode, string[][]>();
    for (const mode of ['local', 'neo4j'] as RetrievalMode[]) {
      const store = Neo4jStore.fromEnv(process.env);
      await store.open();
      const opening = performance.now();
      const service = await createSearchService({ dataDir, store, retrieval: mode, preloadContexts: true });
      const openMs = performance.now() - opening;
      const times: number[] = [];
      const tops: string[][] = [];
      for (let round = 0; round < rounds; round++) {
        for (const query of queries) {
          const t = performance.now();
          const response = await service.search({ query, k: 10 });
          times.push(performance.now() - t);
          if (round === 0) tops.push(response.results.map((r) => r.clause.id));
        }
      }
      topIds.set(mode, tops);
      times.sort((a, b) => a - b);
      console.log(`${mode.padEnd(6)} open ${ms(openMs)}  hybrid k=10 over ${times.length} searches: p50 ${ms(percentile(times, 50))}  p99 ${ms(percentile(times, 99))}`);
      await service.close();
      await store.close();
    }
    const local = topIds.get('local')!;
    const remote = topIds.get('neo4j')!;
    const shared = local.map((ids, i) => ids.filter((id) => remote[i].includes(id)).length / Math.max(1, ids.length));
    console.log(`neo4j mode returns ${((shared.reduce((a, b) => a + b, 0) / shared.length) * 100).toFixed(1)} % of the local top 10 (mean over ${shared.length} queries)`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`neo4j-retrieval: ${(err as Error).message.split('\n')[0]}`);
  process.exit(3);
});
