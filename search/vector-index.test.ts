import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyGraphError } from '../graph/errors.js';
import { bulkLoadInParallel } from './parallel-hnsw.js';
import { DEFAULT_HNSW, VECTOR_FILE, VECTOR_META_FILE, VectorIndex, shardFile } from './vector-index.js';

const DIM = 16;

/** Deterministic pseudo-random unit vectors. */
function vectors(count: number, seed = 1): Float32Array[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: DIM }, next);
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  });
}

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

function exactTop(points: Map<string, Float32Array>, query: Float32Array, k: number, filter?: (id: string) => boolean): string[] {
  return [...points]
    .filter(([id]) => !filter || filter(id))
    .sort((a, b) => cosine(b[1], query) - cosine(a[1], query))
    .slice(0, k)
    .map(([id]) => id);
}

function filled(count: number, capacity?: number): { index: VectorIndex; points: Map<string, Float32Array> } {
  const index = VectorIndex.create({ embedderId: 'test:vectors', dimension: DIM, capacity, efSearch: 200 });
  const points = new Map<string, Float32Array>();
  vectors(count).forEach((v, i) => {
    index.upsert(`c${i}`, v);
    points.set(`c${i}`, v);
  });
  return { index, points };
}

describe('VectorIndex', () => {
  it('finds nearest clauses by cosine and reports cosine similarity', () => {
    const { index, points } = filled(300);
    const [query] = vectors(1, 99);
    const hits = index.search(query, 10);
    expect(hits.map((h) => h.id)).toEqual(exactTop(points, query, 10));
    expect(hits[0].score).toBeCloseTo(cosine(points.get(hits[0].id)!, query), 4);
  });

  it('replaces a vector stored under the same id and reuses the deleted slot', () => {
    const { index } = filled(50);
    const [moved] = vectors(1, 7);
    index.upsert('c3', moved);
    expect(index.size).toBe(50);
    expect(index.search(moved, 1)[0]).toMatchObject({ id: 'c3' });
    expect(index.search(moved, 1)[0].score).toBeCloseTo(1, 4);
    // The old slot was reused: no growth, no lingering deleted element.
    expect(index.deletedCount).toBe(0);
  });

  it('never returns deleted clauses', () => {
    const { index, points } = filled(100);
    const [query] = vectors(1, 5);
    const nearest = index.search(query, 1)[0].id;
    expect(index.delete(nearest)).toBe(true);
    expect(index.delete(nearest)).toBe(false);
    expect(index.has(nearest)).toBe(false);
    const hits = index.search(query, 100);
    expect(hits.map((h) => h.id)).not.toContain(nearest);
    expect(hits).toHaveLength(99);
    points.delete(nearest);
    expect(hits.slice(0, 5).map((h) => h.id)).toEqual(exactTop(points, query, 5));
  });

  it('grows past its initial capacity', () => {
    const { index } = filled(200, 16);
    expect(index.size).toBe(200);
    expect(index.capacity).toBeGreaterThanOrEqual(200);
    const [query] = vectors(1, 11);
    expect(index.search(query, 200)).toHaveLength(200);
  });

  it('applies a filter inside the search and still returns k hits', () => {
    const { index, points } = filled(1000);
    const allowed = (id: string) => Number(id.slice(1)) % 40 === 0; // 25 of 1000
    const [query] = vectors(1, 3);
    const hits = index.search(query, 10, allowed);
    expect(hits).toHaveLength(10);
    expect(hits.every((h) => allowed(h.id))).toBe(true);
    expect(hits.map((h) => h.id)).toEqual(exactTop(points, query, 10, allowed));
  });

  it('returns nothing for a zero query or k of zero, and caps k at the size', () => {
    const { index } = filled(5);
    expect(index.search(new Float32Array(DIM), 3)).toEqual([]);
    expect(index.search(vectors(1, 2)[0], 0)).toEqual([]);
    expect(index.search(vectors(1, 2)[0], 50)).toHaveLength(5);
  });

  it('rejects vectors of the wrong dimension', () => {
    const { index } = filled(5);
    expect(() => index.upsert('x', new Float32Array(DIM + 1))).toThrow(PolicyGraphError);
    expect(() => index.search(new Float32Array(3), 1)).toThrow(/3 dimensions/);
  });

  it('saves atomically and loads back with ids, metadata and deletions', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-vectors-'));
    const { index } = filled(120);
    index.delete('c7');
    index.save(dir, 'gen-a');
    expect(fs.readdirSync(dir).sort()).toEqual([VECTOR_FILE, 'vectors.ids.bin', VECTOR_META_FILE]);
    const meta = VectorIndex.readMeta(dir);
    expect(meta).toMatchObject({ embedderId: 'test:vectors', dimension: DIM, count: 119, M: DEFAULT_HNSW.M, efConstruction: DEFAULT_HNSW.efConstruction, space: 'cosine', generation: 'gen-a' });
    const loaded = VectorIndex.load(dir, { embedderId: 'test:vectors' });
    const [query] = vectors(1, 8);
    expect(loaded.search(query, 10)).toEqual(index.search(query, 10));
    expect(loaded.has('c7')).toBe(false);
    // Loaded indexes keep accepting changes without reusing live labels.
    loaded.upsert('fresh', query);
    expect(loaded.search(query, 1)[0].id).toBe('fresh');
    expect(loaded.get('c8')).not.toBeNull();
    expect(loaded.size).toBe(120);
  });

  it('refuses to load an index built by another embedder, saying how to fix it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-vectors-'));
    const index = VectorIndex.create({ embedderId: 'builtin:ngram-v1', dimension: DIM });
    index.upsert('a', vectors(1)[0]);
    index.save(dir);
    let error: unknown;
    try {
      VectorIndex.load(dir, { embedderId: 'transformers:Xenova/bge-small-zh-v1.5:q8' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PolicyGraphError);
    expect((error as PolicyGraphError).code).toBe('INDEX_MISMATCH');
    expect((error as Error).message).toMatch(/built with builtin:ngram-v1, queried with transformers:.*re-ingest with --embedder transformers/);
  });

  it('reports a missing index as INDEX_MISSING', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-vectors-'));
    expect(() => VectorIndex.load(dir, { embedderId: 'x' })).toThrow(expect.objectContaining({ code: 'INDEX_MISSING' }));
  });
});

describe('VectorIndex in two shards', () => {
  async function sharded(count: number): Promise<{ index: VectorIndex; points: Map<string, Float32Array> }> {
    const index = VectorIndex.create({ embedderId: 'test:vectors', dimension: DIM, efSearch: 200, shards: 2 });
    const points = new Map<string, Float32Array>();
    vectors(count).forEach((v, i) => points.set(`c${i}`, v));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-shards-'));
    // shard 1 is built in a worker thread (or here, should the worker fail) and read back from its file
    await bulkLoadInParallel(index, [...points.keys()], (id) => points.get(id)!, dir);
    expect(fs.readdirSync(dir)).toEqual([]); // the worker's file is read and removed
    return { index, points };
  }

  it('built on two threads, answers as one graph would: exact top k, filters inside, deletes honoured', async () => {
    const { index, points } = await sharded(600);
    expect(index.shardCount).toBe(2);
    expect(index.size).toBe(600);
    const [query] = vectors(1, 42);
    expect(index.search(query, 10).map((h) => h.id)).toEqual(exactTop(points, query, 10));
    const allowed = (id: string) => Number(id.slice(1)) % 7 === 0;
    expect(index.search(query, 5, allowed).map((h) => h.id)).toEqual(exactTop(points, query, 5, allowed));
    const nearest = index.search(query, 1)[0].id;
    index.delete(nearest);
    points.delete(nearest);
    expect(index.search(query, 10).map((h) => h.id)).toEqual(exactTop(points, query, 10));
    expect(cosine(index.get('c3')!, points.get('c3')!)).toBeCloseTo(1, 4);
  });

  it('saves one file per shard and loads back; later additions land in both shards', async () => {
    const { index, points } = await sharded(300);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-shards-save-'));
    index.save(dir, 'gen-s');
    expect(fs.readdirSync(dir).sort()).toEqual([VECTOR_FILE, 'vectors.ids.bin', VECTOR_META_FILE, shardFile(1)].sort());
    expect(VectorIndex.readMeta(dir)).toMatchObject({ shards: 2, count: 300 });
    const loaded = VectorIndex.load(dir, { embedderId: 'test:vectors' });
    const [query] = vectors(1, 9);
    expect(loaded.search(query, 10)).toEqual(index.search(query, 10));
    for (const [i, v] of vectors(4, 77).entries()) {
      loaded.upsert(`new${i}`, v);
      points.set(`new${i}`, v);
      expect(loaded.search(v, 1)[0].id).toBe(`new${i}`);
    }
    expect(loaded.size).toBe(304);
    expect(loaded.search(query, 10).map((h) => h.id)).toEqual(exactTop(points, query, 10));
    fs.rmSync(path.join(dir, shardFile(1)));
    expect(() => VectorIndex.load(dir, { embedderId: 'test:vectors' })).toThrow(/vectors\.s1\.hnsw is missing/);
  });

  it('dispose frees the graphs: a closed index refuses graph searches with a clear error, also when its read lands later', async () => {
    const { index } = await sharded(300);
    const [query] = vectors(1, 5);
    expect(index.search(query, 5)).toHaveLength(5);
    index.dispose();
    index.dispose();
    expect(() => index.search(query, 5)).toThrow(/vector index was closed/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-shards-dispose-'));
    const saved = (await sharded(300)).index;
    saved.save(dir, 'gen-d');
    const lazy = VectorIndex.load(dir, { embedderId: 'test:vectors', graphs: 'on-demand' });
    const reading = lazy.readyFor(query);
    lazy.dispose();
    await reading;
    expect(lazy.graphsLoaded).toBe(false);
    await lazy.readyFor(query);
    expect(() => lazy.search(query, 5)).toThrow(/vector index was closed/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opened without its graphs, reads them when a search needs them; deletions made meanwhile hold', async () => {
    const { index, points } = await sharded(300);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-shards-lazy-'));
    index.save(dir, 'gen-l');
    const lazy = VectorIndex.load(dir, { embedderId: 'test:vectors', graphs: 'on-demand' });
    expect(lazy.graphsLoaded).toBe(false);
    expect(lazy.size).toBe(300);
    const [query] = vectors(1, 9);
    // dense test vectors keep no bucket lists: only the graphs answer, and they are not in yet
    expect(() => lazy.search(query, 10)).toThrow(/still being read/);
    const nearest = index.search(query, 1)[0].id;
    expect(lazy.delete(nearest)).toBe(true);
    points.delete(nearest);
    await lazy.readyFor(query);
    expect(lazy.graphsLoaded).toBe(true);
    // the deleted vector was marked in its graph when the graph arrived: still k hits, without it
    expect(lazy.search(query, 10).map((h) => h.id)).toEqual(exactTop(points, query, 10));

    const background = VectorIndex.load(dir, { embedderId: 'test:vectors', graphs: 'background' });
    await background.whenGraphsLoaded();
    expect(background.search(query, 10)).toEqual(index.search(query, 10));

    // a graph file damaged after opening is reported to the search that needs it
    const damaged = VectorIndex.load(dir, { embedderId: 'test:vectors', graphs: 'on-demand' });
    fs.writeFileSync(path.join(dir, shardFile(1)), 'not a graph');
    await expect(damaged.readyFor(query)).rejects.toThrow();
    expect(() => damaged.search(query, 10)).toThrow();
  });

  it('answers a sparse query exactly before its graphs are read', () => {
    const index = VectorIndex.create({ embedderId: 'test:vectors', dimension: DIM });
    // two nonzero buckets a vector: the built-in embedder's kind of vector, kept in bucket lists
    const sparse = Array.from({ length: 64 }, (_, i) => {
      const v = new Float32Array(DIM);
      v[i % DIM] = 0.8;
      v[(i * 7 + 3) % DIM] += 0.6;
      return v;
    });
    sparse.forEach((v, i) => index.upsert(`s${i}`, v));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-sparse-lazy-'));
    index.save(dir, 'gen-sp');
    const lazy = VectorIndex.load(dir, { embedderId: 'test:vectors', graphs: 'on-demand' });
    const query = sparse[5];
    expect(lazy.search(query, 5).map((h) => h.id)).toEqual(index.search(query, 5).map((h) => h.id));
    expect(lazy.graphsLoaded).toBe(false);
  });
});
