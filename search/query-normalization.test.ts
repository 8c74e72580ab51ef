import { describe, expect, it } from 'vitest';
import { normalizeQuery } from './query-normalization.js';

describe('query normalisation', () => {
  it('turns Traditional characters into Simplified ones', () => {
    expect(normalizeQuery('農村寬帶網絡建設')).toBe('农村宽带网络建设');
    expect(normalizeQuery('《中華人民共和國拍賣法》第五十六條')).toBe('《中华人民共和国拍卖法》第五十六条');
  });

  it('leaves Simplified text and English alone, and makes full-width digits and letters half-width', () => {
    for (const text of ['著作权 显著 干部 皇后 余额 台湾', 'Which ministries lead 5G?']) expect(normalizeQuery(text)).toBe(text);
    expect(normalizeQuery('第５６条 ５Ｇ商用')).toBe('第56条 5G商用');
  });
});
