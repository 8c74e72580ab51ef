// Text normalisation. Offsets always refer to the decoded original: cleaning keeps, for every character
// it keeps, the offset it came from, so any piece of a cleaned text maps back to its exact source span.

const CJK_CHAR = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2018-\u201d\u2014\u2026]/;
const SPACE = /[ \t\u3000\u00a0\r]/;

export interface MappedText {
  text: string;
  /** offsets[i] is the offset in the original of text[i]. */
  offsets: number[];
}

/**
 * The text as stored in a clause: no full-width or doubled spaces and no spaces next to Chinese text
 * ("到 2020 年" → "到2020年"), while ASCII words keep one space between them.
 */
export function cleanMapped(raw: string, base = 0): MappedText {
  // Linear in the input: pieces are collected and joined once, and the last kept character is tracked
  // instead of read back from the growing string (reading text[text.length - 1] flattens V8's rope on
  // every space, which made one 800 KB line take 46 s).
  const pieces: string[] = [];
  const offsets: number[] = [];
  let last: string | undefined;
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i];
    if (!SPACE.test(ch)) {
      pieces.push(ch);
      offsets.push(base + i);
      last = ch;
      i++;
      continue;
    }
    let j = i;
    while (j < raw.length && SPACE.test(raw[j])) j++;
    const after = raw[j];
    const keep = last !== undefined && after !== undefined && !CJK_CHAR.test(last) && !CJK_CHAR.test(after);
    if (keep) {
      pieces.push(' ');
      offsets.push(base + i);
      last = ' ';
    }
    i = j;
  }
  return { text: pieces.join(''), offsets };
}

export function cleanText(raw: string): string {
  return cleanMapped(raw).text;
}

/** A comparison key: equal for the same passage whatever its spacing, bracket widths or list markers. */
export function matchKey(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/,/g, '，')
    .replace(/;/g, '；')
    .replace(/:/g, '：')
    .replace(/[*＊]/g, '')
    .replace(/＋/g, '+');
}

/** True when text ends a sentence (or a heading-like clause such as "指导思想。" or a colon lead-in). */
export function endsSentence(text: string): boolean {
  return /[。！？；!?：:”"）)]$/.test(text.trim());
}

/** Splits into sentences at 。！？； (the mark stays with its sentence); returns [start, end) pairs. */
export function sentenceBounds(text: string): [number, number][] {
  const bounds: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (/[。！？!?；]/.test(text[i])) {
      let end = i + 1;
      while (end < text.length && /[”’」』）)]/.test(text[end])) end++;
      bounds.push([start, end]);
      start = end;
      i = end - 1;
    }
  }
  if (start < text.length && text.slice(start).trim()) bounds.push([start, text.length]);
  return bounds;
}
