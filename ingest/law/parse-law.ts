// Parses one legal text (law, regulation, judicial interpretation, local regulation, in Markdown or plain
// text) into its document and clause tree: title from the title line, metadata from the history lines,
// structure along 编/章/节/条, and the repeated title block, 文号 and signature lines recorded as noise.
import type { PolicyDocument } from '../../graph/model.js';
import { documentId, normalizeTitle } from '../../graph/ids.js';
import type { Line, NoiseReason, NoiseSpan, ParsedDocument } from '../types.js';
import type { SourceText } from '../unit.js';
import { findDocNumbers, isDraftTitle, levelOfRegion, splitAgencyRun } from '../metadata.js';
import { readLawFrame, isHistoryLine, type BodyLine } from './law-frame.js';
import { readLawHeader } from './law-header.js';
import { citedOrderNumber, lawDocType } from './law-genre.js';
import { fileNameDate, isDateOnly } from './dates.js';
import { isSignerLine, signatureDate } from '../signature.js';
import { LawStructureBuilder, provisionUnit } from './law-structure.js';
import { lawRegion } from './law-region.js';

const ARTICLE_LINE = /^第[一二三四五六七八九十百千零〇两]+条/;

/** A legal text: a Markdown title with history lines, or articles (第X条) at line starts. */
export function isLawText(lines: Line[]): boolean {
  if (!lines.length) return false;
  if (/^#\s*\S/.test(lines[0].src.text) && !/^##/.test(lines[0].src.text)) return true;
  // articles numbered from 第一条 at line starts
  let articles = 0;
  for (const line of lines) {
    if (!ARTICLE_LINE.test(line.src.text)) continue;
    if (articles === 0 && !line.src.text.startsWith('第一条')) return false;
    if (++articles >= 2) return true;
  }
  return false;
}

export function parseLaw(file: string, lines: Line[]): ParsedDocument | null {
  const noise: NoiseSpan[] = [];
  const mark = (src: SourceText, reason: NoiseReason) => noise.push({ file, start: src.start, end: src.end, reason, text: src.text });
  const frame = readLawFrame(lines);
  for (const m of frame.markup) mark(m, 'markup');
  if (frame.title) mark(frame.title, 'document header');
  for (const h of frame.header) mark(h, 'adoption history');
  const framed = frame.title?.text.replace(/\s+/g, '') ?? '';
  const header = readLawHeader(frame.header.map((h) => h.text));

  const order = carvePromulgationOrder(frame.body, mark);
  const { body, docNumber: ownNumber, historyLines } = carveLeadingHeader(order.body, order.title ?? framed, mark);
  if (historyLines.length && !header.history.length) Object.assign(header, readLawHeader(historyLines));
  const trimmed = carveSignature(carveTableOfContents(body, mark), mark);
  // a promulgation order (…令 第N号) names the text it promulgates: that is the title
  const title = order.title ?? framed;
  if (!title || !trimmed.length) return null;

  const issuers = header.issuers.length ? header.issuers : issuersInTitle(title);
  const fileDate = fileNameDate(file);
  const edition = header.edition ?? fileDate;
  const docNumber = ownNumber ?? order.docNumber ?? header.docNumber;
  const region = lawRegion(title, issuers);
  const date = fileDate ?? edition;
  const document: PolicyDocument = {
    id: '',
    title,
    docNumber,
    issuers,
    region,
    level: levelOfRegion(region),
    year: date ? Number(date.slice(0, 4)) : (findDocNumbers(docNumber ?? '')[0]?.year ?? null),
    date,
    draft: isDraftTitle(title),
    kind: 'policy',
    inCorpus: true,
    aliases: [],
    sources: [{ file, start: lines[0].src.start, end: lines[lines.length - 1].src.end }],
    docType: lawDocType(title, issuers),
    publishedDate: header.published ?? fileDate,
    effectiveDate: header.effective,
    history: header.history.length ? header.history : null,
    edition,
  };
  document.id = documentId(document);
  const builder = new LawStructureBuilder(document.id, file, provisionUnit(trimmed));
  for (const line of trimmed) builder.add(line);
  const built = builder.finish();
  if (!built.length) return null;
  return {
    document,
    clauses: built.map((b) => b.clause),
    texts: new Map(built.map((b) => [b.clause.id, b.text])),
    noise,
    completeness: 1000 + built.length,
    excerpt: false,
  };
}

const ORDER_NUMBER = /^第\s*([\d一二三四五六七八九十百零〇]+)\s*号$/;

/**
 * A regulation published with its promulgation order: "中华人民共和国国务院令 / 第707号 / 现公布…，自…起施行。 /
 * 总理 李克强 / 2018年12月18日 / <title> / （history）/ 第一条 …". The order, its number and its signature are
 * header; the title line after them is the document's title.
 */
function carvePromulgationOrder(lines: BodyLine[], mark: (s: SourceText, r: NoiseReason) => void): { body: BodyLine[]; title: string | null; docNumber: string | null } {
  const firstArticle = lines.findIndex((l) => ARTICLE_LINE.test(l.src.text));
  const dateAt = lines.findIndex((l, i) => i < (firstArticle < 0 ? 12 : firstArticle) && isDateOnly(l.src.text));
  const announces = lines.slice(0, Math.max(0, dateAt)).some((l) => /现(?:予)?公布|予以公布|现将.+公布/.test(l.src.text));
  if (dateAt < 0 || !announces) return { body: lines, title: null, docNumber: null };
  const titleLine = lines[dateAt + 1];
  if (!titleLine || titleLine.src.length > 60 || /[。；，]/.test(titleLine.src.text) || ARTICLE_LINE.test(titleLine.src.text)) return { body: lines, title: null, docNumber: null };
  let docNumber: string | null = null;
  const orderName = lines.slice(0, dateAt).find((l) => /令$/.test(l.src.text))?.src.text ?? null;
  for (const line of lines.slice(0, dateAt)) {
    const n = line.src.text.match(ORDER_NUMBER);
    if (n && orderName) docNumber = citedOrderNumber(`${orderName}第${n[1]}号`);
  }
  for (const line of lines.slice(0, dateAt + 2)) mark(line.src, 'document header');
  return { body: lines.slice(dateAt + 2), title: titleLine.src.text, docNumber };
}

/**
 * Judicial interpretations and 公告 repeat their title in the body, broken over lines, with their 文号
 * ("最高人民法院 / 关于适用…的解释（二） / 法释〔2023〕12号"): short lines that are pieces of the title, the
 * issuer, a 文号 or a date are header, up to the first line of text.
 */
function carveLeadingHeader(lines: BodyLine[], title: string, mark: (s: SourceText, r: NoiseReason) => void) {
  const key = normalizeTitle(title);
  let docNumber: string | null = null;
  const historyLines: string[] = [];
  let i = 0;
  for (; i < lines.length && i < 12; i++) {
    const line = lines[i];
    if (line.headingLevel > 0 && !key.includes(normalizeTitle(line.src.text))) break;
    const text = line.src.text.replace(/\u200b/g, '');
    const compact = normalizeTitle(text);
    const numbers = findDocNumbers(text);
    if (!compact.length) {
      mark(line.src, 'markup');
      continue;
    }
    if (numbers.length && normalizeTitle(text.replace(/[（(）)]/g, '')) === normalizeTitle(numbers[0].docNumber)) {
      docNumber ??= numbers[0].docNumber;
      mark(line.src, 'document header');
      continue;
    }
    if (isHistoryLine(text)) {
      historyLines.push(text.replace(/^[（(]|[）)]$/g, ''));
      mark(line.src, 'adoption history');
      continue;
    }
    const titlePiece = compact.length >= 2 && text.length <= 60 && !/[。；：]/.test(text) && key.includes(compact);
    const notice = /^(?:中华人民共和国)?[\u4e00-\u9fa5]{2,20}公告$|^[（(]?第\s*[\d一二三四五六七八九十百]+\s*号[）)]?$/.test(compact);
    if (titlePiece || notice || isDateOnly(text)) {
      mark(line.src, 'document header');
      continue;
    }
    break;
  }
  return { body: lines.slice(i), docNumber, historyLines };
}

const TOC_TITLE = /^目\s*录$/;
const SECTION_HEADING = /^第[一二三四五六七八九十百零〇]+(?:编|分编|章|节)/;
const NUMBERED_HEADING = /^[一二三四五六七八九十百]+、/;

/**
 * A table of contents: 目录 and/or a run of section headings with nothing between them, whose first
 * heading comes again later (where the text really starts).
 */
function carveTableOfContents(lines: BodyLine[], mark: (s: SourceText, r: NoiseReason) => void): BodyLine[] {
  const out: BodyLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const titled = TOC_TITLE.test(lines[i].src.text);
    const start = titled ? i + 1 : i;
    let end = start;
    while (end < lines.length && isSectionHeading(lines[end])) end++;
    // the contents end where their first heading comes again (often right after them)
    const first = lines[start]?.src.text;
    let again = -1;
    for (let j = start + 1; j < lines.length && again < 0; j++) if (lines[j].src.text === first) again = j;
    if (again > start + 1 && again <= end) end = again;
    const repeated = end - start >= 2 && again >= end;
    if (repeated || (titled && end > start)) {
      for (let j = i; j < end; j++) mark(lines[j].src, 'table of contents');
      i = end - 1;
      continue;
    }
    out.push(lines[i]);
  }
  return out;
}

function isSectionHeading(line: BodyLine): boolean {
  if (line.src.length > 60) return false;
  return SECTION_HEADING.test(line.src.text) || (line.headingLevel > 0 && NUMBERED_HEADING.test(line.src.text));
}

/** Issuer and date lines closing the text (最高人民法院 / 2019年12月30日) are a signature. */
function carveSignature(lines: BodyLine[], mark: (s: SourceText, r: NoiseReason) => void): BodyLine[] {
  let end = lines.length;
  while (end > 0) {
    const text = lines[end - 1].src.text;
    // a signer line counts only above a date already carved (a last line naming an agency is text)
    if (signatureDate(text) === null && !(end < lines.length && isSignerLine(text))) break;
    mark(lines[end - 1].src, 'signature');
    end--;
  }
  return lines.slice(0, end);
}

/** 最高人民法院关于… / 最高人民法院最高人民检察院关于… → the bodies before 关于. */
function issuersInTitle(title: string): string[] {
  const m = title.match(/^(.{2,40}?)关于/);
  return m ? splitAgencyRun(m[1].replace(/[、\s]/g, '')) : [];
}
