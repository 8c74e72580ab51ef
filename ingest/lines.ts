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
  // runs of continued lines are gathered and joined once, so a long run stays linear
  const out: Line[] = [];
  let run: Line[] = [];
  let runLength = 0;
  const flush = () => {
    if (run.length === 1) out.push(run[0]);
    else if (run.length > 1) out.push({ ...run[0], src: SourceText.join(run.map((l) => l.src)), raw: run.map((l) => l.raw).join('') });
    run = [];
    runLength = 0;
  };
  for (const line of lines) {
    if (run.length && !continuesParagraph({ first: run[0], last: run[run.length - 1], length: runLength }, line)) flush();
    run.push(line);
    runLength += line.src.length;
  }
  flush();
  return out;
}

/** The paragraph joined so far: its first and last lines and its cleaned length. */
interface Run {
  first: Line;
  last: Line;
  length: number;
}

function continuesParagraph(previous: Run, next: Line): boolean {
  // a page break cuts mid-word or after a comma; a line ending in digits (a date, a time) is complete
  if (previous.length < 25 || !/[\u3400-\u9fff，、“（]$/.test(previous.last.src.text)) return false;
  // anchored at the start, and a joined run's first line is ≥ 25 characters, so the first line decides
  if (SOURCE_ATTRIBUTION.test(previous.first.src.text)) return false;
  // a run of more than one line holds no tab, so the first and last lines decide
  if (previous.first.raw.includes('\t') || previous.last.raw.includes('\t') || next.raw.includes('\t')) return false;
  if (parseMarker(next.src.text) || isNotesHeading(next.src.text)) return false;
  return true;
}
