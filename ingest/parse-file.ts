// Parses one decoded file into the documents it holds. A notes file (outline headings listed in a table of
// contents) holds one document per second-level heading; any other file is one document.
import type { NoiseSpan, ParsedDocument, Line, DecodedFile } from './types.js';
import { joinBrokenParagraphs, splitLines } from './lines.js';
import { parseNotesHeading } from './markers.js';
import { buildDocument } from './parse-document.js';
import { isLawText, parseLaw } from './law/parse-law.js';

export interface FileParse {
  documents: ParsedDocument[];
  noise: NoiseSpan[];
}

const PAGE_NUMBER = /^(?:[-—–]\s*)?\d{1,3}(?:\s*[-—–])?$|^第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?$/;
const TOC_TITLE = /^目\s*录$|^contents$/i;
const TOC_ENTRY = /^(\d{1,2}(?:\.\d{1,2})*)\s+.+?(?:\s|\.{3,}|…+)\d{1,3}$/;

export function parseFile(decoded: DecodedFile): FileParse {
  const noise: NoiseSpan[] = [];
  const mark = (line: Line, reason: NoiseSpan['reason']) =>
    noise.push({ file: decoded.file, start: line.src.start, end: line.src.end, reason, text: line.src.text });

  const allLines = splitLines(decoded.text);
  if (isLawText(allLines)) {
    const law = parseLaw(decoded.file, allLines);
    return { documents: law ? [law] : [], noise };
  }
  const kept: Line[] = [];
  const tocNumbers = new Map<string, string>();
  let inToc = false;
  for (const line of allLines) {
    const text = line.src.text;
    if (TOC_TITLE.test(text)) {
      inToc = true;
      mark(line, 'table of contents');
      continue;
    }
    const entry = text.match(TOC_ENTRY) ?? line.raw.trim().match(/^(\d{1,2}(?:\.\d{1,2})*)\t.+\t\d{1,3}$/);
    if (inToc && entry) {
      tocNumbers.set(entry[1], text);
      mark(line, 'table of contents');
      continue;
    }
    inToc = false;
    if (PAGE_NUMBER.test(text) && !line.raw.startsWith('\t')) {
      mark(line, 'page number');
      continue;
    }
    kept.push(line);
  }

  const sections = tocNumbers.size ? splitNotes(kept, tocNumbers, mark) : [{ title: null, lines: kept }];
  const documents: ParsedDocument[] = [];
  for (const section of sections) {
    const lines = joinBrokenParagraphs(section.lines);
    const parsed = buildDocument({ file: decoded.file, lines, notesTitle: section.title?.title ?? null, tocNumbers, text: decoded.text });
    if (section.title) mark(section.title.line, 'notes heading');
    if (!parsed) {
      for (const line of section.lines) mark(line, 'empty excerpt');
      continue;
    }
    documents.push(parsed);
  }
  return { documents, noise };
}

interface Section {
  title: { title: string; line: Line } | null;
  lines: Line[];
}

/** Notes: "第 1 章 / 文件学习" frame the notes; each 1.N heading starts the excerpt of one document. */
function splitNotes(lines: Line[], toc: Map<string, string>, mark: (line: Line, reason: NoiseSpan['reason']) => void): Section[] {
  const sections: Section[] = [];
  const topTitles = new Set([...toc.entries()].filter(([n]) => !n.includes('.')).map(([, t]) => t.replace(/^\d+\s*/, '').replace(/\s*\d+$/, '')));
  for (const line of lines) {
    const heading = parseNotesHeading(line.src.text);
    if (heading && toc.has(heading.number) && heading.depth === 2) {
      sections.push({ title: { title: heading.title, line }, lines: [] });
      continue;
    }
    if (!sections.length) {
      // before the first excerpt: the notes' chapter heading ("第 1 章", "文件学习")
      if (/^第\s*\d+\s*章$/.test(line.src.text) || topTitles.has(line.src.text)) mark(line, 'notes heading');
      else sections.push({ title: null, lines: [line] });
      continue;
    }
    sections[sections.length - 1].lines.push(line);
  }
  return sections;
}
