// Complete answers for questions that ask for a list (哪些…, 有哪些措施, what measures): the answer is
// every provision that says it, across the corpus, not ten clauses of the best document. Two steps
// over the fused candidates: documents take turns (each further clause of a document already shown
// counts less) and near-identical clauses of different documents (a province restating the State
// Council, a city's two editions) become one result that lists every document saying it.
// Word data and thresholds: search/data/complete-answers.json.
import data from './data/complete-answers.json' with { type: 'json' };
import type { ClauseCatalog } from './clause-catalog.js';
import type { Candidate } from './hybrid-retriever.js';

export { isEnumerating } from './list-questions.js';

/** A candidate scored 0 still ranks by its fused rank among the others scored 0. */
const MIN_SCORE = 1e-6;

/**
 * Fusion's order, with documents taking turns: each candidate is worth 1 / (rankOffset + its fused
 * rank), times its absolute score to the power scoreExponent (a list's answers must hold the
 * query's subject: a clause that only resembles the question, 加大政策支持力度 for 拓宽融资渠道的政策,
 * drops below one that says it, however fusion ranked them), times sameDocumentPenalty for every
 * clause of its document already placed beyond the first freePerDocument (a document's few best
 * clauses stay together), and sameLevelPenalty for every clause of its level; the best worth goes next.
 */
export function diversify(candidates: Candidate[], catalog: ClauseCatalog, window: number): Candidate[] {
  const head = candidates.slice(0, window);
  const placedPerDoc = new Map<string, number>();
  const placedPerLevel = new Map<string, number>();
  const out: Candidate[] = [];
  const remaining = head.map((c, rank) => ({ c, rank, docId: catalog.clause(c.id)?.docId ?? c.id }));
  const levelOf = (docId: string) => catalog.document(docId)?.level ?? 'unknown';
  while (remaining.length) {
    let best = 0;
    let bestWorth = -1;
    remaining.forEach((r, i) => {
      const worth =
        (1 / (data.rankOffset + r.rank)) *
        Math.max(r.c.score, MIN_SCORE) ** data.scoreExponent *
        data.sameDocumentPenalty ** Math.max(0, (placedPerDoc.get(r.docId) ?? 0) - data.freePerDocument) *
        data.sameLevelPenalty ** (placedPerLevel.get(levelOf(r.docId)) ?? 0);
      if (worth > bestWorth) [best, bestWorth] = [i, worth];
    });
    const [chosen] = remaining.splice(best, 1);
    out.push(chosen!.c);
    placedPerDoc.set(chosen!.docId, (placedPerDoc.get(chosen!.docId) ?? 0) + 1);
    const level = levelOf(chosen!.docId);
    placedPerLevel.set(level, (placedPerLevel.get(level) ?? 0) + 1);
  }
  return [...out, ...candidates.slice(window)];
}

/** A candidate and the near-identical clauses of other documents it stands for (their ids). */
export type Collapsed = Candidate & { alsoIn: string[] };

/**
 * Folds each near-duplicate of an earlier candidate from another document into it (alsoIn), among
 * the first `window` candidates; later ones pass unchanged.
 */
export function collapseNearDuplicates(candidates: Candidate[], catalog: ClauseCatalog, window: number): Collapsed[] {
  const kept: { c: Collapsed; docIds: Set<string>; grams: Set<string>; length: number }[] = [];
  const out: Collapsed[] = [];
  for (const [i, c] of candidates.entries()) {
    const clause = catalog.clause(c.id);
    if (i >= window || !clause) {
      out.push({ ...c, alsoIn: [] });
      continue;
    }
    const text = clause.text.replace(/\s+/g, '');
    const grams = bigrams(text);
    const same = text.length >= data.nearDuplicate.minimumChars ? kept.find((k) => !k.docIds.has(clause.docId) && nearDuplicate(k, grams, text.length)) : undefined;
    if (same) {
      same.c.alsoIn.push(c.id);
      same.docIds.add(clause.docId);
      continue;
    }
    const entry = { c: { ...c, alsoIn: [] as string[] }, docIds: new Set([clause.docId]), grams, length: text.length };
    kept.push(entry);
    out.push(entry.c);
  }
  return out;
}

function nearDuplicate(a: { grams: Set<string>; length: number }, grams: Set<string>, length: number): boolean {
  if (Math.min(a.length, length) < data.nearDuplicate.lengthRatio * Math.max(a.length, length)) return false;
  const [small, large] = a.grams.size <= grams.size ? [a.grams, grams] : [grams, a.grams];
  if (!small.size) return false;
  let shared = 0;
  for (const g of small) if (large.has(g)) shared++;
  return shared / small.size >= data.nearDuplicate.overlap;
}

function bigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) grams.add(text.slice(i, i + 2));
  return grams;
}
