import { describe, expect, it } from 'vitest';
import type { Clause } from '../graph/model.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { similarEdgesInParallel } from './parallel-similar.js';
import { similarEdgesFromIndex } from './similar-edges.js';
import { VectorIndex } from './vector-index.js';

function clause(id: string, docId: string, text = '推进光纤宽带和第四代移动通信网络深度覆盖'): Clause {
  return { id, docId, path: id, number: null, heading: null, text, ordinal: 0, depth: 0, parentId: null, kind: 'paragraph', fields: null, sources: [] };
}

const v = (...xs: number[]) => Float32Array.from(xs);

/** An exact in-memory index: what similarEdgesFromIndex needs from VectorIndex, without hnswlib. */
function memoryIndex(clauses: Clause[], vectors: Float32Array[]) {
  const byId = new Map(clauses.map((c, i) => [c.id, vectors[i]]));
  const cos = (a: Float32Array, b: Float32Array) => {
    let d = 0, na = 0, nb = 0;
    for (let i = 0; i < a.length; i++) (d += a[i] * b[i]), (na += a[i] * a[i]), (nb += b[i] * b[i]);
    return d / Math.sqrt(na * nb);
  };
  return {
    size: byId.size,
    get: (id: string) => byId.get(id) ?? null,
    search: (q: ArrayLike<number>, k: number, filter?: (id: string) => boolean) =>
      [...byId]
        .filter(([id]) => !filter || filter(id))
        .map(([id, vec]) => ({ id, score: cos(Float32Array.from(q), vec) }))
        .sort((x, y) => y.score - x.score)
        .slice(0, k),
  };
}

describe('similar edges (exact and approximate paths)', () => {
  const clauses = [clause('a1', 'A'), clause('a2', 'A'), clause('b1', 'B'), clause('c1', 'C')];
  // a1 and a2 are identical (same document), b1 is close to both, c1 is orthogonal
  const vectors = [v(1, 0, 0), v(1, 0, 0), v(0.9, 0.1, 0), v(0, 0, 1)];

  for (const exactLimit of [10_000, 0]) {
    const label = exactLimit ? 'exact' : 'index';
    it(`links clauses of different documents only, above the threshold (${label})`, () => {
      const { edges } = similarEdgesFromIndex(memoryIndex(clauses, vectors), clauses, clauses, { k: 3, minScore: 0.5, exactLimit });
      const pairs = edges.map((e) => `${e.from}-${e.to}`).sort();
      expect(pairs).toEqual(['a1-b1', 'a2-b1']);
      for (const e of edges) {
        expect(e.type).toBe('SIMILAR_TO');
        expect(e.properties.score as number).toBeGreaterThan(0.9);
        expect(e.properties.score as number).toBeLessThanOrEqual(1);
      }
    });
  }

  it('keeps only the k nearest per clause', () => {
    const many = [clause('q', 'Q'), clause('x1', 'X'), clause('x2', 'Y'), clause('x3', 'Z')];
    const vs = [v(1, 0), v(0.99, 0.1), v(0.9, 0.4), v(0.6, 0.8)];
    for (const exactLimit of [10_000, 0]) {
      const { edges } = similarEdgesFromIndex(memoryIndex(many, vs), many, many, { k: 1, minScore: 0, exactLimit });
      // q's nearest is x1; x2's nearest is x1 (another document); x3's nearest is x2
      expect(edges.map((e) => `${e.from}-${e.to}`).sort()).toEqual(['q-x1', 'x1-x2', 'x2-x3']);
    }
  });

  it('gives bare headings no edges', () => {
    const heads = [clause('h1', 'A', '一、总体要求'), clause('h2', 'B', '一、总体要求')];
    expect(similarEdgesFromIndex(memoryIndex(heads, [v(1, 0), v(1, 0)]), heads, heads, { minScore: 0 }).edges).toEqual([]);
  });
});

describe('similarEdgesFromIndex', () => {
  // random unit vectors in 16-d, so an HNSW index over a few hundred of them behaves like a real one
  function randomVectors(n: number, seed: number): Float32Array[] {
    let s = seed;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
    return Array.from({ length: n }, () => Float32Array.from({ length: 16 }, next));
  }

  async function indexOf(clauses: Clause[], vectors: Float32Array[]) {
    const { VectorIndex } = await import('./vector-index.js');
    const index = VectorIndex.create({ embedderId: 'test:similar', dimension: vectors[0].length, capacity: clauses.length });
    clauses.forEach((c, i) => index.upsert(c.id, vectors[i]));
    return index;
  }

  it('through the HNSW finds the same edges as exact comparison, for the asked clauses only', async () => {
    const all = Array.from({ length: 300 }, (_, i) => clause(`c${i}`, `D${i % 7}`));
    const vectors = randomVectors(300, 11);
    const index = await indexOf(all, vectors);
    const asked = all.slice(0, 40);
    const exact = similarEdgesFromIndex(index, asked, all, { k: 3, minScore: 0 });
    const viaHnsw = similarEdgesFromIndex(index, asked, all, { k: 3, minScore: 0, exactLimit: 0 });
    const key = (e: { from: string; to: string }) => `${e.from}-${e.to}`;
    const exactKeys = exact.edges.map(key).sort();
    const hnswKeys = new Set(viaHnsw.edges.map(key));
    expect(exactKeys.length).toBeGreaterThan(40);
    // recall of the approximate pass against exact: HNSW at this size is near-exact
    expect(exactKeys.filter((k) => hnswKeys.has(k)).length / exactKeys.length).toBeGreaterThan(0.95);
    const askedIds = new Set(asked.map((c) => c.id));
    const docOf = new Map(all.map((c) => [c.id, c.docId]));
    for (const edge of viaHnsw.edges) {
      expect(askedIds.has(edge.from) || askedIds.has(edge.to)).toBe(true);
      expect(docOf.get(edge.from)).not.toBe(docOf.get(edge.to));
      expect(edge.from < edge.to).toBe(true);
    }
    expect(similarEdgesFromIndex(index, [], all, { k: 3, minScore: 0, exactLimit: 0 }).edges).toEqual([]);
  });

  it('searches again inside hnswlib when the over-fetched hits are all from the own document', async () => {
    // 30 near-copies in document A, one clause in B: A's clauses see only A among their first 8 hits
    const all = [...Array.from({ length: 30 }, (_, i) => clause(`a${i}`, 'A')), clause('b0', 'B')];
    const vectors = [...Array.from({ length: 30 }, (_, i) => v(1, 0.001 * i, 0)), v(0.8, 0.6, 0)];
    const index = await indexOf(all, vectors);
    const result = similarEdgesFromIndex(index, all.slice(0, 2), all, { k: 2, minScore: 0.5, exactLimit: 0, overFetch: 8 });
    expect(result.refetched).toBe(2);
    expect(result.edges.map((e) => `${e.from}-${e.to}`).sort()).toEqual(['a0-b0', 'a1-b0']);
  });

  it('skips short clauses as askers and as neighbours', async () => {
    const all = [clause('h1', 'A', '一、总体要求'), clause('x', 'B'), clause('y', 'C')];
    const index = await indexOf(all, [v(1, 0), v(1, 0), v(0.9, 0.1)]);
    const { edges } = similarEdgesFromIndex(index, all, all, { minScore: 0 });
    expect(edges.map((e) => `${e.from}-${e.to}`)).toEqual(['x-y']);
  });
});

describe('SIMILAR_TO on two threads', () => {
  it('finds the same edges as one thread, through the saved index the worker opens', async () => {
    let state = 5;
    const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
    const index = VectorIndex.create({ embedderId: 'test:similar', dimension: 8 });
    const clauses: Clause[] = [];
    for (let i = 0; i < 1500; i++) {
      const c = clause(`c${i}`, `D${i % 40}`);
      clauses.push(c);
      // near-duplicates across documents, so there are edges above the threshold
      const base = Math.floor(i / 3);
      index.upsert(c.id, Float32Array.from({ length: 8 }, (_, d) => Math.sin(base * (d + 1)) + 0.05 * next()));
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-similar-'));
    index.save(dir);
    const options = { exactLimit: 0 };
    const single = similarEdgesFromIndex(index, clauses, clauses, options);
    const parallel = await similarEdgesInParallel(index, dir, clauses, clauses, options, 0);
    const keys = (edges: { from: string; to: string; properties: Record<string, unknown> }[]) => edges.map((e) => `${e.from}-${e.to}-${e.properties.score}`).sort();
    expect(single.edges.length).toBeGreaterThan(100);
    expect(keys(parallel.edges)).toEqual(keys(single.edges));
  });
});
