// Documents a query names: by title (with or without 《》 and 中华人民共和国), by another title it is
// known by (its aliases, documents.json: 十三五规划纲要 → the 十三五 plan), by a short name made of its
// issuer or region and its genre (国务院指导意见, 安徽实施意见, 工信部行动计划), or by 文号 (with or
// without brackets: understood by query understanding). Search scopes the named documents' clauses
// first (search/named-documents.ts). Word data: search/data/document-names.json.
import names from './data/document-names.json' with { type: 'json' };
import type { Dictionaries } from '../dictionaries/dictionaries.js';
import { editionRank, type PolicyDocument } from '../graph/model.js';

export interface NamedDocument {
  document: PolicyDocument;
  /** The words of the query that named it. */
  surface: string;
  /**
   * Named in 《》, by 文号 or by a statute's title (…法, …条例, with or without 中华人民共和国): the query asks
   * about this document, not about a subject it shares a name with.
   */
  explicit: boolean;
}

const GENRES = [...names.genres].sort((a, b) => b.length - a.length);
/** Question words and punctuation around a title's words in a query (数字乡村有哪些内容？ → 数字乡村). */
const TITLE_WORDS_NOISE = new RegExp(`[，,。？?！!、]|${names.questionWords.join('|')}`, 'g');
/** More titles than this share the words: the words name a subject, not documents. */
const MAX_TITLED = 3;
const TRAILING_PARENTHESES = /[（(][^（）()]*[）)]$/;
/** Quotes, brackets and spaces a title may be written with or without. */
const DECORATION = /[\s《》〈〉“”"'‘’「」『』]/g;

export function compactTitle(text: string): string {
  return text.replace(DECORATION, '');
}

/** Every way a query may name `doc`, compacted (no quotes, brackets, spaces). */
export function surfacesOf(doc: PolicyDocument, dicts: Dictionaries): string[] {
  const title = compactTitle(doc.title);
  const surfaces = new Set([title, title.replace(/^中华人民共和国/, ''), ...doc.aliases.map(compactTitle)]);
  for (const known of dicts.documents) {
    const knownNames = [known.title, ...known.aliases].map(compactTitle);
    if (knownNames.some((n) => surfaces.has(n))) knownNames.forEach((n) => surfaces.add(n));
  }
  // 国务院关于进一步扩大…的指导意见 is also cited without its issuer
  const about = title.indexOf('关于');
  if (about > 0) surfaces.add(title.slice(about + 2).replace(/^进一步/, ''));
  const bare = title.replace(TRAILING_PARENTHESES, '');
  const genre = GENRES.find((g) => bare.endsWith(g));
  if (genre) {
    for (const prefix of shortPrefixes(doc, dicts)) surfaces.add(prefix + genre);
  }
  return [...surfaces].filter((s) => s.length >= names.minimumLength || isLawShortTitle(s));
}

/** A statute's title (劳动合同法, 北京市生活垃圾管理条例) names the law, never a subject a policy shares words with. */
function isStatuteTitle(surface: string): boolean {
  return names.lawEndings.some((e) => surface.endsWith(e) && surface !== e);
}

function isLawShortTitle(surface: string): boolean {
  return surface.length >= names.lawMinimumLength && names.lawEndings.some((e) => surface.endsWith(e) && surface !== e);
}

/** Issuer names and aliases (国务院, 工信部) and the region's names (安徽省, 安徽) a short name starts with. */
function shortPrefixes(doc: PolicyDocument, dicts: Dictionaries): string[] {
  const prefixes = new Set<string>();
  for (const issuer of doc.issuers) {
    const agency = dicts.agency(issuer, doc.region);
    for (const n of [issuer, ...(agency ? [agency.name, ...agency.aliases] : [])]) if (n.length >= 2) prefixes.add(n);
  }
  const region = doc.level === 'national' ? null : dicts.region(doc.region);
  if (region) for (const n of [region.name, ...region.aliases]) if (n.length >= 2) prefixes.add(n);
  return [...prefixes];
}

/** Finds the documents a query names: longest surfaces first, never two overlapping ones. */
export class DocumentNames {
  /** Surfaces by their first character, longest first. */
  private readonly byFirst = new Map<string, { surface: string; documents: PolicyDocument[]; editions: PolicyDocument[] }[]>();
  /** Compact titles of the documents, for queries made of a title's words (数字乡村). */
  private readonly titles: { title: string; document: PolicyDocument }[] = [];

  constructor(documents: readonly PolicyDocument[], dicts: Dictionaries) {
    const bySurface = new Map<string, PolicyDocument[]>();
    for (const doc of documents) {
      if (!doc.inCorpus) continue;
      for (const s of surfacesOf(doc, dicts)) bySurface.set(s, [...(bySurface.get(s) ?? []), doc]);
      this.titles.push({ title: compactTitle(doc.title), document: doc });
    }
    for (const [surface, docs] of bySurface) {
      const list = this.byFirst.get(surface[0]) ?? [];
      list.push({ surface, documents: preferredEditions(docs), editions: docs });
      this.byFirst.set(surface[0], list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.surface.length - a.surface.length);
  }

  /** The documents a name (title, alias or short name, as a whole) names, current editions first. */
  named(name: string): PolicyDocument[] {
    const text = compactTitle(name);
    return this.byFirst.get(text[0])?.find((c) => c.surface === text)?.documents ?? [];
  }

  find(query: string): NamedDocument[] {
    const text = compactTitle(query);
    const quoted = [...query.matchAll(/《([^》]+)》/g)].map((m) => compactTitle(m[1]));
    const found: NamedDocument[] = [];
    const seen = new Set<string>();
    const years = editionYears(text);
    for (let i = 0; i < text.length; ) {
      const hit = this.byFirst.get(text[i])?.find((c) => text.startsWith(c.surface, i));
      if (!hit) {
        i++;
        continue;
      }
      // 反垄断法2007年版和2022年版: the editions of those years, each named (a comparison)
      const ofYears = years.length ? hit.editions.filter((d) => years.includes(editionYear(d) ?? '')).sort((a, b) => years.indexOf(editionYear(a)!) - years.indexOf(editionYear(b)!)) : [];
      for (const document of ofYears.length ? ofYears : hit.documents) {
        if (seen.has(document.id)) continue;
        seen.add(document.id);
        found.push({ document, surface: hit.surface, explicit: isStatuteTitle(hit.surface) || quoted.some((q) => q.includes(hit.surface)) });
      }
      i += hit.surface.length;
    }
    return found.length ? found : this.byTitleWords(text);
  }

  /**
   * A query that is a piece of a few titles (数字乡村 of 数字乡村发展战略纲要) names those documents,
   * never explicitly: the query may as well be about the subject.
   */
  private byTitleWords(text: string): NamedDocument[] {
    const words = text.replace(TITLE_WORDS_NOISE, '');
    if (words.length < names.minimumLength) return [];
    const titled = this.titles.filter((t) => t.title.includes(words));
    if (!titled.length || titled.length > MAX_TITLED) return [];
    return preferredEditions(titled.map((t) => t.document)).map((document) => ({ document, surface: words, explicit: false }));
  }
}

/** Years a query names editions by (2007年版, 2018年修订, 2015年修正): words in document-names.json. */
function editionYears(text: string): string[] {
  const marks = names.editionMarks.join('|');
  return [...text.matchAll(new RegExp(`(\\d{4})年?(?:${marks})`, 'g'))].map((m) => m[1]!);
}

function editionYear(d: PolicyDocument): string | null {
  return (d.edition ?? d.date ?? (d.year ? String(d.year) : null))?.slice(0, 4) ?? null;
}

/** Of several editions of one law, the current one (else the newest); different documents are all kept. */
function preferredEditions(docs: PolicyDocument[]): PolicyDocument[] {
  const byTitle = new Map<string, PolicyDocument>();
  for (const d of docs) {
    const key = compactTitle(d.title);
    const held = byTitle.get(key);
    const newer = (x: PolicyDocument) => x.edition ?? x.date ?? '';
    if (!held || editionRank(d) > editionRank(held) || (editionRank(d) === editionRank(held) && newer(d) > newer(held))) byTitle.set(key, d);
  }
  return [...byTitle.values()];
}
