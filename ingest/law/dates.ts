// Dates as law headers and signatures write them (2018年11月22日, 二〇〇四年八月十二日: the shared
// DATE_PATTERN of ingest/metadata.ts) and as the collection names its files (…(2019-12-02).md).
import { DATE_PATTERN, parseChineseDate } from '../metadata.js';

export interface FoundDate {
  iso: string;
  index: number;
  length: number;
}

const DATE = new RegExp(DATE_PATTERN, 'g');

/** The first date written in the text, Arabic or Chinese numerals. */
export function findDate(text: string): FoundDate | null {
  return findDates(text)[0] ?? null;
}

/** Every date written in the text, in order. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of text.matchAll(DATE)) {
    const iso = parseChineseDate(m[0]);
    if (iso) found.push({ iso, index: m.index!, length: m[0].length });
  }
  return found;
}

/** A date standing for the whole text (a signature's date line). */
export function isDateOnly(text: string): boolean {
  const date = findDate(text);
  return date !== null && date.index === 0 && date.length === text.length;
}

/** The ISO date in a file name such as 上海市科学技术进步条例(2024-05-10).md. */
export function fileNameDate(file: string): string | null {
  const m = file.match(/[（(]((?:19|20)\d{2})-(\d{2})-(\d{2})[)）]/);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
