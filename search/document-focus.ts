// Ranking inside the one document a question names (劳动合同法对劳动者辞职有什么规定 → 劳动者 辞职
// inside 劳动合同法). The document's own subject (劳动者, 劳动合同 in that law; 未成年人 in 未成年人
// 保护法) is in most of its clauses and tells them apart no better than its title does, though BM25
// weighs it by its rarity in the whole corpus; the question's other words, rare in that document, do.
// Each character bigram of the rest of the question (and of the laws' words the glossary implies for
// it: 辞职 → 解除劳动合同, 劳动者提前) weighs by its IDF among the document's clauses, and the
// document's clauses rank by the share of that weight they hold, retrieval's order among equals.
// Word data: search/data/document-focus.json.
import data from './data/document-focus.json' with { type: 'json' };
import type { ClauseCatalog } from './clause-catalog.js';
import { cjkBigrams, isStopWord, normalizeText } from './tokenize.js';

const GLUE = [...data.glue].sort((a, b) => b.length - a.length);

/** The rest's bigrams worth weighing: two CJK characters, not both stop words, none across question glue. */
export function focusPieces(rest: string): string[] {
  let text = normalizeText(rest);
  for (const glue of GLUE) text = text.split(glue).join(' ');
  const bigrams = cjkBigrams(text).filter((b) => b.length === 2 && ![...b].every(isStopWord));
  return [...new Set(bigrams)];
}

/**
 * Focus of each clause holding any piece: the share of the pieces' in-document weight it holds
 * (a piece in m of the document's n clauses weighs ln(1 + n/m); one in none weighs nothing).
 */
export function focusWithin(texts: readonly string[], pieces: readonly string[]): Float64Array {
  const focus = new Float64Array(texts.length);
  const holds = pieces.map((p) => texts.map((t) => t.includes(p)));
  let total = 0;
  holds.forEach((h) => {
    let df = 0;
    for (const x of h) if (x) df++;
    if (!df) return;
    const weight = Math.log(1 + texts.length / df);
    total += weight;
    h.forEach((x, i) => {
      if (x) focus[i] += weight;
    });
  });
  if (total > 0) for (let i = 0; i < focus.length; i++) focus[i] /= total;
  return focus;
}

/** Normalised clause texts of recently named documents (a document is named again and again). */
const textsCache = new WeakMap<ClauseCatalog, Map<string, { ids: readonly string[]; texts: string[] }>>();

function documentTexts(catalog: ClauseCatalog, docId: string): { ids: readonly string[]; texts: string[] } {
  let cache = textsCache.get(catalog);
  if (!cache) textsCache.set(catalog, (cache = new Map()));
  let entry = cache.get(docId);
  if (entry) {
    cache.delete(docId);
  } else {
    const ids = catalog.clausesOf(docId);
    entry = { ids, texts: ids.map((id) => normalizeText(catalog.text(id) ?? '').replace(/\s+/g, '')) };
    if (cache.size >= data.cacheDocuments) cache.delete(cache.keys().next().value!);
  }
  cache.set(docId, entry); // most recent last
  return entry;
}

/**
 * The ids of a document's hits (best first) and of the clauses retrieval missed, by focus, best
 * first; equal focus keeps retrieval's order (its hits before the clauses it missed); at most `limit`.
 */
export function focusOrder(catalog: ClauseCatalog, docId: string, hitIds: readonly string[], pieces: readonly string[], limit: number, keep: (id: string) => boolean): string[] {
  if (!pieces.length) return hitIds.slice(0, limit);
  const { ids, texts } = documentTexts(catalog, docId);
  const focus = focusWithin(texts, pieces);
  const focusOf = new Map<string, number>();
  ids.forEach((id, row) => focus[row] > 0 && focusOf.set(id, focus[row]));
  if (!focusOf.size) return hitIds.slice(0, limit);
  const missed = [...ids.keys()].filter((row) => focus[row] > 0 && keep(ids[row]!)).sort((a, b) => focus[b] - focus[a] || a - b).slice(0, limit).map((row) => ids[row]!);
  const pool = [...new Set([...hitIds, ...missed])];
  const at = new Map(pool.map((id, i) => [id, i]));
  return pool.sort((a, b) => (focusOf.get(b) ?? 0) - (focusOf.get(a) ?? 0) || at.get(a)! - at.get(b)!).slice(0, limit);
}
