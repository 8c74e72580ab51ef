// Merges the occurrences of one document found in several files (notes that copy 国发〔2017〕40号, which
// another file holds in full) into one document: the fullest occurrence is canonical, and every passage of
// the copies becomes another source of the canonical clause that holds it.
import type { Clause, PolicyDocument, SourceSpan } from '../graph/model.js';
import { clauseId, normalizeDocNumber, normalizeTitle, stableId } from '../graph/ids.js';
import type { ParsedDocument } from './types.js';
import { matchKey, sentenceBounds } from './text.js';
import type { SourceText } from './unit.js';

export interface MergeResult {
  documents: PolicyDocument[];
  clauses: Clause[];
  /** Occurrences folded into another occurrence of the same document. */
  documentsMerged: number;
  /** Passages seen more than once (repeated in a crawl, or copied in another file). */
  passagesMerged: number;
}

const MIN_KEY = 6;
/** Share of the shorter text's sentences the other must hold for two same-titled texts to be one document. */
const MIN_TEXT_OVERLAP = 0.3;

export function mergeCopies(parsed: ParsedDocument[]): MergeResult {
  const groups = groupByIdentity(parsed);
  const documents: PolicyDocument[] = [];
  const clauses: Clause[] = [];
  let documentsMerged = 0;
  let passagesMerged = 0;
  const usedIds = new Set<string>();
  for (const group of groups) {
    group.sort((a, b) => b.completeness - a.completeness);
    const [canonical, ...copies] = group;
    const document: PolicyDocument = { ...canonical.document, sources: [...canonical.document.sources], aliases: [...canonical.document.aliases] };
    const docClauses = canonical.clauses.map((c) => ({ ...c, sources: [...c.sources] }));
    passagesMerged += docClauses.reduce((n, c) => n + Math.max(0, c.sources.length - 1), 0);
    for (const copy of copies) {
      documentsMerged++;
      fillMetadata(document, copy.document);
      passagesMerged += absorbCopy(document, docClauses, copy);
    }
    // another text of the same title that is not this one: told apart by its date, else by its file
    if (usedIds.has(document.id)) reassignId(document, docClauses, stableId('doc', 'title', normalizeTitle(document.title), document.date ?? document.sources[0]?.file ?? String(usedIds.size)));
    usedIds.add(document.id);
    documents.push(document);
    for (const clause of docClauses) clauses.push(clause);
  }
  return { documents, clauses, documentsMerged, passagesMerged };
}

function reassignId(document: PolicyDocument, clauses: Clause[], id: string): void {
  const ids = new Map(clauses.map((c) => [c.id, clauseId(id, c.path)]));
  document.id = id;
  for (const clause of clauses) {
    clause.id = ids.get(clause.id)!;
    clause.docId = id;
    if (clause.parentId) clause.parentId = ids.get(clause.parentId) ?? clause.parentId;
  }
}

function identityKeys(doc: PolicyDocument): string[] {
  // an edition of a law is that title at that date: other editions and texts citing its 令 are other documents
  if (doc.edition) return [`edition:${normalizeTitle(doc.title)}@${doc.edition}`];
  const keys = [`title:${normalizeTitle(doc.title)}`, ...doc.aliases.map((a) => `title:${normalizeTitle(a)}`)];
  if (doc.docNumber) keys.push(`no:${normalizeDocNumber(doc.docNumber)}`);
  return keys;
}

/**
 * Occurrences sharing a 文号, or a title (or alias) when their metadata agree and their text overlaps
 * (or one is an excerpt in notes), are one document. Two texts that only share a title stay apart.
 */
function groupByIdentity(parsed: ParsedDocument[]): ParsedDocument[][] {
  const owner = new Map<string, number>();
  const parent = parsed.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const sentences = new Map<number, Set<string>>();
  const sentenceKeys = (i: number) => {
    let keys = sentences.get(i);
    if (!keys) {
      keys = new Set();
      for (const clause of parsed[i].clauses) {
        for (const [a, b] of sentenceBounds(clause.text)) {
          const key = matchKey(clause.text.slice(a, b));
          if (key.length >= MIN_KEY) keys.add(key);
        }
      }
      sentences.set(i, keys);
    }
    return keys;
  };
  const sameDocument = (i: number, j: number, byNumber: boolean): boolean => {
    const [a, b] = [parsed[i], parsed[j]];
    const [x, y] = [a.document, b.document];
    if (x.docNumber && y.docNumber && normalizeDocNumber(x.docNumber) !== normalizeDocNumber(y.docNumber)) return false;
    if (byNumber || a.excerpt || b.excerpt) return true;
    const [small, large] = sentenceKeys(i).size <= sentenceKeys(j).size ? [sentenceKeys(i), sentenceKeys(j)] : [sentenceKeys(j), sentenceKeys(i)];
    let shared = 0;
    for (const key of small) if (large.has(key)) shared++;
    return small.size > 0 && shared / small.size >= MIN_TEXT_OVERLAP;
  };
  parsed.forEach((p, i) => {
    for (const key of identityKeys(p.document)) {
      const j = owner.get(key);
      if (j === undefined) owner.set(key, i);
      else if (find(i) !== find(j) && sameDocument(i, j, key.startsWith('no:') || key.startsWith('edition:'))) parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, ParsedDocument[]>();
  parsed.forEach((p, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(p);
    else groups.set(root, [p]);
  });
  return [...groups.values()];
}

function fillMetadata(target: PolicyDocument, copy: PolicyDocument): void {
  target.docNumber ??= copy.docNumber;
  target.date ??= copy.date;
  target.year ??= copy.year;
  target.region ??= copy.region;
  if (!target.issuers.length) target.issuers = copy.issuers;
  target.draft ||= copy.draft;
  target.sources.push(...copy.sources);
  for (const alias of [copy.title, ...copy.aliases]) {
    if (alias !== target.title && !target.aliases.includes(alias)) target.aliases.push(alias);
  }
}

/** Adds the copy's passages as sources of canonical clauses; passages only the copy has become new clauses. */
function absorbCopy(document: PolicyDocument, clauses: Clause[], copy: ParsedDocument): number {
  const index = new Map<string, Clause>();
  for (const clause of clauses) {
    index.set(matchKey(clause.text), clause);
    for (const [a, b] of sentenceBounds(clause.text)) {
      const key = matchKey(clause.text.slice(a, b));
      if (key.length >= MIN_KEY && !index.has(key)) index.set(key, clause);
    }
  }
  const byPath = new Map(clauses.map((c) => [c.path, c]));
  let absorbed = 0;
  for (const copyClause of copy.clauses) {
    const text = copy.texts.get(copyClause.id)!;
    const whole = index.get(matchKey(copyClause.text));
    if (whole) {
      whole.sources.push(...copyClause.sources);
      absorbed++;
      continue;
    }
    const runs: { owner: Clause | null; piece: SourceText }[] = [];
    for (const [a, b] of sentenceBounds(text.text)) {
      const key = matchKey(text.text.slice(a, b));
      const last = runs[runs.length - 1];
      const owner: Clause | null = key.length >= MIN_KEY ? (index.get(key) ?? null) : (last?.owner ?? null);
      if (last && last.owner === owner) last.piece = last.piece.concat(text.slice(a, b));
      else runs.push({ owner, piece: text.slice(a, b) });
    }
    // a sentence the copy words slightly differently ("创新创业" for "创业创新") belongs to its neighbour's clause
    runs.forEach((run, i) => {
      if (run.owner) return;
      const neighbours = [runs[i - 1]?.owner, runs[i + 1]?.owner].filter((c): c is Clause => Boolean(c));
      run.owner = neighbours.find((c) => bestSentenceSimilarity(run.piece.text, c.text) >= 0.7) ?? null;
    });
    for (const run of runs) {
      const piece = run.piece.trim();
      if (!piece.length) continue;
      if (run.owner) {
        run.owner.sources.push(piece.span(copyClause.sources[0]?.file ?? ''));
        absorbed++;
      } else {
        clauses.push(newClauseFromCopy(document, clauses, byPath, copyClause, piece));
      }
    }
  }
  return absorbed;
}

function newClauseFromCopy(document: PolicyDocument, clauses: Clause[], byPath: Map<string, Clause>, copy: Clause, piece: SourceText): Clause {
  let path = copy.path;
  while (byPath.has(path)) path += '′';
  const parentPath = copy.path.includes('/') ? copy.path.slice(0, copy.path.lastIndexOf('/')) : null;
  const clause: Clause = {
    ...copy,
    id: clauseId(document.id, path),
    docId: document.id,
    path,
    text: piece.text,
    ordinal: clauses.length,
    parentId: parentPath ? (byPath.get(parentPath)?.id ?? null) : null,
    sources: [piece.span(copy.sources[0]?.file ?? '')] as SourceSpan[],
  };
  byPath.set(path, clause);
  return clause;
}

/** Dice similarity of character bigrams between text and the most similar sentence of a clause. */
function bestSentenceSimilarity(text: string, clauseText: string): number {
  const a = bigrams(matchKey(text));
  let best = 0;
  for (const [from, to] of sentenceBounds(clauseText)) {
    const b = bigrams(matchKey(clauseText.slice(from, to)));
    let shared = 0;
    for (const gram of a) if (b.has(gram)) shared++;
    best = Math.max(best, (2 * shared) / (a.size + b.size || 1));
  }
  return best;
}

function bigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) grams.add(text.slice(i, i + 2));
  return grams;
}
