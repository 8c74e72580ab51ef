// The vectors a delta generation added (search/index-delta.ts), beside the HNSW graphs of the build
// it amends: few enough (search/data/delta-limits.json) to be searched exactly, so no graph is
// rebuilt or written for an add. Sparse vectors (the built-in embedder's) are searched through
// their own bucket lists with the same code the base uses, so their scores are the ones a rebuild
// would give; dense ones by a plain scan of unit vectors.
import { SparseVectors } from './sparse-vectors.js';

export interface SegmentHit {
  id: string;
  score: number;
}

export class VectorSegment {
  readonly dimension: number;
  private readonly ids: string[];
  /** Unit vectors, flat (row j is ids[j]'s). */
  private readonly unit: Float32Array;
  private readonly rowOf = new Map<string, number>();
  private readonly sparse: SparseVectors | null;

  constructor(dimension: number, ids: string[], vectors: Float32Array) {
    this.dimension = dimension;
    this.ids = ids;
    this.unit = new Float32Array(vectors.length);
    ids.forEach((id, row) => {
      this.rowOf.set(id, row);
      let norm = 0;
      for (let d = 0; d < dimension; d++) norm += vectors[row * dimension + d] ** 2;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 1;
      for (let d = 0; d < dimension; d++) this.unit[row * dimension + d] = vectors[row * dimension + d] * scale;
    });
    this.sparse = SparseVectors.build(dimension, ids.length, (row) => vectors.subarray(row * dimension, (row + 1) * dimension), (row) => row);
  }

  /** Live vectors (deleted ones are dropped from the id map). */
  get size(): number {
    return this.rowOf.size;
  }

  has(id: string): boolean {
    return this.rowOf.has(id);
  }

  liveIds(): string[] {
    return [...this.rowOf.keys()];
  }

  get(id: string): Float32Array | null {
    const row = this.rowOf.get(id);
    return row === undefined ? null : this.unit.slice(row * this.dimension, (row + 1) * this.dimension);
  }

  delete(id: string): boolean {
    return this.rowOf.delete(id);
  }

  /** Entries an exact search walks (added to the base's bucket-list cost when choosing exact or graph search). */
  cost(query: ArrayLike<number>): number {
    return this.sparse ? this.sparse.cost(query) : this.ids.length;
  }

  /**
   * The k nearest live vectors to `query` that `filter` accepts, by cosine. As the base's bucket
   * lists, a vector sharing no bucket with a sparse query (score 0) is not returned.
   */
  search(query: ArrayLike<number>, k: number, filter?: (id: string) => boolean): SegmentHit[] {
    const accept = (row: number) => this.rowOf.get(this.ids[row]) === row && (!filter || filter(this.ids[row]));
    let norm = 0;
    for (let d = 0; d < query.length; d++) norm += query[d] * query[d];
    if (!(norm > 0) || k <= 0) return [];
    const scale = 1 / Math.sqrt(norm);
    if (this.sparse) return this.sparse.search(query, k, accept).map((hit) => ({ id: this.ids[hit.label], score: hit.score * scale }));
    const hits: SegmentHit[] = [];
    for (let row = 0; row < this.ids.length; row++) {
      if (!accept(row)) continue;
      let dot = 0;
      for (let d = 0; d < this.dimension; d++) dot += this.unit[row * this.dimension + d] * query[d];
      hits.push({ id: this.ids[row], score: dot * scale });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, k);
  }
}

/** Two score-ordered hit lists as one, the first's hits ahead on ties (a rebuild gives base vectors the lower labels). */
export function mergeHits<T extends { score: number }>(first: T[], second: T[], k: number): T[] {
  if (!second.length) return first.slice(0, k);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (out.length < k && (i < first.length || j < second.length)) {
    if (j >= second.length || (i < first.length && first[i].score >= second[j].score)) out.push(first[i++]);
    else out.push(second[j++]);
  }
  return out;
}
