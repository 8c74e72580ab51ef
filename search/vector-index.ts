// Approximate nearest-neighbour search over clause vectors with hnswlib-node (cosine space).
// hnswlib knows only integer labels, so the index keeps a clause-id ↔ label map and writes it in
// vectors.ids.bin (binary: ids and labels), with the embedder that made the vectors in the small
// vectors.meta.json, beside vectors.hnsw.
//
// A large index is split into shards (label mod shards), built side by side on two threads
// (search/parallel-hnsw.ts: hnswlib-node inserts one point at a time on the calling thread) and
// searched together: each shard's k best, merged. Shard 0 is vectors.hnsw, shard s vectors.s<s>.hnsw.
//
// Sparse vectors (the built-in embedder's) are also kept by bucket (search/sparse-vectors.ts,
// vectors.sparse.bin): a query whose exact scan is cheap — a short query touches few buckets — is
// answered exactly from them, others (long drafts, the bulk SIMILAR_TO pass) by the graphs.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { HierarchicalNSW as HierarchicalNSWType } from 'hnswlib-node';
import { PolicyGraphError } from '../graph/errors.js';
import { writeFileAtomic, writeJsonAtomic } from './atomic-file.js';
import { SectionFile, writeSections } from './binary-sections.js';
import { SPARSE_VECTORS_FILE, SparseVectors } from './sparse-vectors.js';
import { VectorSegment, mergeHits } from './vector-segment.js';

const require = createRequire(import.meta.url);

export const VECTOR_FILE = 'vectors.hnsw';
export const VECTOR_META_FILE = 'vectors.meta.json';
export const VECTOR_IDS_FILE = 'vectors.ids.bin';

/**
 * Defaults measured on real vectors (built-in embedder at 384-d). At 50k law clauses
 * (bench/hnsw.ts --data laws) M 16 / efConstruction 100 reached recall@10 0.859 at ef 64 and
 * 0.951 at ef 256; M 32 / efConstruction 200 0.981 at ef 256 at 2.4× the build. Short queries are
 * answered exactly from the bucket lists, so the graphs serve the longer queries and the bulk
 * SIMILAR_TO pass. On all 102,552 law clauses (two shards, bench/scale.ts's queries, 9,128 clauses'
 * exact SIMILAR_TO neighbours) M 16 / efConstruction 100 against M 32 / 100: build 49 against 67
 * CPU s, recall@10 as served 0.991 against 0.992 (the graph-served queries 0.974 against 0.977),
 * the SIMILAR_TO pass at ef 32 469 against 627 µs a clause for 0.965 against 0.976 of the exact
 * edges. M 16 / efConstruction 64 builds in 31 CPU s but falls to 0.981 as served (0.942 graph-served).
 */
export const DEFAULT_HNSW = { M: 16, efConstruction: 100, efSearch: 256 } as const;

/**
 * Most bucket-list entries an exact search may walk before the graphs answer instead: ~3.6 ms of
 * CPU at this budget. On 99k law clauses (bench/vector-exact.ts, loaded machine) every eval query
 * is within it (p50 9 buckets, 160k entries, 1.1 ms CPU; p99 3.0 ms) and half the clause-length
 * queries; an HNSW search at ef 256 took ~2.3 ms CPU for recall 0.95–0.98.
 */
export const EXACT_SCAN_BUDGET = 1_000_000;

const FORMAT = 'policygraph-vectors';
const IDS_FORMAT = 'policygraph-vector-ids';
const VERSION = 2; // 2: ids and labels in vectors.ids.bin

export interface VectorIndexParams {
  /** Id of the embedder whose vectors the index holds (Embedder.id). */
  embedderId: string;
  /** Model name, for display (e.g. Xenova/bge-small-zh-v1.5); null for the built-in embedder. */
  model?: string | null;
  dimension: number;
  /** Graph degree: higher improves recall and memory use. */
  M?: number;
  efConstruction?: number;
  /** Candidate-list size at query time (at least k is always used). */
  efSearch?: number;
  /** Initial capacity; the index doubles itself when full. */
  capacity?: number;
  /** HNSW graphs the vectors are split over (label mod shards); 1 unless built on several threads. */
  shards?: number;
}

export interface VectorIndexMeta {
  format: typeof FORMAT;
  version: number;
  embedderId: string;
  model: string | null;
  dimension: number;
  space: 'cosine';
  M: number;
  efConstruction: number;
  efSearch: number;
  /** Live vectors. */
  count: number;
  maxElements: number;
  nextLabel: number;
  /** Free-form tag a caller writes with the index (index-store uses it to match files of one build). */
  generation: string | null;
  /** HNSW graphs (absent in files from before shards: 1). */
  shards?: number;
}

export interface VectorHit {
  id: string;
  /** Cosine similarity (1 − hnswlib's cosine distance). */
  score: number;
}

export interface LoadVectorIndexOptions {
  /** The embedder the caller will query with; a different one than built the index is an error. */
  embedderId: string;
  /**
   * When the HNSW graphs are read: now (default: builds, which change them), in the background on
   * libuv's threads (servers: ready sooner, graphs in soon after), or on demand, when a search first
   * needs them (one-shot commands: most queries are answered exactly from the bucket lists).
   */
  graphs?: GraphLoading;
}

export type GraphLoading = 'now' | 'background' | 'on-demand';

/** The file of shard `shard` (shard 0 keeps the name of an unsharded index). */
export function shardFile(shard: number): string {
  return shard === 0 ? VECTOR_FILE : `vectors.s${shard}.hnsw`;
}

export interface HnswInit {
  dimension: number;
  M: number;
  efConstruction: number;
  capacity: number;
}

/** An empty hnswlib graph with PolicyGraph's settings (also used by the build workers). */
export function createHnsw(init: HnswInit): HierarchicalNSWType {
  const { HierarchicalNSW } = loadHnswlib();
  const hnsw = new HierarchicalNSW('cosine', init.dimension);
  // allowReplaceDeleted: a replaced or new vector may reuse a deleted one's slot, so churn does not grow the file.
  hnsw.initIndex({ maxElements: Math.max(16, init.capacity), m: init.M, efConstruction: init.efConstruction, randomSeed: 100, allowReplaceDeleted: true });
  return hnsw;
}

/** Inserts vector j of `vectors` (flat, `dimension` wide) under labels[j], in order. */
export function fillHnsw(hnsw: HierarchicalNSWType, vectors: Float32Array, labels: Uint32Array, dimension: number, onProgress?: (done: number) => void): void {
  if (hnsw.getMaxElements() < hnsw.getCurrentCount() + labels.length) hnsw.resizeIndex(hnsw.getCurrentCount() + labels.length);
  const point = new Array<number>(dimension);
  for (let j = 0; j < labels.length; j++) {
    for (let d = 0; d < dimension; d++) point[d] = vectors[j * dimension + d];
    hnsw.addPoint(point, labels[j]);
    if (onProgress && (j + 1) % 5000 === 0) onProgress(j + 1);
  }
}

/** Reads a saved hnswlib graph (a shard a build worker wrote). */
export function readHnsw(file: string, dimension: number): HierarchicalNSWType {
  const { HierarchicalNSW } = loadHnswlib();
  const hnsw = new HierarchicalNSW('cosine', dimension);
  hnsw.readIndexSync(file, true);
  return hnsw;
}

function loadHnswlib(): typeof import('hnswlib-node') {
  return require('hnswlib-node') as typeof import('hnswlib-node');
}

/** "builtin:ngram-v1" → "builtin"; "transformers:Xenova/…" → "transformers". */
function embedderKind(embedderId: string): string {
  return embedderId.split(':')[0] || embedderId;
}

/** Deletes the graphs' native indexes (re-initialising one to a single element frees the old one). */
function freeGraphs(shards: HierarchicalNSWType[]): void {
  for (const shard of shards) shard.initIndex({ maxElements: 1 });
}

export class VectorIndex {
  readonly embedderId: string;
  readonly model: string | null;
  readonly dimension: number;
  readonly M: number;
  readonly efConstruction: number;
  efSearch: number;
  /** The HNSW graphs, or null while they are still being read (see LoadVectorIndexOptions.graphs). */
  private shards: HierarchicalNSWType[] | null;
  private readonly shardTotal: number;
  /** Set by dispose(): the graphs are freed and none are read any more. */
  private disposed = false;
  /** Reads the graphs of an index opened without them (once), and labels deleted before they arrived. */
  private graphLoad: { read: () => Promise<HierarchicalNSWType[]>; started: Promise<void> | null; failed: unknown; deleted: number[] } | null = null;
  /** Live vectors per shard (a shard's getCurrentCount also counts deleted slots). */
  private readonly live: number[];
  private readonly labelOf = new Map<string, number>();
  private readonly idOf = new Map<number, string>();
  private nextLabel = 0;
  /** The vectors by bucket for exact search; null for dense vectors or an index saved without them. */
  private sparse: SparseVectors | null = null;
  /** Vectors a delta generation added, searched exactly beside the graphs (search/vector-segment.ts). */
  private segment: VectorSegment | null = null;

  private constructor(params: Required<Omit<VectorIndexParams, 'capacity' | 'shards'>>, shards: HierarchicalNSWType[] | null, shardTotal = shards?.length ?? 1) {
    this.embedderId = params.embedderId;
    this.model = params.model;
    this.dimension = params.dimension;
    this.M = params.M;
    this.efConstruction = params.efConstruction;
    this.efSearch = params.efSearch;
    this.shards = shards;
    this.shardTotal = shardTotal;
    this.live = Array.from({ length: shardTotal }, () => 0);
  }

  static create(params: VectorIndexParams): VectorIndex {
    if (!Number.isInteger(params.dimension) || params.dimension <= 0) {
      throw new PolicyGraphError('CONFIG', `vector dimension must be a positive integer, got ${params.dimension}`);
    }
    const full = {
      embedderId: params.embedderId,
      model: params.model ?? null,
      dimension: params.dimension,
      M: params.M ?? DEFAULT_HNSW.M,
      efConstruction: params.efConstruction ?? DEFAULT_HNSW.efConstruction,
      efSearch: params.efSearch ?? DEFAULT_HNSW.efSearch,
    };
    const count = params.shards ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new PolicyGraphError('CONFIG', `vector index shards must be a positive integer, got ${params.shards}`);
    const capacity = Math.ceil((params.capacity ?? 1024) / count);
    const shards = Array.from({ length: count }, () => createHnsw({ dimension: full.dimension, M: full.M, efConstruction: full.efConstruction, capacity }));
    const index = new VectorIndex(full, shards);
    index.sparse = SparseVectors.empty(full.dimension);
    return index;
  }

  /** Number of HNSW graphs the vectors are split over. */
  get shardCount(): number {
    return this.shardTotal;
  }

  /** The graphs; an index opened without them must be awaited (`whenGraphsLoaded`) before anything needs them. */
  private graphs(): HierarchicalNSWType[] {
    if (this.shards) return this.shards;
    if (this.disposed) throw new PolicyGraphError('INDEX_MISSING', 'this vector index was closed (its service was replaced): open the data dir again');
    if (this.graphLoad?.failed) throw this.graphLoad.failed;
    throw new PolicyGraphError('INDEX_MISSING', 'the HNSW graphs of this vector index are still being read: await whenGraphsLoaded() first');
  }

  private shardOf(label: number): HierarchicalNSWType {
    return this.graphs()[label % this.shardTotal];
  }

  /** Whether the graphs are in memory (an index opened in the background or on demand may still be reading them). */
  get graphsLoaded(): boolean {
    return this.shards !== null;
  }

  /**
   * Frees the graphs' native memory now instead of whenever the collector gets to their wrappers (V8
   * does not see hnswlib's memory, so a server replacing services on each upload would grow): each
   * graph is re-initialised to one element, which deletes the old native index. A read still in
   * flight is freed when it lands. The index answers nothing from its graphs afterwards.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.shards) freeGraphs(this.shards);
    this.shards = null;
    // the bucket lists' file descriptor closes now, not whenever the collector reaches the lists
    this.sparse?.close();
    this.sparse = null;
    // a read in flight frees what it read when it lands; nobody waits for it any more
    this.graphLoad?.started?.catch(() => undefined);
    this.graphLoad = null;
  }

  /** Resolves once the graphs are in memory, starting their read if it waited for a need. */
  whenGraphsLoaded(): Promise<void> {
    const load = this.graphLoad;
    if (this.shards || !load) return Promise.resolve();
    load.started ??= load.read().then(
      (shards) => {
        if (this.disposed) return freeGraphs(shards);
        for (const label of load.deleted) shards[label % this.shardTotal].markDelete(label);
        this.shards = shards;
        this.graphLoad = null;
      },
      (err: unknown) => {
        load.failed = err;
        throw err;
      },
    );
    return load.started;
  }

  /**
   * Resolves when `search(vector, …)` can run: at once when the bucket lists answer it exactly,
   * else when the graphs are in. `ef` as search's (an explicit ef always asks the graphs).
   */
  async readyFor(vector: ArrayLike<number>, ef?: number): Promise<void> {
    if (this.shards || (ef === undefined && this.answersExactly(vector))) return;
    await this.whenGraphsLoaded();
  }

  private answersExactly(vector: ArrayLike<number>): boolean {
    return this.sparse !== null && this.sparse.cost(vector) + (this.segment?.cost(vector) ?? 0) <= EXACT_SCAN_BUDGET;
  }

  /** Adds a delta generation's vectors as an exact segment (ids the stored graphs do not hold; loaded indexes only, never saved). */
  attachSegment(segment: VectorSegment): void {
    if (segment.dimension !== this.dimension) this.checkVector({ length: segment.dimension }, 'the delta segment');
    for (const id of segment.liveIds()) if (this.labelOf.has(id)) throw new PolicyGraphError('INDEX_MISMATCH', `the delta segment repeats clause ${id} of the stored vectors: re-run policygraph ingest`);
    this.segment = segment;
  }

  /**
   * Fills an empty index with `ids` (vector i of `vectors`, flat) the way `build` fills each shard:
   * shard s gets labels i with i mod shards = s. `build(shard, labels)` returns the filled graph
   * of that shard (on another thread, or here by `fillShard`). `vectorOf(i)` is vector i, for the
   * bucket lists (built here once the graphs are filled).
   */
  async bulkLoad(ids: string[], build: (shard: number, labels: Uint32Array) => Promise<HierarchicalNSWType>, vectorOf: (i: number) => Float32Array): Promise<void> {
    if (this.labelOf.size || this.nextLabel) throw new PolicyGraphError('CONFIG', 'bulkLoad fills an empty vector index only');
    const count = this.shardTotal;
    const shards = this.graphs();
    const built = await Promise.all(
      shards.map((_, shard) => build(shard, Uint32Array.from({ length: Math.ceil((ids.length - shard) / count) }, (_, j) => shard + j * count))),
    );
    built.forEach((hnsw, shard) => (shards[shard] = hnsw));
    this.sparse = SparseVectors.build(this.dimension, ids.length, vectorOf, (i) => i);
    ids.forEach((id, label) => {
      this.labelOf.set(id, label);
      this.idOf.set(label, id);
      this.live[label % count]++;
    });
    this.nextLabel = ids.length;
  }

  /** Number of live vectors. */
  get size(): number {
    return this.labelOf.size + (this.segment?.size ?? 0);
  }

  /** The underlying hnswlib index of shard 0 (labels, not clause ids): for benchmarks and diagnostics only. */
  get native(): HierarchicalNSWType {
    return this.graphs()[0];
  }

  get capacity(): number {
    return this.graphs().reduce((sum, h) => sum + h.getMaxElements(), 0);
  }

  /** Slots held by deleted vectors, reusable by later additions. */
  get deletedCount(): number {
    return this.graphs().reduce((sum, h, s) => sum + h.getCurrentCount() - this.live[s], 0);
  }

  has(id: string): boolean {
    return this.labelOf.has(id) || (this.segment?.has(id) ?? false);
  }

  ids(): string[] {
    return this.segment ? [...this.labelOf.keys(), ...this.segment.liveIds()] : [...this.labelOf.keys()];
  }

  private checkVector(vector: ArrayLike<number>, what: string): void {
    if (vector.length !== this.dimension) {
      throw new PolicyGraphError(
        'INDEX_MISMATCH',
        `${what} has ${vector.length} dimensions, the index holds ${this.dimension}-d vectors of ${this.embedderId}`,
      );
    }
  }

  /** Grows the capacity to at least `count` at once (doubling from 1,024 re-allocates a dozen times on a big build). */
  reserve(count: number): void {
    const perShard = Math.ceil(count / this.shardTotal);
    for (const hnsw of this.graphs()) if (perShard > hnsw.getMaxElements()) hnsw.resizeIndex(perShard);
  }

  /** Adds a vector, or replaces the one stored under the same id (old label marked deleted). */
  upsert(id: string, vector: ArrayLike<number>): void {
    this.checkVector(vector, `vector for ${id}`);
    this.delete(id);
    const label = this.nextLabel++;
    const s = label % this.shardTotal;
    const hnsw = this.graphs()[s];
    const reuse = hnsw.getCurrentCount() > this.live[s];
    if (!reuse && hnsw.getCurrentCount() >= hnsw.getMaxElements()) hnsw.resizeIndex(hnsw.getMaxElements() * 2);
    hnsw.addPoint(Array.from(vector), label, reuse);
    this.sparse?.add(label, vector);
    this.labelOf.set(id, label);
    this.idOf.set(label, id);
    this.live[s]++;
    // dense vectors (a transformers model) gain nothing from bucket lists: stop keeping them
    if (this.sparse && this.size % 1024 === 0 && !SparseVectors.worthKeeping(this.sparse.entries, this.size, this.dimension)) this.sparse = null;
  }

  /** Alias of upsert for readers who think in add/replace. */
  add(id: string, vector: ArrayLike<number>): void {
    this.upsert(id, vector);
  }

  /** Marks a vector deleted; returns whether it was there. */
  delete(id: string): boolean {
    const label = this.labelOf.get(id);
    if (label === undefined) return this.segment?.delete(id) ?? false;
    // deleted before the graphs arrived (tombstones applied at open): marked when they do
    if (this.shards) this.shardOf(label).markDelete(label);
    else this.graphLoad?.deleted.push(label);
    this.labelOf.delete(id);
    this.idOf.delete(label);
    this.live[label % this.shardTotal]--;
    return true;
  }

  /** The stored (normalised) vector of a clause, or null. */
  get(id: string): Float32Array | null {
    const label = this.labelOf.get(id);
    if (label === undefined) return this.segment?.get(id) ?? null;
    return Float32Array.from(this.shardOf(label).getPoint(label));
  }

  /** Bucket-list entries an exact search for `vector` would walk; null when there are no bucket lists. */
  exactCost(vector: ArrayLike<number>): number | null {
    return this.sparse ? this.sparse.cost(vector) + (this.segment?.cost(vector) ?? 0) : null;
  }

  /**
   * The k nearest clauses to `vector`: exact from the bucket lists when that is cheap (at most
   * EXACT_SCAN_BUDGET entries), else from the graphs at efSearch. `filter` runs inside either
   * search (hnswlib's filter callback), so it keeps walking until it has k clauses that pass,
   * rather than filtering k results afterwards and returning fewer; the exact search returns
   * only clauses sharing a bucket with the query (the others score 0). `ef` asks the graphs at
   * that candidate-list size whatever the cost (the bulk SIMILAR_TO pass, recall benchmarks).
   */
  search(vector: ArrayLike<number>, k: number, filter?: (id: string) => boolean, ef?: number): VectorHit[] {
    const stored = this.searchStored(vector, k, filter, ef);
    if (!this.segment) return stored;
    return mergeHits(stored, this.segment.search(vector, Math.min(Math.floor(k), this.size), filter), Math.min(Math.floor(k), this.size));
  }

  private searchStored(vector: ArrayLike<number>, k: number, filter?: (id: string) => boolean, ef?: number): VectorHit[] {
    this.checkVector(vector, 'query vector');
    const wanted = Math.min(Math.floor(k), this.size);
    if (wanted <= 0) return [];
    let norm = 0;
    for (let i = 0; i < vector.length; i++) norm += vector[i] * vector[i];
    if (!(norm > 0)) return []; // an empty query has no direction to compare
    if (ef === undefined && this.sparse && this.answersExactly(vector)) {
      const accept = (label: number) => {
        const id = this.idOf.get(label);
        return id !== undefined && (!filter || filter(id));
      };
      const scale = 1 / Math.sqrt(norm); // stored vectors are unit length: the query's length is divided out here
      return this.sparse.search(vector, wanted, accept).map((hit) => ({ id: this.idOf.get(hit.label)!, score: hit.score * scale }));
    }
    const graphEf = ef ?? this.efSearch;
    const labelFilter = filter
      ? (label: number) => {
          const id = this.idOf.get(label);
          return id !== undefined && filter(id);
        }
      : undefined;
    const query = Array.from(vector);
    const hits: VectorHit[] = [];
    const shards = this.graphs();
    shards.forEach((hnsw, s) => {
      const inShard = Math.min(wanted, this.live[s]);
      if (inShard <= 0) return;
      hnsw.setEf(Math.max(graphEf, inShard));
      const { neighbors, distances } = hnsw.searchKnn(query, inShard, labelFilter);
      neighbors.forEach((label, i) => {
        const id = this.idOf.get(label);
        if (id !== undefined) hits.push({ id, score: 1 - distances[i] });
      });
    });
    if (shards.length > 1) hits.sort((a, b) => b.score - a.score);
    return hits.length > wanted ? hits.slice(0, wanted) : hits;
  }

  meta(generation: string | null = null): VectorIndexMeta {
    return {
      format: FORMAT,
      version: VERSION,
      embedderId: this.embedderId,
      model: this.model,
      dimension: this.dimension,
      space: 'cosine',
      M: this.M,
      efConstruction: this.efConstruction,
      efSearch: this.efSearch,
      count: this.size,
      maxElements: this.capacity,
      nextLabel: this.nextLabel,
      generation,
      shards: this.shardTotal,
    };
  }

  /** Writes vectors.hnsw, vectors.ids.bin, then vectors.meta.json into `dir`, each through a temporary file and a rename. */
  save(dir: string, generation: string | null = null): void {
    if (this.segment) throw new PolicyGraphError('CONFIG', 'a vector index with a delta segment is saved by folding the segment in (upsert), never as it is loaded');
    this.saveSparse(dir, generation);
    this.graphs().forEach((hnsw, s) => writeFileAtomic(path.join(dir, shardFile(s)), (temporary) => hnsw.writeIndexSync(temporary)));
    const ids: string[] = [];
    const labels = new Uint32Array(this.labelOf.size);
    for (const [id, label] of this.labelOf) {
      labels[ids.length] = label;
      ids.push(id);
    }
    writeSections(path.join(dir, VECTOR_IDS_FILE), IDS_FORMAT, { generation }, { ids: { kind: 'strings', value: ids }, labels: { kind: 'u32', value: labels } });
    writeJsonAtomic(path.join(dir, VECTOR_META_FILE), this.meta(generation));
  }

  /** Writes the bucket lists of the live vectors, or none (removing a stale file) when the vectors are too dense to gain. */
  private saveSparse(dir: string, generation: string | null): void {
    const file = path.join(dir, SPARSE_VECTORS_FILE);
    if (this.sparse?.needsCompaction(this.size)) this.sparse = this.sparse.compacted((label) => this.idOf.has(label));
    if (this.sparse && !SparseVectors.worthKeeping(this.sparse.entries, this.size, this.dimension)) this.sparse = null;
    if (this.sparse) this.sparse.save(dir, generation);
    else fs.rmSync(file, { force: true });
  }

  /** Reads the metadata of the index in `dir` without loading the vectors. */
  static readMeta(dir: string): VectorIndexMeta {
    const file = path.join(dir, VECTOR_META_FILE);
    let meta: Partial<VectorIndexMeta>;
    try {
      meta = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new PolicyGraphError('INDEX_MISSING', `no vector index in ${dir}: run policygraph ingest first`);
      }
      throw new PolicyGraphError('INDEX_MISMATCH', `${file} is unreadable: re-run policygraph ingest`);
    }
    if (meta.format !== FORMAT || meta.version !== VERSION) {
      throw new PolicyGraphError('INDEX_MISMATCH', `${file} is not a vector index this PolicyGraph reads: re-run policygraph ingest`);
    }
    return meta as VectorIndexMeta;
  }

  /** Loads the index in `dir`, refusing one built by another embedder than the caller queries with. */
  static load(dir: string, options: LoadVectorIndexOptions): VectorIndex {
    const meta = VectorIndex.readMeta(dir);
    if (meta.embedderId !== options.embedderId) {
      const wanted = embedderKind(options.embedderId);
      throw new PolicyGraphError(
        'INDEX_MISMATCH',
        `the search index in ${dir} was built with ${meta.embedderId}, queried with ${options.embedderId}: ` +
          `re-ingest with --embedder ${wanted}, or query with --embedder ${embedderKind(meta.embedderId)}`,
      );
    }
    const shardTotal = meta.shards ?? 1;
    const files = Array.from({ length: shardTotal }, (_, s) => {
      const file = path.join(dir, shardFile(s));
      if (!fs.existsSync(file)) {
        throw new PolicyGraphError('INDEX_MISSING', `no vector index in ${dir} (${shardFile(s)} is missing): run policygraph ingest first`);
      }
      return file;
    });
    const { HierarchicalNSW } = loadHnswlib();
    const checked = (hnsw: HierarchicalNSWType, file: string) => {
      if (hnsw.getNumDimensions() !== meta.dimension) {
        throw new PolicyGraphError('INDEX_MISMATCH', `${file} does not match ${VECTOR_META_FILE}: re-run policygraph ingest`);
      }
      hnsw.setEf(meta.efSearch);
      return hnsw;
    };
    const graphs = options.graphs ?? 'now';
    const shards =
      graphs === 'now'
        ? files.map((file) => {
            const hnsw = new HierarchicalNSW('cosine', meta.dimension);
            hnsw.readIndexSync(file, true);
            return checked(hnsw, file);
          })
        : null;
    const index = new VectorIndex(
      { embedderId: meta.embedderId, model: meta.model, dimension: meta.dimension, M: meta.M, efConstruction: meta.efConstruction, efSearch: meta.efSearch },
      shards,
      shardTotal,
    );
    if (!shards) {
      // every shard on its own libuv thread, side by side; this thread goes on opening the rest
      const read = () =>
        Promise.all(
          files.map(async (file) => {
            const hnsw = new HierarchicalNSW('cosine', meta.dimension);
            await hnsw.readIndex(file, true);
            return checked(hnsw, file);
          }),
        );
      index.graphLoad = { read, started: null, failed: null, deleted: [] };
      // a failed background read is reported to the search that needs the graphs, not as an unhandled rejection
      if (graphs === 'background') index.whenGraphsLoaded().catch(() => undefined);
    }
    const stored = SectionFile.read(path.join(dir, VECTOR_IDS_FILE), IDS_FORMAT);
    if ((stored.header.generation ?? null) !== meta.generation) {
      throw new PolicyGraphError('INDEX_MISMATCH', `${VECTOR_IDS_FILE} and ${VECTOR_META_FILE} in ${dir} come from different builds: re-run policygraph ingest`);
    }
    const ids = stored.strings('ids');
    const labels = stored.u32('labels');
    for (let i = 0; i < ids.length; i++) {
      index.labelOf.set(ids[i], labels[i]);
      index.idOf.set(labels[i], ids[i]);
      index.live[labels[i] % shardTotal]++;
    }
    index.nextLabel = meta.nextLabel;
    index.sparse = SparseVectors.load(dir, meta.generation, meta.dimension);
    return index;
  }
}
