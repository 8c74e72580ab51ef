// Absolute relevance scores: a result's score says how well the clause answers the query on a
// fixed 0..1 scale, comparable across queries, so a threshold (Dify's score_threshold) can reject
// an off-topic query (巧克力蛋糕怎么做 → every score low) instead of always passing its best hit
// as 1.0. Ranking stays with fusion (fusion.ts); this only says how much to trust each hit.
//
// The evidence, each in 0..1:
// - coverage: the IDF-weighted share of the query's words and bigrams the clause holds (query-mass.ts);
// - ideas: the share of the ideas the query implies (glossary, English and synonym terms) that the
//   clause mentions — what an English or colloquial query's coverage cannot show;
// - similarity: the embedder's cosine, rescaled between what unrelated and near-identical texts score;
// - namedDocument: the query names the clause's document (its 文号 or title).
import type { ExpansionGroup } from './query-understanding.js';

export interface Evidence {
  coverage: number;
  ideas: number | null;
  /** Cosine similarity from the dense retriever, or null when the clause was not among its hits. */
  cosine: number | null;
  namedDocument: boolean;
}

export interface SimilarityScale {
  /** Cosine that unrelated texts typically reach (maps to 0). */
  unrelated: number;
  /** Cosine of a near-restatement (maps to 1). */
  restated: number;
}

/** Cosines per embedder family, measured with bench/score-calibration.ts (see README). */
export const SIMILARITY_SCALES: Record<string, SimilarityScale> = {
  builtin: { unrelated: 0.1, restated: 0.6 },
  transformers: { unrelated: 0.35, restated: 0.8 },
};

export const SCORE_WEIGHTS = {
  /** How much lexical evidence (coverage or ideas) counts against dense similarity. */
  lexical: 0.7,
  dense: 0.3,
};

/**
 * Below this a hit rarely answers the query: the best hit of an off-topic query (巧克力蛋糕怎么做,
 * "best pizza in New York") scores under it, that of the seeds' judged questions above it, as
 * measured by bench/score-calibration.ts. A sensible Dify score_threshold.
 */
export const SUGGESTED_THRESHOLD = 0.25;

/** What a hybrid score means, for API descriptions (OpenAPI, Dify). */
export const SCORE_MEANING =
  'Absolute relevance in 0..1, comparable across queries: 0.7 × lexical evidence (the IDF-weighted share of the query\'s words, ' +
  'or of the ideas an English or colloquial query implies, that the clause holds) + 0.3 × rescaled embedding similarity. ' +
  `Off-topic queries score below ${SUGGESTED_THRESHOLD}; a clause holding the whole query scores about 0.7–1. ` +
  'Results are ordered by rank fusion, and a result never scores above the one before it (each score is capped by the one above).';

/** Scores along a ranking, each capped by the one above it, so a threshold keeps a prefix of the ranking. */
export function nonIncreasing(scores: number[]): number[] {
  let ceiling = Infinity;
  return scores.map((score) => (ceiling = Math.min(ceiling, score)));
}

export function similarityScaleFor(embedderId: string): SimilarityScale {
  return SIMILARITY_SCALES[embedderId.split(':')[0]] ?? SIMILARITY_SCALES.transformers;
}

/** The share of the implied ideas a text mentions (any of each group's terms), or null without ideas. */
export function ideasHeld(groups: readonly ExpansionGroup[], text: string): number | null {
  return ideasHeldBy(groups)(text);
}

/** ideasHeld for many texts of one query: the groups' terms are compacted once, not per text. */
export function ideasHeldBy(groups: readonly ExpansionGroup[]): (text: string) => number | null {
  if (!groups.length) return () => null;
  const terms = groups.map((g) => g.terms.map((t) => t.replace(/\s+/g, '').toLowerCase()));
  return (text) => {
    const compact = text.replace(/\s+/g, '').toLowerCase();
    return terms.filter((group) => group.some((t) => compact.includes(t))).length / groups.length;
  };
}

export function absoluteScore(evidence: Evidence, scale: SimilarityScale, english: boolean): number {
  // an English query's own words are mostly not in the texts (5G, NB-IoT are): its ideas count in full
  let lexical = english ? Math.max(evidence.coverage, evidence.ideas ?? 0) : Math.max(evidence.coverage, evidence.ideas === null ? 0 : (evidence.coverage + evidence.ideas) / 2);
  // a clause of the document the query names answers at least half of it
  if (evidence.namedDocument) lexical = 0.5 + 0.5 * lexical;
  const dense = evidence.cosine === null ? 0 : clamp((evidence.cosine - scale.unrelated) / (scale.restated - scale.unrelated));
  return round(clamp(SCORE_WEIGHTS.lexical * lexical + SCORE_WEIGHTS.dense * dense));
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
