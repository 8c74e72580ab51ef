import { describe, expect, it } from 'vitest';
import { sharedPhrases } from './shared-phrases.js';

describe('sharedPhrases', () => {
  it('returns the longest shared phrases first, without overlaps or edge punctuation', () => {
    const draft = '鼓励金融机构开发适合信息消费的金融产品，推广小额、快捷的支付方式。';
    const clause = '鼓励金融机构开发更多适合信息消费的金融产品和服务，推广小额、快捷、便民的小微支付方式';
    const phrases = sharedPhrases(draft, clause);
    expect(phrases[0]).toBe('适合信息消费的金融产品');
    expect(phrases).toContain('鼓励金融机构开发');
    expect(phrases).toContain('推广小额、快捷');
    for (const p of phrases) expect(p.length).toBeGreaterThanOrEqual(4);
    // no phrase is a piece of another one already reported
    for (const p of phrases) expect(phrases.filter((q) => q !== p && q.includes(p))).toEqual([]);
  });

  it('ignores whitespace inside words and reports nothing shorter than the minimum', () => {
    expect(sharedPhrases('推进 物联网 基础设施部署', '加快推进物联网基础\n设施部署')).toEqual(['推进物联网基础设施部署']);
    expect(sharedPhrases('云计算', '推进云计算工程')).toEqual([]);
  });
});
