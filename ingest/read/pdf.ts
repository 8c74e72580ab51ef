// .pdf: the text layer (unpdf), its items grouped into lines by their y position and ordered by x; a
// wide gap between items on one line is a table cell boundary (a tab, as ingest/tables.ts reads).
// A PDF without a text layer (a scan) is skipped: there is no OCR here.
import { extractTextItems, getDocumentProxy } from 'unpdf';
import type { ReadResult } from './types.js';

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadResult> {
  if (!startsWith(bytes, '%PDF-')) return { ok: false, reason: 'not a PDF file (no %PDF- header)' };
  let pages: Item[][];
  try {
    // pdf.js takes ownership of the buffer it is given: hand it a copy
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    pages = (await extractTextItems(pdf)).items;
    await pdf.destroy();
  } catch (err) {
    return { ok: false, reason: `unreadable PDF: ${(err as Error).message.split('\n')[0]}` };
  }
  const text = pages.map(pageLines).filter(Boolean).join('\n');
  if (!text.replace(/\s/g, '')) return { ok: false, reason: 'no text layer (scanned PDF?)' };
  return { ok: true, text, format: 'pdf' };
}

function pageLines(items: Item[]): string {
  const lines: Item[][] = [];
  // top of the page first (PDF y grows upwards)
  for (const item of [...items].filter((i) => i.str.length).sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines[lines.length - 1];
    const tolerance = Math.max(item.fontSize, line?.[0].fontSize ?? 0, 1) / 2;
    if (line && Math.abs(line[0].y - item.y) <= tolerance) line.push(item);
    else lines.push([item]);
  }
  return lines
    .map((line) => {
      line.sort((a, b) => a.x - b.x);
      let out = line[0].str;
      for (let i = 1; i < line.length; i++) {
        const gap = line[i].x - (line[i - 1].x + line[i - 1].width);
        out += gap > 3 * Math.max(line[i].fontSize, 1) ? '\t' : gap > line[i].fontSize / 4 ? ' ' : '';
        out += line[i].str;
      }
      return out.trim();
    })
    .filter(Boolean)
    .join('\n');
}

function startsWith(bytes: Uint8Array, magic: string): boolean {
  return [...magic].every((char, i) => bytes[i] === char.charCodeAt(0));
}
