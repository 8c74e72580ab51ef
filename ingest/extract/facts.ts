// An accumulator of extracted facts, deduplicated by node id and edge key, that extractors return
// and extractKnowledge merges into the parser's GraphBatch.
import type { AgencyEntry, RegionEntry, ThemeEntry } from '../../dictionaries/dictionaries.js';
import type { Agency, Edge, EdgeProperties, EdgeType, GraphBatch, PolicyDocument, Region, Target, Theme } from '../../graph/model.js';

/** The key a store MERGEs an edge on: (from, type, to), plus role for ASSIGNS. */
export function edgeKey(edge: Pick<Edge, 'type' | 'from' | 'to' | 'properties'>): string {
  const role = edge.type === 'ASSIGNS' ? String(edge.properties.role ?? '') : '';
  return `${edge.type}\u0001${edge.from}\u0001${edge.to}\u0001${role}`;
}

export class FactSet {
  readonly themes = new Map<string, Theme>();
  readonly agencies = new Map<string, Agency>();
  readonly regions = new Map<string, Region>();
  readonly targets = new Map<string, Target>();
  /** Documents known only because they are cited (inCorpus: false). */
  readonly documents = new Map<string, PolicyDocument>();
  readonly edges = new Map<string, Edge>();

  addTheme(entry: ThemeEntry): Theme {
    let theme = this.themes.get(entry.id);
    if (!theme) {
      theme = { id: entry.id, name: entry.name, aliases: unique([...entry.aliases, ...entry.en]), category: entry.category };
      this.themes.set(theme.id, theme);
    }
    return theme;
  }

  addAgency(entry: AgencyEntry | Agency): Agency {
    let agency = this.agencies.get(entry.id);
    if (!agency) {
      agency = {
        id: entry.id,
        name: entry.name,
        aliases: unique(entry.aliases),
        level: entry.level,
        region: entry.region,
        successor: entry.successor,
      };
      this.agencies.set(agency.id, agency);
    }
    return agency;
  }

  addRegion(entry: RegionEntry | Region): Region {
    let region = this.regions.get(entry.name);
    if (!region) {
      region = { name: entry.name, level: entry.level };
      this.regions.set(region.name, region);
    }
    return region;
  }

  addTarget(target: Target): Target {
    const existing = this.targets.get(target.id);
    if (existing) return existing;
    this.targets.set(target.id, target);
    return target;
  }

  addDocument(doc: PolicyDocument): PolicyDocument {
    const existing = this.documents.get(doc.id);
    if (!existing) {
      this.documents.set(doc.id, doc);
      return doc;
    }
    // the same cited document seen under another title, or first without its 文号
    if (doc.title !== existing.title && !existing.aliases.includes(doc.title)) existing.aliases.push(doc.title);
    existing.docNumber ??= doc.docNumber;
    existing.year ??= doc.year;
    existing.region ??= doc.region;
    if (existing.level === 'unknown') existing.level = doc.level;
    for (const issuer of doc.issuers) if (!existing.issuers.includes(issuer)) existing.issuers.push(issuer);
    return existing;
  }

  /** Adds an edge unless one with the same key exists (the first evidence wins). */
  addEdge(type: EdgeType, from: string, to: string, properties: EdgeProperties = {}): void {
    const edge: Edge = { type, from, to, properties };
    const key = edgeKey(edge);
    if (!this.edges.has(key)) this.edges.set(key, edge);
  }

  merge(other: FactSet): this {
    for (const t of other.themes.values()) if (!this.themes.has(t.id)) this.themes.set(t.id, t);
    for (const a of other.agencies.values()) if (!this.agencies.has(a.id)) this.agencies.set(a.id, a);
    for (const r of other.regions.values()) if (!this.regions.has(r.name)) this.regions.set(r.name, r);
    for (const t of other.targets.values()) this.addTarget(t);
    for (const d of other.documents.values()) this.addDocument(d);
    for (const [key, e] of other.edges) if (!this.edges.has(key)) this.edges.set(key, e);
    return this;
  }

  edgesOf(type: EdgeType): Edge[] {
    return [...this.edges.values()].filter((e) => e.type === type);
  }

  /** Adds the facts to a batch, skipping nodes and edges the batch already has (so running twice adds nothing). */
  applyTo(batch: GraphBatch): void {
    const docIds = new Set(batch.documents.map((d) => d.id));
    for (const d of this.documents.values()) if (!docIds.has(d.id)) batch.documents.push(d);
    addMissing(batch.themes, this.themes.values(), (t) => t.id);
    addMissing(batch.agencies, this.agencies.values(), (a) => a.id);
    addMissing(batch.regions, this.regions.values(), (r) => r.name);
    addMissing(batch.targets, this.targets.values(), (t) => t.id);
    addMissing(batch.edges, this.edges.values(), edgeKey);
  }
}

function addMissing<T>(into: T[], items: Iterable<T>, key: (item: T) => string): void {
  const seen = new Set(into.map(key));
  for (const item of items) {
    const k = key(item);
    if (!seen.has(k)) {
      seen.add(k);
      into.push(item);
    }
  }
}

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
