// Queries that name documents (document-names.ts) are answered from those documents first: each
// named document is searched on its own with the rest of the query (《信息产业发展指南》由哪些部门
// 牵头组织实施 → 由哪些部门牵头组织实施 within 信息产业发展指南), and when several are named (a
// comparison: 安徽实施意见比国务院指导意见多提出了哪些内容) their hits take turns, so every named
// document is in the first results. The general results follow. A document named only by words
// (中国制造2025 in "中国制造2025与德国工业4.0有什么差异") may be the subject rather than the source:
// alone, its hits go first only when they answer about as well as the best general hit.
import type { ClauseCatalog } from './clause-catalog.js';
import { definesTerm, definitionSubject } from './definition-questions.js';
import { compactTitle, type NamedDocument } from './document-names.js';
import type { Candidate, RetrieveOptions } from './hybrid-retriever.js';

export type Retrieve = (query: string, options: RetrieveOptions) => Promise<Candidate[]>;

/** Hits per named document: enough for a page, few enough that a comparison still shows each side. */
const PER_DOCUMENT = 20;
/** A hit of a document named without 《》 or 文号 goes first when it scores at least this share of the best general hit. */
const IMPLICIT_SHARE = 0.8;

export async function retrieveNamed(retrieve: Retrieve, catalog: ClauseCatalog, query: string, options: RetrieveOptions, named: NamedDocument[]): Promise<Candidate[]> {
  if (!named.length || options.mode !== 'hybrid') return retrieve(query, options);
  const ids = [...new Set(named.map((n) => n.document.id))];
  const namedOptions: RetrieveOptions = { ...options, namedDocuments: new Set(ids) };
  const general = await retrieve(query, namedOptions);
  // the rest of the query says what is asked of the document; the title alone says nothing
  let rest = compactTitle(query);
  for (const n of named) rest = rest.split(n.surface).join(' ');
  const restQuery = rest.replace(/[\s，,。？?！!、的]+/g, ' ').trim() || query;
  // several documents named: a comparison, whose every side must show
  const explicit = new Set(named.filter((n) => n.explicit || ids.length > 1).map((n) => n.document.id));
  const bar = IMPLICIT_SHARE * (general[0]?.score ?? 0);
  // a question for what a term means: the clauses defining it lead each document's hits
  const term = definitionSubject(rest);
  const perDocument: Candidate[][] = [];
  for (const id of ids) {
    const inDocument = (clauseId: string) => catalog.documentOf(clauseId)?.id === id && (!options.filter || options.filter(clauseId));
    let hits = await retrieve(restQuery, { ...namedOptions, filter: inDocument, pool: Math.min(options.pool, PER_DOCUMENT) });
    if (term) {
      // the defining clause shares nothing with the question but the term, so BM25 cannot find it: its form does
      const defining = new Set(catalog.clausesOf(id).filter((clauseId) => definesTerm(catalog.text(clauseId) ?? '', term)));
      if (defining.size) {
        const first = await retrieve(term, { ...namedOptions, filter: (clauseId) => defining.has(clauseId) && inDocument(clauseId), pool: defining.size });
        hits = [...first, ...hits.filter((c) => !defining.has(c.id))];
      }
    }
    perDocument.push(explicit.has(id) ? hits : hits.filter((c) => c.score >= bar));
  }
  return [...interleave(perDocument), ...general].filter(firstOfEach());
}

function* interleave(lists: Candidate[][]): Generator<Candidate> {
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const list of lists) if (i < list.length) yield list[i];
}

function firstOfEach(): (c: Candidate) => boolean {
  const seen = new Set<string>();
  return (c) => !seen.has(c.id) && !!seen.add(c.id);
}
