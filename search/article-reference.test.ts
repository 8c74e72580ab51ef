import { describe, expect, it } from 'vitest';
import { articlePath, chineseNumber, documentsNamed, documentsNamedIn, parseArticleReference } from './article-reference.js';
import { documentWith } from '../test/support/documents.js';

describe('article references in queries', () => {
  it('writes article numbers the way laws number them', () => {
    expect([1, 10, 11, 20, 56, 100, 105, 110, 119, 236, 1000, 1009, 1260].map(chineseNumber)).toEqual([
      '一', '十', '十一', '二十', '五十六', '一百', '一百零五', '一百一十', '一百一十九', '二百三十六', '一千', '一千零九', '一千二百六十',
    ]);
  });

  it('reads the document and the article a query names', () => {
    expect(parseArticleReference('《中华人民共和国拍卖法》第五十六条')).toEqual({ titles: ['中华人民共和国拍卖法'], article: '第五十六条' });
    expect(parseArticleReference('拍卖法第56条规定了什么')).toEqual({ titles: ['拍卖法'], article: '第五十六条' });
    expect(parseArticleReference('刑法第二百三十六条之一')).toEqual({ titles: ['刑法'], article: '第二百三十六条之一' });
    expect(parseArticleReference('民法典第一千零四十七条')).toEqual({ titles: ['民法典'], article: '第一千零四十七条' });
    expect(parseArticleReference('第十条')).toEqual({ titles: [], article: '第十条' });
    expect(parseArticleReference('5G商用的牵头部门')).toBeNull();
  });

  it('resolves a short name to the law itself, current edition first', () => {
    const docs = [
      documentWith({ id: 'constitution', title: '中华人民共和国宪法' }),
      documentWith({ id: 'old', title: '中华人民共和国拍卖法', edition: '2004-08-28', status: 'superseded' }),
      documentWith({ id: 'new', title: '中华人民共和国拍卖法', edition: '2015-04-24', status: 'current' }),
      documentWith({ id: 'interp', title: '最高人民法院关于适用《中华人民共和国拍卖法》若干问题的解释' }),
    ];
    expect(documentsNamed('拍卖法', docs).map((d) => d.id)).toEqual(['new', 'old']);
    expect(documentsNamed('中华人民共和国拍卖法', docs)[0].id).toBe('new');
    expect(documentsNamedIn('请问拍卖法', docs)[0].id).toBe('new');
    expect(articlePath(['第一章/第五条', '第五章/第五十六条', '第五章/第五十六条之一'], '第五十六条')).toBe('第五章/第五十六条');
  });
});
