// Deterministic ids: the same input always yields the same id, so re-ingest is idempotent and
// documents cited before they are ingested get the id they will have once ingested.
import { createHash } from 'node:crypto';

export function stableId(prefix: string, ...parts: string[]): string {
  const digest = createHash('sha1').update(parts.join('\u0001')).digest('hex').slice(0, 16);
  return `${prefix}_${digest}`;
}

/** 国发〔2017〕40 号, 国发[2017]40号, 国发（2017）40号 → 国发〔2017〕40号 */
export function normalizeDocNumber(raw: string): string {
  return raw
    .replace(/\s+/g, '')
    .replace(/[\[［(（【]\s*(\d{4})\s*[\]］)）】]/, '〔$1〕')
    .replace(/^[（(]|[）)]$/g, '');
}

/** Strips whitespace and unifies brackets and punctuation widths so titles compare equal across files. */
export function normalizeTitle(raw: string): string {
  return raw
    .replace(/\s+/g, '')
    .replace(/[《》]/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/[-－—–~～至]/g, '-');
}

/** Compares titles as citations write them: normalised, and periods without their dash (2018-2020 = 20182020). */
export function titleKey(title: string): string {
  return normalizeTitle(title).replace(/-/g, '');
}

/** The key a law is cited by without 中华人民共和国: 《民事诉讼法》 for 《中华人民共和国民事诉讼法》. */
export function shortTitleKey(title: string): string {
  return titleKey(title).replace(/^中华人民共和国/, '');
}

/**
 * A document is identified by its 文号 when it has one, else by its normalised title. A law or regulation
 * known by its edition (the date of the version; amended laws have several) is its title plus that date:
 * its 令 number names a promulgation, not one edition.
 */
export function documentId(doc: { docNumber?: string | null; title: string; edition?: string | null }): string {
  if (doc.edition) return stableId('doc', 'edition', normalizeTitle(doc.title), doc.edition);
  return doc.docNumber ? stableId('doc', 'no', normalizeDocNumber(doc.docNumber)) : stableId('doc', 'title', normalizeTitle(doc.title));
}

export function clauseId(docId: string, path: string): string {
  return stableId('cl', docId, path);
}

export function themeId(name: string): string {
  return stableId('theme', name);
}

export function agencyId(name: string): string {
  return stableId('agency', name);
}

export function targetId(clauseId: string, metric: string, value: string): string {
  return stableId('target', clauseId, metric, value);
}

/** How PolicyGraph cites a clause, on every face: 文号 (or 《title》 when there is none) · clause path. */
export function citationOf(document: { docNumber: string | null; title: string }, path: string): string {
  return `${document.docNumber ?? `《${document.title}》`} · ${path}`;
}
