// The frame of a legal text as collections publish it in Markdown or plain text: front matter, the
// `# title` line, the history lines under it (up to `<!-- INFO END -->` where the collection marks the
// end), markup comments, and the heading markers (`## 第一章 总则`) that are structure, not text.
import type { Line } from '../types.js';
import type { SourceText } from '../unit.js';
import { findDate } from './dates.js';

export interface LawFrame {
  title: SourceText | null;
  /** History lines (adoption, amendment, promulgation, effect). */
  header: SourceText[];
  /** Front matter, comments and other markup lines: noise. */
  markup: SourceText[];
  body: BodyLine[];
}

export interface BodyLine {
  /** The line without heading markers. */
  src: SourceText;
  raw: string;
  /** Markdown heading level (number of #), 0 for a plain line. */
  headingLevel: number;
}

const HEADER_END = /^<!--\s*INFO END\s*-->$/;
const COMMENT = /^<!--.*-->$/;
const MD_HEADING = /^(#{1,6})\s*/;
const HISTORY_VERB = /通过|批准|公布|发布|颁布|修正|修订|施行|废止|印发/;

export function readLawFrame(lines: Line[]): LawFrame {
  const frame: LawFrame = { title: null, header: [], markup: [], body: [] };
  let i = 0;
  if (lines[0]?.src.text === '---') {
    const close = lines.findIndex((l, j) => j > 0 && l.src.text === '---');
    if (close > 0) {
      for (; i <= close; i++) frame.markup.push(lines[i].src);
    }
  }
  const first = lines[i];
  if (first) {
    const heading = first.src.text.match(MD_HEADING);
    if (heading && heading[1].length === 1) {
      frame.title = first.src.slice(heading[0].length).trim();
      i++;
    } else if (isPlainTitle(first.src.text)) {
      frame.title = first.src;
      i++;
    }
  }
  const endAt = lines.findIndex((l, j) => j >= i && j < i + 80 && HEADER_END.test(l.src.text));
  if (endAt >= 0) {
    for (; i < endAt; i++) frame.header.push(lines[i].src);
    frame.markup.push(lines[endAt].src);
    i = endAt + 1;
  } else {
    // without the collection's marker: the dated history lines right under the title
    while (i < lines.length && isHistoryLine(lines[i].src.text)) frame.header.push(lines[i++].src);
  }
  for (; i < lines.length; i++) {
    const line = lines[i];
    const text = line.src.text;
    if (COMMENT.test(text)) {
      frame.markup.push(line.src);
      continue;
    }
    const heading = text.match(MD_HEADING);
    if (heading) {
      const src = line.src.slice(heading[0].length).trim();
      if (src.length) frame.body.push({ src, raw: line.raw.replace(/^\s*#{1,6}\s*/, ''), headingLevel: heading[1].length });
      else frame.markup.push(line.src);
      continue;
    }
    frame.body.push({ src: line.src, raw: line.raw, headingLevel: 0 });
  }
  return frame;
}

function isPlainTitle(text: string): boolean {
  return text.length <= 80 && !/[。；，：]/.test(text) && !/^第[一二三四五六七八九十百零〇]+条/.test(text);
}

/** "（2018年11月22日上海市…通过）", "2024年1月1日 施行". */
export function isHistoryLine(text: string): boolean {
  const date = findDate(text);
  return date !== null && date.index <= 2 && text.length <= 300 && HISTORY_VERB.test(text) && !/。$/.test(text.replace(/[）)]$/, ''));
}
