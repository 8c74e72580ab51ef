// Use cases over documents: find one by id, 文号 or title; list them; their citations; delete one.
import { z } from 'zod';
import { PolicyGraphError } from '../graph/errors.js';
import type { PolicyDocument } from '../graph/model.js';
import { normalizeDocNumber } from '../graph/ids.js';
import type { DocumentRef, DocumentSummary, GraphStore, OutlineEntry } from '../graph/store.js';
import { deleteDocumentWithIndexes } from '../search/index-lifecycle.js';
import type { Engines } from './engines.js';
import { DocumentKey, DocumentLevelSchema, MAX_NAME_CHARS, Year, parseRequest } from './fields.js';

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

export const DocumentListRequestSchema = z
  .object({
    title: z.string().trim().max(MAX_NAME_CHARS).optional().describe('only documents whose title contains these words'),
    docType: z.string().trim().max(40).optional().describe('only documents of this type, e.g. 法律'),
    region: z.string().trim().max(40).optional().describe('only documents of this region, or the start of one (上海 → 上海市)'),
    level: DocumentLevelSchema.optional().describe('only documents of this level'),
    yearFrom: Year.optional().describe('only documents from this year on'),
    yearTo: Year.optional().describe('only documents up to this year'),
    corpusOnly: z.boolean().default(false).describe('only documents whose text is in the corpus (not those known only because another cites them)'),
    includeSuperseded: z.boolean().default(true).describe('also older editions of amended laws'),
  })
  .strict();

export type DocumentListRequest = z.input<typeof DocumentListRequestSchema>;

/** Documents matching the request, newest first (by date, else year), then by title. */
export async function listDocuments(engines: Pick<Engines, 'store'>, request: DocumentListRequest = {}): Promise<DocumentSummary[]> {
  const r = parseRequest(DocumentListRequestSchema, request, 'documents');
  const matches = (d: DocumentSummary) =>
    (!r.corpusOnly || d.inCorpus) &&
    (!r.title || d.title.includes(r.title)) &&
    (!r.docType || d.docType === r.docType) &&
    (!r.region || d.region === r.region || (d.region ?? '').startsWith(r.region)) &&
    (!r.level || d.level === r.level) &&
    (r.yearFrom === undefined || (d.year ?? -Infinity) >= r.yearFrom) &&
    (r.yearTo === undefined || (d.year ?? Infinity) <= r.yearTo) &&
    (r.includeSuperseded || d.status !== 'superseded');
  return (await engines.store.listDocuments())
    .filter(matches)
    .sort((a, b) => (b.date ?? String(b.year ?? '')).localeCompare(a.date ?? String(a.year ?? '')) || a.title.localeCompare(b.title, 'zh') || a.id.localeCompare(b.id));
}

export const DeleteDocumentRequestSchema = z.object({ document: DocumentKey.describe('document id, 文号 or title') }).strict();
export type DeleteDocumentRequest = z.input<typeof DeleteDocumentRequestSchema>;

export interface DeletedDocument {
  id: string;
  title: string;
  docNumber: string | null;
  clauses: number;
}

export interface DeleteDocumentOptions {
  /**
   * The data dir whose search indexes lose the document in the same step (the CLI). Without it the
   * store's own deleteDocument runs: a server's store sends it to the write process, which calls
   * deleteStoredDocument with the data dir.
   */
  dataDir?: string;
}

/**
 * Removes one document (by id, 文号 or title) with its clauses, its edges (SIMILAR_TO included) and
 * the entities only it referenced, and takes its clauses out of both search indexes and the catalog:
 * one new index generation, named by the graph in the deletion's transaction (search/index-delete.ts).
 */
export async function deleteDocument(engines: Pick<Engines, 'store'>, request: DeleteDocumentRequest, options: DeleteDocumentOptions = {}): Promise<DeletedDocument> {
  const { document } = parseRequest(DeleteDocumentRequestSchema, request, 'delete');
  const doc = await resolveDocument(engines.store, document);
  if (!doc) throw new PolicyGraphError('NOT_FOUND', `no document "${document}" in the graph: give a document id, 文号 or title`);
  const clauses = (await engines.store.outline(doc.id)).length;
  if (options.dataDir !== undefined) await deleteStoredDocument(engines.store, options.dataDir, doc.id);
  else await engines.store.deleteDocument(doc.id);
  return { id: doc.id, title: doc.title, docNumber: doc.docNumber, clauses };
}

/** Deletes the document with id `documentId` from the graph and the search indexes of `dataDir`; false when there is none. */
export async function deleteStoredDocument(store: GraphStore, dataDir: string, documentId: string): Promise<boolean> {
  return (await deleteDocumentWithIndexes(store, dataDir, documentId)).deleted;
}
