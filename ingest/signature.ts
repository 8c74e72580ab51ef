// Signature blocks at the end of a document: the issuer on its own line(s), then the date in Arabic or
// Chinese numerals (国务院 / 2018年12月21日, 国务院办公厅 / 二〇〇四年八月十二日, 总理 李克强 / 2018年12月18日),
// and the publication notes that follow (（此件公开发布）, （本文有删减）, 抄送：…). None of it is a clause.
import type { Line } from './types.js';
import { SIGNATURE, parseChineseDate, splitAgencyRun } from './metadata.js';

/** 总理 李克强, 省长 某某: a signing official and their name. */
const OFFICIAL = /^(?:国务院)?(?:总理|副总理|主席|省长|副省长|市长|副市长|部长|主任|局长|署长|行长|委员长)\s*[\u4e00-\u9fa5·]{2,5}$/;
const PUBLICATION_NOTE = /^[（(]?(?:此件|本件|本文)[^）)。，]{0,10}[）)]?$|^抄\s*送[:：]|^(?:[\u4e00-\u9fa5]{2,30}\s+)?\S{0,4}年.{1,3}月.{1,3}日印发$/;

export function isPublicationNote(text: string): boolean {
  return PUBLICATION_NOTE.test(text);
}

/** The date of a line that is only a date, or an issuer followed by a date; null otherwise. */
export function signatureDate(text: string): string | null {
  const m = text.match(SIGNATURE);
  return m && (m[1] || text.replace(/\s/g, '').length <= 12) ? parseChineseDate(m[2]) : null;
}

/** An issuer or signing official standing alone on a line (国务院办公厅, 总理 李克强). */
export function isSignerLine(text: string): boolean {
  if (text.length > 40) return false;
  return OFFICIAL.test(text) || splitAgencyRun(text.replace(/[、\s]/g, '')).length > 0;
}

/**
 * How many lines from `at` form a signature block: issuer or official lines (up to four, for joint
 * documents) directly followed by a date line; 0 when line `at` does not start one.
 */
export function signatureBlockLength(lines: Line[], at: number): number {
  let i = at;
  while (i < lines.length && i - at < 4 && isSignerLine(lines[i].src.text)) i++;
  if (i === at || i >= lines.length) return 0;
  return signatureDate(lines[i].src.text) ? i - at + 1 : 0;
}
