// Crawled pages repeat their header, signature and title inside the text. This carves those repeats out
// as noise, leaving the body pieces between them.
import type { NoiseReason } from './types.js';
import { splitAgencyRun, parseChineseDate } from './metadata.js';
import { matchKey } from './text.js';
import type { SourceText } from './unit.js';

export interface CrawlState {
  /** Header strings already carved once (the notice header, the addressee). */
  repeated: string[];
  title: string;
  seenSignature?: boolean;
}

interface Carve {
  start: number;
  end: number;
  reason: NoiseReason;
}

const DATE = /(?:19|20)\d{2}年\d{1,2}月\d{1,2}日/g;

export function carveCrawlRepeats(src: SourceText, state: CrawlState, signatureDates: string[], mark: (s: SourceText, r: NoiseReason) => void): SourceText[] {
  const text = src.text;
  const carves: Carve[] = [];
  for (const repeated of state.repeated) {
    for (let at = text.indexOf(repeated); at >= 0; at = text.indexOf(repeated, at + repeated.length)) {
      carves.push({ start: at, end: at + repeated.length, reason: 'repeated crawl text' });
    }
  }
  for (const date of text.matchAll(DATE)) {
    const end = date.index! + date[0].length;
    let start = date.index!;
    while (start > 0 && /[\u4e00-\u9fa5]/.test(text[start - 1])) start--;
    // the agencies that sign: the longest run of agency names right before the date
    let signer = start;
    while (signer < date.index! && splitAgencyRun(text.slice(signer, date.index!)).length === 0) signer++;
    if (signer === date.index!) continue;
    carves.push({ start: signer, end, reason: state.seenSignature ? 'repeated crawl text' : 'signature' });
    if (!state.seenSignature) signatureDates.push(parseChineseDate(date[0])!);
    const titleEnd = matchedPrefixLength(text.slice(end), state.title);
    if (titleEnd > 0) carves.push({ start: end, end: end + titleEnd, reason: state.seenSignature ? 'repeated crawl text' : 'document header' });
    state.seenSignature = true;
  }
  carves.sort((a, b) => a.start - b.start);
  const pieces: SourceText[] = [];
  let from = 0;
  for (const carve of carves) {
    if (carve.start < from) continue;
    if (carve.start > from) pieces.push(src.slice(from, carve.start));
    mark(src.slice(carve.start, carve.end), carve.reason);
    from = carve.end;
  }
  if (from < text.length) pieces.push(src.slice(from));
  return pieces.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Length of the prefix of text that is the title (compared by match key), or 0. */
function matchedPrefixLength(text: string, title: string): number {
  const key = matchKey(title);
  for (let n = title.length - 2; n <= title.length + 4 && n <= text.length; n++) {
    if (matchKey(text.slice(0, n)) === key) return n;
  }
  return 0;
}
