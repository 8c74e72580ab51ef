// Added clauses of an index generation, recorded beside unchanged files instead of rewriting them
// (the counterpart of search/tombstones.ts for deletions). An add of a few documents
// (search/index-add.ts) publishes a generation whose HNSW, BM25, catalog and hash files are hard
// links to the previous generation's, plus a small delta/ folder: added.bin (the added clauses' ids,
// text hashes, vectors and terms as the index's tokenizer analysed them) and catalog.bin (their
// catalog rows and documents). Loading applies it: the vectors become an exact segment searched
// beside the graphs (search/vector-segment.ts), the terms are added to BM25 (N, avgdl and each
// df then count them as a rebuild would; no jieba at load), the rows are appended to the catalog.
// Tombstones apply after it. The folder is tagged with the build generation it amends and its own
// tag, both in the manifest; the next whole build folds it in (foldDelta) and writes none.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PolicyGraphError } from '../graph/errors.js';
import type { PolicyDocument } from '../graph/model.js';
import { SectionFile, writeSections } from './binary-sections.js';
import { readCatalog, writeCatalog, type CatalogColumns } from './catalog-columns.js';
import type { LexicalIndex } from './lexical-index.js';
import { catalogWithout, readTombstones, type TombstoneRecord, type Tombstones } from './tombstones.js';
import type { TextTerms } from './tokenize.js';
import type { VectorIndex } from './vector-index.js';
import { VectorSegment } from './vector-segment.js';

export const DELTA_DIR = 'delta';
const ADDED_FILE = 'added.bin';
const FORMAT = 'policygraph-delta';

/** What a manifest records of its delta folder. */
export interface DeltaRecord {
  dir: string;
  /** Random tag of this delta; its files repeat it (a folder of another add is refused). */
  tag: string;
  clauses: number;
  documents: number;
}

export interface IndexDelta {
  ids: string[];
  /** Text hash of each added clause (as text-hashes.bin records them), in ids' order. */
  hashes: string[];
  /** The added clauses' vectors, flat, dimension each. */
  vectors: Float32Array;
  dimension: number;
  terms: TextTerms[];
  /** Catalog rows of the added clauses and the added documents. */
  catalog: CatalogColumns | null;
}

export const NO_DELTA: IndexDelta = { ids: [], hashes: [], vectors: new Float32Array(0), dimension: 0, terms: [], catalog: null };

/** Writes <dir>/delta/ for the files of build `buildGeneration`, flushed; returns the manifest's record of it. */
export function writeDelta(dir: string, buildGeneration: string, delta: IndexDelta): DeltaRecord {
  const tag = randomUUID();
  const folder = path.join(dir, DELTA_DIR);
  fs.mkdirSync(folder, { recursive: true });
  const flat = (lists: string[][]) => {
    const ends = new Uint32Array(lists.length);
    lists.reduce((end, list, i) => (ends[i] = end + list.length), 0);
    return { ends, all: lists.flat() };
  };
  const words = flat(delta.terms.map((t) => t.words));
  const bigrams = flat(delta.terms.map((t) => t.bigrams));
  writeSections(path.join(folder, ADDED_FILE), FORMAT, { generation: buildGeneration, tag, dimension: delta.dimension }, {
    ids: { kind: 'strings', value: delta.ids },
    hashes: { kind: 'strings', value: delta.hashes },
    vectors: { kind: 'bytes', value: new Uint8Array(delta.vectors.buffer, delta.vectors.byteOffset, delta.vectors.byteLength) },
    wordEnds: { kind: 'u32', value: words.ends },
    words: { kind: 'strings', value: words.all },
    bigramEnds: { kind: 'u32', value: bigrams.ends },
    bigrams: { kind: 'strings', value: bigrams.all },
  });
  if (delta.catalog) writeCatalog(folder, tag, delta.catalog);
  syncFolder(folder);
  return { dir: DELTA_DIR, tag, clauses: delta.ids.length, documents: delta.catalog?.documents.filter((d) => d.inCorpus).length ?? 0 };
}

/**
 * The delta a manifest names (NO_DELTA when it names none). Files of another build or another add
 * than the manifest says are INDEX_MISMATCH, like every other index file.
 */
export function readDelta(dir: string, buildGeneration: string, record: DeltaRecord | null | undefined): IndexDelta {
  if (!record) return NO_DELTA;
  const folder = path.join(dir, record.dir);
  const file = path.join(folder, ADDED_FILE);
  const stored = SectionFile.read(file, FORMAT);
  if (stored.header.generation !== buildGeneration || stored.header.tag !== record.tag) {
    throw new PolicyGraphError('INDEX_MISMATCH', `${file} is not the list of added clauses this index was published with (an interrupted ingest?): re-run policygraph ingest`);
  }
  const dimension = stored.header.dimension as number;
  const bytes = stored.bytes('vectors');
  const vectors = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(vectors.buffer).set(bytes); // a copy: the section need not be 4-byte aligned
  const split = (ends: Uint32Array, all: string[]) => Array.from(ends, (end, i) => all.slice(i === 0 ? 0 : ends[i - 1], end));
  const words = split(stored.u32('wordEnds'), stored.strings('words'));
  const bigrams = split(stored.u32('bigramEnds'), stored.strings('bigrams'));
  const ids = stored.strings('ids');
  if (vectors.length !== ids.length * dimension || words.length !== ids.length) {
    throw new PolicyGraphError('INDEX_MISMATCH', `${file} is damaged (its sections disagree on the number of clauses): re-run policygraph ingest`);
  }
  return {
    ids,
    hashes: stored.strings('hashes'),
    vectors,
    dimension,
    terms: ids.map((_, i) => ({ words: words[i], bigrams: bigrams[i] })),
    catalog: readCatalog(folder, record.tag),
  };
}

/** Two deltas of one build as one, `later`'s clauses after `earlier`'s (ids are distinct: an add takes new clauses only). */
export function mergeDeltas(earlier: IndexDelta, later: IndexDelta): IndexDelta {
  if (!earlier.ids.length && !earlier.catalog) return later;
  const vectors = new Float32Array(earlier.vectors.length + later.vectors.length);
  vectors.set(earlier.vectors);
  vectors.set(later.vectors, earlier.vectors.length);
  return {
    ids: [...earlier.ids, ...later.ids],
    hashes: [...earlier.hashes, ...later.hashes],
    vectors,
    dimension: later.dimension || earlier.dimension,
    terms: [...earlier.terms, ...later.terms],
    catalog: earlier.catalog && later.catalog ? catalogWith(earlier.catalog, later.catalog) : (later.catalog ?? earlier.catalog),
  };
}

/** Adds a delta to loaded indexes for querying: its vectors as an exact segment, its terms to BM25. */
export function applyDelta(delta: IndexDelta, vectors: VectorIndex, lexical: LexicalIndex): void {
  if (!delta.ids.length) return;
  vectors.attachSegment(new VectorSegment(delta.dimension, delta.ids, delta.vectors));
  lexical.addAnalysed(delta.ids.map((id, i) => ({ id, terms: delta.terms[i] })));
}

/** Adds a delta to indexes a whole build will save: its vectors into the graphs, its terms to BM25. */
export function foldDelta(delta: IndexDelta, vectors: VectorIndex | null, lexical: LexicalIndex | null): void {
  delta.ids.forEach((id, i) => vectors?.upsert(id, delta.vectors.subarray(i * delta.dimension, (i + 1) * delta.dimension)));
  lexical?.addAnalysed(delta.ids.map((id, i) => ({ id, terms: delta.terms[i] })));
}

/**
 * `base` with the rows of `added` after its own, as a rebuild's catalog orders them (kept rows,
 * then the batch's). Names and documents are remapped without decoding any text.
 */
export function catalogWith(base: CatalogColumns, added: CatalogColumns | null): CatalogColumns {
  if (!added || (!added.ids.length && !added.documents.length)) return base;
  const baseRows = base.ids.length;
  const docIds = [...base.docIds];
  const docIndex = new Map(docIds.map((id, i) => [id, i]));
  const docMap = added.docIds.map((id) => {
    let at = docIndex.get(id);
    if (at === undefined) {
      at = docIds.length;
      docIds.push(id);
      docIndex.set(id, at);
    }
    return at;
  });
  const names = [...base.names];
  const nameIndex = new Map(names.map((name, i) => [name, i]));
  const nameMap = added.names.map((name) => {
    let at = nameIndex.get(name);
    if (at === undefined) {
      at = names.length;
      names.push(name);
      nameIndex.set(name, at);
    }
    return at;
  });
  const concat = (starts: Uint32Array, list: Uint32Array, addedStarts: Uint32Array, addedList: Uint32Array) => {
    const joinedStarts = new Uint32Array(baseRows + added.ids.length + 1);
    joinedStarts.set(starts.subarray(0, baseRows + 1));
    const offset = starts[baseRows];
    for (let row = 1; row <= added.ids.length; row++) joinedStarts[baseRows + row] = offset + addedStarts[row];
    const joined = new Uint32Array(offset + addedList.length);
    joined.set(list.subarray(0, offset));
    for (let i = 0; i < addedList.length; i++) joined[offset + i] = nameMap[addedList[i]];
    return { starts: joinedStarts, names: joined };
  };
  const themes = concat(base.themeStarts, base.themeNames, added.themeStarts, added.themeNames);
  const agencies = concat(base.agencyStarts, base.agencyNames, added.agencyStarts, added.agencyNames);
  const docOf = new Uint32Array(baseRows + added.ids.length);
  docOf.set(base.docOf);
  added.docOf.forEach((doc, row) => (docOf[baseRows + row] = docMap[doc]));
  const flags = new Uint8Array(baseRows + added.ids.length);
  flags.set(base.flags);
  flags.set(added.flags, baseRows);
  // a cited-only document never replaces one whose full text is in the corpus (as the catalog builder and the graph write)
  const documents = new Map<string, PolicyDocument>(base.documents.map((d) => [d.id, d]));
  for (const doc of added.documents) {
    const known = documents.get(doc.id);
    if (!(known && known.inCorpus && !doc.inCorpus)) documents.set(doc.id, doc);
  }
  const issuers: Record<string, string[]> = { ...base.issuers };
  for (const [docId, list] of Object.entries(added.issuers)) issuers[docId] = [...new Set([...(issuers[docId] ?? []), ...list])];
  const facts = base.facts && added.facts ? { facts: (row: number) => (row < baseRows ? base.facts!(row) : added.facts!(row - baseRows)) } : {};
  return {
    ids: [...base.ids, ...added.ids],
    paths: [...base.paths, ...added.paths],
    docIds,
    docOf,
    text: (row) => (row < baseRows ? base.text(row) : added.text(row - baseRows)),
    names,
    themeStarts: themes.starts,
    themeNames: themes.names,
    agencyStarts: agencies.starts,
    agencyNames: agencies.names,
    flags,
    documents: [...documents.values()],
    issuers,
    ...facts,
  };
}

/**
 * The catalog a generation serves: catalog.bin, the delta's rows after it, the tombstones' rows out;
 * null when the generation has no catalog.bin (built before it). `loaded` passes what loadIndexes already read;
 * `positional` leaves the base file's texts and facts on disk (readCatalog), as a search service reads them.
 */
export function servedCatalogOf(
  dir: string,
  manifest: { generation: string; delta?: DeltaRecord | null; tombstones?: TombstoneRecord | null },
  loaded?: { delta: IndexDelta; tombstones: Tombstones },
  options: { positional?: boolean } = {},
): CatalogColumns | null {
  const base = readCatalog(dir, manifest.generation, options);
  if (!base) return null;
  const delta = loaded?.delta ?? readDelta(dir, manifest.generation, manifest.delta);
  const tombstones = loaded?.tombstones ?? readTombstones(dir, manifest.generation, manifest.tombstones);
  return catalogWithout(catalogWith(base, delta.catalog), tombstones);
}

/** Hard-links the files of `delta/` of `source` into `dir`'s (for a deletion that keeps the delta as it is). */
export function linkDelta(source: string, dir: string, record: DeltaRecord | null | undefined): void {
  if (!record) return;
  const from = path.join(source, record.dir);
  const to = path.join(dir, record.dir);
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) {
    try {
      fs.linkSync(path.join(from, name), path.join(to, name));
    } catch {
      fs.copyFileSync(path.join(from, name), path.join(to, name));
    }
  }
  syncFolder(to);
}

function syncFolder(folder: string): void {
  for (const name of [...fs.readdirSync(folder), '.']) {
    const fd = fs.openSync(path.join(folder, name), 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}
