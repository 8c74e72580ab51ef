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
