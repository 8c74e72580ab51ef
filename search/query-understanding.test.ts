import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { themeId } from '../graph/ids.js';
import { loadQueryLexicon } from './query-lexicon.js';
import { QueryUnderstander } from './query-understanding.js';

// A small dictionary in the format of seeds/dictionaries, loaded through dictionaries/dictionaries.ts.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-dicts-'));
const write = (name: string, value: unknown) => fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(value));
write('themes', [
  { id: 'icv', name: '智能网联汽车', aliases: ['网联汽车'], en: ['intelligent connected vehicles'], category: 'product' },
  { id: 'ehealth', name: '在线医疗', aliases: ['在线就医'], en: ['online healthcare'], category: 'service' },
  { id: '5g', name: '5G', aliases: ['第五代移动通信'], en: ['5G network'], category: 'network' },
]);
write('agencies', [
  { id: 'miit', name: '工业和信息化部', aliases: ['工信部'], en: ['MIIT'], level: 'central', region: '全国', successor: null },
  { id: 'ndrc', name: '国家发展改革委', aliases: ['发展改革委', '国家发展和改革委员会'], en: [], level: 'central', region: '全国', successor: null },
]);
write('regions', [
  { name: '全国', level: 'country', aliases: ['全国'], en: ['national'], abbr: null, parent: null },
  { name: '四川省', level: 'province', aliases: ['四川'], en: ['Sichuan'], abbr: '川', parent: '全国' },
]);
// the glossaries are the real ones: the tests below read English and colloquial words through them
for (const name of ['glossary-english', 'glossary-colloquial']) {
  fs.copyFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'seeds', 'dictionaries', `${name}.json`), path.join(dir, `${name}.json`));
}
write('synonyms', { 自动驾驶: '智能网联汽车', 网上看病: '在线医疗', 'connected vehicles': '智能网联汽车' });
const understander = new QueryUnderstander(loadQueryLexicon(dir));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('QueryUnderstander', () => {
  it('maps a synonym absent from the texts to its theme and expands it', () => {
    const { understood, expansions } = understander.understand('自动驾驶有哪些支持政策');
    // ids are graph node ids, so a client can follow them into the graph
    expect(understood.themes).toEqual([{ id: themeId('智能网联汽车'), name: '智能网联汽车', surface: '自动驾驶' }]);
    expect(expansions).toContain('智能网联汽车');
    // the synonym itself never occurs in policy prose, so it is not fed to the lexical index
    expect(understander.understand('网联汽车').expansions).not.toContain('自动驾驶');
    expect(understander.understand('网上看病').understood.themes.map((t) => t.name)).toEqual(['在线医疗']);
  });

  it('understands English questions through aliases, synonyms and the glossary', () => {
    const { understood, expansions, english } = understander.understand('Which ministries lead the connected vehicles pilots with MIIT?');
    expect(english).toBe(true);
    expect(understood.themes.map((t) => t.name)).toEqual(['智能网联汽车']);
    expect(understood.agencies.map((a) => a.name)).toEqual(['工业和信息化部']);
    expect(expansions).toEqual(expect.arrayContaining(['牵头', '试点', '智能网联汽车', '工业和信息化部']));
  });

  it('folds plurals and prefers the longest English phrase', () => {
    const { expansions } = understander.understand('broadband for rural administrative villages');
    expect(expansions).toEqual(expect.arrayContaining(['宽带', '农村', '行政村']));
  });

  it('prefers the longest Chinese surface and claims each stretch of the query once', () => {
    const { understood } = understander.understand('国家发展和改革委员会的职责');
    expect(understood.agencies.map((a) => a.name)).toEqual(['国家发展改革委']);
  });

  it('finds 文号, years and regions, and does not take the year of a 文号 as a year asked about', () => {
    const { understood } = understander.understand('国发[2017]40 号提出四川到2020年的目标');
    expect(understood.docNumbers).toEqual(['国发〔2017〕40号']);
    expect(understood.years).toEqual([2020]);
    expect(understood.regions).toEqual(['四川省']);
    // without brackets, as typed
    expect(understander.understand('国发2017年40号的主要内容').understood.docNumbers).toEqual(['国发〔2017〕40号']);
    expect(understander.understand('皖政 2018 20号').understood).toMatchObject({ docNumbers: ['皖政〔2018〕20号'], years: [] });
    expect(understander.understand('到2020年5G用户达到').understood.docNumbers).toEqual([]);
    // the words before the prefix are not part of it
    expect(understander.understand('安徽实施意见和工信部联信软〔2018〕140号有何不同').understood.docNumbers).toEqual(['工信部联信软〔2018〕140号']);
  });

  it('takes a question about ministries to be about the national level', () => {
    expect(understander.understand('Which ministries lead 5G?').understood.regions).toEqual(['全国']);
    expect(understander.understand('四川省哪些部门牵头').understood.regions).toEqual(['四川省']);
  });

  it('says which words of the query implied each group of terms, and how', () => {
    const { expansionGroups } = understander.understand('网上看病 and 5G network');
    expect(expansionGroups).toContainEqual({ terms: ['在线医疗', '在线就医'], surface: '网上看病', source: 'glossary' });
    expect(expansionGroups.find((g) => g.source === 'english')?.surface.toLowerCase()).toBe('5g network');
    expect(understander.understand('工信部').expansionGroups).toEqual([{ terms: ['工业和信息化部'], surface: '工信部', source: 'alias' }]);
  });

  it('implies nothing twice and nothing the query already says, spacing aside', () => {
    // 网上看病 is both a glossary phrase and a dictionary synonym of 在线医疗: one group for the same terms
    const groups = understander.understand('网上看病').expansionGroups;
    const keys = groups.map((g) => [...g.terms].sort().join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    // the glossary's 工业 4.0 is already in 工业4.0
    expect(understander.understand('德国工业4.0').expansions).not.toContain('工业 4.0');
  });

  it('finds nothing in a query that names nothing', () => {
    const { understood } = understander.understand('指导思想');
    expect(understood.themes).toEqual([]);
    expect(understood.agencies).toEqual([]);
    expect(understood.regions).toEqual([]);
  });
});

describe('list questions', () => {
  it('marks a query that asks for a list (retrieval then searches its subject in full)', () => {
    expect(understander.understand('电子烟有哪些管理规定').enumerating).toBe(true);
    expect(understander.understand('What measures support 5G?').enumerating).toBe(true);
    expect(understander.understand('电子烟的危害').enumerating).toBe(false);
  });
});

describe('legal phrasing', () => {
  it('adds the form the laws write beside what people say (两年 → 二年, 两岁 → 两周岁, 500块 → 500元)', () => {
    const terms = (q: string) => understander.understand(q).expansionGroups.flatMap((g) => g.terms);
    expect(terms('哪些法律规定了两年的诉讼时效')).toContain('二年');
    expect(terms('离婚后两岁以下的小孩跟谁')).toContain('两周岁');
    expect(terms('罚了500块')).toContain('500元');
    expect(terms('两个人')).toEqual([]);
  });
});
