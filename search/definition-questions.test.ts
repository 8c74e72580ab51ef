import { describe, expect, it } from 'vitest';
import type { ClauseCatalog } from './clause-catalog.js';
import { definesTerm, definitionSubject } from './definition-questions.js';
import type { NamedDocument } from './document-names.js';
import type { Candidate, RetrieveOptions } from './hybrid-retriever.js';
import { retrieveNamed } from './named-documents.js';

describe('definition questions', () => {
  it('find the term a question asks the meaning of', () => {
    expect(definitionSubject('反洗钱法2006年版和2024年版对反洗钱的界定比较')).toBe('反洗钱');
    expect(definitionSubject('《反家庭暴力法》所称家庭暴力是什么')).toBe('家庭暴力');
    expect(definitionSubject('慈善法两个版本对慈善组织的定义有何不同')).toBe('慈善组织');
    expect(definitionSubject('民法典对居住权是怎么规定的')).toBeNull();
    expect(definitionSubject('法律法规对彩礼问题有哪些规定')).toBeNull();
  });

  it('recognise the clause that defines a term by its form', () => {
    expect(definesTerm('第二条 本法所称反洗钱，是指为了预防……', '反洗钱')).toBe(true);
    expect(definesTerm('第二条 国家秘密是关系国家安全和利益……的事项。', '国家秘密')).toBe(true);
    expect(definesTerm('第四条 国务院反洗钱行政主管部门负责全国的反洗钱监督管理工作。', '反洗钱')).toBe(false);
    expect(definesTerm('第十条 国家秘密的密级分为绝密、机密、秘密三级。', '国家秘密')).toBe(false);
  });

  it('put the defining clause of each named document first, though the words of the question rank it low', async () => {
    const texts: Record<string, [doc: string, text: string]> = {
      a4: ['A', '第四条 反洗钱监督管理工作由反洗钱行政主管部门负责，反洗钱信息界定清楚。'],
      a2: ['A', '第二条 本法所称反洗钱，是指预防洗钱活动。'],
      b5: ['B', '第五条 反洗钱行政主管部门负责反洗钱监督管理工作，比较反洗钱信息。'],
      b2: ['B', '第二条 本法所称反洗钱，是指预防洗钱活动，并依法采取措施。'],
    };
    const catalog = {
      documentOf: (id: string) => ({ id: texts[id][0] }),
      clausesOf: (docId: string) => Object.keys(texts).filter((id) => texts[id][0] === docId),
      text: (id: string) => texts[id][1],
    } as unknown as ClauseCatalog;
    // a lexical stand-in: the more of the query's characters a clause holds, the better it ranks
    const retrieve = async (query: string, options: RetrieveOptions): Promise<Candidate[]> =>
      Object.keys(texts)
        .filter((id) => !options.filter || options.filter(id))
        .map((id) => ({ id, score: [...query].filter((ch) => texts[id][1].includes(ch)).length / 100, why: {} as Candidate['why'] }))
        .sort((x, y) => y.score - x.score)
        .slice(0, options.pool);
    const named = [
      { document: { id: 'A' }, surface: '反洗钱法2006年版', explicit: false },
      { document: { id: 'B' }, surface: '2024年版', explicit: false },
    ] as unknown as NamedDocument[];
    const options = { mode: 'hybrid', pool: 10 } as RetrieveOptions;
    const plain = await retrieveNamed(retrieve, catalog, '反洗钱法2006年版和2024年版对反洗钱信息的比较', options, named);
    expect(plain.slice(0, 2).map((c) => c.id)).toEqual(['a4', 'b5']);
    const defined = await retrieveNamed(retrieve, catalog, '反洗钱法2006年版和2024年版对反洗钱的界定比较', options, named);
    expect(defined.slice(0, 2).map((c) => c.id)).toEqual(['a2', 'b2']);
  });
});
