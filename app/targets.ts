// Use case: targets (metric, value, year) across documents, levels and regions. A metric phrase
// is resolved to its canonical metric with the same rules ingest used (行政村通光纤 → 行政村光纤通达);
// a phrase no rule knows matches metrics containing it.
import { z } from 'zod';
import { loadDictionaries, type Dictionaries } from '../dictionaries/dictionaries.js';
import { citationOf } from '../graph/ids.js';
import { levelOrder } from '../graph/model.js';
import type { TargetRow } from '../graph/store.js';
import type { Engines } from './engines.js';
import { Name, parseRequest } from './fields.js';

export const TargetsRequestSchema = z
  .object({
    metric: Name.optional().describe('only this metric: a canonical name (行政村光纤通达) or a phrase asking for one (行政村通光纤); absent → every target'),
  })
  .strict();

export type TargetsRequest = z.input<typeof TargetsRequestSchema>;

export interface TargetWithCitation extends TargetRow {
  citation: string;
}

export interface TargetsAnswer {
  /** The canonical metric the phrase resolved to, or the phrase itself when no rule knows it; null for all. */
  metric: string | null;
  targets: TargetWithCitation[];
}

export async function listTargets(engines: Pick<Engines, 'store'>, request: TargetsRequest = {}, dicts: Dictionaries = loadDictionaries()): Promise<TargetsAnswer> {
  const { metric: phrase } = parseRequest(TargetsRequestSchema, request, 'targets');
  const canonical = phrase ? dicts.metricFor(phrase) : null;
  const metric = canonical ?? phrase ?? null;
  let rows = await engines.store.listTargets(metric ?? undefined);
  if (canonical) rows = rows.filter((r) => r.metric === canonical);
  // one metric compared down the page: by metric, then year (undated last), national first, then region
  rows.sort(
    (a, b) =>
      a.metric.localeCompare(b.metric, 'zh') ||
      (a.year ?? 9999) - (b.year ?? 9999) ||
      levelOrder(a.level) - levelOrder(b.level) ||
      (a.region ?? '').localeCompare(b.region ?? '', 'zh') ||
      a.clauseId.localeCompare(b.clauseId) ||
      a.id.localeCompare(b.id),
  );
  return { metric, targets: rows.map((r) => ({ ...r, citation: citationOf(r, r.path) })) };
}
