// The reader stage: a file's name and bytes → the text the parser reads, by format. Text and Markdown
// go through encoding detection as they are (the Markdown structure is the law parser's business).
import { decodeBytes } from '../decode.js';
import { readDocx } from './docx.js';
import { formatOf, unsupportedReason } from './formats.js';
import { readHtmlBytes } from './html.js';
import { readPdf } from './pdf.js';
import type { ReadResult } from './types.js';

export async function readInput(file: string, bytes: Uint8Array): Promise<ReadResult> {
  const format = formatOf(file);
  switch (format) {
    case 'html':
      return readHtmlBytes(bytes);
    case 'docx':
      return readDocx(bytes);
    case 'pdf':
      return readPdf(bytes);
    case 'text':
    case 'markdown': {
      const decoded = decodeBytes(bytes);
      return decoded.ok ? { ok: true, text: decoded.text, format, encoding: decoded.encoding } : decoded;
    }
    default:
      return { ok: false, reason: unsupportedReason(file) };
  }
}
