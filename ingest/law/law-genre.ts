// The law genre's word data (ingest/data/law-genre.json), read once.
import { readFileSync } from 'node:fs';

export interface LawGenre {
  events: { event: string; pattern: string }[];
  bodyCleanup: string[];
  bodyParents: { pattern: string; parent: string }[];
  docTypes: { type: string; issuer?: string; title?: string }[];
  docNumbers: string[];
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
