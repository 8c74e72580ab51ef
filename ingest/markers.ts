// Recognises the official numbering of Chinese policy texts: 第X篇/章/节/条, 一、 （一） 1. （1） (a), 专栏N, 附件.

export type MarkerType =
  | 'pian'
  | 'zhang'
  | 'jie'
  | 'tiao'
  | 'cn'
  | 'paren-cn'
  | 'arabic'
  | 'paren-arabic'
  | 'alpha'
  | 'box'
  | 'annex';

export interface Marker {
  type: MarkerType;
  /** The number as it is cited, in canonical width: 一、 （十一） 1. （1） (a) 第二十五章 专栏2 附件 */
  number: string;
  /** Characters of the text taken by the marker (and by list bullets or notes numbering before it). */
  length: number;
  /** Characters of bullets or notes numbering before the official number ("- 1.", "****"). */
  prefixLength: number;
  /** Numeric value of the number, for sequence checks. */
  value: number;
}

const CN = '[一二三四五六七八九十百零〇两]+';

const PATTERNS: { type: MarkerType; re: RegExp; format: (m: RegExpMatchArray) => string }[] = [
  { type: 'pian', re: new RegExp(`^第\\s*(${CN})\\s*篇\\s*`), format: (m) => `第${m[1]}篇` },
  { type: 'zhang', re: new RegExp(`^第\\s*(${CN})\\s*章\\s*`), format: (m) => `第${m[1]}章` },
  { type: 'jie', re: new RegExp(`^第\\s*(${CN})\\s*节\\s*`), format: (m) => `第${m[1]}节` },
  { type: 'tiao', re: new RegExp(`^第\\s*(${CN})\\s*条\\s*`), format: (m) => `第${m[1]}条` },
  { type: 'cn', re: new RegExp(`^(${CN})\\s*[、．]\\s*`), format: (m) => `${m[1]}、` },
  { type: 'paren-cn', re: new RegExp(`^[（(]\\s*(${CN})\\s*[）)]\\s*`), format: (m) => `（${m[1]}）` },
  { type: 'paren-arabic', re: /^[（(]\s*(\d{1,3})\s*[）)]\s*/, format: (m) => `（${m[1]}）` },
  { type: 'alpha', re: /^[（(]([a-z])[）)]\s*/, format: (m) => `(${m[1]})` },
  { type: 'box', re: /^专栏\s*(\d{1,3}|[一二三四五六七八九十]+)\s*[：:]?\s*/, format: (m) => `专栏${m[1]}` },
  // 1. / 1、 / 1． but not 1.5万 or 5.0版
  { type: 'arabic', re: /^(\d{1,3})\s*(?:[、．]|\.(?!\d))\s*/, format: (m) => `${m[1]}.` },
];

/** List bullets and emphasis left by a notes export: "- ", "* ", "****". */
const BULLET = /^(?:[-*•·]\s+|\*{2,}\s*)/;

export function parseMarker(text: string): Marker | null {
  let offset = 0;
  const bullet = text.match(BULLET);
  if (bullet) offset = bullet[0].length;
  const collapsed = text.slice(offset).match(/^(\d{1,2})\.(\d{1,2})\s+(?=\S)/);
  if (collapsed && collapsed[1] === collapsed[2]) {
    return { type: 'arabic', number: `${collapsed[1]}.`, length: offset + collapsed[0].length, value: Number(collapsed[1]), prefixLength: offset };
  }
  const first = matchOfficial(text.slice(offset));
  if (!first) return null;
  // Notes number their items again ("1. (一) 宽带中国", "2. 第二十六章…", "1. 1 战略思想的差异"):
  // the official number that follows wins, and a repeated plain number is dropped.
  if (first.type === 'arabic' || first.type === 'alpha') {
    const rest = text.slice(offset + first.length);
    const official = matchOfficial(rest);
    if (official && official.type !== 'arabic' && official.type !== 'alpha') {
      return { ...official, length: offset + first.length + official.length, prefixLength: offset + first.length };
    }
    const repeated = rest.match(/^(\d{1,3})\s+(?=\S)/);
    if (repeated && Number(repeated[1]) === first.value) return { ...first, length: offset + first.length + repeated[0].length, prefixLength: offset };
  }
  return { ...first, length: offset + first.length, prefixLength: offset };
}

function matchOfficial(text: string): Marker | null {
  for (const pattern of PATTERNS) {
    const m = text.match(pattern.re);
    if (!m) continue;
    const number = pattern.format(m);
    return { type: pattern.type, number, length: m[0].length, value: numberValue(m[1]), prefixLength: 0 };
  }
  return null;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十一 → 11, 二十二 → 22, 一百零五 → 105, 7 → 7, b → 2. */
export function numberValue(raw: string): number {
  if (/^\d+$/.test(raw)) return Number(raw);
  if (/^[a-z]$/.test(raw)) return raw.charCodeAt(0) - 96;
  let total = 0;
  let current = 0;
  for (const ch of raw) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else current = DIGITS[ch] ?? 0;
  }
  return total + current;
}

/** Outline headings of converted notes: "1.1 DONE 国家十三五规划", "1.6.3 三、主要任务". */
// the space after the number is lost when cleaning removes spaces next to Chinese text
const NOTES_HEADING = /^(\d{1,2}(?:\.\d{1,2}){1,3})\s*(?=[^\d.\s])(.+)$/;

export function isNotesHeading(text: string): boolean {
  return NOTES_HEADING.test(text);
}

export function parseNotesHeading(text: string): { number: string; depth: number; title: string } | null {
  const m = text.match(NOTES_HEADING);
  if (!m) return null;
  const title = m[2].replace(/^(?:DONE|TODO|NEXT|WAITING)\s*/, '').trim();
  return { number: m[1], depth: m[1].split('.').length, title };
}

/** Positions where a numbered item starts inside a run-on line (crawled pages lose their line breaks). */
export function inlineMarkerPositions(text: string): number[] {
  const positions: number[] = [];
  const parenCn = new RegExp(`[（(](${CN})[）)]`, 'g');
  for (const m of text.matchAll(parenCn)) {
    if (m.index! > 0 && numberValue(m[1]) <= 60) positions.push(m.index!);
  }
  // 一、 only right after a sentence end: "统一、规范" must not split
  const cnList = new RegExp(`(?<=[。；！？\\s])(${CN})、`, 'g');
  for (const m of text.matchAll(cnList)) positions.push(m.index!);
  const box = /(?<=[。；！？\s])专栏\s*\d{1,3}\s*[：:]/g;
  for (const m of text.matchAll(box)) positions.push(m.index!);
  return [...new Set(positions)].sort((a, b) => a - b);
}
