// .docx: mammoth converts the document to HTML (paragraphs, tables), which the HTML reader turns into
// lines and tab-separated table rows.
import mammoth from 'mammoth';
import { htmlLines } from './html-text.js';
import { parseHTML } from 'linkedom';
import type { ReadResult } from './types.js';

export async function readDocx(bytes: Uint8Array): Promise<ReadResult> {
  // a .docx is a ZIP archive (PK\x03\x04)
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return { ok: false, reason: 'not a DOCX file (not a ZIP archive; an old .doc saved as .docx?)' };
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (err) {
    return { ok: false, reason: `unreadable DOCX: ${(err as Error).message.split('\n')[0]}` };
  }
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  const text = htmlLines(document.body as never).join('\n');
  if (!text.trim()) return { ok: false, reason: 'DOCX without text' };
  return { ok: true, text, format: 'docx' };
}
