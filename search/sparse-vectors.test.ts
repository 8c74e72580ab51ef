import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from './embedders/index.js';
import { SPARSE_VECTORS_FILE, SparseVectors } from './sparse-vectors.js';
import { EXACT_SCAN_BUDGET, VectorIndex } from './vector-index.js';

const DIM = 64;

/** Unit vectors with `nonzero` random buckets set, like hashed n-gram features. */
function sparseVectors(count: number, nonzero: number, seed = 3): Float32Array[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: count }, () => {
    const v = new Float32Array(DIM);
    for (let i = 0; i < nonzero; i++) v[Math.floor(next() * DIM)] += next() - 0.3;
    const n = Math.hypot(...v) || 1;
    return v.map((x) => x / n);
  });
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => s + x * b[i], 0);

/** Brute force: the k best of the vectors sharing a bucket with the query, best first. */
function bruteForce(points: Map<string, Float32Array>, query: Float32Array, k: number, filter: (id: string) => boolean = () => true): { id: string; score: number }[] {
  const shares = (v: Float32Array) => v.some((x, d) => x !== 0 && query[d] !== 0);
  return [...points]
    .filter(([id, v]) => filter(id) && shares(v))
    .map(([id, v]) => ({ id, score: dot(v, query) / Math.hypot(...query) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}

function expectSameHits(actual: { id: string; score: number }[], expected: { id: string; score: number }[]): void {
  expect(actual.map((h) => h.id)).toEqual(expected.map((h) => h.id));
  actual.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i].score, 5));
}

describe('SparseVectors', () => {
  it('finds the exact top k by dot product, asking accept only of contenders', () => {
    const vs = sparseVectors(500, 6);
    const lists = SparseVectors.build(DIM, vs.length, (j) => vs[j], (j) => j * 3)!;
    const query = sparseVectors(1, 3, 99)[0];
    let asked = 0;
    const hits = lists.search(query, 10, () => (asked++, true));
    const expected = vs.map((v, j) => ({ label: j * 3, score: dot(v, query) })).filter((h, j) => vs[j].some((x, d) => x !== 0 && query[d] !== 0));
    expected.sort((a, b) => b.score - a.score);
    expect(hits.map((h) => h.label)).toEqual(expected.slice(0, 10).map((h) => h.label));
    expect(asked).toBeLessThan(expected.length);
    // the cost is the entries of the query's buckets, what the search walks
    const buckets = [...query.keys()].filter((d) => query[d] !== 0);
    expect(lists.cost(query)).toBe(buckets.reduce((sum, d) => sum + vs.filter((v) => v[d] !== 0).length, 0));
  });

  it('keeps no lists for dense vectors', () => {
    const dense = Array.from({ length: 50 }, (_, j) => Float32Array.from({ length: DIM }, (_, d) => Math.sin(j + d) + 2));
    expect(SparseVectors.build(DIM, dense.length, (j) => dense[j], (j) => j)).toBeNull();
  });
});

describe('VectorIndex exact search from bucket lists', () => {
  it('answers short queries exactly, filtered, across additions, deletions, save and load', () => {
    const vs = sparseVectors(3000, 8);
    const index = VectorIndex.create({ embedderId: 'test:sparse', dimension: DIM, efSearch: 16, M: 4, efConstruction: 8 });
    const points = new Map<string, Float32Array>();
    vs.forEach((v, i) => {
      index.upsert(`c${i}`, v);
      points.set(`c${i}`, v);
    });
    for (let i = 0; i < 300; i++) {
      index.delete(`c${i}`);
      points.delete(`c${i}`);
    }
    const queries = sparseVectors(20, 2, 42);
    const even = (id: string) => Number(id.slice(1)) % 2 === 0;
    for (const q of queries) {
      expect(index.exactCost(q)).toBeLessThanOrEqual(EXACT_SCAN_BUDGET);
      expectSameHits(index.search(q, 10), bruteForce(points, q, 10));
      expectSameHits(index.search(q, 10, even), bruteForce(points, q, 10, even));
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-sparse-'));
    try {
      index.save(dir, 'g1');
      expect(fs.existsSync(path.join(dir, SPARSE_VECTORS_FILE))).toBe(true);
      const loaded = VectorIndex.load(dir, { embedderId: 'test:sparse' });
      const added = sparseVectors(5, 8, 7);
      added.forEach((v, i) => {
        loaded.upsert(`n${i}`, v);
        points.set(`n${i}`, v);
      });
      loaded.delete('c301');
      points.delete('c301');
      for (const q of [...queries, ...added]) expectSameHits(loaded.search(q, 10), bruteForce(points, q, 10));
      // a disposed index (its service was replaced) lets go of the bucket file at once and answers nothing
      const file = fs.realpathSync(path.join(dir, SPARSE_VECTORS_FILE));
      const openOnFile = () => fs.readdirSync('/proc/self/fd').filter((fd) => { try { return fs.readlinkSync(`/proc/self/fd/${fd}`) === file; } catch { return false; } }).length;
      const procFds = fs.existsSync('/proc/self/fd');
      const before = procFds ? openOnFile() : 0;
      const lazy = VectorIndex.load(dir, { embedderId: 'test:sparse' });
      if (procFds) expect(openOnFile()).toBe(before + 1);
      lazy.dispose();
      if (procFds) expect(openOnFile()).toBe(before);
      expect(() => lazy.search(queries[0], 10)).toThrow(/vector index was closed/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('matches brute force on built-in embedder vectors of real-looking clauses', () => {
    const texts = Array.from({ length: 400 }, (_, i) => `第${i}条 县级以上人民政府${['交通', '教育', '卫生', '农业'][i % 4]}主管部门负责本行政区域内的${['监督管理', '规划建设', '信息公开'][i % 3]}工作，编号${i}。`);
    const embedder = new BuiltinEmbedder({ dimension: 128, concepts: null });
    embedder.fit(texts);
    const index = VectorIndex.create({ embedderId: embedder.id, dimension: 128, efSearch: 16 });
    const points = new Map<string, Float32Array>();
    texts.forEach((t, i) => {
      const v = embedder.embedOne(t);
      index.upsert(`c${i}`, v);
      points.set(`c${i}`, v);
    });
    for (const query of ['教育主管部门 信息公开', '农业规划建设', '编号17']) {
      const q = embedder.embedOne(query);
      const exact = [...points].map(([id, v]) => ({ id, score: dot(v, q) })).sort((a, b) => b.score - a.score).slice(0, 5);
      expectSameHits(index.search(q, 5), exact);
    }
  });

  it('removes a stale bucket file when the vectors saved are dense', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-sparse-'));
    try {
      fs.writeFileSync(path.join(dir, SPARSE_VECTORS_FILE), 'stale');
      const index = VectorIndex.create({ embedderId: 'test:dense', dimension: DIM });
      for (let i = 0; i < 20; i++) index.upsert(`c${i}`, Float32Array.from({ length: DIM }, (_, d) => Math.cos(i * d) + 1.5));
      index.save(dir, 'g1');
      expect(fs.existsSync(path.join(dir, SPARSE_VECTORS_FILE))).toBe(false);
      expect(VectorIndex.load(dir, { embedderId: 'test:dense' }).exactCost(new Float32Array(DIM).fill(1))).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bucket lists read by position', () => {
  it('reads only the buckets a query needs, answers as the lists in memory do, and compacts and saves whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-sparse-lazy-'));
    try {
      const vectors = sparseVectors(400, 5, 11);
      const built = SparseVectors.build(DIM, vectors.length, (j) => vectors[j], (j) => j * 2)!;
      built.save(dir, 'gen-a');
      const file = path.join(dir, SPARSE_VECTORS_FILE);
      const query = new Float32Array(DIM);
      query[3] = 0.8;
      query[17] = 0.6;
      const loaded = SparseVectors.load(dir, 'gen-a', DIM)!;
      // a file replaced after the load changes nothing the loaded lists read (they keep their descriptor)
      fs.renameSync(file, `${file}.old`);
      fs.writeFileSync(file, 'not the lists');
      expect(loaded.search(query, 10, () => true)).toEqual(built.search(query, 10, () => true));
      const other = new Float32Array(DIM);
      other[40] = 1;
      expect(loaded.search(other, 5, (label) => label % 4 === 0)).toEqual(built.search(other, 5, (label) => label % 4 === 0));
      // an addition beyond every stored label, then compaction reads the rest whole
      loaded.add(2000, vectors[0]);
      built.add(2000, vectors[0]);
      expect(loaded.search(query, 10, () => true)).toEqual(built.search(query, 10, () => true));
      const keep = (label: number) => label % 3 !== 0;
      const compacted = loaded.compacted(keep);
      const expected = built.compacted(keep);
      for (let d = 0; d < DIM; d++) {
        const q = new Float32Array(DIM);
        q[d] = 1;
        expect(compacted.search(q, 20, () => true)).toEqual(expected.search(q, 20, () => true));
      }
      fs.renameSync(`${file}.old`, file);
      // closed before a query read its buckets: a one-line error, not a wrong answer
      const closed = SparseVectors.load(dir, 'gen-a', DIM)!;
      closed.close();
      expect(() => closed.search(query, 5, () => true)).toThrow(/was closed .*open the data dir again/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a truncated file or one of another build at load', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-sparse-bad-'));
    try {
      const vectors = sparseVectors(50, 4, 5);
      SparseVectors.build(DIM, vectors.length, (j) => vectors[j], (j) => j)!.save(dir, 'gen-a');
      expect(() => SparseVectors.load(dir, 'gen-b', DIM)).toThrow(/comes from another build than the vector index: re-run policygraph ingest/);
      const file = path.join(dir, SPARSE_VECTORS_FILE);
      fs.truncateSync(file, fs.statSync(file).size - 8);
      expect(() => SparseVectors.load(dir, 'gen-a', DIM)).toThrow(/is not a policygraph-sparse-vectors file this PolicyGraph reads: re-run policygraph ingest/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
