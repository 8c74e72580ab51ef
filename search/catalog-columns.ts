// The clause catalog as columns (search/clause-catalog.ts reads them): one row per clause with its
// id, path, document and text, and its theme and agency names as offset lists into one name table.
// Built at ingest from the batch and the previous generation's file, written into the generation
// as catalog.bin, and opened by the search service with one read: typed arrays view the file, and a
// clause's text is decoded only when a query asks for it.
import path from 'node:path';
import type { Clause, Edge, GraphBatch, PolicyDocument } from '../graph/model.js';
import { PolicyGraphError } from '../graph/errors.js';
import { SectionFile, writeSections } from './binary-sections.js';

export const CATALOG_FILE = 'catalog.bin';
const CATALOG_FORMAT = 'policygraph-catalog';

/** Flag bits of a row. */
export const ASSIGNS = 1;
export const SETS = 2;

export interface CatalogColumns {
  ids: string[];
  paths: string[];
  /** Distinct document ids; docOf[row] indexes it. */
  docIds: string[];
  docOf: Uint32Array;
  text(row: number): string;
  /** Theme and agency names; the *Names arrays index it, rows own [starts[row], starts[row + 1]). */
  names: string[];
  themeStarts: Uint32Array;
  themeNames: Uint32Array;
  agencyStarts: Uint32Array;
  agencyNames: Uint32Array;
  flags: Uint8Array;
  documents: PolicyDocument[];
  /** Agency names each document is ISSUED_BY. */
  issuers: Record<string, string[]>;
}

export interface ClauseLinks {
  themes: readonly string[];
  agencies: readonly string[];
  assigns: boolean;
  sets: boolean;
}

export class CatalogBuilder {
  private readonly ids: string[] = [];
  private readonly paths: string[] = [];
  private readonly texts: string[] = [];
  private readonly docOf: number[] = [];
  private readonly docIds: string[] = [];
  private readonly docIndex = new Map<string, number>();
  private readonly nameList: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  private readonly themeStarts: number[] = [0];
  private readonly themeNames: number[] = [];
  private readonly agencyStarts: number[] = [0];
  private readonly agencyNames: number[] = [];
  private readonly flags: number[] = [];
  private readonly seen = new Set<string>();
  private readonly documents = new Map<string, PolicyDocument>();
  private readonly issuers = new Map<string, Set<string>>();

  /** A document; a cited-only one never replaces one whose full text is in the corpus (as in the graph write). */
  addDocument(doc: PolicyDocument): void {
    const known = this.documents.get(doc.id);
    if (known && known.inCorpus && !doc.inCorpus) return;
    const { clauseCount: _count, ...plain } = doc as PolicyDocument & { clauseCount?: number };
    this.documents.set(doc.id, plain);
  }

  addIssuer(docId: string, agencyName: string): void {
    const names = this.issuers.get(docId) ?? new Set<string>();
    names.add(agencyName);
    this.issuers.set(docId, names);
  }

  addClause(clause: Pick<Clause, 'id' | 'docId' | 'path' | 'text'>, links: ClauseLinks): void {
    if (this.seen.has(clause.id)) throw new PolicyGraphError('BAD_REQUEST', `clause ${clause.id} is given twice to the catalog`);
    this.seen.add(clause.id);
    this.ids.push(clause.id);
    this.paths.push(clause.path);
    this.texts.push(clause.text);
    let doc = this.docIndex.get(clause.docId);
    if (doc === undefined) {
      doc = this.docIds.length;
      this.docIds.push(clause.docId);
      this.docIndex.set(clause.docId, doc);
    }
    this.docOf.push(doc);
    for (const name of new Set(links.themes)) this.themeNames.push(this.name(name));
    this.themeStarts.push(this.themeNames.length);
    for (const name of new Set(links.agencies)) this.agencyNames.push(this.name(name));
    this.agencyStarts.push(this.agencyNames.length);
    this.flags.push((links.assigns ? ASSIGNS : 0) | (links.sets ? SETS : 0));
  }

  /** Copies the rows, documents and issuers of `from` whose document `keep` accepts. */
  addFrom(from: CatalogColumns, keep: (docId: string) => boolean): void {
    for (const doc of from.documents) if (keep(doc.id)) this.addDocument(doc);
    for (const [docId, names] of Object.entries(from.issuers)) if (keep(docId)) for (const name of names) this.addIssuer(docId, name);
    for (let row = 0; row < from.ids.length; row++) {
      const docId = from.docIds[from.docOf[row]];
      if (!keep(docId)) continue;
      const names = (starts: Uint32Array, list: Uint32Array) => Array.from(list.subarray(starts[row], starts[row + 1]), (i) => from.names[i]);
      this.addClause(
        { id: from.ids[row], docId, path: from.paths[row], text: from.text(row) },
        { themes: names(from.themeStarts, from.themeNames), agencies: names(from.agencyStarts, from.agencyNames), assigns: (from.flags[row] & ASSIGNS) !== 0, sets: (from.flags[row] & SETS) !== 0 },
      );
    }
  }

  /** The documents, clauses and catalog edges of an ingest batch (SIMILAR_TO and the rest are not the catalog's). */
  addBatch(batch: GraphBatch): void {
    for (const doc of batch.documents) this.addDocument(doc);
    const names = new Map<string, string>();
    for (const t of batch.themes) names.set(t.id, t.name);
    for (const a of batch.agencies) names.set(a.id, a.name);
    this.addLinked(batch.clauses, batch.edges, names);
  }

  /**
   * Clauses with the ISSUED_BY, MENTIONS, ASSIGNS and SETS edges among `edges` (other types are
   * ignored); `names` gives theme and agency names by node id (an unknown id stands for itself).
   */
  addLinked(clauses: Iterable<Pick<Clause, 'id' | 'docId' | 'path' | 'text'>>, edges: Iterable<Pick<Edge, 'type' | 'from' | 'to'>>, names: ReadonlyMap<string, string>): void {
    const links = new Map<string, { themes: string[]; agencies: string[]; assigns: boolean; sets: boolean }>();
    const linksOf = (id: string) => {
      let l = links.get(id);
      if (!l) links.set(id, (l = { themes: [], agencies: [], assigns: false, sets: false }));
      return l;
    };
    for (const edge of edges) {
      const name = names.get(edge.to) ?? edge.to;
      if (edge.type === 'ISSUED_BY') this.addIssuer(edge.from, name);
      else if (edge.type === 'MENTIONS') linksOf(edge.from).themes.push(name);
      else if (edge.type === 'ASSIGNS') {
        const l = linksOf(edge.from);
        l.agencies.push(name);
        l.assigns = true;
      } else if (edge.type === 'SETS') linksOf(edge.from).sets = true;
    }
    const none = { themes: [], agencies: [], assigns: false, sets: false };
    for (const clause of clauses) this.addClause(clause, links.get(clause.id) ?? none);
  }

  private name(name: string): number {
    let i = this.nameIndex.get(name);
    if (i === undefined) {
      i = this.nameList.length;
      this.nameList.push(name);
      this.nameIndex.set(name, i);
    }
    return i;
  }

  get size(): number {
    return this.ids.length;
  }

  columns(): CatalogColumns {
    const texts = this.texts;
    return {
      ids: this.ids,
      paths: this.paths,
      docIds: this.docIds,
      docOf: Uint32Array.from(this.docOf),
      text: (row) => texts[row],
      names: this.nameList,
      themeStarts: Uint32Array.from(this.themeStarts),
      themeNames: Uint32Array.from(this.themeNames),
      agencyStarts: Uint32Array.from(this.agencyStarts),
      agencyNames: Uint32Array.from(this.agencyNames),
      flags: Uint8Array.from(this.flags),
      documents: [...this.documents.values()],
      issuers: Object.fromEntries([...this.issuers].map(([docId, names]) => [docId, [...names]])),
    };
  }
}

/** Writes `columns` to <dir>/catalog.bin, tagged with the build's generation. */
export function writeCatalog(dir: string, generation: string, columns: CatalogColumns): void {
  const encoded: Buffer[] = [];
  const textEnds = new Uint32Array(columns.ids.length);
  let end = 0;
  for (let row = 0; row < columns.ids.length; row++) {
    const bytes = Buffer.from(columns.text(row), 'utf8');
    encoded.push(bytes);
    end += bytes.byteLength;
    textEnds[row] = end;
  }
  writeSections(
    path.join(dir, CATALOG_FILE),
    CATALOG_FORMAT,
    { generation, documents: columns.documents, issuers: columns.issuers },
    {
      ids: { kind: 'strings', value: columns.ids },
      paths: { kind: 'strings', value: columns.paths },
      docIds: { kind: 'strings', value: columns.docIds },
      docOf: { kind: 'u32', value: columns.docOf },
      names: { kind: 'strings', value: columns.names },
      themeStarts: { kind: 'u32', value: columns.themeStarts },
      themeNames: { kind: 'u32', value: columns.themeNames },
      agencyStarts: { kind: 'u32', value: columns.agencyStarts },
      agencyNames: { kind: 'u32', value: columns.agencyNames },
      flags: { kind: 'bytes', value: columns.flags },
      textEnds: { kind: 'u32', value: textEnds },
      texts: { kind: 'bytes', value: Buffer.concat(encoded) },
    },
  );
}

/**
 * The catalog in <dir>/catalog.bin, or null when the index has none (built before it existed).
 * A file of another build than `generation` is INDEX_MISMATCH.
 */
export function readCatalog(dir: string, generation: string): CatalogColumns | null {
  const file = path.join(dir, CATALOG_FILE);
  let stored: SectionFile;
  try {
    stored = SectionFile.read(file, CATALOG_FORMAT);
  } catch (err) {
    if ((err as PolicyGraphError).code === 'INDEX_MISSING') return null;
    throw err;
  }
  if (stored.header.generation !== generation) {
    throw new PolicyGraphError('INDEX_MISMATCH', `${file} comes from another build than the index beside it (an interrupted ingest?): re-run policygraph ingest`);
  }
  const textEnds = stored.u32('textEnds');
  const texts = stored.bytes('texts');
  const decoder = new TextDecoder();
  return {
    ids: stored.strings('ids'),
    paths: stored.strings('paths'),
    docIds: stored.strings('docIds'),
    docOf: stored.u32('docOf'),
    text: (row) => decoder.decode(texts.subarray(row === 0 ? 0 : textEnds[row - 1], textEnds[row])),
    names: stored.strings('names'),
    themeStarts: stored.u32('themeStarts'),
    themeNames: stored.u32('themeNames'),
    agencyStarts: stored.u32('agencyStarts'),
    agencyNames: stored.u32('agencyNames'),
    flags: stored.bytes('flags'),
    documents: stored.header.documents as PolicyDocument[],
    issuers: stored.header.issuers as Record<string, string[]>,
  };
}
