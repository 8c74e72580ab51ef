import { describe, expect, it } from 'vitest';
import { DOCS, useFixtureService } from '../test/support/search-fixture.js';
import type { Candidate } from '../search/hybrid-retriever.js';
import { diversify, findPrecedents, type PrecedentsRequest } from './precedents.js';

const fixture = useFixtureService();
const findAll = (request: PrecedentsRequest) => findPrecedents(fixture.engines, request);

const draft = '严格落实企业个人信息保护责任，规范个人信息采集、存储和使用，防范个人信息泄露和滥用，建立数据泄露报告机制。';

describe('precedents', () => {
  it('finds similar clauses across documents with shared phrases, level and year', async () => {
    const precedents = await findAll({ text: draft, k: 4 });
    expect(precedents).toHaveLength(4);
    const documents = precedents.map((p) => p.document.id);
    // four documents say something like this: the first four precedents come one from each
    expect(new Set(documents).size).toBe(4);
    expect(precedents[0].sharedPhrases.join('')).toContain('防范个人信息泄露和滥用');
    for (const p of precedents) {
      expect(p.sharedPhrases.every((s) => s.length >= 4)).toBe(true);
      expect(p.documentLevel).toBe(p.document.level);
      expect(p.documentYear).toBe(p.document.year);
    }
  });

  it('leaves out the excluded document, named by id or by 文号', async () => {
    for (const excludeDoc of [DOCS.anhui.id, '皖政〔2018〕20号']) {
      const precedents = await findAll({ text: draft, k: 5, excludeDoc });
      expect(precedents.length).toBeGreaterThan(0);
      expect(precedents.some((p) => p.document.id === DOCS.anhui.id)).toBe(false);
    }
  });

  it('rejects an empty draft, a bad k and an unknown document', async () => {
    await expect(findAll({ text: ' ' })).rejects.toThrow(/draft clause is empty/);
    await expect(findAll({ text: draft, k: 500 })).rejects.toThrow(/k must be an integer from 1 to 50/);
    await expect(findAll({ text: draft, excludeDoc: '国发〔1999〕1号' })).rejects.toThrow(/no document with id or 文号/);
  });
});

describe('diversify', () => {
  const c = (id: string, score: number): Candidate => ({ id, score, why: { dense: null, lexical: null, graph: [] } });
  const docOf = (id: string) => id[0];

  it('takes the best of each document before a second from the same one', () => {
    const picked = diversify([c('a1', 1), c('a2', 0.95), c('a3', 0.9), c('b1', 0.6), c('c1', 0.55)], 3, docOf);
    expect(picked.map((p) => p.id)).toEqual(['a1', 'b1', 'c1']);
  });

  it('still takes a second clause of a document when it is far better than the rest', () => {
    const picked = diversify([c('a1', 1), c('a2', 0.9), c('b1', 0.2)], 2, docOf);
    expect(picked.map((p) => p.id)).toEqual(['a1', 'a2']);
  });
});
