// Runs both judged query sets on the seeds, ingested for real (policygraph ingest, built-in
// embedder; the data dir the read-only suites share): queries.json, which the fusion was tuned on,
// and queries-holdout.json, written from the seeds before that tuning and kept out of it. Checks
// that hybrid retrieval is at least as good as plain BM25 for every query kind on both.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../graph/open-store.js';
import type { GraphStore } from '../../graph/store.js';
import { createSearchService } from '../search-service.js';
import type { SearchService } from '../service.js';
import { sharedSeededDataDir } from '../../test/api-helpers.js';
import { formatReport, loadQueries, runEvaluation, type EvalReport } from './run-eval.js';
import { RESEARCH_QUERY_KINDS, SEED_QUERY_KINDS } from './metrics.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SETS = {
  'queries.json (tuned on)': path.join(HERE, 'queries.json'),
  'queries-holdout.json (held out)': path.join(HERE, 'queries-holdout.json'),
};
type SetName = keyof typeof SETS;

let store: GraphStore;
let service: SearchService;
const reports = {} as Record<SetName, EvalReport>;
let research: EvalReport;

beforeAll(async () => {
  const dataDir = await sharedSeededDataDir();
  store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
  service = await createSearchService({ dataDir, store, preloadContexts: true });
  const corpus = [...service.catalog.allClauses()];
  for (const [name, file] of Object.entries(SETS) as [SetName, string][]) {
    reports[name] = await runEvaluation({ service, corpus, queries: loadQueries(file) });
    console.log(`\n${name}\n${formatReport(reports[name])}`);
  }
  research = await runEvaluation({ service, corpus, queries: loadQueries(path.join(HERE, 'queries-research.json')) });
  console.log(`\nqueries-research.json\n${formatReport(research)}`);
}, 240_000);

afterAll(async () => {
  await service?.close();
  await store?.close();
});

describe.each(Object.keys(SETS) as SetName[])('retrieval evaluation on the seeds: %s', (name) => {
  it('judges every query of the set (each has a snippet in the corpus)', () => {
    expect(reports[name].unjudgeable).toEqual([]);
    expect(new Set(reports[name].queries.map((q) => q.id)).size).toBeGreaterThanOrEqual(60);
  });

  it.each(SEED_QUERY_KINDS)('hybrid nDCG@10 is at least plain BM25 for %s queries', (kind) => {
    const row = reports[name].summary.find((r) => r.kind === kind)!;
    expect(row.queries).toBeGreaterThanOrEqual(12);
    expect(row.scores.hybrid.ndcg10).toBeGreaterThanOrEqual(row.scores.lexical.ndcg10);
  });

  it('answers English and synonym queries that BM25 alone cannot', () => {
    for (const kind of ['english', 'synonym'] as const) {
      const row = reports[name].summary.find((r) => r.kind === kind)!;
      expect(row.scores.hybrid.ndcg10 - row.scores.lexical.ndcg10).toBeGreaterThan(0.15);
    }
  });
});

describe('research questions on the seeds (queries-research.json)', () => {
  it('judges every query, and hybrid beats plain BM25 for multi-answer, comparison and named questions', () => {
    expect(research.unjudgeable).toEqual([]);
    for (const kind of RESEARCH_QUERY_KINDS) {
      const row = research.summary.find((r) => r.kind === kind)!;
      expect(row.scores.hybrid.ndcg10).toBeGreaterThan(row.scores.lexical.ndcg10);
    }
  });

  it('answers multi-answer questions with most of their relevant clauses in the first ten (nDCG@10 ≥ 0.85)', () => {
    expect(research.summary.find((r) => r.kind === 'multi')!.scores.hybrid.ndcg10).toBeGreaterThanOrEqual(0.85);
  });
});
