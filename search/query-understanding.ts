// Query understanding: finds the themes, agencies, regions, years and 文号 a query names (through
// the curated dictionaries, their English aliases and synonyms) and the official Chinese terms the
// query implies (through the glossaries, seeds/dictionaries/glossary-*.json). Search uses the entities as graph matches and
// boosts (and as filters when asked) and feeds the terms to BM25 and the embedder, so English and
// colloquial queries reach Chinese clauses.
import { normalizeDocNumber } from '../graph/ids.js';
import type { QueryUnderstanding } from './types.js';
import { isEnumerating } from './list-questions.js';
import phrasing from './data/legal-phrasing.json' with { type: 'json' };

export type EntityKind = 'theme' | 'agency' | 'region';

/** One dictionary entity with every surface form that names it. */
export interface LexiconEntity {
  kind: EntityKind;
  id: string;
  /** Canonical name, as the graph stores it. */
  name: string;
  /** Other names the texts may use (工信部, 窄带物联网, NB-IoT). */
  aliases: string[];
  /** English names (Ministry of Industry and Information Technology, fifth-generation mobile). */
  english?: string[];
  /** Query-side phrases that name the entity but never occur in policy prose (网上看病, self-driving cars). */
  synonyms?: string[];
}

export interface QueryLexicon {
  entities: LexiconEntity[];
  /** English word/phrase → Chinese terms (glossary-english.json); none when absent. */
  english?: Record<string, string[]>;
  /** Colloquial Chinese phrase → official terms (glossary-colloquial.json); none when absent. */
  colloquial?: Record<string, string[]>;
}

/** How the query named an entity: by its canonical name, a Chinese alias, an English name, or a synonym phrase. */
export type MatchedVia = 'name' | 'alias' | 'english' | 'synonym';

export interface UnderstoodQuery {
  understood: QueryUnderstanding;
  /** How each theme and agency was named, keyed "theme:名称" / "agency:名称". */
  via: Record<string, MatchedVia>;
  /** Official Chinese terms implied by the query (entity names and aliases, glossary translations). */
  expansions: string[];
  /** The same terms grouped by what implied them (one entity, one glossary phrase): one idea each. */
  expansionGroups: ExpansionGroup[];
  /** Whether the query is mostly English (no CJK characters). */
  english: boolean;
  /** Whether the query asks for a list of provisions (哪些…, 有哪些措施, what measures: complete-answers.ts). */
  enumerating?: boolean;
}

/**
 * How the query implied a group of terms: another Chinese name of an entity ('alias'), an English
 * name or glossary word ('english'), a dictionary synonym ('synonym') or an everyday phrasing from
 * the query glossary ('glossary'). Retrieval weighs a group by how far its surface is from the texts.
 */
export type ExpansionSource = 'alias' | 'english' | 'synonym' | 'glossary';

export interface ExpansionGroup {
  /** Official terms the query did not already contain. */
  terms: string[];
  /** The words of the query that implied them. */
  surface: string;
  source: ExpansionSource;
}

const CJK = /[\u3400-\u9fff]/;
/** 国发〔2017〕40号, 皖政[2018]20号, 工信部联信软（2018）140 号 */
const DOC_NUMBER = /[\u4e00-\u9fa5]{1,10}\s*[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*\d{1,4}\s*号/g;
/** Words that end the text before a 文号 prefix (…实施意见和工信部联信软〔2018〕140号 → 工信部联信软…). */
const BEFORE_PREFIX = /^.*[的和及与同跟比于照据为见知文号]/;
/** The same without brackets, as people type them: 国发2017年40号, 皖政 2018 20号 (the prefix ends as issuers' prefixes do). */
const BARE_DOC_NUMBER = /([\u4e00-\u9fa5]{0,9}[发函字政办])\s*((?:19|20)\d{2})\s*年?\s*第?\s*(\d{1,4})\s*号/g;
const YEAR = /(?<!\d)((?:19[89]|20[0-4])\d)(?!\d)/g;
/** Questions about ministries are about the national level (全国), even when they name no region. */
const NATIONAL_HINT = /\bministr(y|ies)\b|\bcentral (government|authorit)|部委|国务院各部门|中央部门|国家部门/i;

/** The texts' forms of what people say otherwise (两年 → 二年, 18岁 → 18周岁): search/data/legal-phrasing.json. */
const LEGAL_PHRASING = phrasing.rules.map((r) => ({ pattern: new RegExp(r.pattern, 'g'), as: r.as }));

interface CompiledSurface {
  surface: string;
  entity: LexiconEntity;
  english: boolean;
}

/** Compiles a lexicon once; `understand` is then a few microseconds per query. */
export class QueryUnderstander {
  /** Chinese surfaces by their first character, longest first. */
  private readonly chineseSurfaces = new Map<string, CompiledSurface[]>();
  private readonly englishSurfaces = new Map<string, CompiledSurface>();
  private readonly englishTerms = new Map<string, string[]>();
  private readonly colloquial: [string, string[]][];
  private readonly maxEnglishWords: number;

  private readonly entities: LexiconEntity[];

  constructor(lexicon: QueryLexicon) {
    this.entities = lexicon.entities;
    for (const entity of lexicon.entities) {
      for (const surface of new Set([entity.name, ...entity.aliases, ...(entity.english ?? []), ...(entity.synonyms ?? [])])) {
        const trimmed = surface.trim().normalize('NFKC');
        if (!trimmed) continue;
        if (CJK.test(trimmed)) {
          // single characters (川, 皖) are too ambiguous to name an entity inside a query
          if (Array.from(trimmed).length < 2) continue;
          const list = this.chineseSurfaces.get(trimmed[0]) ?? [];
          list.push({ surface: trimmed, entity, english: false });
          this.chineseSurfaces.set(trimmed[0], list);
        } else {
          const key = englishKey(trimmed);
          if (key && !this.englishSurfaces.has(key)) this.englishSurfaces.set(key, { surface: trimmed, entity, english: true });
        }
      }
    }
    // longest surfaces first, so 国家发展改革委 wins over 发展改革委
    for (const list of this.chineseSurfaces.values()) list.sort((a, b) => b.surface.length - a.surface.length);
    for (const [phrase, terms] of Object.entries(lexicon.english ?? {})) {
      const key = englishKey(phrase);
      if (key) this.englishTerms.set(key, [...(this.englishTerms.get(key) ?? []), ...terms]);
    }
    this.colloquial = Object.entries(lexicon.colloquial ?? {})
      .map(([phrase, terms]): [string, string[]] => [phrase.normalize('NFKC').toLowerCase(), terms])
      .sort((a, b) => b[0].length - a[0].length);
    const keyLengths = [...this.englishSurfaces.keys(), ...this.englishTerms.keys()].map((k) => k.split(' ').length);
    this.maxEnglishWords = Math.max(1, ...keyLengths);
  }

  /** The entity of `kind` whose id, name or alias is `value` (case-blind), or null. */
  resolve(kind: EntityKind, value: string): LexiconEntity | null {
    const wanted = value.trim().normalize('NFKC').toLowerCase();
    return (
      this.entities.find(
        (e) => e.kind === kind && (e.id.toLowerCase() === wanted || [e.name, ...e.aliases, ...(e.english ?? [])].some((s) => s.normalize('NFKC').toLowerCase() === wanted)),
      ) ?? null
    );
  }

  understand(query: string): UnderstoodQuery {
    const text = query.normalize('NFKC');
    const entities: { entity: LexiconEntity; surface: string; via: MatchedVia }[] = [];
    const groups: ExpansionGroup[] = [];

    // Chinese surfaces: every occurrence, then the longest first, each stretch of the query claimed once
    const occurrences: { at: number; compiled: CompiledSurface }[] = [];
    for (let at = 0; at < text.length; at++) {
      for (const compiled of this.chineseSurfaces.get(text[at]) ?? []) {
        if (text.startsWith(compiled.surface, at)) occurrences.push({ at, compiled });
      }
    }
    occurrences.sort((a, b) => b.compiled.surface.length - a.compiled.surface.length || a.at - b.at);
    const claimed = new Array<boolean>(text.length).fill(false);
    for (const { at, compiled } of occurrences) {
      const end = at + compiled.surface.length;
      if (claimed.slice(at, end).some(Boolean)) continue;
      claimed.fill(true, at, end);
      entities.push({ entity: compiled.entity, surface: compiled.surface, via: viaOf(compiled.entity, compiled.surface) });
    }
    const lower = text.toLowerCase();
    for (const [phrase, terms] of this.colloquial) {
      if (lower.includes(phrase)) groups.push({ terms, surface: phrase, source: 'glossary' });
    }
    for (const rule of LEGAL_PHRASING) {
      for (const m of text.matchAll(rule.pattern)) groups.push({ terms: [m[0].replace(new RegExp(rule.pattern.source), rule.as)], surface: m[0], source: 'glossary' });
    }

    // English: longest word sequences first, over plural-folded words
    const words = englishWords(text);
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      for (let n = Math.min(this.maxEnglishWords, words.length - i); n >= 1 && !matched; n--) {
        const key = words.slice(i, i + n).join(' ');
        const surface = this.englishSurfaces.get(key);
        const terms = this.englishTerms.get(key);
        if (surface) entities.push({ entity: surface.entity, surface: surface.surface, via: viaOf(surface.entity, surface.surface) });
        if (terms) groups.push({ terms, surface: key, source: 'english' });
        if (surface || terms) matched = n;
      }
      i += matched || 1;
    }

    const bracketed = (text.match(DOC_NUMBER) ?? []).map((m) => {
      const bracket = m.search(/[〔\[［(（【]/);
      return normalizeDocNumber(m.slice(0, bracket).replace(BEFORE_PREFIX, '') + m.slice(bracket));
    });
    const bare = [...text.replace(DOC_NUMBER, ' ').matchAll(BARE_DOC_NUMBER)].map((m) => `${m[1].replace(BEFORE_PREFIX, '')}〔${m[2]}〕${m[3]}号`);
    const docNumbers = [...new Set([...bracketed, ...bare])];
    const withoutDocNumbers = text.replace(DOC_NUMBER, ' ').replace(BARE_DOC_NUMBER, ' ');
    const years = [...new Set([...withoutDocNumbers.matchAll(YEAR)].map((m) => Number(m[1])))];

    const unique = new Map<string, { entity: LexiconEntity; surface: string; via: MatchedVia }>();
    for (const e of entities) if (!unique.has(`${e.entity.kind}:${e.entity.id}`)) unique.set(`${e.entity.kind}:${e.entity.id}`, e);
    const found = [...unique.values()];
    const via: Record<string, MatchedVia> = {};
    for (const { entity, surface, via: how } of found) {
      if (entity.kind === 'region') continue;
      via[`${entity.kind}:${entity.name}`] = how;
      // A query that names the entity as the texts do needs no expansion (its aliases would only
      // drift); a Chinese alias needs the canonical name; an English name or a synonym phrase
      // needs every Chinese form the texts may use.
      if (how === 'alias') groups.push({ terms: [entity.name], surface, source: 'alias' });
      else if (how === 'english' || how === 'synonym') {
        groups.push({ terms: [entity.name, ...entity.aliases.filter((s) => CJK.test(s))], surface, source: how });
      }
    }

    const expansionGroups = cleanGroups(groups, text);
    const expansions = [...new Set(expansionGroups.flatMap((g) => g.terms))];
    const english = !CJK.test(text);
    const pick = (kind: EntityKind) => found.filter((e) => e.entity.kind === kind);
    const regions = [...new Set(pick('region').map((e) => e.entity.name))];
    if (!regions.length && NATIONAL_HINT.test(text)) regions.push('全国');
    return {
      via,
      understood: {
        themes: pick('theme').map((e) => ({ id: e.entity.id, name: e.entity.name, surface: e.surface })),
        agencies: pick('agency').map((e) => ({ id: e.entity.id, name: e.entity.name, surface: e.surface })),
        regions,
        years,
        docNumbers,
        expandedTerms: expansions,
      },
      expansions,
      expansionGroups,
      english,
      enumerating: isEnumerating(text),
    };
  }
}

/**
 * Terms the query already contains add nothing (spacing aside: 工业 4.0 is in 工业4.0); a group
 * left empty implied nothing new, and one implying exactly what another implied would only vote
 * twice for the same idea.
 */
function cleanGroups(groups: ExpansionGroup[], text: string): ExpansionGroup[] {
  const compact = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  const query = compact(text);
  const seen = new Set<string>();
  const out: ExpansionGroup[] = [];
  for (const group of groups) {
    const terms = [...new Set(group.terms)].filter((term) => !query.includes(compact(term)));
    const key = terms.map(compact).sort().join('|');
    if (!terms.length || seen.has(key)) continue;
    seen.add(key);
    out.push({ ...group, terms });
  }
  return out;
}

function viaOf(entity: LexiconEntity, surface: string): MatchedVia {
  const same = (a: string) => a.normalize('NFKC').toLowerCase() === surface.normalize('NFKC').toLowerCase();
  if (same(entity.name)) return 'name';
  if (entity.aliases.some(same)) return 'alias';
  if (entity.english?.some(same)) return 'english';
  return 'synonym';
}

/** Lowercased words with plurals folded (vehicles → vehicle, cities → city). */
function englishWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9][a-z0-9+&.'-]*/g) ?? []).map((w) => foldPlural(w.replace(/[.'-]+$/, '').replace(/'s$/, '')));
}

function foldPlural(word: string): string {
  if (word.length <= 2 || /\d/.test(word)) return word;
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (/(ss|us|is)$/.test(word)) return word;
  if (/(xes|ches|shes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

function englishKey(phrase: string): string {
  return englishWords(phrase).join(' ');
}
