// Which bundled sets `policygraph eval` runs on a corpus: a set is run where at least half of its
// queries have a relevant clause, so the laws' sets are left out on the seeds and the reverse.
import { describe, expect, it } from 'vitest';
import { bundledQueryFiles, loadQueries, relevantCounts, setFitsCorpus } from './run-eval.js';

const corpus = [{ text: '劳动合同期限三个月以上不满一年的，试用期不得超过一个月' }, { text: '加快 高速光纤宽带网建设' }];

describe('bundled query sets', () => {
  it('every bundled set loads with known kinds', () => {
    for (const file of bundledQueryFiles()) expect(loadQueries(file).length).toBeGreaterThan(10);
  });

  it('counts relevant clauses with whitespace ignored and judges a set by the share it can judge', () => {
    const queries = [
      { id: 'a', kind: 'article' as const, query: 'x', relevant: ['试用期不得超过一个月'] },
      { id: 'b', kind: 'keyword' as const, query: 'y', relevant: ['高速光纤宽带网'] },
      { id: 'c', kind: 'keyword' as const, query: 'z', relevant: ['不在语料中'] },
    ];
    const counts = relevantCounts(queries, corpus);
    expect([...counts.values()]).toEqual([1, 1, 0]);
    expect(setFitsCorpus(counts)).toBe(true);
    expect(setFitsCorpus(relevantCounts(queries.slice(2), corpus))).toBe(false);
  });
});
