// Incremental ingest resolves document identity like a full run: a parsed document that is one already
// stored — same 文号, or same title where one of the two lacks the 文号 — takes the stored document's id
// (and its 文号, when the new copy has none), so a second run updates it instead of adding a duplicate.
// Runs on the parsed batch before extraction, when only documents, clauses and structure edges exist.
// Editions of a law keep their own identity (title + edition date, graph/ids.ts).
import { clauseId, normalizeDocNumber, normalizeTitle } from '../graph/ids.js';
import type { GraphBatch, PolicyDocument } from '../graph/model.js';

export type StoredIdentity = Pick<PolicyDocument, 'id' | 'title' | 'docNumber' | 'aliases' | 'edition' | 'inCorpus'>;

/** Renames the batch's documents that match stored ones; returns how many were matched. */
export function adoptStoredIdentities(batch: GraphBatch, stored: StoredIdentity[]): number {
  const byNumber = new Map<string, StoredIdentity>();
  const byTitle = new Map<string, StoredIdentity[]>();
  for (const doc of stored) {
    // cited-only stubs are not matched: a full run does not fold an ingested text into them either
    if (doc.edition || !doc.inCorpus) continue;
    if (doc.docNumber) byNumber.set(normalizeDocNumber(doc.docNumber), doc);
    for (const title of [doc.title, ...(doc.aliases ?? [])]) {
      const key = normalizeTitle(title);
      byTitle.set(key, [...(byTitle.get(key) ?? []), doc]);
    }
  }
  const taken = new Set(batch.documents.map((d) => d.id));
  const renamed = new Map<string, string>();
  for (const doc of batch.documents) {
    if (!doc.inCorpus || doc.edition) continue;
    const match = matchOf(doc, byNumber, byTitle);
    if (!match || match.id === doc.id || taken.has(match.id)) continue;
    taken.add(match.id);
    renamed.set(doc.id, match.id);
    doc.id = match.id;
    if (!doc.docNumber && match.docNumber) doc.docNumber = match.docNumber;
  }
  if (!renamed.size) return 0;
  const ids = new Map(renamed);
  for (const clause of batch.clauses) {
    const docId = renamed.get(clause.docId);
    if (!docId) continue;
    const id = clauseId(docId, clause.path);
    ids.set(clause.id, id);
    clause.id = id;
    clause.docId = docId;
  }
  for (const clause of batch.clauses) if (clause.parentId) clause.parentId = ids.get(clause.parentId) ?? clause.parentId;
  for (const edge of batch.edges) {
    edge.from = ids.get(edge.from) ?? edge.from;
    edge.to = ids.get(edge.to) ?? edge.to;
  }
  return renamed.size;
}

function matchOf(doc: PolicyDocument, byNumber: Map<string, StoredIdentity>, byTitle: Map<string, StoredIdentity[]>): StoredIdentity | null {
  if (doc.docNumber) {
    const same = byNumber.get(normalizeDocNumber(doc.docNumber));
    if (same) return same;
  }
  const candidates = [doc.title, ...doc.aliases].flatMap((t) => byTitle.get(normalizeTitle(t)) ?? []);
  // same title counts only when one side has no 文号: two 文号 that differ are two documents
  const usable = candidates.filter((s) => !doc.docNumber || !s.docNumber);
  return usable[0] ?? null;
}
