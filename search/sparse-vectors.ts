// Exact nearest-neighbour search for sparse vectors. The built-in embedder hashes a clause's
// features into a few of its buckets (a law clause sets ~60 of 384, a query ~8), so the dot product
// of a query with every stored vector needs only the stored entries of the query's own nonzero
// buckets: one list per bucket (label, value), walked for each nonzero of the query. That is exact
// (recall 1.0) and, for short queries, cheaper than an HNSW search at the ef real vectors need.
// Dense vectors (a transformers model) gain nothing from it: the caller keeps none for them.
import path from 'node:path';
import { PolicyGraphError } from '../graph/errors.js';
import { SectionFile, writeSections } from './binary-sections.js';

export const SPARSE_VECTORS_FILE = 'vectors.sparse.bin';
const FORMAT = 'policygraph-sparse-vectors';

/** Stored entries above this share of all buckets make the vectors too dense to gain from bucket lists. */
export const SPARSE_MAX_FILL = 0.5;

export interface SparseHit {
  label: number;
  score: number;
}

/** 1 / |v| (1 for a zero vector): vectors are stored unit length, so a dot product is their cosine. */
function inverseNorm(v: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  return sum > 0 ? 1 / Math.sqrt(sum) : 1;
}

export class SparseVectors {
  readonly dimension: number;
  /** Bucket d's entries are starts[d] .. starts[d + 1] of labels/values. */
  private starts: Uint32Array;
  /** All buckets' entries, flat; null while the lists are read bucket by bucket from their file (`stored`). */
  private flat: { labels: Uint32Array; values: Float32Array } | null = null;
  /** Each bucket's entries (views of `flat`, or read from `stored` when a query first needs the bucket). */
  private readonly bucketLabels: (Uint32Array | null)[];
  private readonly bucketValues: (Float32Array | null)[];
  /** The file the lists are read from by position (a loaded index), or null once they are all in memory. */
  private stored: SectionFile | null;
  /** Vectors added since the lists were built (an incremental upsert), searched entry by entry. */
  private pending: { label: number; buckets: Uint32Array; values: Float32Array }[] = [];
  private pendingEntries = 0;
  private scores = new Float32Array(0);
  /** Distinct vectors the bucket lists hold. */
  private readonly vectors: number;
  /** More than the highest label in the lists read so far and the pending vectors: the size the scratch arrays need and the labels a search visits. */
  private labelLimit = 0;

  private constructor(dimension: number, starts: Uint32Array, flat: { labels: Uint32Array; values: Float32Array } | SectionFile, vectors: number) {
    this.dimension = dimension;
    this.vectors = vectors;
    this.starts = starts;
    this.bucketLabels = new Array(dimension).fill(null);
    this.bucketValues = new Array(dimension).fill(null);
    if (flat instanceof SectionFile) {
      this.flat = null;
      // the limit grows as buckets are read: a query's nonzero scores are all in buckets it read
      this.stored = flat;
    } else {
      this.stored = null;
      this.useFlat(flat);
    }
  }

  /** Takes `flat` as the lists: every bucket a view of it, the label limit from its labels. */
  private useFlat(flat: { labels: Uint32Array; values: Float32Array }): void {
    this.flat = flat;
    for (let d = 0; d < this.dimension; d++) {
      this.bucketLabels[d] = flat.labels.subarray(this.starts[d], this.starts[d + 1]);
      this.bucketValues[d] = flat.values.subarray(this.starts[d], this.starts[d + 1]);
    }
    const { labels } = flat;
    for (let i = 0; i < labels.length; i++) if (labels[i] >= this.labelLimit) this.labelLimit = labels[i] + 1;
  }

  /** Every bucket's entries in memory (read whole from the file the first time): what compaction and saving walk. */
  private lists(): { labels: Uint32Array; values: Float32Array } {
    if (this.flat) return this.flat;
    const file = this.stored!;
    const labels = file.u32('labels');
    const bytes = file.bytes('values');
    this.useFlat({ labels, values: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4) });
    this.stored = null;
    file.close();
    return this.flat!;
  }

  /** Bucket d's entries, read by position the first time a query needs them. */
  private bucket(d: number): { labels: Uint32Array; values: Float32Array } {
    let labels = this.bucketLabels[d];
    let values = this.bucketValues[d];
    if (!labels || !values) {
      const file = this.stored!;
      const from = this.starts[d];
      const to = this.starts[d + 1];
      labels = file.u32Range('labels', from, to);
      const bytes = file.bytesRange('values', from * 4, to * 4);
      values = new Float32Array(bytes.buffer, bytes.byteOffset, to - from);
      for (let i = 0; i < labels.length; i++) if (labels[i] >= this.labelLimit) this.labelLimit = labels[i] + 1;
      this.bucketLabels[d] = labels;
      this.bucketValues[d] = values;
    }
    return { labels, values };
  }

  /** Closes the file lists are read from (a closed index's searches fail with a one-line error). */
  close(): void {
    this.stored?.close();
  }

  static empty(dimension: number): SparseVectors {
    return new SparseVectors(dimension, new Uint32Array(dimension + 1), { labels: new Uint32Array(0), values: new Float32Array(0) }, 0);
  }

  /** Bucket lists of `count` vectors, vector j under `labelOf(j)`; null when they are too dense to gain (counted before any list is allocated). */
  static build(dimension: number, count: number, vectorOf: (j: number) => ArrayLike<number>, labelOf: (j: number) => number): SparseVectors | null {
    const starts = new Uint32Array(dimension + 1);
    for (let j = 0; j < count; j++) {
      const v = vectorOf(j);
      for (let d = 0; d < dimension; d++) if (v[d] !== 0) starts[d + 1]++;
    }
    for (let d = 0; d < dimension; d++) starts[d + 1] += starts[d];
    if (!SparseVectors.worthKeeping(starts[dimension], count, dimension)) return null;
    const labels = new Uint32Array(starts[dimension]);
    const values = new Float32Array(starts[dimension]);
    const at = starts.slice(0, dimension);
    for (let j = 0; j < count; j++) {
      const v = vectorOf(j);
      const label = labelOf(j);
      const scale = inverseNorm(v);
      for (let d = 0; d < dimension; d++) {
        if (v[d] === 0) continue;
        labels[at[d]] = label;
        values[at[d]++] = v[d] * scale;
      }
    }
    return new SparseVectors(dimension, starts, { labels, values }, count);
  }

  /** Stored nonzero entries (the bucket lists and the pending vectors). */
  get entries(): number {
    return this.starts[this.dimension] + this.pendingEntries;
  }

  /** Whether vectors averaging this many entries each are sparse enough to keep lists for. */
  static worthKeeping(entries: number, vectors: number, dimension: number): boolean {
    return vectors === 0 || entries <= SPARSE_MAX_FILL * vectors * dimension;
  }

  /** Adds a vector (stored unit length) under a new label (a replaced one's old label is dropped by the caller's `live`). */
  add(label: number, vector: ArrayLike<number>): void {
    const buckets: number[] = [];
    const values: number[] = [];
    const scale = inverseNorm(vector);
    for (let d = 0; d < this.dimension; d++) {
      if (vector[d] === 0) continue;
      buckets.push(d);
      values.push(vector[d] * scale);
    }
    this.pending.push({ label, buckets: Uint32Array.from(buckets), values: Float32Array.from(values) });
    if (label >= this.labelLimit) this.labelLimit = label + 1;
    this.pendingEntries += buckets.length;
  }

  /** Entries an exact search for `query` walks: its cost, to choose between this and the graph. */
  cost(query: ArrayLike<number>): number {
    let cost = this.pending.length;
    for (let d = 0; d < this.dimension; d++) if (query[d] !== 0) cost += this.starts[d + 1] - this.starts[d];
    return cost;
  }

  /**
   * The k stored vectors with the highest dot product with `query` among those `accept`s (the
   * caller's live labels and filter; asked only of vectors that would enter the top k). Vectors
   * sharing no bucket with the query (dot product 0) are not returned.
   */
  search(query: ArrayLike<number>, k: number, accept: (label: number) => boolean): SparseHit[] {
    const scores = this.accumulate(query);
    const top: SparseHit[] = [];
    let floor = -Infinity;
    // every label is visited: the test that rejects nearly all of them (at or below the k-th score) comes first
    const limit = this.labelLimit;
    for (let label = 0; label < limit; label++) {
      const score = scores[label];
      if (score <= floor || score === 0 || !accept(label)) continue;
      let at = top.length;
      while (at > 0 && top[at - 1].score < score) at--;
      top.splice(at, 0, { label, score });
      if (top.length > k) top.pop();
      if (top.length === k) floor = top[k - 1].score;
    }
    return top;
  }

  /** query · vector for every label (0 where they share no bucket), in a scratch array reused by the next search. */
  private accumulate(query: ArrayLike<number>): Float32Array {
    // buckets still on disk are read first: they may raise the label limit
    if (this.stored) for (let d = 0; d < this.dimension; d++) if (query[d] !== 0) this.bucket(d);
    if (this.scores.length < this.labelLimit) this.scores = new Float32Array(this.labelLimit);
    const { bucketLabels, bucketValues, scores } = this;
    scores.fill(0, 0, this.labelLimit);
    for (let d = 0; d < this.dimension; d++) {
      const w = query[d];
      if (w === 0) continue;
      const labels = bucketLabels[d]!;
      const values = bucketValues[d]!;
      for (let p = 0, end = labels.length; p < end; p++) scores[labels[p]] += w * values[p];
    }
    for (const vector of this.pending) {
      let product = 0;
      for (let i = 0; i < vector.buckets.length; i++) product += query[vector.buckets[i]] * vector.values[i];
      scores[vector.label] += product;
    }
    return scores;
  }

  /** Distinct vectors in the bucket lists (pending ones not counted). */
  get listed(): number {
    return this.vectors;
  }

  /** Whether `compacted` would change anything for an index holding `live` vectors. */
  needsCompaction(live: number): boolean {
    return this.pending.length > 0 || this.vectors !== live;
  }

  /**
   * The lists rebuilt, bucket by bucket, from the stored and pending vectors whose label `keep`
   * accepts (drops replaced and deleted ones): typed arrays only, so an upload's compaction of
   * 100k clauses' lists stays a copy, not a rebuild.
   */
  compacted(keep: (label: number) => boolean): SparseVectors {
    const { labels: storedLabels, values: storedValues } = this.lists(); // first: reading them sets the label limit
    const kept = new Uint8Array(this.labelLimit);
    let vectors = 0;
    const visit = (label: number) => {
      if (kept[label] === 0) {
        kept[label] = keep(label) ? 1 : 2;
        if (kept[label] === 1) vectors++;
      }
      return kept[label] === 1;
    };
    const byBucket: { label: number; value: number }[][] = Array.from({ length: this.dimension }, () => []);
    for (const p of this.pending) {
      if (!visit(p.label)) continue;
      p.buckets.forEach((d, i) => byBucket[d].push({ label: p.label, value: p.values[i] }));
    }
    const starts = new Uint32Array(this.dimension + 1);
    for (let d = 0; d < this.dimension; d++) {
      let n = byBucket[d].length;
      for (let p = this.starts[d]; p < this.starts[d + 1]; p++) if (visit(storedLabels[p])) n++;
      starts[d + 1] = starts[d] + n;
    }
    const labels = new Uint32Array(starts[this.dimension]);
    const values = new Float32Array(starts[this.dimension]);
    let at = 0;
    for (let d = 0; d < this.dimension; d++) {
      for (let p = this.starts[d]; p < this.starts[d + 1]; p++) {
        if (kept[storedLabels[p]] !== 1) continue;
        labels[at] = storedLabels[p];
        values[at++] = storedValues[p];
      }
      for (const entry of byBucket[d]) {
        labels[at] = entry.label;
        values[at++] = entry.value;
      }
    }
    return new SparseVectors(this.dimension, starts, { labels, values }, vectors);
  }

  /** Writes the lists (pending vectors must have been folded in by `compacted`). */
  save(dir: string, generation: string | null): void {
    if (this.pending.length) throw new PolicyGraphError('CONFIG', 'sparse vectors have pending additions: save the compacted lists');
    const { labels, values } = this.lists();
    writeSections(path.join(dir, SPARSE_VECTORS_FILE), FORMAT, { generation, dimension: this.dimension, vectors: this.vectors }, {
      starts: { kind: 'u32', value: this.starts },
      labels: { kind: 'u32', value: labels },
      values: { kind: 'bytes', value: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) },
    });
  }

  /**
   * The lists saved in `dir`; null when there are none (an index from before them, or of dense
   * vectors). They are read by position, a bucket when a query first needs it (a query sets ~9 of
   * 384: ~1 MB of a 49 MB file at 102k law clauses), and stay in memory once read.
   */
  static load(dir: string, generation: string | null, dimension: number): SparseVectors | null {
    let file: SectionFile;
    try {
      file = SectionFile.open(path.join(dir, SPARSE_VECTORS_FILE), FORMAT);
    } catch (err) {
      if ((err as PolicyGraphError).code === 'INDEX_MISSING') return null;
      throw err;
    }
    try {
      if ((file.header.generation ?? null) !== generation || file.header.dimension !== dimension) {
        throw new PolicyGraphError('INDEX_MISMATCH', `${SPARSE_VECTORS_FILE} in ${dir} comes from another build than the vector index: re-run policygraph ingest`);
      }
      const starts = file.u32('starts');
      const entries = starts[dimension];
      if (starts.length !== dimension + 1 || file.sectionLength('labels') !== entries * 4 || file.sectionLength('values') !== entries * 4) {
        throw new PolicyGraphError('INDEX_MISMATCH', `${path.join(dir, SPARSE_VECTORS_FILE)} is inconsistent: re-run policygraph ingest`);
      }
      for (let d = 0; d < dimension; d++) {
        if (starts[d] > starts[d + 1]) throw new PolicyGraphError('INDEX_MISMATCH', `${path.join(dir, SPARSE_VECTORS_FILE)} is inconsistent: re-run policygraph ingest`);
      }
      return new SparseVectors(dimension, starts, file, Number(file.header.vectors ?? 0));
    } catch (err) {
      file.close();
      throw err;
    }
  }
}
