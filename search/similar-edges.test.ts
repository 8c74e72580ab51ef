import { describe, expect, it } from 'vitest';
import type { Clause } from '../graph/model.js';
import { computeSimilarEdges } from './similar-edges.js';

function clause(id: string, docId: string, text = '推进光纤宽带和第四代移动通信网络深度覆盖'): Clause {
  return { id, docId, path: id, number: null, heading: null, text, ordinal: 0, depth: 0, parentId: null, kind: 'paragraph', fields: null, sources: [] };
}

const v = (...xs: number[]) => Float32Array.from(xs);

describe('computeSimilarEdges', () => {
  const clauses = [clause('a1', 'A'), clause('a2', 'A'), clause('b1', 'B'), clause('c1', 'C')];
  // a1 and a2 are identical (same document), b1 is close to both, c1 is orthogonal
  const vectors = [v(1, 0, 0), v(1, 0, 0), v(0.9, 0.1, 0), v(0, 0, 1)];

  for (const exactLimit of [10_000, 0]) {
    const label = exactLimit ? 'exact' : 'hnsw';
    it(`links clauses of different documents only, above the threshold (${label})`, async () => {
      const edges = await computeSimilarEdges(clauses, vectors, { k: 3, minScore: 0.5, exactLimit });
      const pairs = edges.map((e) => `${e.from}-${e.to}`).sort();
      expect(pairs).toEqual(['a1-b1', 'a2-b1']);
      for (const e of edges) {
        expect(e.type).toBe('SIMILAR_TO');
        expect(e.properties.score as number).toBeGreaterThan(0.9);
        expect(e.properties.score as number).toBeLessThanOrEqual(1);
      }
    });
  }

  it('keeps only the k nearest per clause and accepts vectors keyed by clause id', async () => {
    const many = [clause('q', 'Q'), clause('x1', 'X'), clause('x2', 'Y'), clause('x3', 'Z')];
    const byId = new Map([
      ['q', v(1, 0)],
      ['x1', v(0.99, 0.1)],
      ['x2', v(0.9, 0.4)],
      ['x3', v(0.6, 0.8)],
    ]);
    const edges = await computeSimilarEdges(many, byId, { k: 1, minScore: 0 });
    // q's nearest is x1; x2's nearest is x1 (another document); x3's nearest is x2
    expect(edges.map((e) => `${e.from}-${e.to}`).sort()).toEqual(['q-x1', 'x1-x2', 'x2-x3']);
  });

  it('gives bare headings no edges', async () => {
    const edges = await computeSimilarEdges([clause('h1', 'A', '一、总体要求'), clause('h2', 'B', '一、总体要求')], [v(1, 0), v(1, 0)], { minScore: 0 });
    expect(edges).toEqual([]);
  });

  it('rejects vectors that do not line up with the clauses', async () => {
    await expect(computeSimilarEdges(clauses, [v(1)], {})).rejects.toThrow(/4 clauses but 1 vectors/);
  });
});
