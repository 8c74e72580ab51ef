// The law genre's word data (ingest/data/law-genre.json), read once.
import { readFileSync } from 'node:fs';

export interface LawGenre {
  events: { event: string; pattern: string }[];
  bodyCleanup: string[];
  bodyParents: { pattern: string; parent: string }[];
  docTypes: { type: string; issuer?: string; title?: string }[];
  docNumbers: string[];
  /** How 文号 write a 令 (国务院令第707号 is cited 国令第707号). */
  orderNames: Record<string, string>;
}

let cached: LawGenre | null = null;

export function lawGenre(): LawGenre {
  cached ??= JSON.parse(readFileSync(new URL('../data/law-genre.json', import.meta.url), 'utf8')) as LawGenre;
  return cached;
}

/** 法律, 行政法规, 司法解释 … from the issuer and the title; null when no rule applies. */
export function lawDocType(title: string, issuers: string[]): string | null {
  for (const rule of lawGenre().docTypes) {
    const titleOk = !rule.title || new RegExp(rule.title).test(title);
    const issuerOk = !rule.issuer || issuers.some((i) => new RegExp(rule.issuer!).test(i));
    if (titleOk && issuerOk && (rule.title || rule.issuer)) return rule.type;
  }
  return null;
}

/** A 令 number as it is cited: 中华人民共和国国务院令第707号 → 国令第707号, 交通部令第8号 as it is. */
export function citedOrderNumber(number: string): string {
  const m = number.match(/^(.*?令)(.*)$/);
  if (!m) return number;
  const name = m[1];
  return `${lawGenre().orderNames[name] ?? name.replace(/^中华人民共和国/, '')}${m[2]}`;
}
