// Reads a gov.cn-style metadata table (索引号, 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期) by its
// labels, wherever the cells sit: a label cell and the cell after it, or "label：value" in one element.
import pageRules from '../data/html-page.json' with { type: 'json' };
import { normalizeDocNumber } from '../../graph/ids.js';
import type { SourceMetadata } from './types.js';

type Field = keyof SourceMetadata;
const LABELS: Record<string, Field> = pageRules.metadataLabels as Record<string, Field>;

interface El {
  tagName: string;
  textContent: string | null;
  nextElementSibling: El | null;
  children: ArrayLike<El>;
}
interface Doc {
  querySelectorAll(selector: string): ArrayLike<El> & Iterable<El>;
}

/** The label an element's text is ("发 文 机 关：" → 发文机关), or null. */
function labelOf(text: string): Field | null {
  const label = text.replace(/[\s\u3000\u00a0]/g, '').replace(/[:：]$/, '');
  return LABELS[label] ?? null;
}

export function readMetadataTable(document: Doc, exclude: El | null): SourceMetadata {
  const raw: Partial<Record<Field, string>> = {};
  const inside = (el: El) => exclude !== null && (exclude as unknown as { contains(n: unknown): boolean }).contains(el);
  for (const cell of document.querySelectorAll('td, th, dt, b, strong, span, label')) {
    const field = labelOf(cell.textContent ?? '');
    if (!field || raw[field] !== undefined || inside(cell)) continue;
    // <td><b>标题：</b></td><td>…</td>: the label may be wrapped, so climb to the cell that has a sibling
    let holder: El | null = cell;
    while (holder && !holder.nextElementSibling && !/^(TD|TH|DT)$/.test(holder.tagName)) holder = (holder as unknown as { parentElement: El | null }).parentElement;
    const value = holder?.nextElementSibling?.textContent?.replace(/[\s\u00a0]+/g, ' ').trim();
    if (value && !labelOf(value)) raw[field] = value;
  }
  for (const el of document.querySelectorAll('li, p, div, span')) {
    if (el.children.length > 2 || inside(el)) continue;
    const text = (el.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
    const m = text.length <= 120 ? text.match(/^([^：:]{2,12})[：:]\s*(.+)$/) : null;
    const field = m ? labelOf(m[1]) : null;
    if (field && raw[field] === undefined) raw[field] = m![2];
  }
  return normalise(raw);
}

function normalise(raw: Partial<Record<Field, string>>): SourceMetadata {
  const meta: SourceMetadata = {};
  if (raw.title) meta.title = raw.title;
  if (raw.docNumber) meta.docNumber = normalizeDocNumber(raw.docNumber);
  // 发文机关 names each agency whole (国务院办公厅); only explicit separators divide several
  if (raw.issuers) meta.issuers = raw.issuers.split(/[、，,；;\s]+/).filter(Boolean);
  const date = raw.date && isoDate(raw.date);
  if (date) meta.date = date;
  const published = raw.publishedDate && isoDate(raw.publishedDate);
  if (published) meta.publishedDate = published;
  if (raw.subject) meta.subject = raw.subject;
  if (raw.indexNumber) meta.indexNumber = raw.indexNumber;
  return meta;
}

/** 2018年12月21日, 2018-12-21, 2018/12/21, 2018.12.21 → 2018-12-21. */
export function isoDate(text: string): string | null {
  const m = text.match(/((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})/);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : null;
}
