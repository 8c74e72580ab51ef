import { describe, expect, it } from 'vitest';
import { PolicyGraphError } from '../graph/errors.js';
import { DOCS, fixtureClause, useFixtureService } from '../test/support/search-fixture.js';

const fixture = useFixtureService();

describe('hybrid search', () => {
  it('answers a Chinese question with cited, explained, highlighted clauses', async () => {
    const response = await fixture.service.search({ query: '5G什么时候启动商用？', k: 5 });
    expect(response.results.length).toBe(5);
    const top = response.results[0];
    expect(top.clause.text).toContain('启动商用');
    expect(top.citation).toMatch(/ · /);
    expect(top.why.dense).not.toBeNull();
    expect(top.why.lexical?.terms.length).toBeGreaterThan(0);
    expect(top.why.graph).toContainEqual({ kind: 'theme', name: '5G' });
    expect(top.highlights.join('')).toMatch(/5G|启动商用/);
    expect(response.understood.themes.map((t) => t.name)).toContain('5G');
    expect(response.embedder).toBe(fixture.service.embedderId);
    expect(response.facets.documents.reduce((n, d) => n + d.count, 0)).toBe(5);
  });

  it('joins results with the graph: document, 文号, agencies with roles', async () => {
    const response = await fixture.service.search({ query: '加快第五代移动通信标准研究 负责单位', k: 10 });
    const row = response.results.find((r) => r.clause.id === fixtureClause('guoFa', '附件/12'));
    expect(row?.document).toMatchObject({ docNumber: '国发〔2017〕40号', level: 'national', year: 2017 });
    expect(row?.citation).toBe('国发〔2017〕40号 · 附件/12');
    expect(row?.agencies).toContainEqual({ id: expect.any(String), name: '工业和信息化部', role: 'lead', deadline: '2020年' });
  });

  it('answers English queries through the dictionaries', async () => {
    const response = await fixture.service.search({ query: 'connected vehicles and smart transportation demonstration zones', k: 3 });
    expect(response.understood.themes.map((t) => t.name)).toContain('智能网联汽车');
    expect(response.results[0].clause.text).toContain('智能网联汽车与智能交通示范区');
  });

  it('answers a synonym absent from the texts through its theme', async () => {
    const hybrid = await fixture.service.search({ query: '网上看病', k: 3 });
    expect(hybrid.results[0].clause.text).toContain('在线就医服务');
    expect(hybrid.results[0].why.graph).toContainEqual({ kind: 'theme', name: '在线医疗' });
  });

  it('boosts the document a 文号 in the query names', async () => {
    const response = await fixture.service.search({ query: '皖政〔2018〕20号 个人信息保护', k: 3 });
    expect(response.understood.docNumbers).toEqual(['皖政〔2018〕20号']);
    expect(response.results[0].document.id).toBe(DOCS.anhui.id);
  });

  it('plain lexical and dense modes use one retriever each', async () => {
    const lexical = await fixture.service.search({ query: '个人信息泄露', k: 3, mode: 'lexical' });
    expect(lexical.results.every((r) => r.why.dense === null && r.why.lexical !== null)).toBe(true);
    const dense = await fixture.service.search({ query: '个人信息泄露', k: 3, mode: 'dense' });
    expect(dense.results.every((r) => r.why.lexical === null && r.why.dense !== null)).toBe(true);
  });
});

describe('filters', () => {
  it('keeps returning k hits inside a filter', async () => {
    const response = await fixture.service.search({ query: '5G商用', k: 4, filters: { level: ['provincial'] } });
    expect(response.results).toHaveLength(4);
    expect(response.results.every((r) => r.document.level === 'provincial')).toBe(true);
  });

  it('resolves theme filters given by alias or English name, and filters by year and document', async () => {
    const byAlias = await fixture.service.search({ query: '建设', k: 10, filters: { theme: ['第五代移动通信'] } });
    expect(byAlias.results.length).toBeGreaterThan(0);
    expect(byAlias.results.every((r) => r.themes.some((t) => t.name === '5G'))).toBe(true);
    const recent = await fixture.service.search({ query: '信息消费规模', k: 10, filters: { yearFrom: 2019 } });
    expect(recent.results.map((r) => r.document.id)).toEqual(recent.results.map(() => DOCS.sichuan.id));
    const oneDoc = await fixture.service.search({ query: '个人信息', k: 10, filters: { doc: ['皖政[2018]20号'] } });
    expect(oneDoc.results.length).toBeGreaterThan(0);
    expect(oneDoc.results.every((r) => r.document.id === DOCS.anhui.id)).toBe(true);
  });

  it('uses the entities the query names as filters only when asked', async () => {
    const boosted = await fixture.service.search({ query: '四川 智能网联汽车', k: 5 });
    expect(new Set(boosted.results.map((r) => r.document.region)).size).toBeGreaterThan(1);
    expect(boosted.results[0].document.region).toBe('四川省');
    const filtered = await fixture.service.search({ query: '四川 智能网联汽车', k: 5, filterByUnderstood: true });
    expect(filtered.results.length).toBeGreaterThan(0);
    expect(filtered.results.every((r) => r.document.region === '四川省')).toBe(true);
  });
});

describe('bad input', () => {
  it.each([
    [{ query: '  ' }, /query is empty/],
    [{ query: '5G', k: 0 }, /k must be an integer from 1 to 100/],
    [{ query: '5G', mode: 'fuzzy' as never }, /unknown search mode "fuzzy"/],
    [{ query: '5G', filters: { yearFrom: 2020, yearTo: 2018 } }, /yearFrom 2020 is after yearTo 2018/],
    [{ query: '5G', filters: { level: ['county' as never] } }, /unknown level "county"/],
    [{ query: '5G', filters: { doc: ['国发〔1999〕1号'] } }, /unknown document "国发〔1999〕1号"/],
    [{ query: '5G', filters: { doc: ['doc_nope'] } }, /unknown document "doc_nope"/],
    [{ query: '5G', filters: { theme: ['量子隐形传态'] } }, /unknown theme "量子隐形传态"/],
    // the same rule for every named filter value (it used to answer nothing, silently)
    [{ query: '5G', filters: { region: ['火星特别行政区'] } }, /unknown region "火星特别行政区"/],
    [{ query: '5G', filters: { agency: ['星际移民管理委员会'] } }, /unknown agency "星际移民管理委员会"/],
  ])('rejects %j with a one-line PolicyGraphError', async (request, message) => {
    const error = await fixture.service.search(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyGraphError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
