import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDictionaries } from '../dictionaries/dictionaries.js';
import type { PolicyDocument } from '../graph/model.js';
import type { OutlineEntry } from '../graph/store.js';
import { DOCS, openFixtureService } from '../test/support/search-fixture.js';
import type { ClauseCatalog } from './clause-catalog.js';
import { DocumentNames } from './document-names.js';
import { expandHeadings } from './heading-children.js';
import type { Candidate } from './hybrid-retriever.js';
import type { SearchService } from './service.js';

const dicts = loadDictionaries();
const doc = (title: string, extra: Partial<PolicyDocument> = {}): PolicyDocument => ({
  id: title, title, docNumber: null, issuers: [], region: null, level: 'national', year: 2017, date: null, draft: false, kind: 'policy', inCorpus: true, aliases: [], sources: [], ...extra,
});

describe('documents named in a query', () => {
  const guoFa = doc('国务院关于进一步扩大和升级信息消费持续释放内需潜力的指导意见', { issuers: ['国务院'] });
  const anhui = doc('安徽省人民政府关于进一步扩大和升级信息消费持续释放内需潜力的实施意见', { issuers: ['安徽省人民政府'], region: '安徽省', level: 'provincial' });
  const plan = doc('国家十三五规划');
  const auction = doc('中华人民共和国拍卖法', { edition: '2015-04-24', status: 'current' });
  const oldAuction = doc('中华人民共和国拍卖法', { id: 'old', edition: '2004-08-28', status: 'superseded' });
  const citedOnly = doc('中华人民共和国电信法', { inCorpus: false });
  const village = doc('数字乡村发展战略纲要');
  const names = new DocumentNames([guoFa, anhui, plan, auction, oldAuction, citedOnly, village], dicts);
  const found = (query: string) => names.find(query).map((n) => `${n.document.id}${n.explicit ? '!' : ''}`);

  it('resolves short names made of issuer or region and genre, and aliases from documents.json', () => {
    expect(found('安徽实施意见比国务院指导意见多提出了哪些内容？')).toEqual([anhui.id, guoFa.id]);
    // documents.json knows the plan as 十三五规划纲要
    expect(found('十三五规划纲要提出了哪些信息化重大工程')).toEqual([plan.id]);
    expect(found('“十三五”规划的重大工程')).toEqual([plan.id]);
  });

  it('resolves a law without 中华人民共和国, to its current edition; a statute\'s title names it explicitly, with or without 《》', () => {
    expect(found('拍卖法规定的拍卖师条件')).toEqual([`${auction.id}!`]);
    expect(found('《拍卖法》第五十六条')).toEqual([`${auction.id}!`]);
    expect(found('中华人民共和国拍卖法')).toEqual([`${auction.id}!`]);
    // a policy's title without 《》 may be the subject rather than the source
    expect(found('数字乡村发展战略纲要的重点任务')).toEqual([village.id]);
  });

  it('names the editions of the years a query gives (an edition comparison), else the current one', () => {
    expect(found('拍卖法2004年版和2015年版关于拍卖师的规定有何不同')).toEqual(['old!', `${auction.id}!`]);
    expect(found('2004年修正的拍卖法')).toEqual(['old!']);
    expect(found('拍卖法1990年版')).toEqual([`${auction.id}!`]);
  });

  it('takes a query made of a few titles\' words as naming those documents, not explicitly', () => {
    expect(found('数字乡村有哪些内容？')).toEqual([village.id]);
    expect(found('持续释放内需潜力')).toEqual([guoFa.id, anhui.id]);
    // too short to be a title's words
    expect(found('发展')).toEqual([]);
  });

  it('names nothing for a query without a title, and never a document the corpus only cites', () => {
    expect(found('5G什么时候启动商用')).toEqual([]);
    expect(found('电信法的规定')).toEqual([]);
  });
});

describe('search with named documents', () => {
  let fixture: Awaited<ReturnType<typeof openFixtureService>>;
  let service: SearchService;
  beforeAll(async () => {
    fixture = await openFixtureService();
    service = fixture.service;
  });
  afterAll(() => fixture?.close());

  it('answers from the document a 文号 names, with or without brackets', async () => {
    for (const query of ['皖政〔2018〕20号 个人信息保护', '皖政2018年20号 个人信息保护']) {
      const { results } = await service.search({ query, k: 3 });
      expect(results[0].document.id, query).toBe(DOCS.anhui.id);
    }
  });

  it('interleaves the documents a comparison names, so each is in the first results', async () => {
    const { results } = await service.search({ query: '安徽实施意见和工信部联信软〔2018〕140号在智能网联汽车上有何不同', k: 4 });
    expect(new Set(results.slice(0, 2).map((r) => r.document.id))).toEqual(new Set([DOCS.anhui.id, DOCS.miit.id]));
  });

  it('answers a question about ministries from national documents first', async () => {
    for (const query of ['Which ministries lead 5G commercialisation?', '部委如何推动5G商用']) {
      const { results } = await service.search({ query, k: 3 });
      expect(results[0].document.level, query).toBe('national');
    }
  });

  it('reads Traditional characters as Simplified', async () => {
    const simplified = await service.search({ query: '个人信息泄露', k: 3 });
    const traditional = await service.search({ query: '個人信息洩露', k: 3 });
    expect(traditional.results.map((r) => r.clause.id)).toEqual(simplified.results.map((r) => r.clause.id));
    expect(traditional.query).toBe('個人信息洩露');
  });
});

describe('bare headings', () => {
  const texts: Record<string, { text: string; path: string }> = {
    h: { text: '信息化重大工程', path: '专栏' },
    c1: { text: '(一)宽带中国 建设高速大容量光通信传输系统', path: '专栏/（一）' },
    c2: { text: '(二)物联网应用推广 建设物联网应用基础设施和服务平台', path: '专栏/（二）' },
    x: { text: '其他条款，与此无关但足够长，不是一个标题而是一段正文。', path: '二、' },
    weak: { text: '附件 重点任务分工方案', path: '附件' },
    w1: { text: '工作任务：推动智能网联汽车与智能交通示范区建设', path: '附件/1' },
  };
  const catalog = { clause: (id: string) => (texts[id] ? { id, docId: 'd', ...texts[id] } : undefined) } as unknown as ClauseCatalog;
  const outline = async (): Promise<OutlineEntry[]> =>
    Object.entries(texts).map(([id, t], ordinal) => ({ id, path: t.path, number: null, heading: null, depth: t.path.split('/').length, ordinal, kind: 'item' as OutlineEntry['kind'] }));
  const c = (id: string, score: number): Candidate => ({ id, score, why: { dense: null, lexical: null, graph: [] } });

  it('answer with their children in document order when they match well, and are left out when they do not', async () => {
    const out = await expandHeadings([c('h', 0.9), c('x', 0.6), c('c2', 0.4), c('weak', 0.3)], catalog, outline, 10);
    expect(out.map((o) => o.id)).toEqual(['c1', 'c2', 'x']);
    // a retrieved child keeps its own score; one not retrieved answers as its heading did
    expect(out.find((o) => o.id === 'c2')?.score).toBe(0.4);
    expect(out.find((o) => o.id === 'c1')?.score).toBe(0.9);
  });
});
