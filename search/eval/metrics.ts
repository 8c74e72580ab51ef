// Ranking metrics for the retrieval evaluation, judged by text snippet: a clause is relevant to a
// query when its text contains one of the query's snippets. Judging by snippet (not by clause id)
// keeps the judgements valid when the parser moves clause boundaries.

export interface JudgedQuery {
  id: string;
  kind: QueryKind;
  query: string;
  /** A retrieved clause is relevant when its text contains any of these (whitespace ignored). */
  relevant: string[];
}

/** Kinds of the seeds' sets (queries.json, queries-holdout.json). */
export const SEED_QUERY_KINDS = ['question', 'draft', 'english', 'keyword', 'synonym'] as const;
/** Kinds of the law sets (queries-laws.json and the held-out queries-laws-holdout.json, queries-laws-holdout2.json, queries-laws-holdout3.json, queries-laws-holdout4.json). */
export const LAW_QUERY_KINDS = ['article', 'phrase', 'named', 'natural', 'traditional', 'comparison', 'multi'] as const;
/** Kinds of the seeds' research set (queries-research.json): several answers, two documents, a named document. */
export const RESEARCH_QUERY_KINDS = ['multi', 'comparison', 'named'] as const;
export const QUERY_KINDS = [...new Set([...SEED_QUERY_KINDS, ...LAW_QUERY_KINDS, ...RESEARCH_QUERY_KINDS])] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface QueryScores {
  ndcg10: number;
  recall10: number;
  mrr: number;
  /** 1 when the first result is relevant. */
  hit1: number;
  /** 1 when a relevant clause is in the first ten. */
  hit10: number;
}

const SCORE_KEYS = ['ndcg10', 'recall10', 'mrr', 'hit1', 'hit10'] as const;

/**
 * Whitespace (the stray line breaks and spaces of scanned files) and character width (（ vs ( after
 * NFKC) never decide relevance.
 */
export function normalizeForJudging(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

export function isRelevant(clauseText: string, snippets: string[]): boolean {
  const text = normalizeForJudging(clauseText);
  return snippets.some((snippet) => text.includes(normalizeForJudging(snippet)));
}

/**
 * Scores one ranked list of clause texts.
 * - nDCG@10 with binary gains; the ideal ranking holds every relevant clause of the corpus
 *   (`relevantInCorpus`), so a list that misses relevant clauses scores below 1.
 * - Recall@10 counts snippets, not clauses: the share of the query's snippets found in the top 10.
 *   A snippet is one information need, however many clauses repeat it.
 * - MRR: 1 / rank of the first relevant clause (0 when none is in the list).
 * - hit@1, hit@10: whether the first relevant clause is first, or in the first ten.
 */
export function scoreRanking(rankedTexts: string[], snippets: string[], relevantInCorpus: number): QueryScores {
  const top = rankedTexts.slice(0, 10).map(normalizeForJudging);
  const needles = snippets.map(normalizeForJudging);
  let dcg = 0;
  let firstRelevant = 0;
  top.forEach((text, index) => {
    if (needles.some((n) => text.includes(n))) {
      dcg += 1 / Math.log2(index + 2);
      if (!firstRelevant) firstRelevant = index + 1;
    }
  });
  if (!firstRelevant) {
    const rest = rankedTexts.slice(10).findIndex((t) => isRelevant(t, snippets));
    if (rest >= 0) firstRelevant = rest + 11;
  }
  let idcg = 0;
  for (let i = 0; i < Math.min(relevantInCorpus, 10); i++) idcg += 1 / Math.log2(i + 2);
  const found = needles.filter((n) => top.some((text) => text.includes(n))).length;
  return {
    ndcg10: idcg > 0 ? Math.min(1, dcg / idcg) : 0,
    recall10: needles.length ? found / needles.length : 0,
    mrr: firstRelevant ? 1 / firstRelevant : 0,
    hit1: firstRelevant === 1 ? 1 : 0,
    hit10: firstRelevant >= 1 && firstRelevant <= 10 ? 1 : 0,
  };
}

export function meanScores(scores: QueryScores[]): QueryScores {
  const mean = { ndcg10: 0, recall10: 0, mrr: 0, hit1: 0, hit10: 0 };
  for (const key of SCORE_KEYS) mean[key] = scores.length ? scores.reduce((sum, s) => sum + s[key], 0) / scores.length : 0;
  return mean;
}
