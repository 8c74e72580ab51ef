// What search needs to know about every clause without a graph round trip: its document (level,
// region, year, kind, 文号) and the themes and agencies it is linked to. Read once from the
// GraphStore when the search service starts; it drives filters inside the HNSW and BM25 searches
// (so a filtered query still returns k hits) and the graph-match list of hybrid retrieval.
import type { EdgeType, PolicyDocument } from '../graph/model.js';
import type { ClauseFilters, GraphStore } from '../graph/store.js';

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
  private readonly clauses = new Map<string, CatalogClause>();
  private readonly documents = new Map<string, PolicyDocument>();
  private readonly themesOf = new Map<string, Set<string>>();
  private readonly agenciesOf = new Map<string, Set<string>>();
  private readonly byTheme = new Map<string, string[]>();
  private readonly byAgency = new Map<string, string[]>();
  private readonly withAssigns = new Set<string>();
  private readonly withTargets = new Set<string>();
  /** Agencies a document is ISSUED_BY: the store's agency filter accepts those too. */
  private readonly issuers = new Map<string, Set<string>>();

  static async fromStore(store: GraphStore): Promise<ClauseCatalog> {
    const catalog = new ClauseCatalog();
    const [documents, clauses, themes, agencies] = await Promise.all([store.listDocuments(), store.allClauses(), store.listThemes(), store.listAgencies()]);
    for (const d of documents) catalog.documents.set(d.id, d);
    for (const c of clauses) catalog.clauses.set(c.id, { id: c.id, docId: c.docId, text: c.text, path: c.path });
    const themeName = new Map(themes.map((t) => [t.id, t.name]));
    const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
    // only the four edge types the catalog uses (SIMILAR_TO, NEXT, HAS_CHILD … are most of the graph)
    const edges = store.exportEdges ? store.exportEdges(CATALOG_EDGES) : store.exportAll();
    for await (const record of edges) {
      if (record.kind !== 'edge') continue;
      if (record.type === 'ISSUED_BY') {
        const names = catalog.issuers.get(record.from) ?? new Set<string>();
        names.add(agencyName.get(record.to) ?? record.to);
        catalog.issuers.set(record.from, names);
        continue;
      }
      if (!catalog.clauses.has(record.from)) continue;
      if (record.type === 'MENTIONS') catalog.link(catalog.themesOf, catalog.byTheme, record.from, themeName.get(record.to) ?? record.to);
      else if (record.type === 'ASSIGNS') {
        catalog.link(catalog.agenciesOf, catalog.byAgency, record.from, agencyName.get(record.to) ?? record.to);
        catalog.withAssigns.add(record.from);
      } else if (record.type === 'SETS') catalog.withTargets.add(record.from);
    }
    return catalog;
  }

  private link(of: Map<string, Set<string>>, by: Map<string, string[]>, clauseId: string, name: string): void {
    let names = of.get(clauseId);
    if (!names) of.set(clauseId, (names = new Set()));
    if (names.has(name)) return;
    names.add(name);
    by.set(name, [...(by.get(name) ?? []), clauseId]);
  }

  get size(): number {
    return this.clauses.size;
  }

  allClauses(): IterableIterator<CatalogClause> {
    return this.clauses.values();
  }

  clause(id: string): CatalogClause | undefined {
    return this.clauses.get(id);
  }

  documentOf(id: string): PolicyDocument | undefined {
    const clause = this.clauses.get(id);
    return clause ? this.documents.get(clause.docId) : undefined;
  }

  document(docId: string): PolicyDocument | undefined {
    return this.documents.get(docId);
  }

  themes(id: string): ReadonlySet<string> {
    return this.themesOf.get(id) ?? EMPTY;
  }

  agencies(id: string): ReadonlySet<string> {
    return this.agenciesOf.get(id) ?? EMPTY;
  }

  clausesWithTheme(name: string): readonly string[] {
    return this.byTheme.get(name) ?? [];
  }

  clausesWithAgency(name: string): readonly string[] {
    return this.byAgency.get(name) ?? [];
  }

  assignsAgencies(id: string): boolean {
    return this.withAssigns.has(id);
  }

  setsTargets(id: string): boolean {
    return this.withTargets.has(id);
  }

  /** Region of a document for matching: national documents without a stated region count as 全国. */
  regionOf(doc: PolicyDocument): string | null {
    if (doc.region) return regionKey(doc.region);
    return doc.level === 'national' ? '全国' : null;
  }

  /** Documents whose 文号 is one of `docNumbers` (already normalised). */
  documentsNumbered(docNumbers: string[]): Set<string> {
    const wanted = new Set(docNumbers);
    return new Set([...this.documents.values()].filter((d) => d.docNumber && wanted.has(d.docNumber)).map((d) => d.id));
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
