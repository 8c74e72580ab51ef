import { describe, expect, it } from 'vitest';
import { asciiTerms, cjkBigrams, createTokenizer, normalizeText, normalizeUserWords } from './tokenize.js';

describe('tokenize', () => {
  it('keeps ASCII technology terms whole and lowercased', () => {
    const terms = createTokenizer().terms('推进5G、IPv6和NB-IoT规模部署，4G全覆盖').words;
    expect(terms).toEqual(expect.arrayContaining(['5g', 'ipv6', 'nb-iot', '4g']));
    expect(terms).not.toContain('nb');
    expect(terms).not.toContain('iot');
  });

  it('folds full-width letters and digits before matching', () => {
    expect(normalizeText('５Ｇ商用')).toBe('5g商用');
    expect(asciiTerms(normalizeText('ＩＰｖ６'))).toEqual(['ipv6']);
  });

  it('drops stop words, punctuation and single characters from the word field', () => {
    const words = createTokenizer().terms('加快推进信息基础设施的建设，并且提升网络质量。').words;
    expect(words).not.toContain('的');
    expect(words).not.toContain('并且');
    expect(words).not.toContain('，');
    expect(words.every((w) => w.length >= 2)).toBe(true);
    expect(words).toEqual(expect.arrayContaining(['信息', '基础设施', '网络', '质量']));
  });

  it('keeps user words whole that jieba would otherwise split', () => {
    const text = '深化智能网联汽车发展';
    expect(createTokenizer().terms(text).words).not.toContain('智能网联汽车');
    expect(createTokenizer({ userWords: ['智能网联汽车'] }).terms(text).words).toContain('智能网联汽车');
  });

  it('produces overlapping CJK bigrams per run, not across punctuation or ASCII', () => {
    expect(cjkBigrams('信息消费，5G商用')).toEqual(['信息', '息消', '消费', '商用']);
    expect(cjkBigrams('网')).toEqual(['网']);
  });

  it('asks for no query bigram that straddles a stop word', () => {
    const tokenizer = createTokenizer();
    const query = tokenizer.queryTerms('手游和网文').bigrams;
    expect(query).toEqual(expect.arrayContaining(['手游', '网文']));
    expect(query).not.toContain('和网');
    // the index side keeps every bigram of the run
    expect(tokenizer.terms('手游和网文').bigrams).toContain('和网');
  });

  it('normalises user words: too short or spaced entries are dropped, duplicates merged', () => {
    expect(normalizeUserWords(['智能网联汽车', 'x', 'connected vehicles', '智能网联汽车', 'ＮＢ-ＩｏＴ'])).toEqual(['nb-iot', '智能网联汽车']);
  });
});
