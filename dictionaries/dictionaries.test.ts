import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDictionaries, useDictionaryDir, type AgencyEntry } from './dictionaries.js';
import { agencyId, themeId } from '../graph/ids.js';
import { PolicyGraphError } from '../graph/errors.js';

const dicts = loadDictionaries();
const names = (text: string, options = {}) => dicts.match(text, options).map((m) => m.entity.name);

describe('curated dictionaries', () => {
  it('cover the themes the seeds talk about, with aliases and English names', () => {
    expect(dicts.themes.length).toBeGreaterThanOrEqual(30);
    const required = ['5G', 'IPv6', '4G', '光纤宽带', '物联网', '工业互联网', '云计算', '大数据', '人工智能', '区块链', '智能网联汽车',
      '超高清视频', '虚拟现实/增强现实', '智能家居', '可穿戴设备', '电子商务', '在线医疗', '在线教育', '智慧养老', '网络安全',
      '个人信息保护', '知识产权', '信用体系', '电信普遍服务', '信息消费试点示范', '财税支持', '集成电路', '软件', '数字内容',
      '网络提速降费', '信息技能培训', '互联网+'];
    for (const name of required) expect(dicts.theme(name), name).not.toBeNull();
    expect(dicts.theme('第五代移动通信')?.name).toBe('5G');
    expect(dicts.theme('下一代互联网')?.name).toBe('IPv6');
    expect(dicts.theme('互联网协议第六版')?.name).toBe('IPv6');
    expect(dicts.theme('车联网')?.name).toBe('智能网联汽车');
    expect(dicts.theme('自动驾驶')?.name).toBe('智能网联汽车');
    expect(dicts.theme('数字家庭')?.name).toBe('智能家居');
    expect(names('connected vehicles and fifth-generation mobile')).toEqual(['智能网联汽车', '5G']);
    expect(dicts.theme('5G')?.id).toBe(themeId('5G'));
  });

  it('canonicalises agency aliases and records renamed agencies', () => {
    const ndrc = dicts.agency('国家发展和改革委员会')!;
    expect(dicts.agency('国家发展改革委')).toBe(ndrc);
    expect(dicts.agency('发展改革委')).toBe(ndrc);
    expect(ndrc.level).toBe('central');
    expect(ndrc.id).toBe(agencyId('国家发展和改革委员会'));
    expect(dicts.agency('工信部')?.name).toBe('工业和信息化部');
    expect(dicts.agency('农业部')?.successor).toBe('农业农村部');
    expect(dicts.agency('文化部')?.successor).toBe('文化和旅游部');
    expect(dicts.agency('国家卫生计生委')?.successor).toBe('国家卫生健康委员会');
  });

  it('never reads 省发展改革委 as the national commission; its region comes from the document', () => {
    const generic = dicts.match('省发展改革委等配合')[0].entity as AgencyEntry;
    expect(generic.name).toBe('省发展和改革委员会');
    expect(generic.level).toBe('provincial');
    const anhui = dicts.match('省发展改革委等配合', { region: '安徽省' })[0].entity as AgencyEntry;
    expect(anhui.name).toBe('安徽省发展和改革委员会');
    expect(anhui.region).toBe('安徽省');
    expect(anhui.id).not.toBe(dicts.agency('国家发展改革委')!.id);
    // a city document resolves to its province
    expect((dicts.match('省通信管理局', { region: '合肥市' })[0].entity as AgencyEntry).name).toBe('安徽省通信管理局');
    // written out in full, the instance matches without context
    expect(names('四川省发展改革委')).toEqual(['四川省发展和改革委员会']);
  });

  it('matches the longest surface, with offsets into the original text', () => {
    const text = '推进IPv6、窄带物联网（NB-IoT）和“互联网+政务服务”，落实《中国制造 2025》';
    const matches = dicts.match(text);
    for (const m of matches) expect(text.slice(m.start, m.end)).toBe(m.surface);
    expect(matches.map((m) => m.surface)).toEqual(['IPv6', '窄带物联网', 'NB-IoT', '互联网+政务服务', '互联网+政务服务', '中国制造 2025']);
    // one surface may name two entities
    expect(matches.filter((m) => m.surface === '互联网+政务服务').map((m) => m.entity.name).sort()).toEqual(['互联网+', '电子政务']);
  });

  it('normalises width and case, and respects ASCII word boundaries', () => {
    expect(names('ＩＰｖ６和５Ｇ')).toEqual(['IPv6', '5G']);
    expect(names('nb-iot')).toEqual(['物联网']);
    expect(names('ARM架构与45G')).toEqual([]);
    expect(names('VR/AR')).toEqual(['虚拟现实/增强现实']);
  });

  it('uses query-side synonyms only when asked', () => {
    expect(names('网上看病')).toEqual([]);
    expect(names('网上看病', { synonyms: true })).toEqual(['在线医疗']);
    expect(names('ministry of industry', { synonyms: true })).toEqual(['工业和信息化部']);
    expect(names('自动驾驶', { kinds: ['agency'] })).toEqual([]);
  });

  it('resolves 文号 prefixes to issuing agencies, provincial ones through the region abbreviation', () => {
    expect(dicts.agencyByDocNumber('工信部联信软〔2018〕140号')?.name).toBe('工业和信息化部');
    expect(dicts.agencyByDocNumber('国发〔2017〕40号')?.name).toBe('国务院');
    expect(dicts.agencyByDocNumber('国办发〔2018〕1号')?.name).toBe('国务院办公厅');
    expect(dicts.agencyByDocNumber('川府发〔2018〕32号')?.name).toBe('四川省人民政府');
    expect(dicts.agencyByDocNumber('皖政〔2018〕20号')?.name).toBe('安徽省人民政府');
    expect(dicts.agencyByDocNumber('XYZ〔2018〕1号')).toBeNull();
  });

  it('canonicalises target metrics so documents can be compared', () => {
    expect(dicts.metricFor('98%行政村实现光纤通达')).toBe('行政村光纤通达');
    expect(dicts.metricFor('行政村通光纤')).toBe('行政村光纤通达');
    expect(dicts.metricFor('行政村4G网络覆盖')).toBe('行政村4G网络覆盖');
    expect(dicts.metricFor('全省信息消费规模')).toBe('信息消费规模');
    expect(dicts.metricFor('一句无关的话')).toBeNull();
  });
});

describe('dictionary validation', () => {
  const write = (files: Record<string, unknown>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-dict-'));
    const real = path.dirname(new URL(import.meta.url).pathname) + '/../seeds/dictionaries';
    for (const f of ['themes.json', 'agencies.json', 'regions.json']) fs.copyFileSync(path.join(real, f), path.join(dir, f));
    for (const [name, content] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    }
    return dir;
  };
  const failure = (dir: string): PolicyGraphError => {
    try {
      loadDictionaries(dir);
    } catch (err) {
      return err as PolicyGraphError;
    }
    throw new Error('expected a failure');
  };

  it('names the file of invalid JSON', () => {
    const err = failure(write({ 'themes.json': '[{"name": "5G",' }));
    expect(err).toBeInstanceOf(PolicyGraphError);
    expect(err.code).toBe('CONFIG');
    expect(err.message).toMatch(/themes\.json is not valid JSON/);
  });

  it('rejects a synonym that names nothing, a duplicate id and a bad level', () => {
    expect(failure(write({ 'synonyms.json': { 飞车: '不存在的主题' } })).message).toMatch(/"飞车" maps to "不存在的主题"/);
    expect(failure(write({ 'themes.json': [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }] })).message).toMatch(/id "a" is used twice/);
    expect(failure(write({ 'agencies.json': [{ name: '某部', level: 'galactic' }] })).message).toMatch(/"某部".level/);
  });

  it('picks up a theme added to the data without code changes', () => {
    const dir = write({ 'themes.json': [{ id: 'metaverse', name: '元宇宙', aliases: ['虚拟世界'], en: ['metaverse'] }] });
    const custom = loadDictionaries(dir);
    expect(custom.match('建设虚拟世界和 Metaverse').map((m) => m.entity.name)).toEqual(['元宇宙', '元宇宙']);
  });

  it('reads the glossaries from data: a user-added phrase is used, a bad entry is one line naming the file', () => {
    const seeds = loadDictionaries();
    expect(seeds.glossary.english['broadband']).toEqual(['宽带']);
    expect(Object.keys(seeds.glossary.english).length).toBeGreaterThan(1000);
    expect(seeds.glossary.colloquial['网费']).toContain('资费');
    const custom = loadDictionaries(write({ 'glossary-english.json': { 'Smart Meter': ['智能电表'] }, 'glossary-colloquial.json': { 电老虎: ['高耗能'] } }));
    expect(custom.glossary.english['smart meter']).toEqual(['智能电表']);
    expect(custom.glossary.colloquial['电老虎']).toEqual(['高耗能']);
    expect(failure(write({ 'glossary-english.json': ['broadband'] })).message).toMatch(/glossary-english\.json must be a JSON object/);
    expect(failure(write({ 'glossary-colloquial.json': { 网费: [] } })).message).toMatch(/glossary-colloquial\.json: "网费" must map to a non-empty list/);
    expect(failure(write({ 'glossary-english.json': { fibre: '光纤' } })).message).toMatch(/"fibre"\.terms must be a list of strings/);
  });

  it('loads the folder the settings name when no dir is given, and the bundled one again when unset', () => {
    const missing = path.join(os.tmpdir(), 'pg-no-such-dictionaries');
    useDictionaryDir(missing);
    try {
      expect(() => loadDictionaries()).toThrow(PolicyGraphError);
      expect(() => loadDictionaries()).toThrow(new RegExp(missing.replace(/[\\/.]/g, '.')));
    } finally {
      useDictionaryDir(null);
    }
    expect(loadDictionaries()).toBe(dicts);
  });
});
