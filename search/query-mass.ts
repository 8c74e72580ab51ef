// How much of a query a piece of text holds, by character bigrams (and ASCII terms), each weighted
// by its IDF: rare pieces say more, and a piece the corpus lacks counts as the rarest, so a query the
// texts cannot answer in their own words (无人车: the texts have 无人机, never 人车) never looks
// covered. Bigrams rather than jieba words, because jieba drops single characters (车, 法) that
// change the meaning. English words all count alike (the corpus has no IDF for them).
import type { LexicalHit } from './lexical-index.js';
import { asciiTerms, cjkBigrams, normalizeText, type TextTerms } from './tokenize.js';

/** What QueryMass reads: analysis and IDF (a LexicalIndex, or catalog-term-statistics.ts where there is none). */
export interface TermStatistics {
  analyze(text: string): TextTerms;
  analyzeQuery(text: string): TextTerms;
  idf(word: string): number;
  bigramIdf(bigram: string): number;
  rarestIdf(): number;
}

const CJK_START = /^[\u3400-\u9fff\uf900-\ufaff]/;

export class QueryMass {
  private readonly weights = new Map<string, number>();
  private readonly total: number;
  /** The pieces by how a text is checked for them: CJK bigrams by substring, lone CJK characters and ASCII words against the text's terms. */
  private readonly bigrams: [string, number][] = [];
  private readonly unigrams: [string, number][] = [];
  private readonly asciiWords: [string, number][] = [];

  constructor(
    lexical: TermStatistics,
    query: string,
  ) {
    const analysed = lexical.analyzeQuery(query);
    const rarest = lexical.rarestIdf();
    for (const w of analysed.words) if (!CJK_START.test(w)) this.weights.set(w, lexical.idf(w) || rarest);
    for (const b of analysed.bigrams) this.weights.set(b, lexical.bigramIdf(b) || rarest);
    this.total = [...this.weights.values()].reduce((a, b) => a + b, 0);
    for (const [piece, weight] of this.weights) {
      if (!CJK_START.test(piece)) this.asciiWords.push([piece, weight]);
      else (piece.length === 2 ? this.bigrams : this.unigrams).push([piece, weight]);
    }
  }

  /** Whether the query has any piece to weigh (a query of stop words has none). */
  get empty(): boolean {
    return this.total <= 0;
  }

  /** Share of the query's mass in `pieces` (ASCII words and bigrams). */
  share(pieces: Iterable<string>): number {
    if (this.total <= 0) return 0;
    let held = 0;
    for (const piece of new Set(pieces)) held += this.weights.get(piece) ?? 0;
    return held / this.total;
  }

  /** Share of the query a BM25 hit holds. */
  coverage(hit: LexicalHit): number {
    return this.share([...hit.matched.words, ...hit.matched.bigrams]);
  }

  /** Share of the query a text (a phrase of it, or a whole clause) holds. */
  spanned(text: string): number {
    return this.spannedByAll([text]);
  }

  /**
   * Share of the query the phrases hold together (a piece two phrases share counts once): the
   * pieces of the texts as the index analyses them (analyze), without analysing them. A query's
   * pieces are ASCII words and CJK bigrams; jieba's words of a text are CJK, and those of two
   * characters are among its bigrams too, so a text holds a bigram exactly when its normalised
   * form contains it (two adjacent CJK characters are one run). Candidates are weighed so on every
   * query: jieba on each candidate's text was a fifth of a warm query.
   */
  spannedByAll(texts: readonly string[]): number {
    if (this.total <= 0) return 0;
    const normalized = texts.map(normalizeText);
    let ascii: Set<string> | null = null;
    let lone: Set<string> | null = null;
    let held = 0;
    for (const [piece, weight] of this.bigrams) if (normalized.some((t) => t.includes(piece))) held += weight;
    if (this.unigrams.length) {
      lone = new Set(normalized.flatMap(cjkBigrams).filter((b) => b.length === 1));
      for (const [piece, weight] of this.unigrams) if (lone.has(piece)) held += weight;
    }
    if (this.asciiWords.length) {
      ascii = new Set(normalized.flatMap(asciiTerms));
      for (const [piece, weight] of this.asciiWords) if (ascii.has(piece)) held += weight;
    }
    return held / this.total;
  }
}
