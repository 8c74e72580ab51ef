// Dates as law headers and signatures write them: 2018年11月22日, 二〇〇四年八月十二日, 2019-12-02.
import { numberValue } from '../markers.js';

const ARABIC = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const CHINESE = /([一二三四五六七八九〇零○Ｏ]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/;
const ISO = /((?:19|20)\d{2})-(\d{2})-(\d{2})/;
const CN_DIGIT: Record<string, string> = { 〇: '0', 零: '0', '○': '0', Ｏ: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

export interface FoundDate {
  iso: string;
  index: number;
  length: number;
}

const iso = (y: string | number, m: string | number, d: string | number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The first date written in the text, Arabic or Chinese numerals. */
export function findDate(text: string): FoundDate | null {
  return findDates(text)[0] ?? null;
}

/** Every date written in the text, in order. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of text.matchAll(new RegExp(ARABIC, 'g'))) found.push({ iso: iso(m[1], m[2], m[3]), index: m.index!, length: m[0].length });
  for (const m of text.matchAll(new RegExp(CHINESE, 'g'))) {
    const year = [...m[1]].map((c) => CN_DIGIT[c] ?? '').join('');
    if (year.length === 4) found.push({ iso: iso(year, numberValue(m[2]), numberValue(m[3])), index: m.index!, length: m[0].length });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** A date standing for the whole text (a signature's date line). */
export function isDateOnly(text: string): boolean {
  const date = findDate(text);
  return date !== null && date.index === 0 && date.length === text.length;
}

/** The ISO date in a file name such as 上海市科学技术进步条例(2024-05-10).md. */
export function fileNameDate(file: string): string | null {
  const m = file.match(new RegExp(`[（(]${ISO.source}[)）]`));
  return m ? iso(m[1], m[2], m[3]) : null;
}
