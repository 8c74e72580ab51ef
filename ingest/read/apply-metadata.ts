// Applies what a container states about its document (a gov.cn metadata table) to the document parsed
// from its text: the container wins field by field, text-derived fields stay where it says nothing. A
// changed 文号 or title changes the document's id, so its clauses are re-keyed to match.
import { clauseId, documentId } from '../../graph/ids.js';
import type { ParsedDocument } from '../types.js';
import { levelOfRegion, regionOfName } from '../metadata.js';
import type { SourceMetadata } from './types.js';

export function applySourceMetadata(parsed: ParsedDocument, meta: SourceMetadata): ParsedDocument {
  const doc = { ...parsed.document };
  if (meta.title && meta.title !== doc.title) {
    doc.aliases = [...new Set([...doc.aliases, doc.title])].filter((a) => a !== meta.title);
    doc.title = meta.title;
  }
  if (meta.docNumber) doc.docNumber = meta.docNumber;
  if (meta.issuers?.length) doc.issuers = [...meta.issuers];
  if (meta.date) {
    doc.date = meta.date;
    doc.year = Number(meta.date.slice(0, 4));
  }
  if (meta.publishedDate) doc.publishedDate = meta.publishedDate;
  if (meta.subject) doc.subject = meta.subject;
  if (meta.indexNumber) doc.indexNumber = meta.indexNumber;
  if (doc.kind === 'policy' && (meta.issuers?.length || meta.title)) {
    const region = doc.issuers.map(regionOfName).find(Boolean) ?? regionOfName(doc.title);
    if (region) {
      doc.region = region;
      doc.level = levelOfRegion(region);
    }
  }
  return rekey({ ...parsed, document: doc, metadata: meta });
}

/** Gives the document the id its (new) metadata implies, and its clauses the ids that follow from it. */
function rekey(parsed: ParsedDocument): ParsedDocument {
  const id = documentId(parsed.document);
  if (id === parsed.document.id) return parsed;
  const ids = new Map(parsed.clauses.map((c) => [c.id, clauseId(id, c.path)]));
  return {
    ...parsed,
    document: { ...parsed.document, id },
    clauses: parsed.clauses.map((c) => ({ ...c, id: ids.get(c.id)!, docId: id, parentId: c.parentId ? (ids.get(c.parentId) ?? c.parentId) : null })),
    texts: new Map([...parsed.texts].map(([key, text]) => [ids.get(key) ?? key, text])),
  };
}
