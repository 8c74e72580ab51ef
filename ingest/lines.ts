// Splits decoded text into lines that keep their offsets, and joins paragraphs broken by page breaks.
import type { Line } from './types.js';
import { cleanMapped } from './text.js';
import { SourceText } from './unit.js';
import { isNotesHeading, parseMarker } from './markers.js';
import { SOURCE_ATTRIBUTION } from './metadata.js';

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let blank = 0;
  for (;;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end).replace(/\r$/, '');
    const src = SourceText.from(cleanMapped(raw, start));
    if (src.length === 0) blank++;
    else {
      lines.push({ src, raw, rawStart: start, blankBefore: blank });
      blank = 0;
    }
    if (end >= text.length) break;
    start = end + 1;
  }
  return lines;
}

/**
 * Paragraphs cut by a page break (notes converted from PDF) continue on the next line: a long line that
 * stops mid-sentence, followed by a line that starts no new numbered item, is one paragraph.
 */
export function joinBrokenParagraphs(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const previous = out[out.length - 1];
    if (previous && continuesParagraph(previous, line)) {
      out[out.length - 1] = { ...previous, src: previous.src.concat(line.src), raw: previous.raw + line.raw };
    } else {
      out.push(line);
    }
  }
  return out;
}

function continuesParagraph(previous: Line, next: Line): boolean {
  // a page break cuts mid-word or after a comma; a line ending in digits (a date, a time) is complete
  if (previous.src.length < 25 || !/[\u3400-\u9fff，、“（]$/.test(previous.src.text)) return false;
  if (SOURCE_ATTRIBUTION.test(previous.src.text)) return false;
  if (previous.raw.includes('\t') || next.raw.includes('\t')) return false;
  if (parseMarker(next.src.text) || isNotesHeading(next.src.text)) return false;
  return true;
}
