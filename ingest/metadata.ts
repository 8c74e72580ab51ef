// Recognises document metadata in headers and signatures: 文号, issuers, region, level, dates, draft status.
import nameParts from './data/agency-name-parts.json' with { type: 'json' };
import { loadDictionaries, type Dictionaries } from '../dictionaries/dictionaries.js';
import { normalizeDocNumber } from '../graph/ids.js';
import type { Level } from '../graph/model.js';
import { numberValue } from './markers.js';


/** Lines a web page or notes put above a document: who posted it, where from, when. */
export const SOURCE_ATTRIBUTION = /^(?:作者|来源|发布日期|发布时间|发文机关|字号|浏览次数|【字体】)[:：]/;

export const DOC_NUMBER = /([\u4e00-\u9fa5]{1,12})\s*[〔\[［【(（]\s*((?:19|20)\d{2})\s*[〕\]］】)）]\s*(\d{1,4})\s*[号號]/g;
// words that end the text before a 文号 prefix: "…的通知工信部联信软〔2018〕140号"
const BEFORE_PREFIX = /^.*(?:通知|意见|方案|办法|规划|决定|计划|指南|纲要|》|的)/;

export interface DocNumberMatch {
  docNumber: string;
  prefix: string;
  year: number;
  index: number;
  end: number;
}

export function findDocNumbers(text: string): DocNumberMatch[] {
  const found: DocNumberMatch[] = [];
  for (const m of text.matchAll(DOC_NUMBER)) {
    const prefix = m[1].replace(BEFORE_PREFIX, '');
    if (!prefix) continue;
    const index = m.index! + m[0].length - m[0].replace(/^[\u4e00-\u9fa5]+/, '').length - prefix.length;
    found.push({ docNumber: normalizeDocNumber(`${prefix}〔${m[2]}〕${m[3]}号`), prefix, year: Number(m[2]), index, end: m.index! + m[0].length });
  }
  return found;
}

/** A 文号 that cites another document: right after 《title》 or inside a citing phrase. */
export function isCitedDocNumber(text: string, match: DocNumberMatch): boolean {
  const before = text.slice(Math.max(0, match.index - 3), match.index);
  return /》\s*[（(]?\s*$/.test(before) || /[（(]$/.test(before) && /》/.test(text.slice(0, match.index));
}

export interface IssuerInfo {
  issuers: string[];
  region: string | null;
}

/**
 * Who issued a document with this 文号 prefix: 国发 → 国务院, 皖政 → 安徽省人民政府, 工信部联信软 → 工业和信息化部.
 * The prefixes are the agencies' docNumberPrefixes in agencies.json (the one table of them; `{abbr}` in a
 * provincial template is the province's abbreviation from regions.json).
 */
export function issuerFromDocNumberPrefix(prefix: string, dicts: Dictionaries = loadDictionaries()): IssuerInfo {
  const agency = dicts.agencyByDocNumber(prefix);
  if (agency) return { issuers: [agency.name], region: agency.level === 'central' ? '全国' : agency.region };
  // a province's own prefixes the dictionaries do not list (皖府…): its government or its general office
  const province = dicts.regions.find((r) => r.level === 'province' && r.abbr && prefix.startsWith(r.abbr));
  if (province && /^.(?:政|府|办)/.test(prefix)) {
    const office = /办/.test(prefix.slice(1, 4)) ? '人民政府办公厅' : '人民政府';
    return { issuers: [`${province.name}${office}`], region: province.name };
  }
  return { issuers: [], region: null };
}

const AGENCY_SUFFIXES = ['委员会', '办公厅', '人民政府', '办公室', '总局', '部', '委', '局', '院', '署', '厅', '行', '办'];

/**
 * Splits a run of agency names written without separators ("工业和信息化部国家发展和改革委员会")
 * at their suffixes, keeping 委员会 whole.
 */
export function splitAgencyRun(run: string): string[] {
  const names: string[] = [];
  let start = 0;
  for (let i = 1; i <= run.length; i++) {
    const piece = run.slice(start, i);
    const suffix = AGENCY_SUFFIXES.find((s) => piece.endsWith(s));
    if (!suffix || piece.length < 2) continue;
    const next = run.slice(i, i + 2);
    if ((suffix === '委' && next.startsWith('员')) || (suffix === '办' && next.startsWith('公'))) continue;
    if (suffix === '部' && /^(?:委|门)/.test(next)) continue;
    names.push(piece);
    start = i;
  }
  // a run that is not wholly agency names is not a list of agencies
  if (start !== run.length) return [];
  return keepOrgansWhole(names).filter((name) => !/^(?:两|三|四|多|各|有关)/.test(name));
}

/**
 * Agency names are never split: 国务院 + 办公厅 is 国务院办公厅, one agency. A governing body's name followed by
 * one of its own organs, or an office word standing alone, joins the name before it.
 */
function keepOrgansWhole(names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const previous = out[out.length - 1];
    const bareUnit = nameParts.subordinateUnits.includes(name);
    const organOfParent = nameParts.subordinateUnits.some((unit) => name.endsWith(unit)) && nameParts.parentBodies.some((body) => previous?.endsWith(body));
    if (previous && (bareUnit || organOfParent)) {
      out[out.length - 1] = previous + name;
    } else out.push(name);
  }
  return out;
}

export function splitAgencyList(text: string): string[] {
  return text
    .split(/[、，,\s]+/)
    .flatMap((part) => splitAgencyRun(part))
    .filter(Boolean);
}

/** A date in Arabic or Chinese numerals: 2017年8月13日, 二〇〇四年八月十二日. */
const YEAR = String.raw`(?:19|20)\d{2}|[一二九〇零○Ｏ][〇零○Ｏ一二三四五六七八九]{3}`;
const MONTH_DAY = String.raw`\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]`;
export const DATE_PATTERN = String.raw`(?:${YEAR})\s*年\s*(?:${MONTH_DAY})\s*月\s*(?:${MONTH_DAY})\s*日`;
const CN_DATE = new RegExp(String.raw`(${YEAR})\s*年\s*(${MONTH_DAY})\s*月\s*(${MONTH_DAY})\s*日`);
const DIGIT: Record<string, number> = { 〇: 0, 零: 0, '○': 0, Ｏ: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

export function parseChineseDate(text: string): string | null {
  const m = text.match(CN_DATE);
  if (!m) return null;
  const year = /^\d+$/.test(m[1]) ? m[1] : [...m[1]].map((c) => DIGIT[c]).join('');
  return `${year}-${String(numeral(m[2])).padStart(2, '0')}-${String(numeral(m[3])).padStart(2, '0')}`;
}

/** 8, 十二, 二十一, 三十 → the number. */
function numeral(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text.includes('十')) return DIGIT[text];
  const [tens, ones] = text.split('十');
  return (tens ? DIGIT[tens] : 1) * 10 + (ones ? DIGIT[ones] : 0);
}

/** A signature: agency names followed by a date ("国务院 2017年8月13日", "国务院办公厅 二〇〇四年八月十二日"), or a date standing alone. */
export const SIGNATURE = new RegExp(String.raw`^((?:[\u4e00-\u9fa5]{2,24}?(?:委员会|办公厅|人民政府|办公室|总局|部|委|局|院|署|厅))*)\s*(${DATE_PATTERN})$`);

export function regionOfName(name: string): string | null {
  const m =
    name.match(/^(.{2,7}?(?:省|自治区|特别行政区))/) ??
    name.match(/^(北京市|天津市|上海市|重庆市)/) ??
    // a city: 成都市人民政府, 某某市数据条例 (not 城市/市场 words)
    name.match(/^([\u4e00-\u9fa5]{2,4}?市)(?!场|民|政府各)/);
  return m ? m[1] : null;
}

export function levelOfRegion(region: string | null): Level {
  if (!region) return 'unknown';
  if (region === '全国') return 'national';
  if (/(?:省|自治区|北京市|天津市|上海市|重庆市)$/.test(region)) return 'provincial';
  if (/市$/.test(region)) return 'municipal';
  return 'unknown';
}

export function isDraftTitle(text: string): boolean {
  return /征求意见稿|征求意见|草案|送审稿|讨论稿/.test(text);
}

export function isCommentaryTitle(title: string): boolean {
  return /区别|比较|对比|启示|解读|评论|述评|心得|体会|分析/.test(title);
}

/** The first year of a plan period in a title: 行动计划（2020-2022年） → 2020. */
export function periodStartYear(title: string): number | null {
  const m = title.match(/((?:19|20)\d{2})\s*[-—–~～至]\s*(?:19|20)\d{2}\s*年/);
  if (m) return Number(m[1]);
  // 十三五规划: five-year plans run 1981–85 (六五) and every five years since
  const plan = title.match(/([一二三四五六七八九十]+)五(?:规划|计划|时期)/);
  if (plan) {
    const n = numberValue(plan[1]);
    if (n >= 6) return 1981 + 5 * (n - 6);
  }
  return null;
}

/** "实施期限为 2016-2020 年", "规划期为2021—2025年": the period a plan says it covers. */
export function statedPeriodStartYear(body: string): number | null {
  const m = body.match(/(?:实施期限|规划期限|规划期|实施期)为?\s*((?:19|20)\d{2})\s*[-—–~～至]\s*(?:19|20)\d{2}\s*年/);
  return m ? Number(m[1]) : null;
}
