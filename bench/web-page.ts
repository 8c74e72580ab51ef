// The web page in Chromium over the seeds: how long a researcher waits, measured in the browser.
//   1. typed query → its results drawn (includes the page's 250 ms typing pause), per evaluation query;
//   2. a document opened at a deep clause anchor → that clause highlighted;
//   3. a clause's graph view → cytoscape has drawn the nodes.
//
//   flock /tmp/pg-bench.lock npx tsx bench/web-page.ts [--queries 30] [--rounds 3]
//
// Needs /usr/bin/chromium (or POLICYGRAPH_CHROMIUM). Prints figures; asserts nothing.
import { chromium } from 'playwright-core';
import { ingestIntoTemporaryDir } from '../search/eval/fresh-ingest.js';
import { loadQueries } from '../search/eval/run-eval.js';
import { SEEDS, getJson, serveDataDir } from '../test/api-helpers.js';
import { ms, numberArg, percentile } from './search-bench-support.js';

const CHROMIUM = process.env.POLICYGRAPH_CHROMIUM ?? '/usr/bin/chromium';
const queryCount = numberArg('queries', 30);
const rounds = numberArg('rounds', 3);

function summary(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${name.padEnd(34)} n=${String(sorted.length).padStart(3)}  p50 ${ms(percentile(sorted, 50)).padStart(8)}  p95 ${ms(percentile(sorted, 95)).padStart(8)}  max ${ms(sorted.at(-1)!).padStart(8)}`;
}

const fresh = await ingestIntoTemporaryDir([SEEDS], { embedder: 'builtin' });
const server = await serveDataDir(fresh.dataDir);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const queries = loadQueries().slice(0, queryCount).map((q) => q.query);

  const typed: number[] = [];
  await page.goto(`${server.url}/`);
  await page.locator('[data-search-box]').waitFor();
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      const started = performance.now();
      await page.locator('[data-search-box]').fill(query);
      await page.waitForFunction(
        (q) => new URLSearchParams(location.search).get('q') === q && !document.querySelector('.results-area .loading') && document.querySelector('.results-area .result, .results-area .state'),
        query,
      );
      typed.push(performance.now() - started);
      await page.locator('[data-search-box]').fill('');
    }
  }

  const doc = (await getJson(`${server.url}/v1/documents?limit=500`)).body.items.sort((a: { clauseCount: number }, b: { clauseCount: number }) => b.clauseCount - a.clauseCount)[0];
  const outline = (await getJson(`${server.url}/v1/documents/${doc.id}`)).body.outline;
  const deep = outline[Math.floor(outline.length * 0.8)].path;
  const opened: number[] = [];
  for (let round = 0; round < rounds * 3; round++) {
    const started = performance.now();
    await page.goto(`${server.url}/documents/${doc.id}#${encodeURIComponent(deep)}`);
    await page.locator('.clause.target').waitFor();
    opened.push(performance.now() - started);
  }

  const clause = outline[Math.floor(outline.length / 2)].id;
  const drawn: number[] = [];
  for (let round = 0; round < rounds * 3; round++) {
    const started = performance.now();
    await page.goto(`${server.url}/graph?id=${clause}`);
    await page.locator('#graph[data-nodes]').waitFor();
    drawn.push(performance.now() - started);
  }

  console.log(`web page on the seeds (${doc.title}: ${doc.clauseCount} clauses), Chromium ${browser.version()}`);
  console.log(summary('typed query → results drawn', typed));
  console.log(summary(`document at a deep anchor (${doc.clauseCount} cl.)`, opened));
  console.log(summary('clause graph view drawn', drawn));
} finally {
  await browser.close();
  await server.close();
  fresh.remove();
}
