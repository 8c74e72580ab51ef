// Turns Chinese policy text into search terms: jieba words (with domain user words), ASCII terms
// kept whole (5G, IPv6, NB-IoT → "5g", "ipv6", "nb-iot") and CJK character bigrams as a
// fallback field for words jieba segments differently in the query and in the clause.
import { createRequire } from 'node:module';
import type { Jieba as JiebaType } from '@node-rs/jieba';

const require = createRequire(import.meta.url);

/** Terms of one text, per field of the lexical index. */
export interface TextTerms {
  /** jieba words (search mode: long words plus their dictionary sub-words) and ASCII terms. */
  words: string[];
  /** Overlapping CJK character bigrams of each CJK run. */
  bigrams: string[];
}

// Function words and boilerplate verbs of policy prose: they match almost every clause.
const STOP_WORDS = new Set(
  (
    '的 了 和 与 及 以及 或 或者 等 等等 在 对 对于 为 是 将 把 按 按照 要 以 并 并且 其 之 中 上 下 于 由 从 向 ' +
    '被 所 该 此 这 那 这些 那些 各 每 有 有关 相关 进行 开展 进一步 积极 不断 通过 围绕 ' +
    '我们 我国 一个 一批 一些 方面 工作 重点 主要 具有 能够 可以 应当 应 不 也 都 还 又 而 但 则 即 就 ' +
    '如 如何 什么 哪些 哪个 怎么 怎样 多少 吗 呢 吧 啊 哪 谁 是否 关于 the of and to in for a an on by with is are'
  ).split(/\s+/),
);

/** ASCII term: letters/digits joined by - . + inside (nb-iot, ipv6, 4.0). */
const ASCII_TERM = /[a-z0-9]+(?:[-.+][a-z0-9]+)*/g;
const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
const CJK_CHAR = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/;

/**
 * NFKC folds full-width letters/digits (５Ｇ → 5G) and compatibility forms; ASCII is lowercased
 * because term matching is case-blind and the BERT vocabularies have no capitals.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

export function isStopWord(term: string): boolean {
  return STOP_WORDS.has(term);
}

/** Lowercased ASCII terms of a text, in order (5G → "5g"). */
export function asciiTerms(normalized: string): string[] {
  return normalized.match(ASCII_TERM) ?? [];
}

/** Overlapping character bigrams of each CJK run; a lone CJK character is kept as a unigram. */
export function cjkBigrams(normalized: string): string[] {
  const out: string[] = [];
  for (const run of normalized.match(CJK_RUN) ?? []) {
    if (run.length === 1) out.push(run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/** Options of a tokenizer; user words are domain terms jieba must keep whole (智能网联汽车). */
export interface TokenizerOptions {
  userWords?: Iterable<string>;
}

export class Tokenizer {
  private readonly userWords: Set<string>;

  constructor(
    private readonly jieba: JiebaType,
    userWords: Set<string>,
  ) {
    this.userWords = userWords;
  }

  /** The user words this tokenizer was built with (persisted with the lexical index). */
  get userWordList(): string[] {
    return [...this.userWords].sort();
  }

  /** jieba words of the CJK runs plus ASCII terms, stop words and punctuation dropped. */
  wordTerms(normalized: string): string[] {
    const out: string[] = [];
    // Segment CJK runs only: jieba would split NB-IoT into NB / - / IoT.
    for (const run of normalized.match(CJK_RUN) ?? []) {
      for (const word of this.jieba.cutForSearch(run, true)) {
        // Single characters are too ambiguous as words; the bigram field covers them.
        if (word.length < 2 || STOP_WORDS.has(word) || !CJK_CHAR.test(word)) continue;
        out.push(word);
      }
    }
    for (const term of asciiTerms(normalized)) {
      if (!STOP_WORDS.has(term)) out.push(term);
    }
    return out;
  }

  /** Terms of a text for indexing or querying (both sides use the same analysis). */
  terms(text: string): TextTerms {
    const normalized = normalizeText(text);
    return { words: this.wordTerms(normalized), bigrams: cjkBigrams(normalized) };
  }

  /**
   * Terms of a query: as `terms`, but its bigrams never straddle a stop word, so 手游和网文 asks for
   * 手游 and 网文 and not for 和网 (which every "…和网络…" clause holds).
   */
  queryTerms(text: string): TextTerms {
    const normalized = normalizeText(text);
    const withoutStops = normalized.replace(CJK_RUN, (run) =>
      this.jieba
        .cut(run, true)
        .map((token) => (STOP_WORDS.has(token) ? ' ' : token))
        .join(''),
    );
    return { words: this.wordTerms(normalized), bigrams: cjkBigrams(withoutStops) };
  }

  /** Plain jieba segmentation (all tokens, punctuation included) for display and highlighting. */
  cut(text: string): string[] {
    return this.jieba.cut(normalizeText(text), true);
  }
}

/** User words as the tokenizer keeps them: normalised, at least two characters, no spaces, sorted. */
export function normalizeUserWords(words: Iterable<string>): string[] {
  const kept = new Set<string>();
  for (const word of words) {
    const cleaned = normalizeText(word).trim();
    // jieba's dictionary format is "word freq tag" per line: a word must not contain spaces.
    if (cleaned.length >= 2 && !/\s/.test(cleaned)) kept.add(cleaned);
  }
  return [...kept].sort();
}

let baseDictionary: Uint8Array | null = null;
const tokenizerCache = new Map<string, Tokenizer>();

/**
 * Tokenizer with jieba's default dictionary plus the given user words. Loading jieba takes
 * ~0.3 s, so instances are cached per user-word set.
 */
export function createTokenizer(options: TokenizerOptions = {}): Tokenizer {
  const userWords = new Set(normalizeUserWords(options.userWords ?? []));
  const key = [...userWords].join('\n');
  const cached = tokenizerCache.get(key);
  if (cached) return cached;

  const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  if (!baseDictionary) baseDictionary = (require('@node-rs/jieba/dict.js') as { dict: Uint8Array }).dict;
  const jieba = Jieba.withDict(baseDictionary);
  if (userWords.size > 0) {
    // A high frequency makes jieba prefer the whole domain term over its parts.
    const lines = [...userWords].map((w) => `${w} 200000 n`).join('\n');
    jieba.loadDict(Buffer.from(lines, 'utf8'));
  }
  const tokenizer = new Tokenizer(jieba, userWords);
  tokenizerCache.set(key, tokenizer);
  return tokenizer;
}
