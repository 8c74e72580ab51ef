import { describe, expect, it } from 'vitest';
import { parseFile } from './parse-file.js';
import { parseChineseDate, splitAgencyRun } from './metadata.js';

const notice = (tail: string[], extra: string[] = []) =>
  [
    '国务院办公厅关于开展某项试点工作的通知',
    '国办发〔2004〕60号',
    '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
    '为做好试点工作，经国务院同意，现就有关事项通知如下。',
    '一、试点范围',
    '（一）在北京、上海等地开展试点，试点期限为两年。',
    ...extra,
    ...tail,
  ].join('\n');

describe('gov.cn genre', () => {
  it('keeps agency names whole: 国务院办公厅 is one issuer', () => {
    expect(splitAgencyRun('国务院办公厅')).toEqual(['国务院办公厅']);
    expect(splitAgencyRun('安徽省人民政府办公厅')).toEqual(['安徽省人民政府办公厅']);
    expect(splitAgencyRun('工业和信息化部国家发展和改革委员会')).toEqual(['工业和信息化部', '国家发展和改革委员会']);
    const [doc] = parseFile({ file: 'n.txt', text: notice([]) }).documents;
    expect(doc.document.issuers).toEqual(['国务院办公厅']);
  });

  it('reads dates in Chinese numerals', () => {
    expect(parseChineseDate('二〇〇四年八月十二日')).toBe('2004-08-12');
    expect(parseChineseDate('一九九六年十二月三十一日')).toBe('1996-12-31');
    expect(parseChineseDate('2018年1月2日')).toBe('2018-01-02');
  });

  it.each([
    [['国务院办公厅', '二〇〇四年八月十二日', '（此件公开发布）']],
    [['国务院办公厅 二〇〇四年八月十二日', '此件公开发布']],
    [['工业和信息化部', '国家发展改革委', '2004年8月12日', '抄送：各省通信管理局。']],
    [['总理 李克强', '2004年8月12日', '（本文有删减）']],
  ])('a signature block and publication notes are noise, not clauses: %j', (tail) => {
    const [doc] = parseFile({ file: 'n.txt', text: notice(tail) }).documents;
    expect(doc.clauses.map((c) => c.text)).toEqual(['为做好试点工作，经国务院同意，现就有关事项通知如下。', '一、试点范围', '（一）在北京、上海等地开展试点，试点期限为两年。']);
    expect(doc.noise.map((n) => n.text)).toEqual(expect.arrayContaining(tail.map((t) => t.replace(/\s+/g, ''))));
    expect(doc.document.date).toBe('2004-08-12');
  });

  it('an issuer-like line not followed by a date stays text', () => {
    const [doc] = parseFile({ file: 'n.txt', text: notice([], ['二、成员单位', '国家发展改革委']) }).documents;
    expect(doc.clauses.map((c) => c.text).join('\n')).toContain('国家发展改革委');
    expect(doc.noise.filter((n) => n.reason === 'signature')).toEqual([]);
  });
});

describe('a long table or list in a notice', () => {
  it('does not make it "too little Chinese text": the share is judged on prose lines', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { parseCorpus } = await import('./parse-corpus.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'pg-coords-'));
    const coordinates = Array.from({ length: 300 }, (_, i) => `${i + 1}  ${(116 + i / 1000).toFixed(6)}  ${(39 + i / 1000).toFixed(6)}`);
    writeFileSync(path.join(dir, 'boundary.txt'), notice(['国务院', '2018年12月25日'], ['附件：拐点坐标', ...coordinates]));
    const english = Array.from({ length: 40 }, () => 'This is an English sentence about boundaries.');
    writeFileSync(path.join(dir, 'english.txt'), ['一、说明', ...english].join('\n'));
    const corpus = await parseCorpus([dir]);
    expect(corpus.files).toEqual(['boundary.txt']);
    expect(corpus.skipped.map((s) => [path.basename(s.file), s.reason])).toEqual([['english.txt', expect.stringContaining('too little Chinese text')]]);
  });
});
