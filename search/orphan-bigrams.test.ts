// A list question's subject whose last character jieba leaves alone (电子烟 → 电子 + 烟): the bigrams
// holding that character are searched on their own, so every clause saying the compound is found,
// not the many that only share its first word.
import { describe, expect, it } from 'vitest';
import { LexicalIndex } from './lexical-index.js';
import { orphanBigrams } from './hybrid-retriever.js';

const CLAUSES: Record<string, string> = {
  e1: '禁止在公共交通工具内吸烟（含电子烟）。',
  e2: '电子烟销售者不得向未成年人销售电子烟。',
  s1: '推广电子签名、电子印章和电子证照的应用，推进电子政务建设。',
  s2: '建立全市统一的电子证照库，推进电子文件归档管理。',
  s3: '政务活动中电子签名、电子印章等涉及的电子认证服务由主管部门负责。',
};

describe('orphan bigrams', () => {
  const index = LexicalIndex.create({});
  for (const [id, text] of Object.entries(CLAUSES)) index.add(id, text);

  it('are the bigrams holding a character no query word holds, never a stop word or an unknown bigram', () => {
    expect(orphanBigrams(index, '电子烟 管理规定')).toEqual(['子烟']);
    // every character is in a word: nothing to add
    expect(orphanBigrams(index, '电子签名 管理')).toEqual([]);
    // 的 is a stop word; 烟有 occurs in no clause
    expect(orphanBigrams(index, '电子烟的规定')).toEqual(['子烟']);
  });

  it('find the clauses that say the compound, which BM25 on the whole query ranks below the first word', () => {
    const plain = index.search('电子烟 管理规定', 5).map((h) => h.id);
    const orphans = index.search(orphanBigrams(index, '电子烟 管理规定').join(' '), 5).map((h) => h.id);
    expect(orphans.sort()).toEqual(['e1', 'e2']);
    expect(plain.slice(0, 2).sort()).not.toEqual(['e1', 'e2']);
  });
});
