// The clause catalog as columns (search/clause-catalog.ts reads them): one row per clause with its
// id, path, document and text, and its theme and agency names as offset lists into one name table.
// Built at ingest from the batch and the previous generation's file, written into the generation
// as catalog.bin, and opened by the search service with one read: typed arrays view the file, and a
// clause's text is decoded only when a query asks for it.
import path from 'node:path';
import type { Clause, Edge, GraphBatch, PolicyDocument, Target } from '../graph/model.js';
import type { SearchResult } from './types.js';
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
  /**
   * What a search result shows of the row beyond its text and document, as the graph join reads it;
   * absent when some row's links were not known to the build (a catalog read from the graph, or kept
   * from a file written before these facts): results then join the graph.
   */
  facts?: (row: number) => ClauseFacts;
}

/** A clause's heading, themes, assigned agencies and targets, ordered as GraphStore.expand orders them. */
export interface ClauseFacts {
  heading: string | null;
  themes: SearchResult['themes'];
  agencies: SearchResult['agencies'];
  targets: SearchResult['targets'];
}

const NO_FACTS: ClauseFacts = Object.freeze({ heading: null, themes: [], agencies: [], targets: [] });
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The facts of `clause` from its catalog edges, in expand's order: themes by name, agencies by role then name, targets by id (each once). */
function factsOf(clause: { heading?: string | null }, edges: readonly Pick<Edge, 'type' | 'to' | 'properties'>[], names: ReadonlyMap<string, string>, targets: ReadonlyMap<string, Target>): ClauseFacts {
  const themes = new Map<string, { id: string; name: string }>();
  const agencies: SearchResult['agencies'] = [];
  const targetList = new Map<string, SearchResult['targets'][number]>();
  for (const edge of edges) {
    if (edge.type === 'MENTIONS') themes.set(edge.to, { id: edge.to, name: names.get(edge.to) ?? edge.to });
    else if (edge.type === 'ASSIGNS') {
      const role = edge.properties.role as SearchResult['agencies'][number]['role'];
      agencies.push({ id: edge.to, name: names.get(edge.to) ?? edge.to, role, deadline: (edge.properties.deadline as string | null | undefined) ?? null });
    } else if (edge.type === 'SETS') {
      const target = targets.get(edge.to);
      if (target) targetList.set(target.id, { id: target.id, metric: target.metric, value: target.value, year: target.year });
    }
  }
  return {
    heading: clause.heading ?? null,
    themes: [...themes.values()].sort((a, b) => byText(a.name, b.name)),
    agencies: agencies.sort((a, b) => byText(a.role, b.role) || byText(a.name, b.name)),
    targets: [...targetList.values()].sort((a, b) => byText(a.id, b.id)),
  };
}

function isEmpty(facts: ClauseFacts): boolean {
  return facts.heading === null && !facts.themes.length && !facts.agencies.length && !facts.targets.length;
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
  /** Each row's facts as JSON ('' for none); null once a row came without them. */
  private facts: string[] | null = [];
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

  /** A row; without `facts` the catalog has none (its results join the graph). */
  addClause(clause: Pick<Clause, 'id' | 'docId' | 'path' | 'text'>, links: ClauseLinks, facts?: ClauseFacts): void {
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
    if (!facts) this.facts = null;
    else this.facts?.push(isEmpty(facts) ? '' : JSON.stringify(facts));
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
        from.facts?.(row),
      );
    }
  }

  /** The documents, clauses and catalog edges of an ingest batch (SIMILAR_TO and the rest are not the catalog's). */
  addBatch(batch: GraphBatch): void {
    for (const doc of batch.documents) this.addDocument(doc);
    const names = new Map<string, string>();
    for (const t of batch.themes) names.set(t.id, t.name);
    for (const a of batch.agencies) names.set(a.id, a.name);
    this.addLinked(batch.clauses, batch.edges, names, new Map(batch.targets.map((t) => [t.id, t])));
  }

  /**
   * Clauses with the ISSUED_BY, MENTIONS, ASSIGNS and SETS edges among `edges` (other types are
   * ignored); `names` gives theme and agency names by node id (an unknown id stands for itself).
   * With `targets` (the batch's Target nodes by id; edges then carry their properties) the rows
   * also get their result facts.
   */
  addLinked(
    clauses: Iterable<Pick<Clause, 'id' | 'docId' | 'path' | 'text' | 'heading'>>,
    edges: Iterable<Pick<Edge, 'type' | 'from' | 'to'> & { properties?: Edge['properties'] }>,
    names: ReadonlyMap<string, string>,
    targets?: ReadonlyMap<string, Target>,
  ): void {
    const links = new Map<string, { themes: string[]; agencies: string[]; assigns: boolean; sets: boolean }>();
    const linksOf = (id: string) => {
      let l = links.get(id);
      if (!l) links.set(id, (l = { themes: [], agencies: [], assigns: false, sets: false }));
      return l;
    };
    const factEdges = new Map<string, Pick<Edge, 'type' | 'to' | 'properties'>[]>();
    for (const edge of edges) {
      if (targets && (edge.type === 'MENTIONS' || edge.type === 'ASSIGNS' || edge.type === 'SETS')) {
        let list = factEdges.get(edge.from);
        if (!list) factEdges.set(edge.from, (list = []));
        list.push({ type: edge.type, to: edge.to, properties: edge.properties ?? {} });
      }
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
    for (const clause of clauses) {
      const facts = targets ? factsOf(clause, factEdges.get(clause.id) ?? [], names, targets) : undefined;
      this.addClause(clause, links.get(clause.id) ?? none, facts);
    }
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
    const facts = this.facts;
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
      ...(facts && { facts: (row: number) => (facts[row] ? (JSON.parse(facts[row]) as ClauseFacts) : NO_FACTS) }),
    };
  }
}

/** UTF-8 of each row's string, concatenated, and where each ends. */
function encodeRows(count: number, valueOf: (row: number) => string): { ends: Uint32Array; bytes: Buffer } {
  const encoded: Buffer[] = [];
  const ends = new Uint32Array(count);
  let end = 0;
  for (let row = 0; row < count; row++) {
    const bytes = Buffer.from(valueOf(row), 'utf8');
    encoded.push(bytes);
    end += bytes.byteLength;
    ends[row] = end;
  }
  return { ends, bytes: Buffer.concat(encoded) };
}

/** Writes `columns` to <dir>/catalog.bin, tagged with the build's generation. */
export function writeCatalog(dir: string, generation: string, columns: CatalogColumns): void {
  const texts = encodeRows(columns.ids.length, columns.text);
  const facts = columns.facts && encodeRows(columns.ids.length, (row) => {
    const f = columns.facts!(row);
    return isEmpty(f) ? '' : JSON.stringify(f);
  });
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
      textEnds: { kind: 'u32', value: texts.ends },
      texts: { kind: 'bytes', value: texts.bytes },
      ...(facts && { factEnds: { kind: 'u32', value: facts.ends }, facts: { kind: 'bytes', value: facts.bytes } }),
    },
  );
}

/**
 * The catalog in <dir>/catalog.bin, or null when the index has none (built before it existed).
 * A file of another build than `generation` is INDEX_MISMATCH. `positional` (a one-shot search):
 * the texts and result facts (most of the file) stay on disk and a row's are read when asked
 * for; else (a build copying every row) the file is read whole.
 */
export function readCatalog(dir: string, generation: string, options: { positional?: boolean } = {}): CatalogColumns | null {
  const file = path.join(dir, CATALOG_FILE);
  let stored: SectionFile;
  try {
    stored = options.positional ? SectionFile.open(file, CATALOG_FORMAT) : SectionFile.read(file, CATALOG_FORMAT);
  } catch (err) {
    if ((err as PolicyGraphError).code === 'INDEX_MISSING') return null;
    throw err;
  }
  if (stored.header.generation !== generation) {
    stored.close();
    throw new PolicyGraphError('INDEX_MISMATCH', `${file} comes from another build than the index beside it (an interrupted ingest?): re-run policygraph ingest`);
  }
  const textEnds = stored.u32('textEnds');
  const decoder = new TextDecoder();
  const rowIn = (section: string, ends: Uint32Array) => (row: number) => decoder.decode(stored.bytesRange(section, row === 0 ? 0 : ends[row - 1], ends[row]));
  const textOf = rowIn('texts', textEnds);
  const factOf = stored.has('facts') ? rowIn('facts', stored.u32('factEnds')) : null;
  return {
    ids: stored.strings('ids'),
    paths: stored.strings('paths'),
    docIds: stored.strings('docIds'),
    docOf: stored.u32('docOf'),
    text: textOf,
    names: stored.strings('names'),
    themeStarts: stored.u32('themeStarts'),
    themeNames: stored.u32('themeNames'),
    agencyStarts: stored.u32('agencyStarts'),
    agencyNames: stored.u32('agencyNames'),
    flags: stored.bytes('flags'),
    documents: stored.header.documents as PolicyDocument[],
    issuers: stored.header.issuers as Record<string, string[]>,
    ...(factOf && {
      facts: (row: number) => {
        const json = factOf(row);
        return json ? (JSON.parse(json) as ClauseFacts) : NO_FACTS;
      },
    }),
  };
}
