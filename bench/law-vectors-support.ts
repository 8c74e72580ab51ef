// Real clause vectors for the benchmarks: the shared laws corpus parsed by the ingest parser and
// embedded by the built-in embedder (fitted on the sample, as ingest fits it on the corpus).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCorpus } from '../ingest/parse-corpus.js';
import { BuiltinEmbedder } from '../search/embedders/index.js';
import { clauseIndexText } from '../search/index-store.js';
import { seededRandom } from './search-bench-support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LAWS_CORPUS = path.resolve(ROOT, '..', 'shared', 'corpora', 'laws');

/** The laws corpus directory, or exits with a one-line reason when it is absent. */
export function lawsCorpusOrExit(dir = LAWS_CORPUS): string {
  if (!fs.existsSync(dir)) {
    console.log(`skipped: the laws corpus is not at ${dir}`);
    process.exit(0);
  }
  return dir;
}

export interface LawVectors {
  /** Row-major unit vectors, `count` × `dimension`. */
  data: Float32Array;
  count: number;
  queries: Float32Array[];
  dimension: number;
  /** Clauses parsed in the corpus (before sampling). */
  parsed: number;
  parseSeconds: number;
  embedSeconds: number;
  /** The embedder fitted on the sample (to embed other queries in the same space). */
  embedder: BuiltinEmbedder;
}

/**
 * `size` clauses for the index and `queryCount` other clauses as queries (the SIMILAR_TO pass asks
 * the index with clause vectors), drawn at random from the corpus with a fixed seed.
 */
export async function lawVectors(options: { size: number; queryCount: number; dimension: number; corpus?: string }): Promise<LawVectors> {
  const t0 = performance.now();
  const corpus = await parseCorpus([lawsCorpusOrExit(options.corpus)]);
  const parseSeconds = (performance.now() - t0) / 1000;
  const texts = corpus.batch.clauses.map((c) => clauseIndexText(c)).filter((t) => t.replace(/\s+/g, '').length >= 8);
  const random = seededRandom(7);
  for (let i = texts.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [texts[i], texts[j]] = [texts[j], texts[i]];
  }
  const count = Math.min(options.size, texts.length - options.queryCount);
  const sample = texts.slice(0, count + options.queryCount);
  const t1 = performance.now();
  const embedder = new BuiltinEmbedder({ dimension: options.dimension });
  embedder.fit(sample.slice(0, count));
  const data = new Float32Array(count * options.dimension);
  for (let i = 0; i < count; i++) data.set(embedder.embedOne(sample[i]), i * options.dimension);
  const queries = sample.slice(count).map((t) => embedder.embedOne(t));
  return { data, count, queries, dimension: options.dimension, parsed: corpus.batch.clauses.length, parseSeconds, embedSeconds: (performance.now() - t1) / 1000, embedder };
}
