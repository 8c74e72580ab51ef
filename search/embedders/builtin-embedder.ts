// An embedder that needs no model weights: signed feature hashing of TF-IDF-weighted character
// n-grams. Chinese has no spaces and policy vocabulary is compound (信息消费, 智能网联汽车), so
// overlapping 1–3 character grams capture words and their parts without a segmenter; ASCII
// terms (5G, IPv6, NB-IoT) count as whole features. IDF is fitted on the indexed corpus and
// persisted with the index (see corpus-fitted.ts).
import { createHash } from 'node:crypto';
import { PolicyGraphError } from '../../graph/errors.js';
import { asciiTerms, normalizeText } from '../tokenize.js';
import type { PassageRole } from '../types.js';
import type { CorpusFittedEmbedder } from './corpus-fitted.js';

export const BUILTIN_EMBEDDER_NAME = 'builtin:ngram-v1';
export const DEFAULT_BUILTIN_DIMENSION = 512;

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;

/** Relative weight of each feature kind: single characters are ambiguous, longer grams specific. */
const KIND_WEIGHT = { c1: 0.4, c2: 1, c3: 1.2, ascii: 1.5 } as const;

/** Caps the persisted document-frequency table; rarer grams fall back to the rare-feature IDF. */
const MAX_STORED_FEATURES = 400_000;

export interface BuiltinEmbedderOptions {
  dimension?: number;
}

interface BuiltinState {
  kind: typeof BUILTIN_EMBEDDER_NAME;
  dimension: number;
  documents: number;
  /** Document frequency of every feature seen in at least two passages. */
  df: Record<string, number>;
}

/** Features of a text with their raw counts, keyed "c2:信息" / "a:5g". */
export function ngramFeatures(text: string): Map<string, number> {
  const normalized = normalizeText(text);
  const counts = new Map<string, number>();
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const run of normalized.match(CJK_RUN) ?? []) {
    for (let i = 0; i < run.length; i++) {
      bump(`c1:${run[i]}`);
      if (i + 2 <= run.length) bump(`c2:${run.slice(i, i + 2)}`);
      if (i + 3 <= run.length) bump(`c3:${run.slice(i, i + 3)}`);
    }
  }
  for (const term of asciiTerms(normalized)) bump(`a:${term}`);
  return counts;
}

function kindWeight(feature: string): number {
  switch (feature.charCodeAt(1)) {
    case 0x31: // c1
      return KIND_WEIGHT.c1;
    case 0x32: // c2
      return KIND_WEIGHT.c2;
    case 0x33: // c3
      return KIND_WEIGHT.c3;
    default:
      return KIND_WEIGHT.ascii;
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
  private df = new Map<string, number>();
  private fingerprint = 'unfitted';

  constructor(options: BuiltinEmbedderOptions = {}) {
    this.dimension = options.dimension ?? DEFAULT_BUILTIN_DIMENSION;
    if (!Number.isInteger(this.dimension) || this.dimension < 16) {
      throw new PolicyGraphError('CONFIG', `built-in embedder dimension must be an integer ≥ 16, got ${options.dimension}`);
    }
    // The dimension changes the vector space, so a non-default one is part of the id.
    this.id = this.dimension === DEFAULT_BUILTIN_DIMENSION ? BUILTIN_EMBEDDER_NAME : `${BUILTIN_EMBEDDER_NAME}:d${this.dimension}`;
  }

  get stateFingerprint(): string {
    return this.fingerprint;
  }

  /** IDF with add-one smoothing; features seen in fewer than two passages share the rare value. */
  idf(feature: string): number {
    const df = this.df.get(feature) ?? 1;
    return Math.log((this.documents + 1) / (df + 1)) + 1;
  }

  fit(passages: string[]): void {
    const df = new Map<string, number>();
    for (const passage of passages) {
      for (const feature of ngramFeatures(passage).keys()) df.set(feature, (df.get(feature) ?? 0) + 1);
    }
    const kept = [...df].filter(([, count]) => count >= 2);
    if (kept.length > MAX_STORED_FEATURES) kept.sort((a, b) => b[1] - a[1]).length = MAX_STORED_FEATURES;
    this.documents = passages.length;
    this.df = new Map(kept);
    this.fingerprint = this.computeFingerprint();
  }

  private computeFingerprint(): string {
    const hash = createHash('sha256');
    hash.update(`${this.dimension}|${this.documents}|`);
    for (const [feature, count] of [...this.df].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      hash.update(`${feature}\t${count}\n`);
    }
    return hash.digest('hex').slice(0, 16);
  }

  exportState(): BuiltinState {
    return { kind: BUILTIN_EMBEDDER_NAME, dimension: this.dimension, documents: this.documents, df: Object.fromEntries(this.df) };
  }

  importState(state: unknown): void {
    const value = state as Partial<BuiltinState> | null;
    if (!value || value.kind !== BUILTIN_EMBEDDER_NAME || typeof value.documents !== 'number' || !value.df) {
      throw new PolicyGraphError('INDEX_MISMATCH', 'the stored built-in embedder state is unreadable: re-run policygraph ingest');
    }
    if (value.dimension !== this.dimension) {
      throw new PolicyGraphError(
        'INDEX_MISMATCH',
        `the index was built with ${value.dimension}-d built-in vectors, this embedder makes ${this.dimension}-d: re-run policygraph ingest`,
      );
    }
    this.documents = value.documents;
    this.df = new Map(Object.entries(value.df));
    this.fingerprint = this.computeFingerprint();
  }

  /** One normalised vector. Queries and passages share one space (no query prefix needed). */
  embedOne(text: string): Float32Array {
    const vector = new Float32Array(this.dimension);
    for (const [feature, count] of ngramFeatures(text)) {
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
