// Document reads shared by the HTTP routes and the MCP tools.
import type { PolicyDocument } from '../../graph/model.js';
import { normalizeDocNumber } from '../../graph/ids.js';
import type { DocumentRef, GraphStore, OutlineEntry } from '../../graph/store.js';

/** Finds a document by id, or by its 文号 in any bracket style (国发[2017]40号 = 国发〔2017〕40号). */
export async function resolveDocument(store: GraphStore, idOrNumber: string): Promise<PolicyDocument | null> {
  const byId = await store.getDocument(idOrNumber);
  if (byId) return byId;
  const wanted = normalizeDocNumber(idOrNumber);
  const wantedTitle = idOrNumber.replace(/[《》\s]/g, '');
  const all = await store.listDocuments();
  return (
    all.find((d) => d.docNumber && normalizeDocNumber(d.docNumber) === wanted) ??
    all.find((d) => d.title.replace(/[《》\s]/g, '') === wantedTitle || d.aliases.some((a) => a.replace(/[《》\s]/g, '') === wantedTitle)) ??
    null
  );
}

export interface DocumentWithOutline {
  document: PolicyDocument;
  outline: OutlineEntry[];
}

export async function documentWithOutline(store: GraphStore, doc: PolicyDocument): Promise<DocumentWithOutline> {
  return { document: doc, outline: await store.outline(doc.id) };
}

export interface DocumentCitations {
  document: Pick<PolicyDocument, 'id' | 'title' | 'docNumber'>;
  cites: DocumentRef[];
  implements: DocumentRef[];
  citedBy: DocumentRef[];
  implementedBy: DocumentRef[];
}

/**
 * Both directions come from the document's neighbourhood; the evidence of outgoing references comes
 * from the graph join of the document's first clause, which carries it.
 */
export async function documentCitations(store: GraphStore, doc: PolicyDocument): Promise<DocumentCitations> {
  const hood = await store.neighbourhood(doc.id, 1);
  const refEdges = hood.edges.filter((e) => (e.type === 'CITES' || e.type === 'IMPLEMENTS') && (e.from === doc.id || e.to === doc.id));
  const evidence = new Map<string, string | null>();
  const outline = await store.outline(doc.id);
  if (outline.length > 0) {
    const [context] = await store.expand([outline[0]!.id]);
    for (const ref of [...(context?.cites ?? []), ...(context?.implements ?? [])]) evidence.set(ref.id, ref.evidence);
  }
  const refs = new Map<string, DocumentRef>();
  for (const id of new Set(refEdges.map((e) => (e.from === doc.id ? e.to : e.from)))) {
    const other = await store.getDocument(id);
    const name = hood.nodes.find((n) => n.id === id)?.name ?? id;
    refs.set(id, { id, title: other?.title ?? name, docNumber: other?.docNumber ?? null, inCorpus: other?.inCorpus ?? false, evidence: null });
  }
  const pick = (type: 'CITES' | 'IMPLEMENTS', outgoing: boolean): DocumentRef[] =>
    [...new Set(refEdges.filter((e) => e.type === type && (outgoing ? e.from === doc.id : e.to === doc.id)).map((e) => (outgoing ? e.to : e.from)))].map(
      (id) => ({ ...refs.get(id)!, evidence: outgoing ? (evidence.get(id) ?? null) : null }),
    );
  return {
    document: { id: doc.id, title: doc.title, docNumber: doc.docNumber },
    cites: pick('CITES', true),
    implements: pick('IMPLEMENTS', true),
    citedBy: pick('CITES', false),
    implementedBy: pick('IMPLEMENTS', false),
  };
}
