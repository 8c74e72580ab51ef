// Prints how absolute search scores (search/absolute-score.ts) separate answerable from off-topic
// queries: the best hit's score for every judged query of a set and for the off-topic queries
// (search/eval/queries-off-topic.json), and how many of each clear SUGGESTED_THRESHOLD.
//   npx tsx bench/score-calibration.ts --data-dir <dir> [--queries search/eval/queries.json]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../graph/open-store.js';
import { SUGGESTED_THRESHOLD } from '../search/absolute-score.js';
import { loadQueries } from '../search/eval/run-eval.js';
import { createSearchService } from '../search/search-service.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dataDir = arg('--data-dir');
if (!dataDir) {
  console.error('score-calibration: give --data-dir <dir> (a data dir built by policygraph ingest)');
  process.exit(2);
}
const judged = loadQueries(arg('--queries') ?? path.join(here, '..', 'search', 'eval', 'queries.json')).map((q) => q.query);
const offTopic: string[] = JSON.parse(fs.readFileSync(path.join(here, '..', 'search', 'eval', 'queries-off-topic.json'), 'utf8'));

const store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
const service = await createSearchService({ dataDir, store });
const best = async (queries: string[]) => {
  const scores: number[] = [];
  for (const query of queries) scores.push((await service.search({ query, k: 1 })).results[0]?.score ?? 0);
  return scores.sort((a, b) => a - b);
};
const line = (label: string, s: number[]) => {
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(2);
  const above = s.filter((x) => x >= SUGGESTED_THRESHOLD).length;
  console.log(`${label.padEnd(10)} n=${String(s.length).padStart(3)}  min ${s[0].toFixed(2)}  p10 ${at(0.1)}  median ${at(0.5)}  max ${s[s.length - 1].toFixed(2)}  ≥${SUGGESTED_THRESHOLD}: ${above}/${s.length}`);
};
console.log(`best-hit scores on ${dataDir} (embedder ${service.embedderId})`);
line('judged', await best(judged));
line('off-topic', await best(offTopic));
await service.close();
await store.close();
