// Finding and masking the parts of a clause that name documents rather than say something:
// 《titles》 and 文号 (工信部联信软〔2018〕140号). An agency inside them issued a document; it is
// not assigned a task there, so the responsibility and agency matchers run on masked text.
import type { Dictionaries } from '../../dictionaries/dictionaries.js';
import { normalizeDocNumber } from '../../graph/ids.js';

export interface Span {
  start: number;
  end: number;
}

export interface TitleSpan extends Span {
  title: string;
}

export interface DocNumberSpan extends Span {
  /** Normalised 文号, e.g. 国发〔2017〕40号. */
  docNumber: string;
  year: number;
}

const DOC_NUMBER = /([\u4e00-\u9fa5]{1,14})\s*[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*(\d{1,4})\s*号/g;
const TITLE = /《([^《》\n]{1,150})》/g;
/** Characters that end the words before a 文号 prefix (贯彻落实国发… → 国发). */
const PREFIX_BOUNDARY = /^.*[的和及与于照据实落为见知文号]/;

export function findTitles(text: string): TitleSpan[] {
  return [...text.matchAll(TITLE)].map((m) => ({ title: m[1].trim(), start: m.index!, end: m.index! + m[0].length }));
}

export function findDocNumbers(text: string, dicts: Dictionaries): DocNumberSpan[] {
  const prefixes = knownPrefixes(dicts);
  const out: DocNumberSpan[] = [];
  for (const m of text.matchAll(DOC_NUMBER)) {
    const run = m[1];
    let prefix: string | null = null;
    // the longest tail of the run that starts with a known issuer prefix (通知工信部联信软 → 工信部联信软)
    for (let i = 0; i <= run.length - 2 && !prefix; i++) {
      const tail = run.slice(i);
      if (prefixes.some((p) => tail.startsWith(p))) prefix = tail;
    }
    if (!prefix) {
      prefix = run.replace(PREFIX_BOUNDARY, '');
      if (prefix.length > 8) prefix = prefix.slice(-6);
      if (prefix.length < 2) continue;
    }
    const start = m.index! + run.length - prefix.length; // the prefix is a tail of the run
    out.push({
      docNumber: normalizeDocNumber(`${prefix}〔${m[2]}〕${m[3]}号`),
      year: Number(m[2]),
      start,
      end: m.index! + m[0].length,
    });
  }
  return out;
}

const prefixCache = new WeakMap<Dictionaries, string[]>();

function knownPrefixes(dicts: Dictionaries): string[] {
  let prefixes = prefixCache.get(dicts);
  if (!prefixes) {
    prefixes = dicts.agencies
      .filter((a) => !a.regionFromDocument || a.template)
      .flatMap((a) => a.docNumberPrefixes)
      .filter((p) => !p.includes('{'));
    prefixCache.set(dicts, prefixes);
  }
  return prefixes;
}

/** Replaces the spans by a filler of the same length, so offsets into the text stay valid. */
export function maskSpans(text: string, spans: Span[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + '□'.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

/** The clause text with 《titles》 and 文号 masked. */
export function maskCitations(text: string, dicts: Dictionaries): string {
  return maskSpans(text, [...findTitles(text), ...findDocNumbers(text, dicts)]);
}

export interface Sentence extends Span {
  text: string;
}

/** Splits at 。；！？ and line breaks (a target or a responsibility never spans them). */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || /[。；;！？!?\n]/.test(text[i])) {
      const end = i === text.length ? i : i + 1;
      if (text.slice(start, end).trim()) out.push({ text: text.slice(start, end), start, end });
      start = end;
    }
  }
  return out;
}

/** Fraction of the character bigrams of `part` (punctuation and spaces ignored) found in `whole`. */
export function containment(part: string, whole: string): number {
  const a = grams(part);
  if (a.size === 0) return 0;
  const b = grams(whole);
  let hit = 0;
  for (const g of a) if (b.has(g)) hit++;
  return hit / a.size;
}

/** Bigram sets of recent texts: a task row is compared with every body clause of its document. */
const gramCache = new Map<string, Set<string>>();

function grams(s: string): Set<string> {
  let set = gramCache.get(s);
  if (set) return set;
  const clean = s.replace(/[\s\p{P}\p{S}]/gu, '');
  set = new Set<string>();
  for (let i = 0; i + 1 < clean.length; i++) set.add(clean.slice(i, i + 2));
  if (gramCache.size > 5000) gramCache.clear();
  gramCache.set(s, set);
  return set;
}
