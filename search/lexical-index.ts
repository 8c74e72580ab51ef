// BM25 over two fields: jieba words + ASCII terms (the main field) and CJK character bigrams (a
// lighter fallback field that still matches when the query segments a phrase differently from
// the clause). Persisted as one binary file (binary-sections.ts: ids, and per field its sorted
// terms, varint posting runs and slot lengths) whose posting lists are decoded lazily.
import { PolicyGraphError } from '../graph/errors.js';
import { SectionFile, writeSections, type Section } from './binary-sections.js';
import { Field, type PostingList, type StoredField } from './lexical-postings.js';
import { createTokenizer, type TextTerms, type Tokenizer } from './tokenize.js';
import { LruCache } from './lru-cache.js';

export interface LexicalHit {
  id: string;
  score: number;
  /** Query terms found in the clause (words; bigrams only when no whole word matched). */
  terms: string[];
  /** Query words and CJK bigrams found in the clause, per field. */
  matched: { words: string[]; bigrams: string[] };
}

export interface LexicalIndexOptions {
  /** Domain words jieba keeps whole (theme and agency names…). */
  userWords?: Iterable<string>;
  /** BM25 term-frequency saturation. */
  k1?: number;
  /** BM25 length normalisation. */
  b?: number;
  /** Weight of the bigram field relative to the word field. */
  bigramWeight?: number;
}

const FORMAT = 'policygraph-lexical';
/** Texts whose analysis is kept: a few pages of candidates' clauses (~2 KB each). */
const ANALYSED_TEXTS = 4096;
const VERSION = 3; // 2: varint posting lists; 3: binary file, sorted terms

interface LexicalHeader {
  version: number;
  params: { k1: number; b: number; bigramWeight: number };
  userWords: string[];
  /** Tag of the build that wrote the file (index-store matches it across files). */
  generation: string | null;
}

interface SerializedIndex extends LexicalHeader {
  ids: string[];
  fields: { words: StoredField; bigrams: StoredField };
}

const FIELD_NAMES = ['words', 'bigrams'] as const;

/** Per field, how many deleted clauses held each term. */
export interface TombstonedTerms {
  words: Map<string, number>;
  bigrams: Map<string, number>;
}

export class LexicalIndex {
  readonly k1: number;
  readonly b: number;
  readonly bigramWeight: number;
  readonly tokenizer: Tokenizer;
  /** Clause id of each slot; null marks a deleted slot awaiting compaction. */
  private slots: (string | null)[] = [];
  private readonly slotOf = new Map<string, number>();
  private words: Field;
  private bigrams: Field;
  /** Deleted slots not yet compacted away (searches skip them). */
  private deleted = 0;
  /** Per-query scores, all zero between searches (a search clears what it touched). */
  private scratch: Float64Array | null = null;
  /** Bit per slot: which slots the current search scored (their scores are positive), zero between searches. */
  private touched: Uint32Array | null = null;
  /** Recent analyses by text (shared and frozen: callers read them only). */
  private readonly analysed = new LruCache<string, TextTerms>(ANALYSED_TEXTS);
  /** Build tag read from disk, or given to the last save. */
  generation: string | null = null;

  private constructor(options: LexicalIndexOptions, serialized?: SerializedIndex) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.bigramWeight = options.bigramWeight ?? 0.3;
    this.tokenizer = createTokenizer({ userWords: options.userWords });
    this.words = new Field(serialized?.fields.words);
    this.bigrams = new Field(serialized?.fields.bigrams);
    if (serialized) {
      this.generation = serialized.generation ?? null;
      this.slots = serialized.ids;
      serialized.ids.forEach((id, slot) => this.slotOf.set(id, slot));
    }
  }

  static create(options: LexicalIndexOptions = {}): LexicalIndex {
    return new LexicalIndex(options);
  }

  /** Number of live clauses. */
  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  ids(): string[] {
    return [...this.slotOf.keys()];
  }

  /** Terms of a text as this index analyses it (for highlighting and shared-phrase display). */
  analyze(text: string): TextTerms {
    // queries weigh the texts of their candidates (query-mass.ts): the same clauses come back, and jieba is the cost
    let terms = this.analysed.get(text);
    if (!terms) {
      const fresh = this.tokenizer.terms(text);
      terms = Object.freeze({ words: Object.freeze(fresh.words) as string[], bigrams: Object.freeze(fresh.bigrams) as string[] });
      this.analysed.set(text, terms);
    }
    return terms;
  }

  /** Terms of a query as `search` analyses it (bigrams do not straddle stop words). */
  analyzeQuery(text: string): TextTerms {
    return this.tokenizer.queryTerms(text);
  }

  /** Adds a clause, replacing any earlier text under the same id. */
  add(id: string, text: string): void {
    this.addTerms(id, this.tokenizer.terms(text));
  }

  /** Adds a clause already analysed by this index's tokenizer (a delta generation stores its clauses' terms: no jieba at load). */
  addTerms(id: string, terms: TextTerms): void {
    if (this.slotOf.has(id)) this.delete(id);
    const slot = this.slots.length;
    this.slots.push(id);
    this.slotOf.set(id, slot);
    this.words.add(slot, terms.words);
    this.bigrams.add(slot, terms.bigrams);
  }

  /** Adds new clauses already analysed by this index's tokenizer, in one pass per field (a delta generation's, at load). */
  addAnalysed(clauses: { id: string; terms: TextTerms }[]): void {
    const fresh = clauses.filter((c) => !this.slotOf.has(c.id));
    for (const c of clauses) if (this.slotOf.has(c.id)) this.addTerms(c.id, c.terms);
    const slots = fresh.map((c) => {
      const slot = this.slots.length;
      this.slots.push(c.id);
      this.slotOf.set(c.id, slot);
      return slot;
    });
    this.words.addMany(slots, fresh.map((c) => c.terms.words));
    this.bigrams.addMany(slots, fresh.map((c) => c.terms.bigrams));
  }

  /** Removes a clause; returns whether it was there. */
  delete(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.slots[slot] = null;
    this.deleted++;
    this.words.remove(slot);
    this.bigrams.remove(slot);
    return true;
  }

  /**
   * Removes clauses a tombstone list names (search/tombstones.ts), with how many of them held each
   * term: BM25's N, average length and every document frequency then leave them out, as a rebuild would.
   */
  deleteTombstoned(ids: Iterable<string>, termCounts: TombstonedTerms): void {
    for (const id of ids) this.delete(id);
    for (const [term, count] of termCounts.words) this.words.forgetPostings(term, count);
    for (const [term, count] of termCounts.bigrams) this.bigrams.forgetPostings(term, count);
  }

  /** How many of `texts` hold each word and bigram, as this index analyses them (what deleteTombstoned needs). */
  termCounts(texts: Iterable<string>): TombstonedTerms {
    return termCountsOf(this.tokenizer, texts);
  }

  /** The clause ids a stored index holds, read without decoding its fields or starting jieba (what a deletion needs). */
  static readIds(file: string): Set<string> {
    return new Set(SectionFile.read(file, FORMAT).strings('ids'));
  }

  /** Inverse document frequency of a word as BM25 weighs it (0 for unknown words). */
  idf(word: string): number {
    const df = this.words.documentFrequency(word);
    return df ? this.idfOf(df) : 0;
  }

  /** Inverse document frequency of a CJK bigram (0 for unknown bigrams). */
  bigramIdf(bigram: string): number {
    const df = this.bigrams.documentFrequency(bigram);
    return df ? this.idfOf(df) : 0;
  }

  /** The IDF of a word found in a single clause: what a word the corpus lacks would weigh at most. */
  rarestIdf(): number {
    return this.idfOf(1);
  }

  /**
   * Whether the texts seem to use a phrase themselves: every ASCII word and every CJK bigram of it
   * occurs somewhere (no positions are kept, so this is a cheap approximation of phrase presence).
   */
  uses(phrase: string): boolean {
    const { words, bigrams } = this.tokenizer.terms(phrase);
    const ascii = words.filter((w) => /^[a-z0-9]/.test(w));
    if (!ascii.length && !bigrams.length) return false;
    const occurs = (field: Field, term: string) => field.documentFrequency(term) > 0;
    return ascii.every((w) => occurs(this.words, w)) && bigrams.every((b) => occurs(this.bigrams, b));
  }

  private idfOf(documentFrequency: number): number {
    const n = Math.max(this.size, documentFrequency);
    return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  /** Adds one field's BM25 contribution for `terms` into `scores`, marks the slots in `touched`; returns the postings walked. */
  private scoreField(field: Field, terms: string[], weight: number, scores: Float64Array, touched: Uint32Array): number {
    const live = this.size;
    if (live === 0 || weight === 0) return 0;
    let walked = 0;
    const norms = field.lengthNorms(this.k1, this.b, live);
    const k1Plus1 = this.k1 + 1;
    const dead = this.deleted > 0 ? this.slots : null;
    for (const term of terms) {
      const list: PostingList | undefined = field.get(term);
      if (!list) continue;
      const idfWeight = this.idfOf(field.documentFrequency(term)) * weight * k1Plus1;
      const { data, length } = list;
      walked += length >> 1;
      for (let i = 0; i < length; i += 2) {
        const slot = data[i];
        if (dead && dead[slot] === null) continue;
        const tf = data[i + 1];
        scores[slot] += (idfWeight * tf) / (tf + norms[slot]);
        touched[slot >>> 5] |= 1 << (slot & 31);
      }
    }
    return walked;
  }

  /** The per-query score buffer and touched bits, reused across queries (all zero: the last search cleared them). */
  private buffers(): { scores: Float64Array; touched: Uint32Array } {
    const n = this.slots.length;
    if (!this.scratch || !this.touched || this.scratch.length < n) {
      this.scratch = new Float64Array(Math.max(n, Math.ceil(n * 1.25)));
      this.touched = new Uint32Array(Math.ceil(this.scratch.length / 32));
    }
    return { scores: this.scratch, touched: this.touched };
  }

  /**
   * The k best clauses for a query. `filter` is checked while selecting the top k, so a filtered
   * query still returns k hits when k clauses pass it.
   */
  search(query: string, k: number, filter?: (id: string) => boolean): LexicalHit[] {
    if (k <= 0 || this.size === 0) return [];
    const analysed = this.tokenizer.queryTerms(query);
    const words = [...new Set(analysed.words)];
    const bigrams = [...new Set(analysed.bigrams)];
    const { scores, touched } = this.buffers();
    const count = this.slots.length;
    let top: { slot: number; score: number }[];
    let walked = count;
    try {
      walked = this.scoreField(this.words, words, 1, scores, touched) + this.scoreField(this.bigrams, bigrams, this.bigramWeight, scores, touched);
      // an implied term or a rare word touches a few hundred clauses: visit those, not every slot
      top = selectTop(scores, count, k, (slot) => {
        const id = this.slots[slot];
        return id !== null && (!filter || filter(id));
      }, walked * 2 < count ? touched : undefined);
    } finally {
      clearTouched(scores, touched, count, walked * 2 < count);
    }
    return top.map(({ slot, score }) => {
      // only the k hits need to know which terms they hold: a binary search per term and hit
      const matched = {
        words: words.filter((w) => this.words.get(w)?.has(slot)),
        bigrams: bigrams.filter((b) => this.bigrams.get(b)?.has(slot)),
      };
      return { id: this.slots[slot] as string, score, terms: matched.words.length ? matched.words : matched.bigrams, matched };
    });
  }

  /** Renumbers slots densely, dropping deleted clauses (done before every save). */
  compact(): void {
    if (this.slotOf.size === this.slots.length) return;
    const newSlot = new Int32Array(this.slots.length).fill(-1);
    const kept: string[] = [];
    this.slots.forEach((id, slot) => {
      if (id === null) return;
      newSlot[slot] = kept.length;
      kept.push(id);
    });
    this.words.compact(newSlot, kept.length);
    this.bigrams.compact(newSlot, kept.length);
    this.slots = kept;
    this.deleted = 0;
    this.slotOf.clear();
    kept.forEach((id, slot) => this.slotOf.set(id, slot));
  }

  /** The index in its stored form (compacted first). */
  serialize(): SerializedIndex {
    this.compact();
    return {
      version: VERSION,
      params: { k1: this.k1, b: this.b, bigramWeight: this.bigramWeight },
      userWords: this.tokenizer.userWordList,
      generation: this.generation,
      ids: this.slots as string[],
      fields: { words: this.words.serialize(), bigrams: this.bigrams.serialize() },
    };
  }

  /** Writes the index to `file` atomically, tagged with `generation` when given. */
  save(file: string, generation?: string): void {
    if (generation !== undefined) this.generation = generation;
    const { fields, ids, ...header } = this.serialize();
    const sections: Record<string, Section> = { ids: { kind: 'strings', value: ids } };
    for (const name of FIELD_NAMES) {
      const field = fields[name];
      sections[`${name}.terms`] = { kind: 'strings', value: field.terms };
      sections[`${name}.offsets`] = { kind: 'u32', value: field.offsets };
      sections[`${name}.postings`] = { kind: 'bytes', value: field.bytes };
      sections[`${name}.lengths`] = { kind: 'u32', value: field.lengths };
    }
    writeSections(file, FORMAT, { ...header }, sections);
  }

  /** The build tag and the tokenizer of the index in `file`, without decoding its postings or ids (an add analyses its new texts with it). */
  static readAnalyser(file: string): { generation: string | null; tokenizer: Tokenizer } {
    const header = SectionFile.read(file, FORMAT).header as Partial<LexicalHeader>;
    return { generation: header.generation ?? null, tokenizer: createTokenizer({ userWords: header.userWords ?? [] }) };
  }

  static load(file: string): LexicalIndex {
    const stored = SectionFile.read(file, FORMAT);
    const header = stored.header as Partial<LexicalHeader>;
    if (header.version !== VERSION) {
      throw new PolicyGraphError(
        'INDEX_MISMATCH',
        `lexical index ${file} has format version ${header.version}, this PolicyGraph reads ${VERSION}: re-run policygraph ingest`,
      );
    }
    const field = (name: string): StoredField => ({
      terms: stored.strings(`${name}.terms`),
      offsets: stored.u32(`${name}.offsets`),
      bytes: stored.bytes(`${name}.postings`),
      lengths: stored.u32(`${name}.lengths`),
    });
    const serialized: SerializedIndex = {
      version: VERSION,
      params: header.params ?? { k1: 1.2, b: 0.75, bigramWeight: 0.3 },
      userWords: header.userWords ?? [],
      generation: header.generation ?? null,
      ids: stored.strings('ids'),
      fields: { words: field('words'), bigrams: field('bigrams') },
    };
    return new LexicalIndex({ ...serialized.params, userWords: serialized.userWords }, serialized);
  }
}

/** How many of `texts` hold each word and bigram as `tokenizer` analyses them (each term once per text, as postings count). */
export function termCountsOf(tokenizer: Tokenizer, texts: Iterable<string>): TombstonedTerms {
  const counts: TombstonedTerms = { words: new Map(), bigrams: new Map() };
  for (const text of texts) {
    const terms = tokenizer.terms(text);
    for (const word of new Set(terms.words)) counts.words.set(word, (counts.words.get(word) ?? 0) + 1);
    for (const bigram of new Set(terms.bigrams)) counts.bigrams.set(bigram, (counts.bigrams.get(bigram) ?? 0) + 1);
  }
  return counts;
}

/**
 * The k highest positive scores whose slot passes `accept`, best first (min-heap selection), slots
 * visited in ascending order (ties keep the lower slot): every slot, or only those set in `touched`
 * when given (the others score 0). It runs for every BM25 list of every query: the heap lives in
 * typed arrays and its smallest score in a local, so a slot that cannot enter costs one comparison.
 */
export function selectTop(scores: Float64Array, count: number, k: number, accept: (slot: number) => boolean, touched?: Uint32Array): { slot: number; score: number }[] {
  const heapSlots = new Int32Array(k);
  const heapScores = new Float64Array(k);
  let size = 0;
  let floor = 0; // the heap's smallest score once it is full: scores at or below it are passed over
  const offer = (slot: number, score: number) => {
    if (score <= floor || !accept(slot)) return;
    if (size < k) {
      // sift up
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heapScores[parent] <= score) break;
        heapScores[i] = heapScores[parent];
        heapSlots[i] = heapSlots[parent];
        i = parent;
      }
      heapScores[i] = score;
      heapSlots[i] = slot;
      if (size === k) floor = heapScores[0];
      return;
    }
    // replace the smallest and sift down (swapping only with a strictly smaller child)
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      let smallestScore = score;
      if (left < k && heapScores[left] < smallestScore) {
        smallest = left;
        smallestScore = heapScores[left];
      }
      if (right < k && heapScores[right] < smallestScore) smallest = right;
      if (smallest === i) break;
      heapScores[i] = heapScores[smallest];
      heapSlots[i] = heapSlots[smallest];
      i = smallest;
    }
    heapScores[i] = score;
    heapSlots[i] = slot;
    floor = heapScores[0];
  };
  if (touched) {
    for (let word = 0, words = Math.ceil(count / 32); word < words; word++) {
      for (let bits = touched[word]; bits !== 0; bits &= bits - 1) {
        const slot = word * 32 + 31 - Math.clz32(bits & -bits);
        if (slot < count && scores[slot] > floor) offer(slot, scores[slot]);
      }
    }
  } else {
    for (let slot = 0; slot < count; slot++) if (scores[slot] > floor) offer(slot, scores[slot]);
  }
  const top: { slot: number; score: number }[] = [];
  for (let i = 0; i < size; i++) top.push({ slot: heapSlots[i], score: heapScores[i] });
  return top.sort((a, b) => b.score - a.score || a.slot - b.slot);
}

/** Zeroes the scores and bits a search touched: slot by slot when few were (`sparse`), else whole. */
function clearTouched(scores: Float64Array, touched: Uint32Array, count: number, sparse: boolean): void {
  if (!sparse) {
    scores.fill(0, 0, count);
    touched.fill(0, 0, Math.ceil(count / 32));
    return;
  }
  for (let word = 0, words = Math.ceil(count / 32); word < words; word++) {
    for (let bits = touched[word]; bits !== 0; bits &= bits - 1) scores[word * 32 + 31 - Math.clz32(bits & -bits)] = 0;
    touched[word] = 0;
  }
}
