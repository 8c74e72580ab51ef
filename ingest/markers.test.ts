import { describe, expect, it } from 'vitest';
import { inlineMarkerPositions, numberValue, parseMarker } from './markers.js';

describe('parseMarker', () => {
  it.each([
    ['一、总体要求', 'cn', '一、'],
    ['（十一）推动信息基础设施提速升级。', 'paren-cn', '（十一）'],
    ['(五) 推广数字家庭产品。', 'paren-cn', '（五）'],
    ['1.基础性', 'arabic', '1.'],
    ['（3）加强监管', 'paren-arabic', '（3）'],
    ['专栏2：智慧交通建设工程', 'box', '专栏2'],
    ['第二十五章构建泛在高效的信息网络', 'zhang', '第二十五章'],
    // notes number items again before the official number: the official one wins
    ['1. (一) 宽带中国 建设高速', 'paren-cn', '（一）'],
    ['2.第二十六章发展现代互联网产业体系', 'zhang', '第二十六章'],
    ['(a)第一节完善新一代高速光纤网络', 'jie', '第一节'],
    ['- 1.（二）“十三五”发展形势。', 'paren-cn', '（二）'],
    ['****（一）“十二五”发展回顾。', 'paren-cn', '（一）'],
  ])('%s → %s %s', (text, type, number) => {
    expect(parseMarker(text)).toMatchObject({ type, number });
  });

  it.each(['1.5万亿元的市场', '5.0版标准', '统一、规范的标准', '2020年实现'])('does not take %s for a number', (text) => {
    expect(parseMarker(text)).toBeNull();
  });
});

describe('inlineMarkerPositions', () => {
  it('finds items run into a crawled line but not enumerations inside a sentence', () => {
    const text = '一、总体要求（一）指导思想以习近平…发展。二、主要目标消费规模显著增长。统一、规范';
    const positions = inlineMarkerPositions(text);
    expect(positions.map((p) => text.slice(p, p + 3))).toEqual(['（一）', '二、主']);
  });
});

describe('numberValue', () => {
  it.each([['十一', 11], ['二十二', 22], ['一百零五', 105], ['7', 7], ['b', 2]])('%s = %i', (raw, value) => {
    expect(numberValue(raw)).toBe(value);
  });
});
