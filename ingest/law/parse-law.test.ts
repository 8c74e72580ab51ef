import { describe, expect, it } from 'vitest';
import { parseFile } from '../parse-file.js';
import { parseCorpus } from '../parse-corpus.js';
import { loadDictionaries } from '../../dictionaries/dictionaries.js';
import { extractCitations, findCitations } from '../extract/citations.js';
import { makeClause, makeDocument } from '../extract/test-fixtures.js';
import { readLawHeader } from './law-header.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const LAW = `# 某省河道管理条例

2001年6月20日 某省第九届人民代表大会常务委员会第二十八次会议通过

2010年7月13日 某省第十一届人民代表大会常务委员会第二十次会议《关于修改〈某省河道管理条例〉的决定》修正

2011年1月1日 施行

<!-- INFO END -->

## 第一章 总 则

## 第二章 管理

## 第一章 总 则

第一条 为了加强河道管理，制定本条例。

第二条 本条例适用于本省行政区域内的河道。

第三十条规定的事项，依照国家有关规定执行。

第二条之一 河道管理实行河长制：

（一）省级设立总河长；

（二）市、县设立河长。

## 第二章　管理与保护

### 第一节 一般规定

第三条 县级以上人民政府水行政主管部门负责河道管理工作。

第四条 本条例自2011年1月1日起施行。
`;

describe('legal texts', () => {
  const { documents, noise } = parseFile({ file: '某省河道管理条例(2010-07-13).md', text: LAW });
  const [{ document, clauses }] = documents;

  it('reads the title line and the history as metadata, never as text', () => {
    expect(documents).toHaveLength(1);
    expect(document).toMatchObject({
      title: '某省河道管理条例',
      year: 2010,
      date: '2010-07-13',
      edition: '2010-07-13',
      effectiveDate: '2011-01-01',
      issuers: ['某省人民代表大会常务委员会'],
      docType: '地方性法规',
    });
    expect(document.history?.map((e) => e.event)).toEqual(['adopted', 'amended', 'effective']);
    expect(clauses.some((c) => /通过|INFO/.test(c.text))).toBe(false);
    expect(noise.length + documents[0].noise.length).toBeGreaterThan(0);
    expect(documents[0].noise.filter((n) => n.reason === 'table of contents').map((n) => n.text)).toEqual(['第一章总则', '第二章管理']);
  });

  it('puts chapters and sections above articles and keeps 款 and 项 in their article', () => {
    const paths = clauses.map((c) => c.path);
    expect(paths).toEqual(['第一章', '第一章/第一条', '第一章/第二条', '第一章/第二条之一', '第二章', '第二章/第一节', '第二章/第一节/第三条', '第二章/第一节/第四条']);
    const second = clauses.find((c) => c.path === '第一章/第二条')!;
    expect(second.text).toContain('第三十条规定的事项');
    expect(clauses.find((c) => c.path === '第一章/第二条之一')!.text).toContain('（二）市、县设立河长。');
    const article = clauses.find((c) => c.path === '第二章/第一节/第三条')!;
    expect(article.parentId).toBe(clauses.find((c) => c.path === '第二章/第一节')!.id);
    expect(clauses.find((c) => c.path === '第二章')!.heading).toBe('管理与保护');
  });

  it('reads a judicial interpretation: its repeated title block and 文号 are header, its issuers two courts', () => {
    const text = `# 最高人民法院  最高人民检察院关于办理某类刑事案件适用法律若干问题的解释

2023年1月3日 最高人民法院审判委员会第1878次会议、2023年3月2日最高人民检察院第十三届检察委员会第一百一十四次会议通过

2023年6月1日 施行

<!-- INFO END -->

最高人民法院 最高人民检察院

关于办理某类刑事案件

适用法律若干问题的解释

法释〔2023〕3号

为依法惩处某类犯罪，根据《中华人民共和国刑法》等法律规定，现就办理此类刑事案件适用法律的若干问题解释如下：

第一条 实施某类行为的，依照刑法第二百三十六条的规定从重处罚。

第二条 本解释自2023年6月1日起施行。
`;
    const [parsed] = parseFile({ file: 'x(2023-05-24).md', text }).documents;
    expect(parsed.document).toMatchObject({ docNumber: '法释〔2023〕3号', issuers: ['最高人民法院', '最高人民检察院'], docType: '司法解释', region: '全国', level: 'national' });
    expect(parsed.clauses.map((c) => c.path)).toEqual(['¶1', '第一条', '第二条']);
    expect(parsed.clauses[0].kind).toBe('preamble');
  });

  it('keeps the part of a code published one part per file (# 合同编) above its 分编 and 章', () => {
    const text = ['# 中华人民共和国某典', '', '# 合同编', '', '## 第一分编  通则', '', '### 第一章  一般规定', '', '第四百六十三条 本编调整因合同产生的民事关系。', '', '## 第二分编  典型合同', '', '### 第一章  买卖合同', '', '第五百九十五条 买卖合同是出卖人转移标的物的所有权于买受人，买受人支付价款的合同。'].join('\n');
    const [parsed] = parseFile({ file: '合同编.md', text }).documents;
    expect(parsed.clauses.filter((c) => c.kind !== 'section').map((c) => c.path)).toEqual(['合同编/第一分编/第一章/第四百六十三条', '合同编/第二分编/第一章/第五百九十五条']);
  });

  it('reads a plain-text regulation with its history in brackets and a signature', () => {
    const text = ['青岛市海岸带保护条例', '（2019年6月20日青岛市第十六届人民代表大会常务委员会第十五次会议通过）', '第一条 为了保护海岸带，制定本条例。', '第二条 本条例自公布之日起施行。', '青岛市人民代表大会常务委员会', '2019年6月20日'].join('\n');
    const [parsed] = parseFile({ file: 'qingdao.txt', text }).documents;
    expect(parsed.document).toMatchObject({ title: '青岛市海岸带保护条例', region: '青岛市', level: 'municipal', year: 2019 });
    expect(parsed.clauses.map((c) => c.path)).toEqual(['第一条', '第二条']);
    expect(parsed.noise.some((n) => n.reason === 'signature' && n.text === '2019年6月20日')).toBe(true);
  });

  it('reads a regulation published with its promulgation order: the order, its number and signature are header', () => {
    const text = [
      '中华人民共和国国务院令',
      '第707号',
      '现公布修订后的《某某税法实施条例》，自2019年1月1日起施行。',
      '总理 李克强',
      '2018年12月18日',
      '某某税法实施条例',
      '（1994年1月28日中华人民共和国国务院令第142号发布 2018年12月18日中华人民共和国国务院令第707号第四次修订）',
      '第一条 根据《某某税法》，制定本条例。',
      '第二条 本条例自2019年1月1日起施行。',
    ].join('\n');
    const [parsed] = parseFile({ file: 'order.txt', text }).documents;
    expect(parsed.document).toMatchObject({ title: '某某税法实施条例', docNumber: '国令第707号', issuers: ['国务院'], edition: '2018-12-18', docType: '行政法规' });
    expect(parsed.clauses.map((c) => c.path)).toEqual(['第一条', '第二条']);
  });

  it('keeps two editions of one law apart, the newer one current and superseding the older', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-editions-'));
    const edition = (date: string, extra: string) =>
      `# 某市物业管理条例\n\n${date.replace(/(\d+)-(\d+)-(\d+)/, (_, y, m, d) => `${y}年${Number(m)}月${Number(d)}日`)} 某市人民代表大会常务委员会通过\n\n<!-- INFO END -->\n\n第一条 为了规范物业管理，制定本条例。\n\n第二条 ${extra}\n`;
    writeFileSync(path.join(dir, '某市物业管理条例(2010-01-01).md'), edition('2010-01-01', '本条例自2010年3月1日起施行。'));
    writeFileSync(path.join(dir, '某市物业管理条例(2020-01-01).md'), edition('2020-01-01', '业主大会依法成立。'));
    const { batch } = await parseCorpus([dir]);
    expect(batch.documents.map((d) => [d.edition, d.status])).toEqual([
      ['2010-01-01', 'superseded'],
      ['2020-01-01', 'current'],
    ]);
    const supersedes = batch.edges.filter((e) => e.type === 'SUPERSEDES');
    expect(supersedes.map((e) => [e.from, e.to])).toEqual([[batch.documents[1].id, batch.documents[0].id]]);
  });

  it('keeps two different texts that share only a title apart, each with its own id', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-same-title-'));
    writeFileSync(path.join(dir, 'a.txt'), '关于做好防汛工作的通知\n一、各地要加强河道巡查，及时清理阻水障碍。\n二、落实防汛物资储备，确保汛期供应。\n');
    writeFileSync(path.join(dir, 'b.txt'), '关于做好防汛工作的通知\n一、水库要严格执行汛限水位，严禁超汛限蓄水。\n二、山洪地质灾害易发区要提前转移群众。\n');
    const { batch } = await parseCorpus([dir]);
    expect(batch.documents).toHaveLength(2);
    expect(new Set(batch.documents.map((d) => d.id)).size).toBe(2);
    expect(new Set(batch.clauses.map((c) => c.id)).size).toBe(batch.clauses.length);
    for (const clause of batch.clauses) expect(batch.documents.map((d) => d.id)).toContain(clause.docId);
  });

  it('splits adoption lines that name two bodies and reads 令 numbers', () => {
    const header = readLawHeader(['1996年9月19日 经国务院批准', '1996年10月3日 中华人民共和国交通部令第8号发布']);
    expect(header).toMatchObject({ issuers: ['交通部'], docNumber: '交通部令第8号', published: '1996-10-03' });
    expect(readLawHeader(['2022年2月25日 中共中央、国务院发布']).issuers).toEqual(['中共中央', '国务院']);
  });
});

describe('citations between legal texts', () => {
  const dicts = loadDictionaries();

  it('links a short-form title to the law itself, not to an interpretation whose title contains it', () => {
    const law = makeDocument({ title: '中华人民共和国民事诉讼法', edition: '2023-09-01', status: 'current' });
    const interpretation = makeDocument({ title: '最高人民法院关于适用《中华人民共和国民事诉讼法》的解释', edition: '2022-04-01' });
    const local = makeDocument({ title: '某省实施《中华人民共和国民事诉讼法》办法', edition: '2020-01-01' });
    const clause = makeClause(interpretation, '第一条', '依照《民事诉讼法》第十条和《中华人民共和国民事诉讼法》第十一条的规定。');
    const facts = extractCitations([clause], [law, interpretation, local], dicts);
    expect(facts.edgesOf('CITES').map((e) => e.to)).toEqual([law.id]);
    expect(facts.edgesOf('IMPLEMENTS').map((e) => [e.from, e.to])).toEqual([[local.id, law.id]]);
  });

  it('reads REPEALS and AMENDS', () => {
    const old = makeDocument({ title: '某省旧河道条例' });
    const current = makeDocument({ title: '某省河道管理条例' });
    const amendment = makeDocument({ title: '中华人民共和国刑法修正案（十二）' });
    const criminal = makeDocument({ title: '中华人民共和国刑法' });
    const clause = makeClause(current, '第九条', '本条例自2011年1月1日起施行，1990年通过的《某省旧河道条例》同时废止。');
    const facts = extractCitations([clause], [old, current, amendment, criminal], dicts);
    expect(facts.edgesOf('REPEALS').map((e) => [e.from, e.to])).toEqual([[current.id, old.id]]);
    expect(facts.edgesOf('AMENDS').map((e) => [e.from, e.to])).toEqual([[amendment.id, criminal.id]]);
  });

  it('does not crash on a 文号 that sits inside a cut-off title', () => {
    const text = '（二）》（法释〔2001〕19号）和《最高人民法院关于审理某类案件的解释》（法释〔2017〕3号）';
    expect(() => findCitations(text, dicts)).not.toThrow();
    const doc = makeDocument({ title: '某解释' });
    expect(() => extractCitations([makeClause(doc, '第一条', text)], [doc], dicts)).not.toThrow();
  });
});
