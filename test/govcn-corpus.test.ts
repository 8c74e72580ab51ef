// Every gov.cn page of the shared corpus, judged by the page's own metadata table (read here
// independently, with a plain linkedom query): one document per file, and title, 文号, 发文机关, 成文日期
// and 主题分类 right for ≥ 98 % of fields; no signature or date line stored as a clause.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCorpus, type ParsedCorpus } from '../ingest/parse-corpus.js';
import { readInput } from '../ingest/read/read-input.js';
import { isLawText } from '../ingest/law/parse-law.js';
import { splitLines } from '../ingest/lines.js';
import { parseFile } from '../ingest/parse-file.js';
import { ROOT } from './api-helpers.js';

const DIR = path.resolve(ROOT, '../shared/corpora/govcn');
const present = existsSync(DIR);
if (!present) console.log(`gov.cn corpus checks skipped: ${DIR} is absent (it sits beside the clone on CI)`);

/** The metadata table as the page shows it: label cell → the next cell's text. */
function tableOf(html: string): Record<string, string> {
  const { document } = parseHTML(html);
  const table: Record<string, string> = {};
  for (const td of document.querySelectorAll('td')) {
    const label = (td.textContent ?? '').replace(/[\s\u3000:：]/g, '');
    const value = td.nextElementSibling?.textContent?.trim();
    if (value && ['标题', '发文字号', '发文机关', '成文日期', '主题分类'].includes(label) && !(label in table)) table[label] = value;
  }
  return table;
}

const iso = (cn: string) => cn.replace(/(\d{4})年(\d{1,2})月(\d{1,2})日/, (_, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
/** A line that only signs or dates the document, or notes its publication. */
const SIGNATURE_LIKE = /^(?:[\u4e00-\u9fa5]{2,12}\s*)?(?:(?:19|20)\d{2}|[一二九〇零○]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$|^[（(]?(?:此件|本文)[^）)]{0,10}[）)]?$/;

describe.skipIf(!present)('gov.cn pages of the shared corpus', () => {
  const files = present ? readdirSync(DIR).filter((f) => /\.html?$/.test(f)).sort() : [];
  let corpus: ParsedCorpus;
  const lawParsed = new Set<string>();
  beforeAll(async () => {
    corpus = await parseCorpus(files.map((f) => path.join(DIR, f)));
    for (const file of files) {
      const read = await readInput(file, readFileSync(path.join(DIR, file)));
      if (read.ok && isLawText(splitLines(read.text))) lawParsed.add(file);
    }
  });

  it('one document per file, metadata fields as the table states them (≥ 98 %), no signature line as a clause', () => {
    let fields = 0;
    let right = 0;
    const wrong: string[] = [];
    let oneDocument = 0;
    const signatureClauses: string[] = [];
    for (const file of files) {
      const table = tableOf(readFileSync(path.join(DIR, file), 'utf8'));
      const docs = corpus.batch.documents.filter((d) => d.sources.some((s) => s.file === file));
      if (docs.length === 1) oneDocument++;
      const doc = docs[0];
      const expected: [string, unknown, unknown][] = [
        ['标题', table['标题'], doc?.title],
        ['发文字号', table['发文字号'], doc?.docNumber],
        ['发文机关', table['发文机关']?.split(/[、，,\s]+/), doc?.issuers],
        ['成文日期', table['成文日期'] && iso(table['成文日期']), doc?.date],
        ['主题分类', table['主题分类'], doc?.subject],
      ];
      for (const [name, want, got] of expected) {
        if (want === undefined) continue;
        fields++;
        if (JSON.stringify(want) === JSON.stringify(got)) right++;
        else wrong.push(`${file} ${name}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
      }
      for (const clause of corpus.batch.clauses.filter((c) => c.docId === doc?.id)) {
        if (SIGNATURE_LIKE.test(clause.text) || clause.text === table['发文机关']) signatureClauses.push(`${file}${lawParsed.has(file) ? ' (law parser)' : ''} ${clause.path}: ${clause.text}`);
      }
    }
    console.log(
      `gov.cn pages: ${files.length} files, one document per file ${oneDocument}/${files.length}, metadata fields right ${right}/${fields}` +
        ` (${((100 * right) / Math.max(fields, 1)).toFixed(1)} %), signature lines as clauses ${signatureClauses.length}` +
        (wrong.length ? `\n  wrong: ${wrong.join('\n  wrong: ')}` : '') +
        (signatureClauses.length ? `\n  signature clause: ${signatureClauses.join('\n  signature clause: ')}` : ''),
    );
    expect(files.length).toBeGreaterThan(0);
    expect(oneDocument / files.length).toBeGreaterThanOrEqual(0.99);
    expect(right / fields).toBeGreaterThanOrEqual(0.98);
    // pages the law parser reads (a 国务院令 with its 条例) are that parser's business: reported above, not asserted here
    expect(signatureClauses.filter((s) => !s.includes('(law parser)'))).toEqual([]);
  });

  it('the text alone (the metadata table withheld) yields the same 文号, 发文机关 and 成文日期 (≥ 90 %)', async () => {
    let fields = 0;
    let right = 0;
    const wrong: string[] = [];
    for (const file of files) {
      const table = tableOf(readFileSync(path.join(DIR, file), 'utf8'));
      const read = await readInput(file, readFileSync(path.join(DIR, file)));
      if (!read.ok) throw new Error(`${file}: ${read.reason}`);
      const [doc] = parseFile({ file, text: read.text }).documents;
      const expected: [string, unknown, unknown][] = [
        ['发文字号', table['发文字号'], doc?.document.docNumber],
        ['发文机关', table['发文机关']?.split(/[、，,\s]+/), doc?.document.issuers],
        ['成文日期', table['成文日期'] && iso(table['成文日期']), doc?.document.date],
      ];
      for (const [name, want, got] of expected) {
        if (want === undefined) continue;
        fields++;
        if (JSON.stringify(want) === JSON.stringify(got)) right++;
        else wrong.push(`${file} ${name}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
      }
    }
    console.log(`gov.cn pages, text only: fields right ${right}/${fields} (${((100 * right) / Math.max(fields, 1)).toFixed(1)} %)` + (wrong.length ? `\n  wrong: ${wrong.join('\n  wrong: ')}` : ''));
    expect(right / fields).toBeGreaterThanOrEqual(0.9);
  });
});
