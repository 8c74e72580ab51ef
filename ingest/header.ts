// Reads a document's header: title lines, 文号, addressee, and the header of a 印发 notice run into the
// text of a crawled page ("…关于印发《X》的通知工信部联信软〔2018〕140号各省…：为贯彻落实…").
import type { Line, NoiseReason, NoiseSpan } from './types.js';
import { SOURCE_ATTRIBUTION, findDocNumbers, isCitedDocNumber, isDraftTitle, splitAgencyRun } from './metadata.js';
import { parseMarker } from './markers.js';
import { SourceText } from './unit.js';

export interface HeaderInfo {
  titleLines: string[];
  docNumber: string | null;
  /** Title of the plan a 印发 notice carries, and the notice's own title. */
  carriedTitle: string | null;
  noticeTitle: string | null;
  noticeIssuers: string[];
  publishedDate: string | null;
  draft: boolean;
  noise: NoiseSpan[];
  /** Lines fully consumed by the header. */
  consumed: number;
  /** What is left of the first body line after a run-in header was carved off. */
  remainder: SourceText | null;
  /** Header text that a crawled page repeats later: carved wherever it recurs. */
  repeatedStrings: string[];
}

const ADDRESSEE = /^[^。：:]{2,120}[：:]/;
/** Words an addressee line names its recipients with (各省…, …人民政府, 各部门 …). */
const RECIPIENTS = /各|人民政府|部门|单位|机构/;

/** `isSection`: lines that open a section of the body (notes outline headings) end the header. */
export function readHeader(lines: Line[], file: string, isSection: (text: string) => boolean = () => false): HeaderInfo {
  const info: HeaderInfo = {
    titleLines: [],
    docNumber: null,
    carriedTitle: null,
    noticeTitle: null,
    noticeIssuers: [],
    publishedDate: null,
    draft: false,
    noise: [],
    consumed: 0,
    remainder: null,
    repeatedStrings: [],
  };
  const noise = (src: SourceText, reason: NoiseReason) => info.noise.push({ file, start: src.start, end: src.end, reason, text: src.text });
  let i = 0;
  for (; i < lines.length; i++) {
    const src = lines[i].src;
    const text = src.text;
    if (isSection(text)) break;
    if (SOURCE_ATTRIBUTION.test(text)) {
      noise(src, 'source attribution');
      continue;
    }
    const own = ownDocNumber(text);
    if (own && own.whole) {
      info.docNumber = own.docNumber;
      noise(src, 'document header');
      continue;
    }
    if (own && !own.whole) {
      carveRunInHeader(src, own.end, info, noise);
      i++;
      break;
    }
    if (isAddressee(text)) {
      noise(src, 'addressee');
      continue;
    }
    if (i < 5 && isTitleLine(text) && !parseMarker(text)) {
      info.titleLines.push(text);
      if (isDraftTitle(text)) info.draft = true;
      noise(src, 'document header');
      continue;
    }
    break;
  }
  info.consumed = i;
  return info;
}

function isTitleLine(text: string): boolean {
  return text.length <= 60 && !/[。，；,;：:]/.test(text.replace(/[（(][^）)]*[）)]/g, ''));
}

function isAddressee(text: string): boolean {
  return text.length <= 120 && ADDRESSEE.test(text) && /[：:]$/.test(text) && RECIPIENTS.test(text);
}

/** The document's own 文号: on a line of its own, or in a run-in header before the addressee. */
function ownDocNumber(text: string): { docNumber: string; whole: boolean; end: number } | null {
  for (const match of findDocNumbers(text)) {
    if (isCitedDocNumber(text, match)) continue;
    const whole = text.replace(/[（(）)\s]/g, '') === match.docNumber;
    if (whole) return { docNumber: match.docNumber, whole, end: match.end };
    if (match.index <= 240) return { docNumber: match.docNumber, whole: false, end: match.end };
  }
  return null;
}

function carveRunInHeader(src: SourceText, docNumberEnd: number, info: HeaderInfo, noise: (s: SourceText, r: NoiseReason) => void): void {
  const head = src.slice(0, docNumberEnd);
  info.docNumber = ownDocNumber(head.text)?.docNumber ?? null;
  noise(head, 'document header');
  info.repeatedStrings.push(head.text);
  const headText = head.text;
  const carried = [...headText.matchAll(/关于印发《(.+?)》的(?:通知|函)/g)].map((m) => m[1]);
  if (carried.length) info.carriedTitle = carried.sort((a, b) => b.length - a.length)[0];
  const issuerRuns = [...headText.matchAll(/([\u4e00-\u9fa5]+)关于印发/g)];
  const lastRun = issuerRuns[issuerRuns.length - 1];
  if (lastRun) {
    info.noticeIssuers = splitAgencyRun(lastRun[1]);
    if (info.noticeIssuers.length) info.noticeTitle = `${lastRun[1]}关于印发《${info.carriedTitle}》的通知`;
  }
  const published = headText.match(/发布日期[:：]\s*((?:19|20)\d{2}-\d{2}-\d{2})/);
  if (published) info.publishedDate = published[1];
  if (!info.carriedTitle) {
    const numberAt = headText.lastIndexOf(info.docNumber?.slice(0, 2) ?? '\u0000');
    const title = titleBefore(head.slice(0, Math.max(0, numberAt)).trim());
    if (title) info.titleLines.push(title);
  }
  let rest = src.slice(docNumberEnd).trim();
  const addressee = rest.text.match(ADDRESSEE);
  if (addressee && RECIPIENTS.test(addressee[0])) {
    const part = rest.slice(0, addressee[0].length);
    noise(part, 'addressee');
    info.repeatedStrings.push(part.text);
    rest = rest.slice(addressee[0].length).trim();
  }
  info.remainder = rest.length ? rest : null;
}

/**
 * The title that ends right before a run-in 文号: back to the nearest break in the original (a removed space,
 * punctuation, digits), e.g. "…力争2020年启动5G商用 国务院关于X的指导意见" → "国务院关于X的指导意见".
 */
function titleBefore(src: SourceText): string | null {
  const text = src.text;
  if (!/(?:意见|通知|方案|计划|规划|办法|决定|纲要|指南)$/.test(text)) return null;
  let start = text.length - 1;
  while (start > 0 && /[\u4e00-\u9fa5“”、《》]/.test(text[start - 1]) && src.offsets[start] - src.offsets[start - 1] === 1) start--;
  const title = text.slice(start);
  return title.length >= 4 ? title : null;
}
