// Turns the lines of one document occurrence into a PolicyDocument and its clause tree.
import type { PolicyDocument } from '../graph/model.js';
import { documentId } from '../graph/ids.js';
import type { Line, NoiseSpan, NoiseReason, ParsedDocument } from './types.js';
import { ClauseTreeBuilder, type BuildMode } from './clause-tree.js';
import { readHeader } from './header.js';
import { parseNotesHeading } from './markers.js';
import { isTableLine, readTable } from './tables.js';
import { carveCrawlRepeats } from './crawl.js';
import { inferMetadata } from './infer-metadata.js';
import { SOURCE_ATTRIBUTION } from './metadata.js';
import { isPublicationNote, signatureBlockLength, signatureDate } from './signature.js';
import { SourceText } from './unit.js';

export interface DocumentInput {
  file: string;
  lines: Line[];
  /** The excerpt's heading when the document comes from a notes file. */
  notesTitle: string | null;
  tocNumbers: Map<string, string>;
  /** The whole decoded file the lines come from. */
  text: string;
}

const ANNEX_START = /^附件\s*(\d{0,2})\s*[：:]?$/;
const ANNEX_REFERENCE = /^附件\s*\d{0,2}\s*[：:]/;

export function buildDocument(input: DocumentInput): ParsedDocument | null {
  const { file, lines } = input;
  if (!lines.length) return null;
  const mode: BuildMode = isCrawl(lines) ? 'crawl' : 'lines';
  const header = readHeader(lines, file, (text) => {
    const notes = parseNotesHeading(text);
    return notes !== null && input.tocNumbers.has(notes.number);
  });
  const noise: NoiseSpan[] = [...header.noise];
  const signatureDates: string[] = [];
  const mark = (src: SourceText, reason: NoiseReason) => noise.push({ file, start: src.start, end: src.end, reason, text: src.text });

  const bodyLines: Line[] = header.remainder ? [{ ...lines[header.consumed - 1], src: header.remainder }] : [];
  // a loop, not push(...): spreading a 130k-line file as arguments overflows the call stack
  for (let i = header.consumed; i < lines.length; i++) bodyLines.push(lines[i]);
  const draft: PolicyDocument = inferMetadata({ header, notesTitle: input.notesTitle, bodyText: bodyLines.map((l) => l.src.text).join('\n'), signatureDates });
  const docId = documentId(draft);
  draft.id = docId;
  const builder = new ClauseTreeBuilder(docId, file, mode, input.text);
  const crawlState = { repeated: [...header.repeatedStrings], title: draft.title };

  for (let i = 0; i < bodyLines.length; i++) {
    const line = bodyLines[i];
    const text = line.src.text;
    const notes = parseNotesHeading(text);
    if (notes && input.tocNumbers.has(notes.number)) {
      builder.section(line.src.slice(text.length - notes.title.length));
      mark(line.src.slice(0, text.length - notes.title.length), 'list marker');
      continue;
    }
    const annex = text.match(ANNEX_START);
    if (annex) {
      i = readAnnex(bodyLines, i, annex[1] ? `附件${annex[1]}` : '附件', builder, mark);
      continue;
    }
    if (ANNEX_REFERENCE.test(text)) {
      mark(line.src, 'attachment reference');
      continue;
    }
    const block = mode === 'lines' ? signatureBlockLength(bodyLines, i) : 0;
    if (block) {
      for (const signed of bodyLines.slice(i, i + block)) mark(signed.src, 'signature');
      signatureDates.push(signatureDate(bodyLines[i + block - 1].src.text)!);
      i += block - 1;
      continue;
    }
    const date = signatureDate(text);
    if (date) {
      signatureDates.push(date);
      mark(line.src, 'signature');
      continue;
    }
    if (isPublicationNote(text)) {
      mark(line.src, 'publication note');
      continue;
    }
    if (SOURCE_ATTRIBUTION.test(text)) {
      mark(line.src, 'source attribution');
      continue;
    }
    if (isTableLine(line) && mode === 'lines') {
      const table = readTable(bodyLines, i);
      for (const h of table.headerLines) mark(h.src, 'table header');
      builder.annex('附表', new SourceText('', []), null, table.rows);
      i += table.consumed - 1;
      continue;
    }
    if (mode === 'crawl') {
      for (const piece of carveCrawlRepeats(line.src, crawlState, signatureDates, mark)) builder.block(piece);
      continue;
    }
    builder.block(line.src);
  }

  const built = builder.finish();
  if (!built.length) return null;
  const document: PolicyDocument = {
    ...draft,
    // the signature date is the date of issue; a crawl's publication date is the fallback
    date: signatureDates[0] ?? draft.date,
    year: signatureDates[0] ? Number(signatureDates[0].slice(0, 4)) : draft.year,
    sources: [{ file, start: lines[0].src.start, end: lines[lines.length - 1].src.end }],
  };
  return {
    document,
    clauses: built.map((b) => b.clause),
    texts: new Map(built.map((b) => [b.clause.id, b.text])),
    noise,
    completeness: (input.notesTitle ? 0 : 1000) + (header.docNumber ? 100 : 0) + built.length,
    excerpt: input.notesTitle !== null,
  };
}

/** 附件 / its title lines / the task table. Returns the index of the last line consumed. */
function readAnnex(lines: Line[], at: number, number: string, builder: ClauseTreeBuilder, mark: (s: SourceText, r: NoiseReason) => void): number {
  let i = at + 1;
  let title: SourceText | null = null;
  while (i < lines.length && !isTableLine(lines[i]) && lines[i].src.length <= 40 && !ANNEX_START.test(lines[i].src.text)) {
    title = title ? title.concat(lines[i].src) : lines[i].src;
    i++;
  }
  const table = i < lines.length && isTableLine(lines[i]) ? readTable(lines, i) : null;
  for (const h of table?.headerLines ?? []) mark(h.src, 'table header');
  const numberSrc = lines[at].src;
  const text = title ? numberSrc.concat(new SourceText('\n', [numberSrc.end])).concat(title) : numberSrc;
  builder.annex(number, text, title ? title.text.replace(/[（(][^）)]*[）)]$/, '') : null, table?.rows ?? []);
  return i + (table?.consumed ?? 0) - 1;
}

/** A crawled page lost its line breaks: a few very long lines and hardly any short ones. */
function isCrawl(lines: Line[]): boolean {
  if (lines.length < 3) return false;
  const lengths = lines.map((l) => l.src.length).sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)];
  const short = lengths.filter((n) => n < 60).length;
  return median >= 250 && short / lines.length <= 0.1;
}
