// Reciprocal rank fusion of ranked candidate lists, then graph boosts.
// RRF needs no score calibration between retrievers (a BM25 score and a cosine are not comparable),
// only ranks: score(c) = Σ weight_l / (k + rank_l(c)).

export interface RankedList {
  name: string;
  /** Candidate ids, best first. */
  ids: string[];
  weight?: number;
  /** Per-position weights (same length as ids), overriding `weight`: how much this list vouches for each candidate. */
  weights?: number[];
}

export interface FusedCandidate {
  id: string;
  score: number;
  /** 1-based rank of the candidate in each list it appeared in. */
  ranks: Record<string, number>;
}

/** The usual RRF constant: damps the difference between rank 1 and rank 2 so no single list dominates. */
export const RRF_K = 60;

export function reciprocalRankFusion(lists: RankedList[], k = RRF_K): FusedCandidate[] {
  const byId = new Map<string, FusedCandidate>();
  for (const list of lists) {
    const listWeight = list.weight ?? 1;
    if (listWeight <= 0) continue;
    const seen = new Set<string>();
    list.ids.forEach((id, index) => {
      if (seen.has(id)) return; // a list that repeats an id must not vote twice for it
      seen.add(id);
      const weight = list.weights?.[index] ?? listWeight;
      let candidate = byId.get(id);
      if (!candidate) {
        candidate = { id, score: 0, ranks: {} };
        byId.set(id, candidate);
      }
      candidate.ranks[list.name] = index + 1;
      candidate.score += weight / (k + index + 1);
    });
  }
  return sortByScore([...byId.values()]);
}

export interface GraphBoost {
  /** Multiplier applied to the fused score, e.g. 1.25 for +25 %. */
  factor: number;
  reason: string;
}

/**
 * Multiplies fused scores by the boosts each candidate earned (theme, agency, region, year, 文号 the
 * query names and the clause is linked to) and re-sorts. Boosts multiply rather than add so they
 * reorder close candidates without lifting a clause nothing retrieved.
 *
 * With `keep`, only the first `keep` of that ranking are returned, and candidates that cannot reach
 * them are not weighed: fused candidates come best first, so once even `maxFactor` cannot lift one
 * above the keep-th best boosted score so far, no later one can enter either (a query fuses a few
 * hundred candidates and keeps a pool of 50).
 */
export function applyBoosts(
  candidates: FusedCandidate[],
  boostsFor: (id: string) => GraphBoost[],
  maxFactor = Infinity,
  keep = Infinity,
): (FusedCandidate & { boosts: GraphBoost[] })[] {
  const prunable = Number.isFinite(maxFactor) && keep < candidates.length && candidates.every((c, i) => c.score >= 0 && (i === 0 || c.score <= candidates[i - 1].score));
  const boosted: (FusedCandidate & { boosts: GraphBoost[] })[] = [];
  let bar = -Infinity;
  for (const c of candidates) {
    if (prunable && boosted.length >= keep && c.score * maxFactor < bar) break;
    const boosts = boostsFor(c.id);
    const factor = Math.min(maxFactor, boosts.reduce((f, b) => f * b.factor, 1));
    boosted.push({ ...c, score: c.score * factor, boosts });
    if (prunable && boosted.length % keep === 0) bar = kthLargestScore(boosted, keep);
  }
  const sorted = sortByScore(boosted);
  return sorted.length > keep ? sorted.slice(0, keep) : sorted;
}

function kthLargestScore(items: { score: number }[], k: number): number {
  const scores = Float64Array.from(items, (item) => item.score).sort();
  return scores[scores.length - k];
}

function sortByScore<T extends { id: string; score: number }>(items: T[]): T[] {
  // ties broken by id so results are deterministic across runs
  return items.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
