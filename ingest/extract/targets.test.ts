import { describe, expect, it } from 'vitest';
import { loadDictionaries } from '../../dictionaries/dictionaries.js';
import { findQuantities } from './quantities.js';
import { targetsInClause } from './targets.js';

const dicts = loadDictionaries();
const targets = (text: string, heading: string | null = null) =>
  targetsInClause({ id: 'cl_test', text, heading }, dicts).map(({ metric, value, amount, unit, year, growth }) => ({ metric, value, amount, unit, year, growth }));

describe('quantities', () => {
  it('parses Chinese multipliers into base units and leaves 5G, IPv6, years and versions alone', () => {
    const q = (s: string) => findQuantities(s).map((x) => [x.amount, x.unit, x.qualifier]);
    expect(q('6万亿元')).toEqual([[6e12, '元', null]]);
    expect(q('1.5万亿元')).toEqual([[1.5e12, '元', null]]);
    expect(q('15万家以上')).toEqual([[150000, '家', '以上']]);
    expect(q('4000万')).toEqual([[4e7, null, null]]);
    expect(q('1000兆比特每秒以上')).toEqual([[1000, 'Mbps', '以上']]);
    expect(q('98%')).toEqual([[98, '%', null]]);
    expect(q('5G、IPv6、4K/8K、2020年、ITSS体系5.0版')).toEqual([]);
  });
});

describe('targets', () => {
  it('reads amount, unit, year and growth: 到2020年，信息消费规模达到6万亿元，年均增长11%以上', () => {
    expect(targets('到2020年，信息消费规模预计达到6万亿元，年均增长11%以上；信息技术在消费领域的带动作用显著增强，拉动相关领域产出达到15万亿元。')).toEqual([
      { metric: '信息消费规模', value: '6万亿元', amount: 6e12, unit: '元', year: 2020, growth: '11%以上' },
      { metric: '信息消费带动相关领域产出', value: '15万亿元', amount: 1.5e13, unit: '元', year: 2020, growth: null },
    ]);
  });

  it('gives 行政村光纤通达 one metric however it is written, so documents compare', () => {
    const a = targets('到2020年98%行政村实现光纤通达和4G网络覆盖，加快补齐发展短板。');
    expect(a.map((t) => [t.metric, t.value, t.year])).toEqual([
      ['行政村光纤通达', '98%', 2020],
      ['行政村4G网络覆盖', '98%', 2020],
    ]);
    expect(targets('重点支持中西部省份宽带建设，到2020年实现98%的行政村通光纤。')[0].metric).toBe('行政村光纤通达');
    expect(targets('持续提升农村地区电信普遍服务水平，到2020年实现100%的行政村通光纤。')[0]).toMatchObject({ metric: '行政村光纤通达', amount: 100, unit: '%' });
    expect(targets('城镇地区实现光网覆盖，98% 的行政村实现光纤通达。')[0]).toMatchObject({ metric: '行政村光纤通达', value: '98%' });
  });

  it('takes a dated goal without a number from a metric rule and the sentence subject: 力争2020年启动商用', () => {
    expect(targets('加快第五代移动通信（5G）标准研究、技术试验和产业推进，力争2020年启动商用。')).toEqual([
      { metric: '5G商用', value: '启动商用', amount: null, unit: null, year: 2020, growth: null },
    ]);
    expect(targets('到2022年，5G实现广泛商用，IPv6完成升级改造。').map((t) => [t.metric, t.value, t.year])).toEqual([
      ['5G商用', '实现广泛商用', 2022],
      ['IPv6部署', '完成升级改造', 2022],
    ]);
    // an undated aspiration is not a target
    expect(targets('积极推进第五代移动通信（5G）和超宽带关键技术研究，启动 5G 商用。')).toEqual([]);
  });

  it('keeps the value as written, spaces included, and counts from 新增/建设 phrases', () => {
    expect(targets('城镇地区实现光网覆盖，提供 1000 兆比特每秒以上接入服务能力。')[0]).toMatchObject({ value: '1000 兆比特每秒以上', amount: 1000, unit: 'Mbps' });
    expect(targets('到2022年，新增上云企业15万家以上。')[0]).toMatchObject({ metric: '新增上云企业', value: '15万家以上', amount: 150000, unit: '家', year: 2022 });
    expect(targets('到2020年，全省重点建设发展50个信息消费众创空间。')[0]).toMatchObject({ metric: '信息消费众创空间', amount: 50, unit: '个', year: 2020 });
  });

  it('pairs 分别 lists of metrics with their values, and keeps 覆盖率 in the metric', () => {
    expect(targets('到2020年，城市和农村家庭宽带接入能力分别达到1000Mbps和100Mbps。').map((t) => [t.metric, t.value])).toEqual([
      ['城市家庭宽带接入能力', '1000Mbps'],
      ['农村宽带接入能力', '100Mbps'],
    ]);
    expect(targets('到2020年，全省4G网络覆盖率达到99%。')[0].metric).toBe('4G网络覆盖率');
  });

  it('does not read statements of the past or plain counts as goals', () => {
    expect(targets('2015 年信息产业收入规模达到 17.1 万亿元。国内信息技术专利申请总量已超过 304.8 万件。')).toEqual([]);
    expect(targets('合肥、马鞍山、芜湖市3个国家级信息消费示范市率先建立市级信息消费体验中心。')).toEqual([]);
    // counts that say who, not how many: the goal is the dated one the metric rules know
    expect(targets('到2018年，其余13个市和9个省级信息消费示范县（市、区）建立相应级别体验中心。')).toEqual([
      { metric: '信息消费体验中心覆盖', value: '建立相应级别体验中心', amount: null, unit: null, year: 2018, growth: null },
    ]);
    expect(targets('到2020年，公共服务和数据资源开放共享体系基本建立，信息消费体验中心实现全覆盖。').map((t) => t.value)).toEqual(['实现全覆盖']);
    expect(targets('在德国，一般意义的信息和通信技术至今仍然支持 90% 的工业制造过程。')).toEqual([]);
  });
});
