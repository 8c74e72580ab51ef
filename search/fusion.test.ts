import { describe, expect, it } from 'vitest';
import { applyBoosts, reciprocalRankFusion, RRF_K } from './fusion.js';

describe('reciprocalRankFusion', () => {
  it('ranks a candidate found by both lists above candidates found by one', () => {
    const fused = reciprocalRankFusion([
      { name: 'dense', ids: ['a', 'b', 'c'] },
      { name: 'lexical', ids: ['d', 'c', 'e'] },
    ]);
    expect(fused[0].id).toBe('c');
    expect(fused[0].ranks).toEqual({ dense: 3, lexical: 2 });
    expect(fused[0].score).toBeCloseTo(1 / (RRF_K + 3) + 1 / (RRF_K + 2));
  });

  it('lets a heavier list win ties of rank', () => {
    const fused = reciprocalRankFusion([
      { name: 'dense', ids: ['a'], weight: 1 },
      { name: 'lexical', ids: ['b'], weight: 2 },
    ]);
    expect(fused.map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('ignores lists with zero weight and duplicate ids within a list', () => {
    const fused = reciprocalRankFusion([
      { name: 'dense', ids: ['a', 'a', 'b'] },
      { name: 'graph', ids: ['z'], weight: 0 },
    ]);
    expect(fused.map((c) => c.id)).toEqual(['a', 'b']);
    expect(fused[1].ranks.dense).toBe(3);
  });
});

describe('applyBoosts', () => {
  it('reorders close candidates by their boosts and reports them', () => {
    const fused = reciprocalRankFusion([{ name: 'dense', ids: ['a', 'b'] }]);
    const boosted = applyBoosts(fused, (id) => (id === 'b' ? [{ factor: 1.5, reason: 'theme:5G' }] : []));
    expect(boosted.map((c) => c.id)).toEqual(['b', 'a']);
    expect(boosted[0].boosts[0].reason).toBe('theme:5G');
  });
});

describe('applyBoosts with keep', () => {
  it('returns what the full ranking starts with, and weighs fewer candidates', () => {
    // 200 candidates best first; boosts (up to ×2, some below 1) reorder near neighbours
    const lists = [
      { name: 'a', ids: Array.from({ length: 200 }, (_, i) => `c${i}`) },
      { name: 'b', ids: Array.from({ length: 120 }, (_, i) => `c${(i * 37) % 200}`), weight: 2 },
    ];
    const fused = reciprocalRankFusion(lists);
    const boostOf = (id: string) => {
      const n = Number(id.slice(1));
      return n % 3 === 0 ? [{ factor: 2, reason: 'theme:x' }] : n % 5 === 0 ? [{ factor: 0.7, reason: 'prior:brevity' }] : [];
    };
    let weighed = 0;
    const counted = (id: string) => (weighed++, boostOf(id));
    const full = applyBoosts(fused, boostOf, 2);
    for (const keep of [1, 10, 50, 199, 500]) {
      weighed = 0;
      expect(applyBoosts(fused, counted, 2, keep)).toEqual(full.slice(0, keep));
      if (keep <= 10) expect(weighed).toBeLessThan(fused.length);
    }
  });

  it('weighs every candidate when boosts are unbounded or the input is not best first', () => {
    const fused = reciprocalRankFusion([{ name: 'a', ids: ['a', 'b', 'c', 'd'] }]);
    const lift = (id: string) => (id === 'd' ? [{ factor: 100, reason: 'theme:x' }] : []);
    expect(applyBoosts(fused, lift, Infinity, 1).map((c) => c.id)).toEqual(['d']);
    const unsorted = [...fused].reverse();
    expect(applyBoosts(unsorted, () => [], 2, 2).map((c) => c.id)).toEqual(['a', 'b']);
  });
});
