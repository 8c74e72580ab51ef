// Document-CITES {evidence}->Document for 《titles》, 文号 and known short names (网络安全法), and
// Document-IMPLEMENTS {evidence}->Document where a document says it implements another
// (为贯彻落实《…》…，). Cited documents outside the corpus become inCorpus:false documents whose id
// is documentId({docNumber, title}) — the id they will get if they are ingested later.
import type { Dictionaries, KnownDocument, RegionEntry } from '../../dictionaries/dictionaries.js';
import { documentId, normalizeDocNumber, shortTitleKey, titleKey } from '../../graph/ids.js';
import { editionRank, type Clause, type Level, type PolicyDocument } from '../../graph/model.js';
import { FactSet } from './facts.js';
import { findDocNumbers, findTitles, maskSpans, type Span } from './spans.js';

interface Citation extends Span {
  title: string | null;
  docNumber: string | null;
  year: number | null;
  /** The exact text of the reference: 《…》（文号）, a 文号, or a short name. */
  evidence: string;
}

const IMPLEMENTS_LEAD = /为(?:了)?(?:进一步)?(?:深入|全面|认真|切实)?(?:贯彻落实|贯彻执行|贯彻|落实|实施)/g;
/** 《财富》 is a magazine, not a document: a cited title has at least this many characters. */
const MIN_TITLE_LENGTH = 4;


/** All references to documents in one text, in order. */
export function findCitations(text: string, dicts: Dictionaries): Citation[] {
  const titles = findTitles(text).filter((t) => titleKey(t.title).length >= MIN_TITLE_LENGTH);
  const numbers = findDocNumbers(text, dicts);
  const used = new Set<number>();
  const out: Citation[] = [];
  for (const t of titles) {
    // 《title》（国发〔2017〕40号） — the 文号 in brackets right after the title belongs to it
    const after = text.slice(t.end, t.end + 3);
    // a 文号 that starts before the title ends belongs to another title, not to this one
    const n = numbers.findIndex((d, i) => !used.has(i) && d.start >= t.end && d.start - t.end <= 2 && /^[（(]?\s*$/.test(text.slice(t.end, d.start)));
    let end = t.end;
    let number: (typeof numbers)[number] | null = null;
    if (n >= 0 && /^[（(]/.test(after)) {
      used.add(n);
      number = numbers[n];
      end = /^[）)]/.test(text.slice(number.end, number.end + 1)) ? number.end + 1 : number.end;
    }
    out.push({ start: t.start, end, title: t.title, docNumber: number?.docNumber ?? null, year: number?.year ?? null, evidence: text.slice(t.start, end) });
  }
  numbers.forEach((d, i) => {
    if (used.has(i) || titles.some((t) => d.start >= t.start && d.end <= t.end)) return;
    out.push({ start: d.start, end: d.end, title: null, docNumber: d.docNumber, year: d.year, evidence: text.slice(d.start, d.end) });
  });
  // short names of known documents written without 《》 (贯彻落实网络安全法相关规定)
  const masked = maskSpans(text, out);
  for (const known of dicts.documents) {
    for (const alias of known.aliases) {
      for (let at = masked.indexOf(alias); at >= 0; at = masked.indexOf(alias, at + alias.length)) {
        // 网络安全法相关规定 cites the law; 网络安全法律法规 does not
        if (/[律规典院官人制学]/.test(masked[at + alias.length] ?? '')) continue;
        out.push({ start: at, end: at + alias.length, title: known.title, docNumber: known.docNumber, year: known.year, evidence: alias });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The text after 为贯彻落实 up to the first ，or 。 outside brackets: the documents implemented. */
export function implementsSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(IMPLEMENTS_LEAD)) {
    let depth = 0;
    let end = m.index! + m[0].length;
    for (; end < text.length; end++) {
      const ch = text[end];
      if ('《（(〔'.includes(ch)) depth++;
      else if ('》）)〕'.includes(ch)) depth = Math.max(0, depth - 1);
      else if (depth === 0 && /[，,。；;\n]/.test(ch)) break;
    }
    spans.push({ start: m.index!, end });
  }
  return spans;
}

class DocumentResolver {
  private readonly byNumber = new Map<string, string>();
  /** Exact titles and aliases; the current edition of a law wins over older ones. */
  private readonly byTitle = new Map<string, string>();
  /** Titles without 中华人民共和国. */
  private readonly byShortTitle = new Map<string, string>();
  /** Titles named inside other titles (关于印发《X》的通知 carries X): used only when nothing else matches. */
  private readonly byInnerTitle = new Map<string, string>();
  /** 文号 learned from 《title》（文号） pairs anywhere in the corpus. */
  private readonly numberOfTitle = new Map<string, string>();

  constructor(documents: PolicyDocument[], private readonly dicts: Dictionaries) {
    const newestFirst = [...documents].sort((a, b) => editionRank(b) - editionRank(a) || (b.edition ?? '').localeCompare(a.edition ?? ''));
    const setOnce = (map: Map<string, string>, key: string, id: string) => {
      if (key && !map.has(key)) map.set(key, id);
    };
    for (const doc of newestFirst) {
      if (doc.docNumber) setOnce(this.byNumber, normalizeDocNumber(doc.docNumber), doc.id);
      for (const title of [doc.title, ...doc.aliases]) {
        setOnce(this.byTitle, titleKey(title), doc.id);
        setOnce(this.byShortTitle, shortTitleKey(title), doc.id);
        for (const inner of findTitles(title)) setOnce(this.byInnerTitle, titleKey(inner.title), doc.id);
      }
    }
  }

  learn(citation: Citation): void {
    if (citation.title && citation.docNumber) this.numberOfTitle.set(titleKey(citation.title), citation.docNumber);
  }

  known(citation: Pick<Citation, 'title'>): KnownDocument | null {
    if (!citation.title) return null;
    const key = titleKey(citation.title);
    return this.dicts.documents.find((d) => [d.title, ...d.aliases].some((t) => titleKey(t) === key)) ?? null;
  }

  /** The in-corpus document a title names: exact, then without 中华人民共和国, then as carried by another title. */
  private byName(titles: string[]): string | undefined {
    return (
      titles.map((t) => this.byTitle.get(titleKey(t))).find(Boolean) ??
      titles.map((t) => this.byShortTitle.get(shortTitleKey(t))).find(Boolean) ??
      titles.map((t) => this.byInnerTitle.get(titleKey(t))).find(Boolean)
    );
  }

  /** The id of the cited document: in the corpus when it is there, else the id it would get. */
  resolve(citation: Pick<Citation, 'title' | 'docNumber'>): { id: string; title: string; docNumber: string | null; inCorpus: boolean } {
    const known = this.known(citation);
    const title = known?.title ?? citation.title;
    const docNumber = citation.docNumber ?? known?.docNumber ?? (title ? this.numberOfTitle.get(titleKey(title)) : undefined) ?? null;
    const titles = [title, citation.title, ...(known?.aliases ?? [])].filter((t): t is string => Boolean(t));
    const inCorpus = (docNumber && this.byNumber.get(normalizeDocNumber(docNumber))) || this.byName(titles);
    if (inCorpus) return { id: inCorpus, title: title ?? docNumber!, docNumber, inCorpus: true };
    return { id: documentId({ docNumber, title: title ?? docNumber! }), title: title ?? docNumber!, docNumber, inCorpus: false };
  }
}

export function extractCitations(clauses: Clause[], documents: PolicyDocument[], dicts: Dictionaries): FactSet {
  const facts = new FactSet();
  const resolver = new DocumentResolver(documents, dicts);
  const found = clauses.map((clause) => ({ clause, citations: findCitations(clause.text, dicts) }));
  for (const { citations } of found) citations.forEach((c) => resolver.learn(c));
  for (const { clause, citations } of found) {
    const implemented = implementsSpans(clause.text);
    for (const citation of citations) {
      const target = resolver.resolve(citation);
      if (target.id === clause.docId) continue; // a document naming itself (现将《…》印发给你们)
      if (!target.inCorpus) facts.addDocument(citedDocument(target, citation, resolver.known(citation), dicts));
      facts.addEdge('CITES', clause.docId, target.id, { evidence: citation.evidence });
      const span = implemented.find((s) => citation.start >= s.start && citation.start < s.end);
      if (span) facts.addEdge('IMPLEMENTS', clause.docId, target.id, { evidence: clause.text.slice(span.start, span.end) });
    }
    for (const repealed of repealedIn(clause.text, citations)) {
      const target = resolver.resolve(repealed.citation);
      if (target.id === clause.docId) continue;
      if (!target.inCorpus) facts.addDocument(citedDocument(target, repealed.citation, resolver.known(repealed.citation), dicts));
      facts.addEdge('REPEALS', clause.docId, target.id, { evidence: repealed.evidence });
    }
  }
  for (const doc of documents) {
    for (const relation of titleRelations(doc.title)) {
      const citation: Citation = { start: 0, end: 0, title: relation.title, docNumber: null, year: null, evidence: doc.title };
      const target = resolver.resolve(citation);
      if (target.id === doc.id) continue;
      if (!target.inCorpus) facts.addDocument(citedDocument(target, citation, resolver.known(citation), dicts));
      facts.addEdge(relation.type, doc.id, target.id, { evidence: doc.title });
    }
  }
  return facts;
}

/** "…《X》同时废止": the titles named in the sentence that ends in 废止. */
function repealedIn(text: string, citations: Citation[]): { citation: Citation; evidence: string }[] {
  const out: { citation: Citation; evidence: string }[] = [];
  for (const m of text.matchAll(/[^。；]*?(?:同时|即行|一并|起)废止/g)) {
    const from = m.index!;
    const to = from + m[0].length;
    for (const c of citations) if (c.title && c.start >= from && c.end <= to) out.push({ citation: c, evidence: m[0].trim() });
  }
  return out;
}

/** What a title says it does to another text: 《X》修正案 / 关于修改《X》的决定 amend X; X实施条例 implements X. */
export function titleRelations(title: string): { type: 'AMENDS' | 'IMPLEMENTS'; title: string }[] {
  const out: { type: 'AMENDS' | 'IMPLEMENTS'; title: string }[] = [];
  const amendment = title.match(/^(.{2,40}?)修正案/);
  if (amendment) out.push({ type: 'AMENDS', title: amendment[1] });
  for (const m of title.matchAll(/关于修改《([^》]+)》/g)) out.push({ type: 'AMENDS', title: m[1] });
  const implementing = title.match(/^(.{2,40}?法)实施(?:条例|细则|办法)/) ?? title.match(/实施《([^》]+)》(?:的)?(?:办法|细则|条例|若干规定)/);
  if (implementing) out.push({ type: 'IMPLEMENTS', title: implementing[1] });
  return out;
}

function citedDocument(
  target: { id: string; title: string; docNumber: string | null },
  citation: Citation,
  known: KnownDocument | null,
  dicts: Dictionaries,
): PolicyDocument {
  const issuers = known?.issuers.length ? known.issuers.map((i) => dicts.agency(i)?.name ?? i) : [];
  const byNumber = target.docNumber ? dicts.agencyByDocNumber(target.docNumber) : null;
  if (byNumber && !issuers.includes(byNumber.name)) issuers.push(byNumber.name);
  const about = target.title.indexOf('关于');
  if (about > 0) {
    for (const m of dicts.match(target.title.slice(0, about), { kinds: ['agency'] })) {
      if (!issuers.includes(m.entity.name)) issuers.push(m.entity.name);
    }
  }
  const first = issuers.map((i) => dicts.agency(i)).find(Boolean) ?? null;
  // 中华人民共和国电信法: a title that starts with a region says where the document applies
  const titleRegion = dicts.match(target.title, { kinds: ['region'] }).find((m) => m.start === 0)?.entity as RegionEntry | undefined;
  const level: Level =
    first?.level === 'central' || titleRegion?.level === 'country' ? 'national'
    : first?.level === 'provincial' || titleRegion?.level === 'province' ? 'provincial'
    : first?.level === 'municipal' || titleRegion?.level === 'city' ? 'municipal'
    : 'unknown';
  return {
    id: target.id,
    title: target.title,
    docNumber: target.docNumber,
    issuers,
    region: first?.region ?? titleRegion?.name ?? (level === 'national' ? '全国' : null),
    level,
    year: citation.year ?? known?.year ?? (target.docNumber ? Number(/〔(\d{4})〕/.exec(target.docNumber)?.[1]) || null : null),
    date: null,
    draft: false,
    kind: 'policy',
    inCorpus: false,
    aliases: citation.title && citation.title !== target.title ? [citation.title] : [],
    sources: [],
  };
}
