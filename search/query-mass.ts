// How much of a query a piece of text holds, by character bigrams (and ASCII terms), each weighted
// by its IDF: rare pieces say more, and a piece the corpus lacks counts as the rarest, so a query the
// texts cannot answer in their own words (无人车: the texts have 无人机, never 人车) never looks
// covered. Bigrams rather than jieba words, because jieba drops single characters (车, 法) that
// change the meaning. English words all count alike (the corpus has no IDF for them).
import type { LexicalHit } from './lexical-index.js';
import type { TextTerms } from './tokenize.js';

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

  constructor(
    private readonly lexical: TermStatistics,
    query: string,
  ) {
    const analysed = lexical.analyzeQuery(query);
    const rarest = lexical.rarestIdf();
    for (const w of analysed.words) if (!CJK_START.test(w)) this.weights.set(w, lexical.idf(w) || rarest);
    for (const b of analysed.bigrams) this.weights.set(b, lexical.bigramIdf(b) || rarest);
    this.total = [...this.weights.values()].reduce((a, b) => a + b, 0);
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

  /** Share of the query the phrases hold together (a piece two phrases share counts once). */
  spannedByAll(texts: readonly string[]): number {
    const pieces = texts.flatMap((text) => {
      const analysed = this.lexical.analyze(text);
      return [...analysed.words, ...analysed.bigrams];
    });
    return this.share(pieces);
  }
}
