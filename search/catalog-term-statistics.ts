// The term statistics the absolute score weighs a query with (query-mass.ts: BM25's IDF of each
// CJK bigram and ASCII word), where no local BM25 index exists: the "neo4j" retrieval mode, whose
// fulltext scores are Lucene's and not comparable with ours. Document frequencies are counted over
// the clause catalog's texts (the same clauses the local index would hold), with the same tokenizer
// and the same IDF formula as lexical-index.ts, one query piece at a time and cached: a piece costs
// one pass over the texts the first time any query asks for it.
import type { ClauseCatalog } from './clause-catalog.js';
import type { TermStatistics } from './query-mass.js';
import { normalizeText, type TextTerms, type Tokenizer } from './tokenize.js';

/** Pieces whose document frequency is kept (a query has a few dozen; this bounds a long-running server). */
const CACHE_LIMIT = 50_000;

export class CatalogTermStatistics implements TermStatistics {
  private texts: string[] | null = null;
  private readonly frequencies = new Map<string, number>();

  constructor(
    private readonly catalog: ClauseCatalog,
    private readonly tokenizer: Tokenizer,
  ) {}

  analyze(text: string): TextTerms {
    return this.tokenizer.terms(text);
  }

  analyzeQuery(text: string): TextTerms {
    return this.tokenizer.queryTerms(text);
  }

  idf(word: string): number {
    return this.idfOf(this.documentFrequency(word.toLowerCase()));
  }

  bigramIdf(bigram: string): number {
    return this.idfOf(this.documentFrequency(bigram));
  }

  rarestIdf(): number {
    return this.formula(1);
  }

  /** Clauses whose normalised text holds `piece` (a bigram, or an ASCII word as a substring). */
  private documentFrequency(piece: string): number {
    const known = this.frequencies.get(piece);
    if (known !== undefined) return known;
    this.texts ??= [...this.catalog.allClauses()].map((c) => normalizeText(c.text).toLowerCase());
    let count = 0;
    for (const text of this.texts) if (text.includes(piece)) count++;
    if (this.frequencies.size >= CACHE_LIMIT) this.frequencies.clear();
    this.frequencies.set(piece, count);
    return count;
  }

  /** 0 for a piece no clause holds, as LexicalIndex.idf (QueryMass then weighs it as the rarest). */
  private idfOf(documentFrequency: number): number {
    return documentFrequency ? this.formula(documentFrequency) : 0;
  }

  /** BM25's IDF, as lexical-index.ts computes it. */
  private formula(documentFrequency: number): number {
    const n = Math.max(this.catalog.size, documentFrequency);
    return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }
}
