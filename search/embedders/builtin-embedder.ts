// An embedder that needs no model weights: signed feature hashing of TF-IDF-weighted features.
// - CJK character bigrams: Chinese has no spaces and policy vocabulary is compound (信息消费,
//   智能网联汽车), so overlapping bigrams capture words and their parts without a segmenter.
//   Unigrams and trigrams were measured to hurt: they add hash collisions faster than signal.
// - ASCII terms whole (5G, IPv6, NB-IoT).
// - Dictionary concepts (concepts.ts): names, aliases, English names and synonyms of themes,
//   agencies and regions map to one feature, which gives the dense side matches no n-gram can.
// IDF is fitted on the indexed corpus and persisted with the index (see corpus-fitted.ts).
import { createHash } from 'node:crypto';
import { PolicyGraphError } from '../../graph/errors.js';
import { asciiTerms, normalizeText } from '../tokenize.js';
import type { PassageRole } from '../types.js';
import type { ConceptMatcher } from './concepts.js';
import { dictionaryConcepts } from './concepts.js';
import type { CorpusFittedEmbedder, StateSections, StoredStateSections } from './corpus-fitted.js';
import { FeatureFrequencies } from './feature-frequencies.js';

export const BUILTIN_EMBEDDER_NAME = 'builtin:ngram-v1';
/**
 * Chosen on the seed evaluation (npx policygraph eval --corpus seeds, both query sets, 2026-12-01):
 * hybrid nDCG@10 256 → 0.935 / 0.938, 384 → 0.943 / 0.948, 768 → 0.938 / 0.945 (tuned / held-out);
 * dense alone loses to collisions (0.642 / 0.514, 0.676 / 0.542, 0.729 / 0.626). Hybrid is what
 * search serves, and 384 halves the vectors' memory, disk and HNSW cost against 768.
 */
export const DEFAULT_BUILTIN_DIMENSION = 384;

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/** Relative weight of each feature kind. */
const WEIGHT = { bigram: 1, lone: 0.5, ascii: 1.5, concept: 2 } as const;

/** Caps the persisted document-frequency table; rarer features fall back to the rare-feature IDF. */
const MAX_STORED_FEATURES = 400_000;

// Question and function phrases: rare in policy prose (so IDF would rate them highly) but they
// carry no topic. They are cut out before n-gramming, which also stops grams spanning them.
const FUNCTION_PHRASES = /什么时候|为什么|是多少|有多少|有哪些|有没有|是什么|是否|多少|什么|哪些|哪个|哪里|怎么样|怎么|怎样|如何|请问|的|吗|呢|吧/g;

function sectionDigest(features: Uint8Array, counts: Uint8Array): string {
  return createHash('sha256').update(features).update(counts).digest('hex').slice(0, 32);
}

export function stripFunctionPhrases(text: string): string {
  return text.replace(FUNCTION_PHRASES, ' ');
}

export interface BuiltinEmbedderOptions {
  dimension?: number;
  /** Concept vocabulary; default the curated dictionaries; null for none. */
  concepts?: ConceptMatcher | null;
}

interface BuiltinState {
  kind: typeof BUILTIN_EMBEDDER_NAME;
  dimension: number;
  concepts: string | null;
  documents: number;
  /** Document frequency of every feature seen in at least two passages. */
  df: Record<string, number>;
}

/** The header of the binary state (embedder-state.bin); the table itself is two sections, features and counts. */
interface BuiltinStateHeader {
  kind: typeof BUILTIN_EMBEDDER_NAME;
  dimension: number;
  concepts: string | null;
  documents: number;
  fingerprint: string;
  /** sha256 of the features and counts sections as written: checked at open instead of recomputing the fingerprint. */
  digest: string;
}

/** Character and ASCII features of a text with their counts, keyed "b:信息" / "u:网" / "a:5g". */
export function ngramFeatures(text: string): Map<string, number> {
  const normalized = stripFunctionPhrases(normalizeText(text));
  const counts = new Map<string, number>();
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const run of normalized.match(CJK_RUN) ?? []) {
    if (run.length === 1) bump(`u:${run}`);
    for (let i = 0; i + 2 <= run.length; i++) bump(`b:${run.slice(i, i + 2)}`);
  }
  for (const term of asciiTerms(normalized)) bump(`a:${term}`);
  return counts;
}

function kindWeight(feature: string): number {
  switch (feature[0]) {
    case 'b':
      return WEIGHT.bigram;
    case 'u':
      return WEIGHT.lone;
    case 'a':
      return WEIGHT.ascii;
    default:
      return WEIGHT.concept;
  }
}

/** FNV-1a over UTF-16 code units followed by murmur3's finaliser, so low and high bits both mix. */
export function hashFeature(feature: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class BuiltinEmbedder implements CorpusFittedEmbedder {
  readonly dimension: number;
  readonly id: string;
  private documents = 0;
  private df = FeatureFrequencies.empty();
  private fingerprint = 'unfitted';
  private conceptMatcher: ConceptMatcher | null | undefined;
  /** What the caller passed as concepts (undefined: the dictionaries, loaded lazily). */
  private readonly conceptsGiven: ConceptMatcher | null | undefined;

  constructor(options: BuiltinEmbedderOptions = {}) {
    this.dimension = options.dimension ?? DEFAULT_BUILTIN_DIMENSION;
    if (!Number.isInteger(this.dimension) || this.dimension < 16) {
      throw new PolicyGraphError('CONFIG', `built-in embedder dimension must be an integer ≥ 16, got ${options.dimension}`);
    }
    this.conceptMatcher = options.concepts;
    this.conceptsGiven = options.concepts;
    // The dimension changes the vector space, so a non-default one is part of the id.
    this.id = this.dimension === DEFAULT_BUILTIN_DIMENSION ? BUILTIN_EMBEDDER_NAME : `${BUILTIN_EMBEDDER_NAME}:d${this.dimension}`;
  }

  /**
   * How another thread can build the same embedder (parallel-embed.ts), or null when it cannot:
   * a caller-supplied concept matcher does not cross threads.
   */
  get threadSpec(): { dimension: number; concepts: 'dictionaries' | 'none' } | null {
    if (this.conceptsGiven === undefined) return { dimension: this.dimension, concepts: 'dictionaries' };
    if (this.conceptsGiven === null) return { dimension: this.dimension, concepts: 'none' };
    return null;
  }

  /** The concept vocabulary, loaded on first use (the dictionaries are read once per process). */
  private get concepts(): ConceptMatcher | null {
    if (this.conceptMatcher === undefined) this.conceptMatcher = dictionaryConcepts();
    return this.conceptMatcher;
  }

  get stateFingerprint(): string {
    return this.fingerprint;
  }

  /** All features of a text with their counts: n-grams, ASCII terms and concepts ("k:<id>"). */
  features(text: string): Map<string, number> {
    const counts = ngramFeatures(text);
    for (const concept of this.concepts?.match(text) ?? []) {
      const key = `k:${concept}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  /** IDF with add-one smoothing; features seen in fewer than two passages share the rare value. */
  idf(feature: string): number {
    const df = this.df.get(feature) ?? 1;
    return Math.log((this.documents + 1) / (df + 1)) + 1;
  }

  fit(passages: string[]): void {
    const df = new Map<string, number>();
    for (const passage of passages) {
      for (const feature of this.features(passage).keys()) df.set(feature, (df.get(feature) ?? 0) + 1);
    }
    const kept = [...df].filter(([, count]) => count >= 2);
    if (kept.length > MAX_STORED_FEATURES) kept.sort((a, b) => b[1] - a[1]).length = MAX_STORED_FEATURES;
    this.documents = passages.length;
    this.df = FeatureFrequencies.fromPairs(kept);
    this.fingerprint = this.computeFingerprint();
  }

  /** Digest of the fitted state (the table is kept sorted, so nothing is sorted here). */
  private computeFingerprint(): string {
    return this.df.fingerprint(`${this.dimension}|${this.concepts?.fingerprint ?? 'no-concepts'}|${this.documents}|`);
  }

  exportState(): BuiltinState {
    return {
      kind: BUILTIN_EMBEDDER_NAME,
      dimension: this.dimension,
      concepts: this.concepts?.fingerprint ?? null,
      documents: this.documents,
      df: this.df.toRecord(),
    };
  }

  importState(state: unknown): void {
    const value = state as Partial<BuiltinState> | null;
    if (!value || value.kind !== BUILTIN_EMBEDDER_NAME || typeof value.documents !== 'number' || !value.df) {
      throw new PolicyGraphError('INDEX_MISMATCH', 'the stored built-in embedder state is unreadable: re-run policygraph ingest');
    }
    this.checkCompatible(value);
    this.documents = value.documents;
    this.df = FeatureFrequencies.fromPairs(Object.entries(value.df));
    this.fingerprint = this.computeFingerprint();
  }

  /** The state as the binary index file stores it: the sorted table as two sections, the rest in the header. */
  exportSections(): StateSections {
    const features = Buffer.from(this.df.features.join('\n'), 'utf8');
    const counts = new Uint8Array(this.df.counts.buffer, this.df.counts.byteOffset, this.df.counts.byteLength);
    const header: BuiltinStateHeader = {
      kind: BUILTIN_EMBEDDER_NAME,
      dimension: this.dimension,
      concepts: this.concepts?.fingerprint ?? null,
      documents: this.documents,
      fingerprint: this.fingerprint,
      digest: sectionDigest(features, counts),
    };
    return {
      header: { ...header },
      sections: { features: { kind: 'strings', value: [...this.df.features] }, counts: { kind: 'u32', value: this.df.counts } },
    };
  }

  /**
   * Restores the state `exportSections` wrote, as stored: the table stays sorted arrays (no Map,
   * no sort) and the fingerprint is the header's, trusted because the sections' bytes hash to the
   * digest written beside it (one pass over ~2 MB, where recomputing the fingerprint walks every entry).
   */
  importSections(stored: StoredStateSections): void {
    const header = stored.header as Partial<BuiltinStateHeader>;
    if (header.kind !== BUILTIN_EMBEDDER_NAME || typeof header.documents !== 'number' || typeof header.fingerprint !== 'string' || typeof header.digest !== 'string') {
      throw new PolicyGraphError('INDEX_MISMATCH', 'the stored built-in embedder state is unreadable: re-run policygraph ingest');
    }
    this.checkCompatible(header);
    if (sectionDigest(stored.raw('features'), stored.raw('counts')) !== header.digest) {
      throw new PolicyGraphError('INDEX_MISMATCH', 'the stored built-in embedder state does not match its digest (a damaged file?): re-run policygraph ingest');
    }
    const features = stored.strings('features');
    const counts = stored.u32('counts');
    if (features.length !== counts.length) {
      throw new PolicyGraphError('INDEX_MISMATCH', 'the stored built-in embedder state is damaged (features and counts differ in number): re-run policygraph ingest');
    }
    this.documents = header.documents;
    this.df = new FeatureFrequencies(features, counts);
    this.fingerprint = header.fingerprint;
  }

  /** A stored state must come from an embedder of the same dimension and concept vocabulary. */
  private checkCompatible(value: { dimension?: number; concepts?: string | null }): void {
    if (value.dimension !== this.dimension) {
      throw new PolicyGraphError(
        'INDEX_MISMATCH',
        `the index was built with ${value.dimension}-d built-in vectors, this embedder makes ${this.dimension}-d: re-run policygraph ingest`,
      );
    }
    const concepts = this.concepts?.fingerprint ?? null;
    if ((value.concepts ?? null) !== concepts) {
      throw new PolicyGraphError(
        'INDEX_MISMATCH',
        `the dictionaries changed since the search index was built (${value.concepts ?? 'none'} → ${concepts ?? 'none'}): re-run policygraph ingest`,
      );
    }
  }

  /** One normalised vector. Queries and passages share one space (no query prefix needed). */
  embedOne(text: string): Float32Array {
    const vector = new Float32Array(this.dimension);
    for (const [feature, count] of this.features(text)) {
      const weight = (1 + Math.log(count)) * this.idf(feature) * kindWeight(feature);
      const h = hashFeature(feature);
      // Signed hashing: colliding features cancel on average instead of piling up.
      vector[h % this.dimension] += h & 0x80000000 ? -weight : weight;
    }
    let norm = 0;
    for (let i = 0; i < vector.length; i++) norm += vector[i] * vector[i];
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] /= norm;
    return vector;
  }

  async embed(texts: string[], _options: { as: PassageRole }): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text));
  }
}
