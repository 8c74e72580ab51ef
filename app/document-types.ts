// Search by document type (法律, 行政法规, 地方性法规 …): the type is a property of the document, so
// the filter becomes the list of documents that have one of the types.
import type { GraphStore } from '../graph/store.js';

/** Ids of the documents whose type is one of `types`; within `docs` (ids or 文号) when given. */
export async function documentsOfTypes(store: GraphStore, types: string[], docs?: string[]): Promise<string[]> {
  const wanted = new Set(types);
  const inside = docs?.length ? new Set(docs) : null;
  return (await store.listDocuments())
    .filter((d) => d.docType && wanted.has(d.docType))
    .filter((d) => !inside || inside.has(d.id) || (d.docNumber !== null && inside.has(d.docNumber)))
    .map((d) => d.id);
}
