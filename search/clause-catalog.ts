// What search needs to know about every clause without a graph round trip: its document (level,
// region, year, kind, 文号) and the themes and agencies it is linked to. It drives filters inside
// the HNSW and BM25 searches (so a filtered query still returns k hits) and the graph-match list of
// hybrid retrieval.
//
// Ingest writes it into each index generation as catalog.bin (search/catalog-file.ts), so the
// search service opens it with one read and a few typed-array views: no graph read at start,
// texts decoded only for the clauses a query touches. A data dir from before the file is read
// from the GraphStore once (fromStore).
import type { Edge, EdgeType, PolicyDocument } from '../graph/model.js';
import type { ClauseFilters, GraphStore } from '../graph/store.js';
import { ASSIGNS, CatalogBuilder, SETS, type CatalogColumns, type ClauseFacts } from './catalog-columns.js';
import { LruCache } from './lru-cache.js';

/** Clause texts kept decoded: a query weighs, boosts and shows the texts of its ~50-200 candidates, and warm queries meet the same ones. */
const DECODED_TEXTS = 8_192;

const CATALOG_EDGES: EdgeType[] = ['ISSUED_BY', 'MENTIONS', 'ASSIGNS', 'SETS'];

export interface CatalogClause {
  id: string;
  docId: string;
  text: string;
  path: string;
}

/** Region names compare without their administrative suffix: 四川省 = 四川. */
export function regionKey(name: string): string {
  return name.replace(/\s+/g, '').replace(/(壮族|回族|维吾尔)?(自治区|特别行政区|省|市)$/, '');
}

export class ClauseCatalog {
  private readonly rowOf = new Map<string, number>();
  private readonly documents = new Map<string, PolicyDocument>();
  private readonly issuers = new Map<string, Set<string>>();
  /** Inverted lists, built on the first query that asks for a theme or an agency. */
  private byTheme: Map<string, string[]> | null = null;
  private byAgency: Map<string, string[]> | null = null;
  /** Document ids by 文号 (as stored: normalised at ingest). */
  private readonly numbered = new Map<string, string[]>();
  private readonly documentOrder = new Map<string, number>();
  private readonly texts = new LruCache<number, string>(DECODED_TEXTS);
  /** Clause ids by document, built on the first query that reads a whole document (a definition question). */
  private byDocument: Map<string, string[]> | null = null;

  constructor(private readonly columns: CatalogColumns) {
    columns.ids.forEach((id, row) => this.rowOf.set(id, row));
    for (const d of columns.documents) this.documents.set(d.id, d);
    for (const d of this.documents.values()) {
      this.documentOrder.set(d.id, this.documentOrder.size);
      if (d.docNumber) this.numbered.set(d.docNumber, [...(this.numbered.get(d.docNumber) ?? []), d.id]);
    }
    for (const [docId, names] of Object.entries(columns.issuers)) this.issuers.set(docId, new Set(names));
  }

  /** Reads the whole catalog from the graph: for data dirs whose index has no catalog.bin. */
  static async fromStore(store: GraphStore): Promise<ClauseCatalog> {
    return new ClauseCatalog(await catalogColumnsFromStore(store));
  }

  get size(): number {
    return this.columns.ids.length;
  }

  *allClauses(): IterableIterator<CatalogClause> {
    // every row once: straight from the columns, not through the decoded-text cache
    const c = this.columns;
    for (let row = 0; row < c.ids.length; row++) yield { id: c.ids[row], docId: c.docIds[c.docOf[row]], text: c.text(row), path: c.paths[row] };
  }

  private clauseAt(row: number): CatalogClause {
    const c = this.columns;
    return { id: c.ids[row], docId: c.docIds[c.docOf[row]], text: this.textAt(row), path: c.paths[row] };
  }

  private textAt(row: number): string {
    let text = this.texts.get(row);
    if (text === undefined) {
      text = this.columns.text(row);
      this.texts.set(row, text);
    }
    return text;
  }

  clause(id: string): CatalogClause | undefined {
    const row = this.rowOf.get(id);
    return row === undefined ? undefined : this.clauseAt(row);
  }

  /** A clause's text (as clause(id).text, without building the clause: fusion reads hundreds a query). */
  text(id: string): string | undefined {
    const row = this.rowOf.get(id);
    return row === undefined ? undefined : this.textAt(row);
  }

  /** A document's clause ids, in catalog order. */
  clausesOf(docId: string): readonly string[] {
    if (!this.byDocument) {
      const c = this.columns;
      const byDocument = new Map<string, string[]>();
      for (let row = 0; row < c.ids.length; row++) {
        const docId = c.docIds[c.docOf[row]];
        const list = byDocument.get(docId);
        if (list) list.push(c.ids[row]);
        else byDocument.set(docId, [c.ids[row]]);
      }
      this.byDocument = byDocument;
    }
    return this.byDocument.get(docId) ?? [];
  }

  /** Whether the catalog holds every clause's result facts (heading, themes, agencies, targets): search results need no graph read. */
  get hasFacts(): boolean {
    return this.columns.facts !== undefined;
  }

  /** A clause's result facts, or undefined for an unknown clause or a catalog without them. */
  facts(id: string): ClauseFacts | undefined {
    const row = this.rowOf.get(id);
    return row === undefined || !this.columns.facts ? undefined : this.columns.facts(row);
  }

  /** Characters of a clause's text without white space (for priors), without building the clause. */
  substanceLength(id: string): number | undefined {
    return this.clause(id)?.text.replace(/\s+/g, '').length;
  }

  documentOf(id: string): PolicyDocument | undefined {
    const row = this.rowOf.get(id);
    return row === undefined ? undefined : this.documents.get(this.columns.docIds[this.columns.docOf[row]]);
  }

  document(docId: string): PolicyDocument | undefined {
    return this.documents.get(docId);
  }

  /** Every document (cited-only ones too) ordered by id, as GraphStore.listDocuments lists them: no graph read. */
  documentList(): PolicyDocument[] {
    return [...this.documents.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }

  private namesAt(starts: Uint32Array, names: Uint32Array, id: string): ReadonlySet<string> {
    const row = this.rowOf.get(id);
    if (row === undefined || starts[row] === starts[row + 1]) return EMPTY;
    const out = new Set<string>();
    for (let i = starts[row]; i < starts[row + 1]; i++) out.add(this.columns.names[names[i]]);
    return out;
  }

  themes(id: string): ReadonlySet<string> {
    return this.namesAt(this.columns.themeStarts, this.columns.themeNames, id);
  }

  agencies(id: string): ReadonlySet<string> {
    return this.namesAt(this.columns.agencyStarts, this.columns.agencyNames, id);
  }

  private inverted(starts: Uint32Array, names: Uint32Array): Map<string, string[]> {
    const by = new Map<string, string[]>();
    const c = this.columns;
    for (let row = 0; row < c.ids.length; row++) {
      for (let i = starts[row]; i < starts[row + 1]; i++) {
        const name = c.names[names[i]];
        let list = by.get(name);
        if (!list) by.set(name, (list = []));
        list.push(c.ids[row]);
      }
    }
    return by;
  }

  clausesWithTheme(name: string): readonly string[] {
    this.byTheme ??= this.inverted(this.columns.themeStarts, this.columns.themeNames);
    return this.byTheme.get(name) ?? [];
  }

  clausesWithAgency(name: string): readonly string[] {
    this.byAgency ??= this.inverted(this.columns.agencyStarts, this.columns.agencyNames);
    return this.byAgency.get(name) ?? [];
  }

  assignsAgencies(id: string): boolean {
    const row = this.rowOf.get(id);
    return row !== undefined && (this.columns.flags[row] & ASSIGNS) !== 0;
  }

  setsTargets(id: string): boolean {
    const row = this.rowOf.get(id);
    return row !== undefined && (this.columns.flags[row] & SETS) !== 0;
  }

  /** Region of a document for matching: national documents without a stated region count as 全国. */
  regionOf(doc: PolicyDocument): string | null {
    if (doc.region) return regionKey(doc.region);
    return doc.level === 'national' ? '全国' : null;
  }

  /** Whether some document of the catalog is of this region (without its suffix: 四川 = 四川省; national ones are 全国). */
  knowsRegion(name: string): boolean {
    const key = regionKey(name);
    for (const doc of this.documents.values()) if (this.regionOf(doc) === key) return true;
    return false;
  }

  /** Whether some clause is assigned to this agency or some document issued by it. */
  knowsAgency(name: string): boolean {
    if (this.clausesWithAgency(name).length) return true;
    for (const names of this.issuers.values()) if (names.has(name)) return true;
    return false;
  }

  /** Documents whose 文号 is one of `docNumbers` (already normalised). */
  documentsNumbered(docNumbers: string[]): Set<string> {
    const found: string[] = [];
    for (const number of new Set(docNumbers)) found.push(...(this.numbered.get(number) ?? []));
    // in the documents' order, as a scan of them would list them
    if (found.length > 1) found.sort((x, y) => this.documentOrder.get(x)! - this.documentOrder.get(y)!);
    return new Set(found);
  }

  /**
   * A predicate for the filters, or undefined when there are none; the same semantics as
   * GraphStore.expand. Themes and agencies are canonical names (resolve aliases first), an agency
   * matches clauses that ASSIGN it and clauses of documents ISSUED_BY it; documents are ids or 文号.
   */
  predicate(filters: ClauseFilters | undefined): ((id: string) => boolean) | undefined {
    if (!filters) return undefined;
    const f = filters;
    const docs = f.doc?.length ? new Set(f.doc) : null;
    const levels = f.level?.length ? new Set<string>(f.level) : null;
    const kinds = f.kind?.length ? new Set<string>(f.kind) : null;
    const regions = f.region?.length ? new Set(f.region.map(regionKey)) : null;
    const themes = f.theme?.length ? f.theme : null;
    const agencies = f.agency?.length ? f.agency : null;
    if (!docs && !levels && !kinds && !regions && !themes && !agencies && f.yearFrom === undefined && f.yearTo === undefined) return undefined;
    return (id) => {
      const doc = this.documentOf(id);
      if (!doc) return false;
      if (docs && !docs.has(doc.id) && !(doc.docNumber && docs.has(doc.docNumber))) return false;
      if (levels && !levels.has(doc.level)) return false;
      if (kinds && !kinds.has(doc.kind)) return false;
      if (regions) {
        const region = this.regionOf(doc);
        if (!region || !regions.has(region)) return false;
      }
      if (f.yearFrom !== undefined && !(doc.year !== null && doc.year >= f.yearFrom)) return false;
      if (f.yearTo !== undefined && !(doc.year !== null && doc.year <= f.yearTo)) return false;
      if (themes && !themes.some((t) => this.themes(id).has(t))) return false;
      if (agencies && !agencies.some((a) => this.agencies(id).has(a) || this.issuers.get(doc.id)?.has(a))) return false;
      return true;
    };
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/** Every clause's catalog row, read from the graph (all clauses and the four edge types the catalog uses). */
export async function catalogColumnsFromStore(store: GraphStore): Promise<CatalogColumns> {
  const [documents, clauses, themes, agencies] = await Promise.all([store.listDocuments(), store.allClauses(), store.listThemes(), store.listAgencies()]);
  const builder = new CatalogBuilder();
  for (const d of documents) builder.addDocument(d);
  const names = new Map<string, string>();
  for (const t of themes) names.set(t.id, t.name);
  for (const a of agencies) names.set(a.id, a.name);
  // only the four edge types the catalog uses (SIMILAR_TO, NEXT, HAS_CHILD … are most of the graph)
  const edges: Edge[] = [];
  for await (const record of store.exportEdges ? store.exportEdges(CATALOG_EDGES) : store.exportAll()) {
    if (record.kind === 'edge') edges.push({ type: record.type, from: record.from, to: record.to, properties: {} });
  }
  builder.addLinked(clauses, edges, names);
  return builder.columns();
}
