import { describe, expect, it } from 'vitest';
import { citationOf } from '../graph/ids.js';
import { highlightFragments } from './highlight.js';

describe('citationOf', () => {
  it('cites the 文号 and the clause path, or the title when there is no 文号', () => {
    expect(citationOf({ docNumber: '国发〔2017〕40号', title: 'x' }, '三、/（十一）')).toBe('国发〔2017〕40号 · 三、/（十一）');
    expect(citationOf({ docNumber: null, title: '四川省扩大和升级信息消费行动计划' }, '二、')).toBe('《四川省扩大和升级信息消费行动计划》 · 二、');
  });
});

describe('highlightFragments', () => {
  const text =
    '加大信息基础设施建设投入力度，进一步拓展光纤宽带和第四代移动通信（4G）网络覆盖的深度和广度，促进网间互联互通。积极参与“一带一路”沿线重要国家、节点城市网络建设。加快第五代移动通信（5G）标准研究、技术试验和产业推进，力争2020年启动商用。';

  it('returns the text around each matched term, in text order, with ellipses where text was cut', () => {
    const fragments = highlightFragments(text, ['5g', '光纤宽带', '不存在'], { context: 6 });
    expect(fragments).toHaveLength(2);
    expect(fragments[0]).toContain('光纤宽带');
    expect(fragments[1]).toContain('5G');
    expect(fragments[0].startsWith('…')).toBe(true);
  });

  it('merges overlapping windows and returns nothing when no term occurs', () => {
    expect(highlightFragments(text, ['启动商用', '2020年'], { context: 4 })).toEqual(['…进，力争2020年启动商用。']);
    expect(highlightFragments(text, ['区块链'])).toEqual([]);
  });
});
