// Deleted clauses of an index generation, recorded beside unchanged files instead of rewriting them.
// A deletion (search/index-delete.ts) publishes a new generation whose HNSW, BM25, catalog and hash
// files are hard links to the previous generation's — safe because no writer ever changes a file in
// place (each renames a new file over its name) — plus tombstones.bin: the deleted clause and
// document ids and the clauses' indexed texts. Loading applies it (HNSW markDelete; BM25 N, avgdl
// and each term's df, from the texts analysed by the index's own tokenizer, which a reader loads
// anyway — a deletion then needs no jieba; catalog rows), so every reader sees the index as a
// rebuild without those clauses would be. The file is tagged with the build generation of the files it amends and
// with its own tag, both recorded in the manifest; the next whole build writes whole files and none (an
// add of new documents keeps them: it links this file with the rest, search/index-add.ts).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { PolicyGraphError } from '../graph/errors.js';
import { SectionFile, writeSections } from './binary-sections.js';
import type { CatalogColumns } from './catalog-columns.js';
import type { LexicalIndex } from './lexical-index.js';
import type { VectorIndex } from './vector-index.js';

export const TOMBSTONES_FILE = 'tombstones.bin';
const FORMAT = 'policygraph-tombstones';

/** What a manifest records of its tombstone file. */
export interface TombstoneRecord {
  file: string;
  /** Random tag of this file; its header repeats it (a file from another deletion is refused). */
  tag: string;
  clauses: number;
  documents: number;
}

export interface Tombstones {
  clauseIds: string[];
  documentIds: string[];
  /** The text each deleted clause was indexed with (clauseIndexText), in clauseIds' order. */
  texts: string[];
}

export const NO_TOMBSTONES: Tombstones = { clauseIds: [], documentIds: [], texts: [] };

/** Tombstones of two deletions as one (ids are distinct: a clause is deleted once). */
export function mergeTombstones(a: Tombstones, b: Tombstones): Tombstones {
  return { clauseIds: [...a.clauseIds, ...b.clauseIds], documentIds: [...a.documentIds, ...b.documentIds], texts: [...a.texts, ...b.texts] };
}

/** Writes <dir>/tombstones.bin for the files of build `buildGeneration`; returns the manifest's record of it. */
export function writeTombstones(dir: string, buildGeneration: string, tombstones: Tombstones): TombstoneRecord {
  const tag = randomUUID();
  // texts hold line breaks: one byte run with end offsets, as catalog.bin stores them
  const encoded = tombstones.texts.map((text) => Buffer.from(text, 'utf8'));
  const textEnds = new Uint32Array(encoded.length);
  encoded.reduce((end, bytes, i) => (textEnds[i] = end + bytes.byteLength), 0);
  writeSections(path.join(dir, TOMBSTONES_FILE), FORMAT, { generation: buildGeneration, tag }, {
    clauseIds: { kind: 'strings', value: tombstones.clauseIds },
    documentIds: { kind: 'strings', value: tombstones.documentIds },
    textEnds: { kind: 'u32', value: textEnds },
    texts: { kind: 'bytes', value: Buffer.concat(encoded) },
  });
  return { file: TOMBSTONES_FILE, tag, clauses: tombstones.clauseIds.length, documents: tombstones.documentIds.length };
}

/**
 * The tombstones a manifest names (NO_TOMBSTONES when it names none). A file of another build or
 * another deletion than the manifest says is INDEX_MISMATCH, like every other index file.
 */
export function readTombstones(dir: string, buildGeneration: string, record: TombstoneRecord | null | undefined): Tombstones {
  if (!record) return NO_TOMBSTONES;
  const file = path.join(dir, record.file);
  const stored = SectionFile.read(file, FORMAT);
  if (stored.header.generation !== buildGeneration || stored.header.tag !== record.tag) {
    throw new PolicyGraphError('INDEX_MISMATCH', `${file} is not the list of deleted clauses this index was published with (an interrupted delete?): re-run policygraph ingest`);
  }
  const textEnds = stored.u32('textEnds');
  const bytes = stored.bytes('texts');
  const decoder = new TextDecoder();
  const texts = Array.from(textEnds, (end, i) => decoder.decode(bytes.subarray(i === 0 ? 0 : textEnds[i - 1], end)));
  return { clauseIds: stored.strings('clauseIds'), documentIds: stored.strings('documentIds'), texts };
}

/** Takes the deleted clauses out of loaded indexes: HNSW marks them deleted, BM25 stops counting them. */
export function applyTombstones(tombstones: Tombstones, vectors: VectorIndex, lexical: LexicalIndex): void {
  if (!tombstones.clauseIds.length) return;
  for (const id of tombstones.clauseIds) vectors.delete(id);
  lexical.deleteTombstoned(tombstones.clauseIds, lexical.termCounts(tombstones.texts));
}

/**
 * The catalog without the deleted clauses' rows and the deleted documents (and their issuers).
 * Rows are remapped without decoding any text: a clause's text is still read from the file on demand.
 */
export function catalogWithout(columns: CatalogColumns, tombstones: Tombstones): CatalogColumns {
  if (!tombstones.clauseIds.length && !tombstones.documentIds.length) return columns;
  const deletedClauses = new Set(tombstones.clauseIds);
  const deletedDocuments = new Set(tombstones.documentIds);
  const rows: number[] = [];
  for (let row = 0; row < columns.ids.length; row++) if (!deletedClauses.has(columns.ids[row])) rows.push(row);
  const regroup = (starts: Uint32Array, names: Uint32Array) => {
    const newStarts = new Uint32Array(rows.length + 1);
    const kept: number[] = [];
    rows.forEach((row, i) => {
      for (let at = starts[row]; at < starts[row + 1]; at++) kept.push(names[at]);
      newStarts[i + 1] = kept.length;
    });
    return { starts: newStarts, names: Uint32Array.from(kept) };
  };
  const themes = regroup(columns.themeStarts, columns.themeNames);
  const agencies = regroup(columns.agencyStarts, columns.agencyNames);
  return {
    ids: rows.map((row) => columns.ids[row]),
    paths: rows.map((row) => columns.paths[row]),
    docIds: columns.docIds,
    docOf: Uint32Array.from(rows, (row) => columns.docOf[row]),
    text: (row) => columns.text(rows[row]),
    names: columns.names,
    themeStarts: themes.starts,
    themeNames: themes.names,
    agencyStarts: agencies.starts,
    agencyNames: agencies.names,
    flags: Uint8Array.from(rows, (row) => columns.flags[row]),
    documents: columns.documents.filter((d) => !deletedDocuments.has(d.id)),
    issuers: Object.fromEntries(Object.entries(columns.issuers).filter(([docId]) => !deletedDocuments.has(docId))),
    ...(columns.facts && { facts: (row: number) => columns.facts!(rows[row]) }),
  };
}
