import { describe, expect, it } from 'vitest';
import { useFixtureService } from '../test/support/search-fixture.js';
import { absoluteScore, ideasHeld, nonIncreasing, SUGGESTED_THRESHOLD, similarityScaleFor, type Evidence } from './absolute-score.js';

const scale = similarityScaleFor('builtin:ngram-v1');
const evidence = (e: Partial<Evidence>): Evidence => ({ coverage: 0, ideas: null, cosine: null, namedDocument: false, ...e });

describe('absolute scores', () => {
  it('grow with coverage, implied ideas and similarity, and stay in 0..1', () => {
    const none = absoluteScore(evidence({}), scale, false);
    const half = absoluteScore(evidence({ coverage: 0.5 }), scale, false);
    const full = absoluteScore(evidence({ coverage: 1, cosine: 0.9 }), scale, false);
    expect(none).toBe(0);
    expect(half).toBeGreaterThan(none);
    expect(full).toBeGreaterThan(half);
    expect(full).toBeLessThanOrEqual(1);
    expect(absoluteScore(evidence({ coverage: 0.5, cosine: 0.4 }), scale, false)).toBeGreaterThan(half);
    // an English query is judged by the ideas it implies, not by its English words
    expect(absoluteScore(evidence({ coverage: 0, ideas: 0.9 }), scale, true)).toBeGreaterThan(SUGGESTED_THRESHOLD);
    // the document the query names lifts its clauses
    expect(absoluteScore(evidence({ coverage: 0.2, namedDocument: true }), scale, false)).toBeGreaterThan(absoluteScore(evidence({ coverage: 0.2 }), scale, false));
  });

  it('are capped by the score above along a ranking', () => {
    expect(nonIncreasing([0.6, 0.4, 0.5, 0.1, 0.2])).toEqual([0.6, 0.4, 0.4, 0.1, 0.1]);
    expect(nonIncreasing([])).toEqual([]);
  });

  it('count an implied idea as held when the clause has any of its terms', () => {
    const groups = [
      { terms: ['宽带', '光纤'], surface: 'broadband', source: 'english' as const },
      { terms: ['农村'], surface: 'rural', source: 'english' as const },
    ];
    expect(ideasHeld(groups, '推进光纤到户')).toBe(0.5);
    expect(ideasHeld(groups, '农村 宽带')).toBe(1);
    expect(ideasHeld([], '任何文字')).toBeNull();
  });
});

describe('absolute scores in search', () => {
  const fixture = useFixtureService();
  const best = async (query: string) => (await fixture.service.search({ query, k: 3 })).results[0]?.score ?? 0;

  it('put off-topic queries below the suggested threshold and on-topic ones above it', async () => {
    for (const query of ['巧克力蛋糕怎么做', '今天天气怎么样', 'how to bake a chocolate cake', 'what is the best pizza in New York']) {
      expect(await best(query), query).toBeLessThan(SUGGESTED_THRESHOLD);
    }
    for (const query of ['5G什么时候启动商用？', '信息消费规模', 'When will 5G commercial use start?', '网上看病']) {
      expect(await best(query), query).toBeGreaterThan(SUGGESTED_THRESHOLD);
    }
    // and the response says so, for a chat tool that shows no threshold
    expect((await fixture.service.search({ query: '巧克力蛋糕怎么做', k: 3 })).closeMatch).toBe(false);
    expect((await fixture.service.search({ query: '5G什么时候启动商用？', k: 3 })).closeMatch).toBe(true);
    expect((await fixture.service.search({ query: '5G什么时候启动商用？', k: 3, mode: 'lexical' })).closeMatch).toBeNull();
  });

  it('do not depend on the other hits: a filter that removes the best hit leaves the others as they were', async () => {
    const all = (await fixture.service.search({ query: '信息消费规模目标', k: 10 })).results;
    const other = all.find((r) => r.document.id !== all[0].document.id)!;
    const filtered = (await fixture.service.search({ query: '信息消费规模目标', k: 10, filters: { doc: [other.document.id] } })).results;
    const same = filtered.find((r) => r.clause.id === other.clause.id)!;
    expect(same.score).toBe(other.score);
    // relative scores would have lifted the filtered best hit to 1
    expect(filtered[0].score).toBeLessThan(1);
  });

  it('never rise along the ranking, so a threshold keeps a prefix of the results', async () => {
    for (const query of ['5G商用', 'Which ministries lead 5G commercialisation?', '信息消费规模目标', '农村宽带']) {
      const scores = (await fixture.service.search({ query, k: 20 })).results.map((r) => r.score);
      expect(scores.length, query).toBeGreaterThan(3);
      expect(scores, query).toEqual([...scores].sort((a, b) => b - a));
    }
  });
});
