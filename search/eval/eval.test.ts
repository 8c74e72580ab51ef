// Runs the bundled query set on the seeds, ingested for real (policygraph ingest, built-in
// embedder; the data dir the read-only suites share), and checks hybrid retrieval is at least as
// good as plain BM25 for every query kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../graph/open-store.js';
import type { GraphStore } from '../../graph/store.js';
import { createSearchService, type SearchBackend } from '../search-service.js';
import type { SearchService } from '../types.js';
import { sharedSeededDataDir } from '../../test/api-helpers.js';
import { formatReport, loadQueries, runEvaluation, type EvalReport } from './run-eval.js';
import { QUERY_KINDS } from './metrics.js';

let dataDir: string;
let store: GraphStore;
let service: SearchService & SearchBackend;
let report: EvalReport;

beforeAll(async () => {
  dataDir = await sharedSeededDataDir();
  store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
  service = await createSearchService({ dataDir, store, preloadContexts: true });
  report = await runEvaluation({ service, corpus: [...service.catalog.allClauses()], queries: loadQueries() });
  console.log(`\n${formatReport(report)}`);
}, 180_000);

afterAll(async () => {
  await service?.close();
  await store?.close();
});

describe('retrieval evaluation on the seeds', () => {
  it('judges every query of the set (each has a snippet in the corpus)', () => {
    expect(report.unjudgeable).toEqual([]);
    expect(new Set(report.queries.map((q) => q.id)).size).toBeGreaterThanOrEqual(60);
  });

  it.each(QUERY_KINDS)('hybrid nDCG@10 is at least plain BM25 for %s queries', (kind) => {
    const row = report.summary.find((r) => r.kind === kind)!;
    expect(row.queries).toBeGreaterThanOrEqual(10);
    expect(row.scores.hybrid.ndcg10).toBeGreaterThanOrEqual(row.scores.lexical.ndcg10);
  });

  it('answers English and synonym queries that BM25 alone cannot', () => {
    for (const kind of ['english', 'synonym'] as const) {
      const row = report.summary.find((r) => r.kind === kind)!;
      expect(row.scores.hybrid.ndcg10 - row.scores.lexical.ndcg10).toBeGreaterThan(0.15);
    }
  });
});
