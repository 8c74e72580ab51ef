// Real input formats end to end: a gov.cn-style HTML page (metadata table), a DOCX, a PDF with a
// Chinese text layer, a scanned-style PDF, Big5 and BOM-less UTF-16LE text — through `policygraph ingest`
// and through POST /v1/documents; every broken or unsupported input gets a one-line reason.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../api/runtime.js';
import { GOVCN_META, docxFile, govcnStylePage, pdfWithText, pdfWithoutText } from './fixtures/formats/build.js';
import { ROOT, postJson, serveDataDir, type TestServer } from './api-helpers.js';
import { runCli } from './support/run-cli.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/formats');
const dataDir = mkdtempSync(path.join(tmpdir(), 'pg-formats-'));
const inbox = mkdtempSync(path.join(tmpdir(), 'pg-formats-inbox-'));
const files: Record<string, Uint8Array> = {};

interface ExportLine {
  kind: string;
  label?: string;
  id?: string;
  properties: Record<string, any>;
}

beforeAll(async () => {
  files['govcn-page.html'] = new TextEncoder().encode(govcnStylePage());
  files['digital-village.docx'] = await docxFile();
  files['water-supply.pdf'] = pdfWithText();
  files['scanned.pdf'] = pdfWithoutText();
  files['big5-policy.txt'] = readFileSync(path.join(FIXTURES, 'big5-policy.txt'));
  files['utf16le-nobom-policy.txt'] = readFileSync(path.join(FIXTURES, 'utf16le-nobom-policy.txt'));
  files['not-really.docx'] = new TextEncoder().encode('一、这不是压缩包');
  files['truncated.pdf'] = pdfWithText().subarray(0, 200);
  files['budget.xlsx'] = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(inbox, name), bytes);
});

describe('policygraph ingest of every format', () => {
  let run: Awaited<ReturnType<typeof runCli>>;
  let exported: ExportLine[];
  const doc = (docNumber: string) => {
    const line = exported.find((l) => l.label === 'Document' && l.properties.docNumber === docNumber);
    return line && ({ ...line.properties, id: line.id! } as Record<string, any> & { id: string });
  };
  const clausesOf = (docId: string) => exported.filter((l) => l.label === 'Clause' && l.properties.docId === docId).map((l) => l.properties);

  beforeAll(async () => {
    run = await runCli(['ingest', inbox, '--data-dir', dataDir, '--embedder', 'builtin', '--no-progress']);
    const out = await runCli(['export', '--data-dir', dataDir, '--format', 'jsonl']);
    exported = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
  });

  it('ingests the good files and names each bad one with a one-line reason', () => {
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/ingested 5 file\(s\)/);
    const reasons = Object.fromEntries(
      run.stderr.trim().split('\n').map((line) => {
        const m = line.match(/^policygraph: (?:skipped|not taken) (.+?): (.+)$/)!;
        return [path.basename(m[1]), m[2]];
      }),
    );
    expect(reasons).toEqual({
      'scanned.pdf': 'no text layer (scanned PDF?)',
      'not-really.docx': expect.stringMatching(/^not a DOCX file/),
      'truncated.pdf': expect.stringMatching(/^unreadable PDF: /),
      'budget.xlsx': expect.stringMatching(/^unsupported file type \.xlsx/),
    });
  });

  it('takes title, 文号, issuer, dates, 主题分类 and 索引号 from a gov.cn metadata table; the page furniture is not text', () => {
    const page = doc(GOVCN_META.docNumber)!;
    expect(page).toMatchObject({
      title: GOVCN_META.title,
      issuers: ['国务院办公厅'],
      date: GOVCN_META.date,
      year: 2020,
      publishedDate: GOVCN_META.publishedDate,
      subject: GOVCN_META.subject,
      indexNumber: GOVCN_META.indexNumber,
    });
    const clauses = clausesOf(page.id);
    const texts = clauses.map((c) => c.text).join('\n');
    expect(texts).toContain('公安机关要在上下学时段加强校园周边巡逻防控');
    for (const furniture of ['首页', '分享', '扫一扫', '版权所有', '二〇二〇年三月十二日', '此件公开发布', '索引号']) expect(texts).not.toContain(furniture);
    expect(clauses.some((c) => c.text === '国务院办公厅')).toBe(false);
    // the task table: one clause per row, cells as fields
    expect(clauses.find((c) => c.fields?.['工作任务'] === '加强校园周边治安整治')?.fields?.['牵头单位']).toBe('公安部');
  });

  it('reads DOCX paragraphs and tables, the PDF text layer, Big5 and BOM-less UTF-16LE', () => {
    const docx = doc('某政〔2021〕15号')!;
    expect(docx.title).toBe('某省人民政府关于推进数字乡村建设的实施意见');
    expect(clausesOf(docx.id).find((c) => c.fields?.['工作任务'] === '推进涉农数据共享')?.fields?.['牵头单位']).toBe('省农业农村厅');
    const pdf = doc('某政发〔2022〕3号')!;
    expect(pdf.title).toBe('某市人民政府关于加强城市供水安全保障的通知');
    expect(clausesOf(pdf.id).map((c) => c.text)).toContain('（一）市水务局负责全市供水安全监督管理，到2023年实现水质在线监测全覆盖。');
    const big5 = doc('府資字〔2021〕12号');
    expect(big5?.title).toBe('臺北市政府關於推動數位服務發展的實施意見');
    expect(doc('某政〔2022〕8号')?.title).toBe('某市人民政府关于加强城市燃气安全管理的通知');
  });

  it('never ingests a silent 0: a folder with nothing a reader takes fails, naming what it found', async () => {
    const odd = mkdtempSync(path.join(tmpdir(), 'pg-formats-odd-'));
    writeFileSync(path.join(odd, 'budget.xlsx'), files['budget.xlsx']);
    writeFileSync(path.join(odd, '.hidden.txt'), '一、隐藏文件');
    const result = await runCli(['ingest', odd, '--data-dir', dataDir + '-odd', '--embedder', 'builtin', '--no-progress']);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^policygraph: not taken .*budget\.xlsx: unsupported file type \.xlsx/),
      expect.stringMatching(/^policygraph: no file was ingested from .* \(1 of a type no reader takes, 0 skipped\)$/),
    ]);
  });

  it('refuses an unsupported file named on the command line with one line', async () => {
    const named = await runCli(['ingest', path.join(inbox, 'budget.xlsx'), '--data-dir', dataDir, '--embedder', 'builtin']);
    expect(named.status).not.toBe(0);
    expect(named.stderr.trim().split('\n')).toHaveLength(1);
    expect(named.stderr).toMatch(/budget\.xlsx: unsupported file type \.xlsx/);
  });
});

describe('POST /v1/documents with each format', () => {
  const KEY = 'formats-key';
  let api: TestServer & { runtime: Runtime };
  const upload = (filename: string, bytes: Uint8Array) =>
    postJson(`${api.url}/v1/documents`, { filename: `upload-${filename}`, contentBase64: Buffer.from(bytes).toString('base64') }, { authorization: `Bearer ${KEY}` });

  beforeAll(async () => {
    const uploadDir = mkdtempSync(path.join(tmpdir(), 'pg-formats-upload-'));
    copyFileSync(path.join(ROOT, 'test/fixtures/gbk-policy.txt'), path.join(uploadDir, 'gbk-policy.txt'));
    expect((await runCli(['ingest', uploadDir, '--data-dir', uploadDir + '-data', '--embedder', 'builtin', '--no-progress'])).status).toBe(0);
    api = await serveDataDir(uploadDir + '-data', { apiKey: KEY });
  });
  afterAll(async () => api?.close());

  it.each([
    ['govcn-page.html', GOVCN_META.docNumber],
    ['digital-village.docx', '某政〔2021〕15号'],
    ['water-supply.pdf', '某政发〔2022〕3号'],
    ['big5-policy.txt', '府資字〔2021〕12号'],
    ['utf16le-nobom-policy.txt', '某政〔2022〕8号'],
  ])('ingests %s sent as base64', async (name, docNumber) => {
    const res = await upload(name, files[name]);
    expect(res.status).toBe(201);
    expect(res.body.documents.map((d: { docNumber: string }) => d.docNumber)).toEqual([docNumber]);
  });

  it.each([
    ['scanned.pdf', /no text layer \(scanned PDF\?\)/],
    ['not-really.docx', /not a DOCX file/],
    ['budget.xlsx', /unsupported file type \.xlsx/],
  ])('answers 400 with the reason for %s', async (name, reason) => {
    const res = await upload(name, files[name]);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(reason);
    expect(res.body.detail).not.toContain('\n');
  });

  it('needs exactly one of text and contentBase64, and a file name with base64', async () => {
    const auth = { authorization: `Bearer ${KEY}` };
    expect((await postJson(`${api.url}/v1/documents`, { contentBase64: 'AAAA' }, auth)).status).toBe(400);
    expect((await postJson(`${api.url}/v1/documents`, { text: 'x', contentBase64: 'AAAA', filename: 'a.txt' }, auth)).status).toBe(400);
  });
});
