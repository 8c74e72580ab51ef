import { describe, expect, it } from 'vitest';
import { matchesCondition, recordContent, recordScores } from './dify.js';

const meta = { level: 'provincial', region: '安徽省', year: 2018, themes: ['5G', '信息消费'], doc_number: '皖政〔2018〕20号', heading: null };

describe('Dify metadata conditions', () => {
  it('compares strings, lists and numbers as Dify names them', () => {
    expect(matchesCondition(meta, { name: 'level', comparison_operator: 'is', value: 'provincial' })).toBe(true);
    expect(matchesCondition(meta, { name: 'level', comparison_operator: 'is not', value: 'provincial' })).toBe(false);
    expect(matchesCondition(meta, { name: 'themes', comparison_operator: 'contains', value: '5G' })).toBe(true);
    expect(matchesCondition(meta, { name: 'themes', comparison_operator: 'in', value: ['IPv6', '信息消费'] })).toBe(true);
    expect(matchesCondition(meta, { name: 'doc_number', comparison_operator: 'start with', value: '皖政' })).toBe(true);
    expect(matchesCondition(meta, { name: 'year', comparison_operator: '≥', value: 2018 })).toBe(true);
    expect(matchesCondition(meta, { name: 'year', comparison_operator: '>', value: 2018 })).toBe(false);
    expect(matchesCondition(meta, { name: 'year', comparison_operator: 'before', value: 2020 })).toBe(true);
    expect(matchesCondition(meta, { name: 'heading', comparison_operator: 'empty' })).toBe(true);
    expect(matchesCondition(meta, { name: ['heading', 'region'], comparison_operator: 'not empty' })).toBe(true);
    expect(matchesCondition(meta, { name: 'missing', comparison_operator: '=', value: 1 })).toBe(false);
  });

  it('passes absolute scores through (no rescaling by the best hit), clamped to 0..1 and rounded', () => {
    expect(recordScores([0.612345, 0.4, 0.1])).toEqual([0.6123, 0.4, 0.1]);
    expect(recordScores([0.2, 0.1])).toEqual([0.2, 0.1]);
    expect(recordScores([1.3, -0.1])).toEqual([1, 0]);
    expect(recordScores([])).toEqual([]);
  });

  it('puts the heading in front of the text once, not when the text already starts with it', () => {
    expect(recordContent({ heading: '指导思想', text: '以习近平新时代中国特色社会主义思想为指导' })).toBe('指导思想\n以习近平新时代中国特色社会主义思想为指导');
    const numbered = { heading: '加快信息网络新技术开发应用', text: '第三节加快信息网络新技术开发应用\n积极推进第五代移动通信（5G）' };
    expect(recordContent(numbered)).toBe(numbered.text);
    expect(recordContent({ heading: null, text: '正文' })).toBe('正文');
  });
});
