// A GraphStore held in memory, for search tests and benchmarks that need a graph without a
// database. It implements the port's semantics (filters, joins, targets) over one GraphBatch;
// the real adapters are tested against the same port elsewhere.
import type { Agency, Clause, Edge, ExportRecord, GraphBatch, PolicyDocument, Target, Theme } from '../../graph/model.js';
import type {
  AgencySummary,
  AssignedAgency,
  ClauseContext,
  ClauseFilters,
  DocumentRef,
  DocumentSummary,
  GraphStore,
  Neighbourhood,
  OutlineEntry,
  TargetRow,
  ThemeSummary,
  WriteStats,
} from '../../graph/store.js';

export class MemoryGraphStore implements GraphStore {
  readonly engine = 'memory';
  private documents = new Map<string, PolicyDocument>();
  private clauses = new Map<string, Clause>();
  private themes = new Map<string, Theme>();
  private agencies = new Map<string, Agency>();
  private targets = new Map<string, Target>();
  private edges: Edge[] = [];
  private outgoing = new Map<string, Edge[]>();
  /** SIMILAR_TO edges by either endpoint (they are read undirected). */
  private similarTo = new Map<string, Edge[]>();

  constructor(batch?: GraphBatch) {
    if (batch) this.load(batch);
  }

  async open(): Promise<void> {}
  async close(): Promise<void> {}

  async write(batch: GraphBatch): Promise<WriteStats> {
    this.load(batch);
    return { nodes: batch.documents.length + batch.clauses.length + batch.themes.length + batch.agencies.length + batch.targets.length, edges: batch.edges.length };
  }

  private load(batch: GraphBatch): void {
    for (const d of batch.documents) this.documents.set(d.id, d);
    for (const c of batch.clauses) this.clauses.set(c.id, c);
    for (const t of batch.themes) this.themes.set(t.id, t);
    for (const a of batch.agencies) this.agencies.set(a.id, a);
    for (const t of batch.targets) this.targets.set(t.id, t);
    const key = (e: Edge) => `${e.type}|${e.from}|${e.to}`;
    const known = new Set(this.edges.map(key));
    for (const e of batch.edges) {
      if (known.has(key(e))) continue;
      known.add(key(e));
      this.edges.push(e);
      this.index(e);
    }
  }

  private index(e: Edge): void {
    const push = (map: Map<string, Edge[]>, key: string) => {
      const list = map.get(key);
      if (list) list.push(e);
      else map.set(key, [e]);
    };
    push(this.outgoing, e.from);
    if (e.type === 'SIMILAR_TO') {
      push(this.similarTo, e.from);
      push(this.similarTo, e.to);
    }
  }

  async deleteDocument(id: string): Promise<boolean> {
    if (!this.documents.delete(id)) return false;
    const gone = new Set([...this.clauses.values()].filter((c) => c.docId === id).map((c) => c.id));
    for (const c of gone) this.clauses.delete(c);
    this.edges = this.edges.filter((e) => e.from !== id && !gone.has(e.from) && !gone.has(e.to));
    this.outgoing = new Map();
    this.similarTo = new Map();
    for (const e of this.edges) this.index(e);
    return true;
  }

  async listDocuments(): Promise<DocumentSummary[]> {
    return [...this.documents.values()].map((d) => ({ ...d, clauseCount: [...this.clauses.values()].filter((c) => c.docId === d.id).length }));
  }

  async getDocument(id: string): Promise<PolicyDocument | null> {
    return this.documents.get(id) ?? null;
  }

  async outline(docId: string): Promise<OutlineEntry[]> {
    return this.ordered()
      .filter((c) => c.docId === docId)
      .map(({ id, path, number, heading, depth, ordinal, kind }) => ({ id, path, number, heading, depth, ordinal, kind }));
  }

  async getClauses(ids: string[]): Promise<Clause[]> {
    return ids.map((id) => this.clauses.get(id)).filter((c): c is Clause => Boolean(c));
  }

  async allClauses(): Promise<Clause[]> {
    return this.ordered();
  }

  private ordered(): Clause[] {
    return [...this.clauses.values()].sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.ordinal - b.ordinal));
  }

  private out(id: string, type: Edge['type']): Edge[] {
    return (this.outgoing.get(id) ?? []).filter((e) => e.type === type);
  }

  async expand(ids: string[], filters: ClauseFilters = {}): Promise<ClauseContext[]> {
    const contexts: ClauseContext[] = [];
    for (const id of ids) {
      const clause = this.clauses.get(id);
      const document = clause && this.documents.get(clause.docId);
      if (!clause || !document) continue;
      const themes = this.out(id, 'MENTIONS').map((e) => this.themes.get(e.to)).filter((t): t is Theme => Boolean(t));
      const agencies: AssignedAgency[] = this.out(id, 'ASSIGNS').flatMap((e) => {
        const agency = this.agencies.get(e.to);
        if (!agency) return [];
        const deadline = typeof e.properties.deadline === 'string' ? e.properties.deadline : null;
        return [{ agency, role: e.properties.role === 'support' ? ('support' as const) : ('lead' as const), deadline, openEnded: e.properties.openEnded === true }];
      });
      const issuers = this.out(document.id, 'ISSUED_BY').map((e) => this.agencies.get(e.to)).filter((a): a is Agency => Boolean(a));
      if (!passes(document, themes, [...agencies.map((a) => a.agency), ...issuers], filters)) continue;
      const parent = clause.parentId ? this.clauses.get(clause.parentId) : undefined;
      const docRefs = (type: Edge['type']): DocumentRef[] =>
        this.out(document.id, type).flatMap((e) => {
          const d = this.documents.get(e.to);
          return d ? [{ id: d.id, title: d.title, docNumber: d.docNumber, inCorpus: d.inCorpus, evidence: typeof e.properties.evidence === 'string' ? e.properties.evidence : null }] : [];
        });
      const similar = (this.similarTo.get(id) ?? []).map((e) => {
        const other = e.from === id ? e.to : e.from;
        return { id: other, docId: this.clauses.get(other)?.docId ?? '', score: Number(e.properties.score ?? 0) };
      });
      contexts.push({
        clause,
        document,
        parent: parent ? { id: parent.id, path: parent.path, heading: parent.heading } : null,
        themes,
        agencies,
        targets: this.out(id, 'SETS').map((e) => this.targets.get(e.to)).filter((t): t is Target => Boolean(t)),
        cites: docRefs('CITES'),
        implements: docRefs('IMPLEMENTS'),
        similar,
      });
    }
    return contexts;
  }

  async listThemes(): Promise<ThemeSummary[]> {
    return [...this.themes.values()].map((t) => {
      const clauseIds = this.edges.filter((e) => e.type === 'MENTIONS' && e.to === t.id).map((e) => e.from);
      const docs = new Set(clauseIds.map((c) => this.clauses.get(c)?.docId));
      return { ...t, clauseCount: clauseIds.length, documentCount: docs.size };
    });
  }

  async listAgencies(): Promise<AgencySummary[]> {
    return [...this.agencies.values()].map((a) => {
      const assigns = this.edges.filter((e) => e.type === 'ASSIGNS' && e.to === a.id);
      return {
        ...a,
        leadCount: assigns.filter((e) => e.properties.role !== 'support').length,
        supportCount: assigns.filter((e) => e.properties.role === 'support').length,
        issuedCount: this.edges.filter((e) => e.type === 'ISSUED_BY' && e.to === a.id).length,
      };
    });
  }

  async listTargets(metric?: string): Promise<TargetRow[]> {
    return this.edges
      .filter((e) => e.type === 'SETS')
      .flatMap((e) => {
        const target = this.targets.get(e.to);
        const clause = this.clauses.get(e.from);
        const doc = clause && this.documents.get(clause.docId);
        if (!target || !clause || !doc) return [];
        if (metric && !target.metric.includes(metric)) return [];
        return [{ ...target, clauseId: clause.id, docId: doc.id, docNumber: doc.docNumber, title: doc.title, region: doc.region, level: doc.level, path: clause.path }];
      });
  }

  async repeatingClauses(ids: string[]): Promise<{ from: string; to: string }[]> {
    const wanted = new Set(ids);
    return this.edges.filter((e) => e.type === 'REPEATS' && wanted.has(e.to)).map(({ from, to }) => ({ from, to }));
  }

  async neighbourhood(id: string): Promise<Neighbourhood> {
    const edges = this.edges.filter((e) => e.from === id || e.to === id).map(({ type, from, to }) => ({ type, from, to }));
    const ids = new Set([id, ...edges.flatMap((e) => [e.from, e.to])]);
    return { nodes: [...ids].map((n) => ({ id: n, label: 'Node', name: n })), edges };
  }

  async *exportAll(): AsyncIterable<ExportRecord> {
    for (const d of this.documents.values()) yield { kind: 'node', label: 'Document', id: d.id, properties: { ...d } };
    for (const c of this.clauses.values()) yield { kind: 'node', label: 'Clause', id: c.id, properties: { ...c } };
    for (const t of this.themes.values()) yield { kind: 'node', label: 'Theme', id: t.id, properties: { ...t } };
    for (const a of this.agencies.values()) yield { kind: 'node', label: 'Agency', id: a.id, properties: { ...a } };
    for (const t of this.targets.values()) yield { kind: 'node', label: 'Target', id: t.id, properties: { ...t } };
    for (const e of this.edges) yield { kind: 'edge', type: e.type, from: e.from, to: e.to, properties: { ...e.properties } };
  }
}

/**
 * The port's filter semantics: every given filter must hold; themes and agencies match by id or
 * name; an agency matches clauses that ASSIGN it and documents ISSUED_BY it.
 */
function passes(document: PolicyDocument, themes: Theme[], agencies: Agency[], f: ClauseFilters): boolean {
  if (f.doc?.length && !f.doc.includes(document.id) && !(document.docNumber && f.doc.includes(document.docNumber))) return false;
  if (f.level?.length && !f.level.includes(document.level)) return false;
  if (f.kind?.length && !f.kind.includes(document.kind)) return false;
  if (f.region?.length && !(document.region && f.region.includes(document.region))) return false;
  if (f.yearFrom !== undefined && !(document.year !== null && document.year >= f.yearFrom)) return false;
  if (f.yearTo !== undefined && !(document.year !== null && document.year <= f.yearTo)) return false;
  if (f.theme?.length && !themes.some((t) => f.theme!.includes(t.id) || f.theme!.includes(t.name))) return false;
  if (f.agency?.length && !agencies.some((a) => f.agency!.includes(a.id) || f.agency!.includes(a.name))) return false;
  return true;
}
