import { describe, expect, it } from 'vitest';
import { isRelevant, meanScores, scoreRanking } from './metrics.js';

describe('snippet judging', () => {
  it('ignores whitespace that scanned files insert inside words', () => {
    expect(isRelevant('依托政府数据统一共享交换平台，加快推进跨部门数据资\n源共享共用', ['数据资源共享共用'])).toBe(true);
    expect(isRelevant('提供 1000 兆比特每秒以上接入服务能力', ['1000兆比特每秒'])).toBe(true);
    expect(isRelevant('推进物联网', ['云计算'])).toBe(false);
  });
});

describe('scoreRanking', () => {
  it('gives a perfect ranking a score of one', () => {
    const s = scoreRanking(['含目标A的条款', '无关'], ['目标A'], 1);
    expect(s).toEqual({ ndcg10: 1, recall10: 1, mrr: 1, hit1: 1, hit10: 1 });
  });

  it('discounts a relevant clause found at rank 3 and a missing second relevant clause', () => {
    const s = scoreRanking(['x', 'y', '目标A在此', 'z'], ['目标A', '目标B'], 2);
    expect(s.mrr).toBeCloseTo(1 / 3);
    expect(s.recall10).toBe(0.5);
    expect(s.ndcg10).toBeCloseTo(1 / Math.log2(4) / (1 + 1 / Math.log2(3)));
  });

  it('scores zero when nothing relevant is retrieved', () => {
    expect(scoreRanking(['x', 'y'], ['目标A'], 1)).toEqual({ ndcg10: 0, recall10: 0, mrr: 0, hit1: 0, hit10: 0 });
  });

  it('averages scores', () => {
    expect(meanScores([{ ndcg10: 1, recall10: 0, mrr: 1, hit1: 1, hit10: 1 }, { ndcg10: 0, recall10: 1, mrr: 0, hit1: 0, hit10: 1 }])).toEqual({ ndcg10: 0.5, recall10: 0.5, mrr: 0.5, hit1: 0.5, hit10: 1 });
  });
});
