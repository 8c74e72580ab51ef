// .html/.htm: the document body from the page's content container (navigation, scripts, share buttons
// dropped) as lines, and the page's metadata table as authoritative metadata.
import { parseHTML } from 'linkedom';
import pageRules from '../data/html-page.json' with { type: 'json' };
import { decodeBytes } from '../decode.js';
import { htmlLines } from './html-text.js';
import { readMetadataTable } from './html-metadata.js';
import type { ReadResult, SourceMetadata } from './types.js';

export function readHtmlBytes(bytes: Uint8Array): ReadResult {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return decoded;
  const page = readHtml(decoded.text);
  if (!page.ok) return page;
  return { ...page, encoding: decoded.encoding };
}

export function readHtml(html: string): ReadResult {
  if (!/<[a-z!][^>]*>/i.test(html)) return { ok: false, reason: 'not an HTML page (no markup)' };
  const { document } = parseHTML(html.includes('<html') ? html : `<!DOCTYPE html><html><body>${html}</body></html>`);
  const container = pageRules.contentContainers.map((selector) => document.querySelector(selector)).find((el) => el && (el.textContent ?? '').trim()) ?? null;
  const metadata: SourceMetadata = readMetadataTable(document as never, container as never);
  const root = container ?? document.body;
  if (!root) return { ok: false, reason: 'HTML page without a body' };
  const furniture = container ? pageRules.furniture : [...pageRules.furniture, ...pageRules.pageFurniture];
  for (const selector of furniture) for (const el of [...root.querySelectorAll(selector)]) el.remove();
  const text = htmlLines(root as never).join('\n');
  if (!text.trim()) return { ok: false, reason: 'HTML page without text in its body' };
  return { ok: true, text, format: 'html', ...(Object.keys(metadata).length ? { metadata } : {}) };
}
