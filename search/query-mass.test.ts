import { beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_CLAUSES, SEARCH_USER_WORDS } from '../test/fixtures/search-clauses.js';
import { clauseIndexText } from './index-store.js';
import { LexicalIndex } from './lexical-index.js';
import { QueryMass } from './query-mass.js';

/** The definition QueryMass.spanned shortcuts: the IDF-weighted share of the query's pieces among the text's analysed terms. */
function spannedByAnalysis(index: LexicalIndex, query: string, texts: string[]): number {
  const q = index.analyzeQuery(query);
  const weights = new Map<string, number>();
  for (const w of q.words) if (!/^[\u3400-\u9fff\uf900-\ufaff]/.test(w)) weights.set(w, index.idf(w) || index.rarestIdf());
  for (const b of q.bigrams) weights.set(b, index.bigramIdf(b) || index.rarestIdf());
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  const pieces = new Set(texts.flatMap((t) => [...index.analyze(t).words, ...index.analyze(t).bigrams]));
  let held = 0;
  for (const [piece, weight] of weights) if (pieces.has(piece)) held += weight;
  return total > 0 ? held / total : 0;
}

describe('QueryMass', () => {
  let index: LexicalIndex;
  beforeAll(() => {
    index = LexicalIndex.create({ userWords: SEARCH_USER_WORDS });
    for (const clause of SEARCH_CLAUSES) index.add(clause.id, clauseIndexText(clause));
  });

  // queries with CJK bigrams, a lone character (车), ASCII words (5G, NB-IoT) and full-width forms (５Ｇ)
  const queries = ['信息消费规模目标是多少', '无人车 上路', '５Ｇ基站和NB-IoT网络', 'online education 在线教育', '的', '车'];
  const texts = [
    ...SEARCH_CLAUSES.slice(0, 12).map((c) => c.text),
    '支持开展5G技术试验和规模组网，推进NB-IoT部署。',
    '车、船、飞机；无人机',
    '智能网联汽车 车 道路测试',
    'ONLINE Education platforms',
    '',
  ];

  it('weighs a text as the share of the query its analysed terms hold', () => {
    for (const query of queries) {
      const mass = new QueryMass(index, query);
      for (const text of texts) expect(mass.spanned(text)).toBeCloseTo(spannedByAnalysis(index, query, [text]), 12);
      expect(mass.spannedByAll(texts.slice(-4))).toBeCloseTo(spannedByAnalysis(index, query, texts.slice(-4)), 12);
    }
  });

  it('counts a lone character only where the text has it alone, and a bigram anywhere in a CJK run', () => {
    const mass = new QueryMass(index, '车 规模');
    expect(mass.spanned('车、船')).toBeGreaterThan(mass.spanned('汽车、船'));
    expect(mass.spanned('信息消费规模')).toBeGreaterThan(0);
    expect(mass.spanned('规 模')).toBe(0);
  });
});
