// Facts written by reading the bundled seeds; they pin down what a researcher cites.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCorpus, type ParsedCorpus } from './parse-corpus.js';
import type { Clause, PolicyDocument } from '../graph/model.js';

const SEEDS = path.resolve(import.meta.dirname, '../seeds');
let corpus: ParsedCorpus;
beforeAll(async () => {
  corpus = await parseCorpus([SEEDS]);
});

const doc = (match: (d: PolicyDocument) => boolean) => {
  const found = corpus.batch.documents.filter(match);
  expect(found).toHaveLength(1);
  return found[0];
};
const byNumber = (docNumber: string) => doc((d) => d.docNumber === docNumber);
const clause = (d: PolicyDocument, pathOf: string): Clause => {
  const found = corpus.batch.clauses.find((c) => c.docId === d.id && c.path === pathOf);
  if (!found) throw new Error(`no clause ${pathOf} in ${d.title}`);
  return found;
};

describe('documents found in the seeds', () => {
  it('finds the five policies, the three excerpts of the notes and the commentary, and no empty excerpt', () => {
    const titles = corpus.batch.documents.map((d) => d.title).sort();
    expect(titles).toEqual(
      [
        '扩大和升级信息消费三年行动计划（2018-2020年）',
        '国务院关于进一步扩大和升级信息消费持续释放内需潜力的指导意见',
        '四川省扩大和升级信息消费行动计划（2020-2022年）',
        '安徽省人民政府关于进一步扩大和升级信息消费持续释放内需潜力的实施意见',
        '国家十三五规划',
        '中国制造2025',
        '信息产业发展指南',
        '德国工业4.0与中国制造2025的区别',
      ].sort(),
    );
    // seeds/dictionaries/*.json are listed as not taken, not failures
    expect(corpus.skipped.filter((s) => !s.unsupported)).toEqual([]);
  });

  it('reads the State Council opinion with its 文号, issuer, level and the date its copy in the notes gives', () => {
    const d = byNumber('国发〔2017〕40号');
    expect(d).toMatchObject({ issuers: ['国务院'], region: '全国', level: 'national', year: 2017, date: '2017-08-13', draft: false, kind: 'policy' });
    expect(new Set(d.sources.map((s) => s.file))).toEqual(new Set(['001_9e059d95befd6a7e.txt', '003_6b88e9de6caaeebb.txt']));
  });

  it('infers the title of the Anhui document, which has no title line, from its 文号, issuer and text', () => {
    const d = byNumber('皖政〔2018〕20号');
    expect(d.title).toBe('安徽省人民政府关于进一步扩大和升级信息消费持续释放内需潜力的实施意见');
    expect(d).toMatchObject({ issuers: ['安徽省人民政府'], region: '安徽省', level: 'provincial', year: 2018, date: '2018-02-12' });
  });

  it('reads the crawled 印发 notice: the plan it carries, both ministries, the signature date', () => {
    const d = byNumber('工信部联信软〔2018〕140号');
    expect(d.title).toBe('扩大和升级信息消费三年行动计划（2018-2020年）');
    expect(d.issuers).toEqual(['工业和信息化部', '国家发展和改革委员会']);
    expect(d).toMatchObject({ level: 'national', date: '2018-07-27', year: 2018 });
  });

  it('marks the Sichuan plan as a provincial draft without 文号', () => {
    const d = doc((x) => x.title.startsWith('四川省'));
    expect(d).toMatchObject({ docNumber: null, draft: true, region: '四川省', level: 'provincial', year: 2020 });
  });

  it('dates excerpts without a date by the period they cover', () => {
    expect(doc((d) => d.title === '国家十三五规划').year).toBe(2016);
    expect(doc((d) => d.title === '信息产业发展指南').year).toBe(2016);
  });

  it('tells the commentary from the policies', () => {
    const kinds = Object.fromEntries(corpus.batch.documents.map((d) => [d.title, d.kind]));
    expect(kinds['德国工业4.0与中国制造2025的区别']).toBe('commentary');
    expect(Object.values(kinds).filter((k) => k === 'commentary')).toHaveLength(1);
  });
});

describe('clause trees along the official numbering', () => {
  it('cites items by their path, with the heading split from the text', () => {
    const c = clause(byNumber('国发〔2017〕40号'), '三、/（十一）');
    expect(c.heading).toBe('推动信息基础设施提速升级');
    expect(c.text).toContain('力争2020年启动商用');
    expect(c.depth).toBe(1);
  });

  it('keeps a heading-only item and its single paragraph as one clause', () => {
    const c = clause(byNumber('国发〔2017〕40号'), '一、/（三）');
    expect(c.heading).toBe('发展目标');
    expect(c.text).toContain('信息消费规模预计达到6万亿元');
  });

  it('gives unnumbered paragraphs under a heading their own paths', () => {
    const c = clause(byNumber('国发〔2017〕40号'), '一、/（二）/¶2');
    expect(c.text.startsWith('坚持需求拉动。')).toBe(true);
  });

  it('reads task tables one row per clause with the cells as fields', () => {
    const row = clause(byNumber('国发〔2017〕40号'), '附件/12');
    expect(row.kind).toBe('table-row');
    expect(row.fields).toMatchObject({ 序号: '12', 负责单位: '工业和信息化部、国家发展改革委、科技部等' });
    expect(row.fields?.工作任务).toContain('5G');
    const anhui = clause(byNumber('皖政〔2018〕20号'), '附件/7');
    expect(anhui.fields).toMatchObject({ 牵头责任单位: '省通信管理局', 配合单位: '省经济和信息化委等', 时限要求: '2020年底前' });
  });

  it('places 专栏 boxes under the item they follow', () => {
    const box = clause(byNumber('皖政〔2018〕20号'), '二、/（二）/专栏2');
    expect(box).toMatchObject({ kind: 'box', heading: '智慧交通建设工程' });
  });

  it('follows 第X篇/章/节 in the notes, not the notes outline numbers', () => {
    const plan = doc((d) => d.title === '国家十三五规划');
    const c = clause(plan, '第六篇/第二十五章/第三节');
    expect(c.heading).toBe('加快信息网络新技术开发应用');
    expect(c.text).toContain('IPv6');
  });

  it('splits headings run into the text of the crawled page', () => {
    const c = clause(byNumber('工信部联信软〔2018〕140号'), '一、/（一）');
    expect(c.heading).toBe('指导思想');
    expect(clause(byNumber('工信部联信软〔2018〕140号'), '二、').heading).toBe('主要目标');
  });

  it('puts the items of a shuffled crawl where their numbering and headings belong', () => {
    const plan = byNumber('工信部联信软〔2018〕140号');
    expect(clause(plan, '一、/（二）').heading).toBe('基本原则');
    expect(clause(plan, '三、/（四）').heading).toBe('信息消费环境优化行动');
    // a lead-in sentence stays with the text it introduces, across the crawl's line breaks
    const leadIns = corpus.batch.clauses.filter((c) => c.docId === plan.id && c.kind === 'paragraph' && c.text.length <= 14);
    expect(leadIns.length).toBeLessThanOrEqual(4);
  });

  it('makes clauses citable units, not whole sections', () => {
    const lengths = corpus.batch.clauses.map((c) => c.text.length).sort((a, b) => a - b);
    expect(lengths[Math.floor(lengths.length / 2)]).toBeLessThan(250);
  });
});

describe('every character of body text is accounted for', () => {
  it('lands each non-space character in exactly one clause source or one recorded noise span', () => {
    for (const file of corpus.files) {
      const text = readFileSync(path.join(SEEDS, file), 'utf8');
      const cover = new Uint8Array(text.length);
      const spans = [
        ...corpus.batch.clauses.flatMap((c) => c.sources.filter((s) => s.file === file)),
        ...corpus.noise.filter((n) => n.file === file),
      ];
      for (const s of spans) for (let i = s.start; i < s.end; i++) cover[i]++;
      const uncovered = [...text].filter((ch, i) => !/\s/.test(ch) && cover[i] === 0).length;
      const twice = [...text].filter((ch, i) => !/\s/.test(ch) && cover[i] > 1).length;
      expect({ file, uncovered, twice }).toEqual({ file, uncovered: 0, twice: 0 });
    }
  });

  it('records noise with its reason: tables of contents, headers, repeated crawl text', () => {
    const reasons = new Set(corpus.noise.map((n) => n.reason));
    for (const reason of ['table of contents', 'document header', 'addressee', 'signature', 'repeated crawl text', 'table header']) {
      expect(reasons).toContain(reason);
    }
  });
});

describe('duplicates', () => {
  it('folds the copy of 国发〔2017〕40号 in the notes into the full text: one document, extra sources', () => {
    const d = byNumber('国发〔2017〕40号');
    const clauses = corpus.batch.clauses.filter((c) => c.docId === d.id && c.kind !== 'table-row');
    const withCopy = clauses.filter((c) => c.sources.some((s) => s.file.startsWith('003')));
    expect(withCopy.length / clauses.length).toBeGreaterThan(0.9);
    expect(corpus.documentsMerged).toBe(1);
  });

  it('keeps one clause per passage the crawl repeats, with every occurrence as a source', () => {
    const d = byNumber('工信部联信软〔2018〕140号');
    const holding = corpus.batch.clauses.filter((c) => c.docId === d.id && c.text.includes('信息消费规模达到6万亿元'));
    expect(holding).toHaveLength(1);
    expect(holding[0].sources.length).toBeGreaterThanOrEqual(2);
  });
});

describe('ids', () => {
  it('are unique and the same on every parse', async () => {
    const ids = corpus.batch.clauses.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const again = await parseCorpus([SEEDS]);
    expect(again.batch.clauses.map((c) => c.id)).toEqual(ids);
    expect(again.batch.documents.map((d) => d.id)).toEqual(corpus.batch.documents.map((d) => d.id));
  });

  it('link the tree: every parent exists in the same document', () => {
    const byId = new Map(corpus.batch.clauses.map((c) => [c.id, c]));
    for (const c of corpus.batch.clauses) {
      if (c.parentId) expect(byId.get(c.parentId)?.docId).toBe(c.docId);
    }
  });
});
