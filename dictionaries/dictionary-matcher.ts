// The dictionary entities (themes, agencies, regions), metric rules and known documents, and a
// longest-leftmost matcher over every surface that names them. Loaded from the JSON files by
// dictionaries/dictionaries.ts (import from there); kept apart so loading and matching stay small.
import type { AgencyLevel, Region } from '../graph/model.js';

export type EntityKind = 'theme' | 'agency' | 'region';

export interface ThemeEntry {
  kind: 'theme';
  id: string;
  key: string;
  name: string;
  aliases: string[];
  en: string[];
  category: string | null;
}

export interface AgencyEntry {
  kind: 'agency';
  id: string;
  key: string;
  name: string;
  aliases: string[];
  en: string[];
  level: AgencyLevel;
  region: string | null;
  successor: string | null;
  /** 文号 prefixes of documents this agency issues (国发, 工信部 …). */
  docNumberPrefixes: string[];
  /** A template such as 省发展和改革委员会 whose region is that of the document naming it. */
  regionFromDocument: boolean;
  /** For a template instantiated for one region (安徽省发展和改革委员会): the template. */
  template: AgencyEntry | null;
}

export interface RegionEntry {
  kind: 'region';
  id: string;
  key: string;
  name: string;
  level: Region['level'];
  aliases: string[];
  en: string[];
  abbr: string | null;
  parent: string | null;
}

export type DictionaryEntity = ThemeEntry | AgencyEntry | RegionEntry;

export interface MetricRule {
  name: string;
  all: string[];
  any: string[];
}

export interface KnownDocument {
  title: string;
  docNumber: string | null;
  aliases: string[];
  issuers: string[];
  year: number | null;
  kind: string | null;
}

export type MatchVia = 'name' | 'alias' | 'en' | 'synonym';

export interface DictionaryMatch {
  entity: DictionaryEntity;
  /** The text as written (original characters, including any whitespace inside). */
  surface: string;
  start: number;
  end: number;
  via: MatchVia;
}

export interface MatchOptions {
  kinds?: EntityKind[];
  /** Include query-side synonyms (colloquial and English phrases). Default false. */
  synonyms?: boolean;
  /** Region of the text's document: resolves templates (省发展改革委 in an 安徽省 document → 安徽省发展和改革委员会). */
  region?: string | null;
}

interface TrieValue {
  entity: DictionaryEntity;
  via: MatchVia;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  values: TrieValue[] | null;
}

/** Full-width ASCII → half-width, ideographic space → space, ASCII lowercased: one code unit for one. */
export function normalizeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
  else if (code === 0x3000) ch = ' ';
  return ch >= 'A' && ch <= 'Z' ? ch.toLowerCase() : ch;
}

export function normalizeText(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000A-Z]/g, normalizeChar);
}

const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\u00a0';
const isAsciiWord = (ch: string | undefined): boolean => ch !== undefined && /[0-9a-z]/i.test(ch);

export class Dictionaries {
  readonly themes: ThemeEntry[] = [];
  /** Every agency entry of the file (templates included), plus instances of templates per province. */
  readonly agencies: AgencyEntry[] = [];
  readonly regions: RegionEntry[] = [];
  readonly metrics: MetricRule[] = [];
  readonly documents: KnownDocument[] = [];
  /** phrase → canonical name, as written in synonyms.json. */
  readonly synonyms: Record<string, string> = {};
  /** Query word or phrase → official terms (glossary-english.json, glossary-colloquial.json). */
  readonly glossary: { english: Record<string, string[]>; colloquial: Record<string, string[]> } = { english: {}, colloquial: {} };
  private readonly root: TrieNode = { children: new Map(), values: null };
  private readonly byName = new Map<string, DictionaryEntity[]>();
  private readonly instances = new Map<string, AgencyEntry>();

  constructor(readonly dir: string) {}

  /** All surfaces, in Chinese, of themes and agencies: user words for word segmentation. */
  userWords(): string[] {
    const words = new Set<string>();
    for (const e of [...this.themes, ...this.agencies]) {
      for (const s of [e.name, ...e.aliases]) if (/[\u3400-\u9fff]/.test(s)) words.add(s);
    }
    return [...words];
  }

  theme(nameOrAlias: string): ThemeEntry | null {
    return (this.lookup(nameOrAlias).find((e) => e.kind === 'theme') as ThemeEntry | undefined) ?? null;
  }

  region(nameOrAlias: string | null | undefined): RegionEntry | null {
    if (!nameOrAlias) return null;
    return (this.lookup(nameOrAlias).find((e) => e.kind === 'region') as RegionEntry | undefined) ?? null;
  }

  /** An agency by canonical name or alias; templates resolve to the region's instance when a province is given. */
  agency(nameOrAlias: string, region?: string | null): AgencyEntry | null {
    const found = this.lookup(nameOrAlias).find((e) => e.kind === 'agency') as AgencyEntry | undefined;
    if (!found) return null;
    return this.resolveTemplate(found, region);
  }

  /** 工信部联信软〔2018〕140号 → 工业和信息化部 (the longest known 文号 prefix). */
  agencyByDocNumber(docNumber: string): AgencyEntry | null {
    const prefix = normalizeText(docNumber.replace(/\s+/g, '').split(/[〔\[［(（【]/)[0]);
    let best: AgencyEntry | null = null;
    let bestLength = 0;
    for (const agency of this.agencies) {
      if (agency.regionFromDocument && !agency.template) continue; // templates carry {abbr} placeholders
      for (const p of agency.docNumberPrefixes) {
        const key = normalizeText(p);
        if (prefix.startsWith(key) && key.length > bestLength) {
          best = agency;
          bestLength = key.length;
        }
      }
    }
    return best;
  }

  /** Canonical metric for a phrase (行政村通光纤 → 行政村光纤通达): the first rule that matches, or null. */
  metricFor(phrase: string): string | null {
    return this.metricsFor(phrase)[0] ?? null;
  }

  /** Every metric whose rule matches the phrase, in rule order. */
  metricsFor(phrase: string): string[] {
    const text = normalizeText(phrase.replace(/\s+/g, ''));
    const has = (k: string) => text.includes(normalizeText(k));
    return this.metrics.filter((rule) => rule.all.every(has) && (rule.any.length === 0 || rule.any.some(has))).map((rule) => rule.name);
  }

  /** Longest leftmost matches of dictionary surfaces in `text`, offsets into `text`. */
  match(text: string, options: MatchOptions = {}): DictionaryMatch[] {
    const norm = normalizeText(text);
    const kinds = options.kinds ? new Set(options.kinds) : null;
    const accept = (v: TrieValue) => (!kinds || kinds.has(v.entity.kind)) && (options.synonyms || v.via !== 'synonym');
    const out: DictionaryMatch[] = [];
    let i = 0;
    while (i < norm.length) {
      const found = isSpace(norm[i]) ? null : this.longestAt(norm, i, accept);
      if (!found) {
        i++;
        continue;
      }
      const seen = new Set<string>();
      for (const value of found.values) {
        const entity = value.entity.kind === 'agency' ? this.resolveTemplate(value.entity, options.region) : value.entity;
        if (seen.has(entity.id)) continue;
        seen.add(entity.id);
        out.push({ entity, surface: text.slice(i, found.end), start: i, end: found.end, via: value.via });
      }
      i = found.end;
    }
    return out;
  }

  private longestAt(norm: string, start: number, accept: (v: TrieValue) => boolean): { end: number; values: TrieValue[] } | null {
    let node = this.root;
    let best: { end: number; values: TrieValue[] } | null = null;
    let j = start;
    while (j < norm.length) {
      const ch = norm[j];
      const next = node.children.get(ch);
      if (!next) {
        // whitespace inside a match is skipped (中国制造 2025, 1000 Mbps), never at its start
        if (isSpace(ch) && j > start) {
          j++;
          continue;
        }
        break;
      }
      node = next;
      j++;
      if (!node.values) continue;
      const values = node.values.filter(accept);
      if (values.length === 0) continue;
      // an ASCII surface must not start or end inside an ASCII word (5G in 45G, AR in ARM)
      if (isAsciiWord(norm[start]) && isAsciiWord(norm[start - 1])) continue;
      if (isAsciiWord(norm[j - 1]) && isAsciiWord(norm[j])) continue;
      best = { end: j, values };
    }
    return best;
  }

  private resolveTemplate(entity: AgencyEntry, region: string | null | undefined): AgencyEntry {
    if (!entity.regionFromDocument || entity.template || !region) return entity;
    let province = this.region(region);
    if (province?.level === 'city' && province.parent) province = this.region(province.parent);
    if (!province || province.level !== 'province') return entity;
    return this.instances.get(`${entity.key}\u0001${province.name}`) ?? entity;
  }

  private lookup(nameOrAlias: string): DictionaryEntity[] {
    return this.byName.get(normalizeText(nameOrAlias.replace(/\s+/g, ''))) ?? [];
  }

  /** @internal used while loading */
  add(entity: DictionaryEntity, surfaces: { text: string; via: MatchVia }[]): void {
    if (entity.kind === 'theme') this.themes.push(entity);
    else if (entity.kind === 'agency') this.agencies.push(entity);
    else this.regions.push(entity);
    for (const { text, via } of surfaces) this.addSurface(text, entity, via);
  }

  /** @internal */
  addSurface(text: string, entity: DictionaryEntity, via: MatchVia): void {
    const key = normalizeText(text.trim().replace(/\s+/g, ' '));
    if (!key) return;
    let node = this.root;
    for (const ch of key) {
      let next = node.children.get(ch);
      if (!next) node.children.set(ch, (next = { children: new Map(), values: null }));
      node = next;
    }
    node.values ??= [];
    if (!node.values.some((v) => v.entity === entity)) node.values.push({ entity, via });
    if (via !== 'synonym') {
      const nameKey = key.replace(/\s+/g, '');
      const list = this.byName.get(nameKey) ?? [];
      if (!list.includes(entity)) list.push(entity);
      this.byName.set(nameKey, list);
    }
  }

  /** @internal */
  addInstance(template: AgencyEntry, instance: AgencyEntry, province: string): void {
    this.instances.set(`${template.key}\u0001${province}`, instance);
  }
}

