// Deleting a document from the graph and the search indexes together. The deletion publishes a new
// index generation (search/generations.ts) the way an ingest does, so the graph and the indexes it
// names change at once or not at all: the new folder links the published generation's files (no
// copy, no rewrite: hnswlib, BM25 and catalog files of a 100k-clause store are ~300 MB) and adds a
// tombstone list (search/tombstones.ts: ids and indexed texts) with a new manifest; it is flushed to disk, then the graph
// deletes the document — its clauses and their SIMILAR_TO edges with it — in the transaction that
// names the new generation. A kill before that commit leaves an unnamed folder the next write
// removes; a kill after it leaves the new generation whole.
import fs from 'node:fs';
import path from 'node:path';
import type { GraphStore } from '../graph/store.js';
import { reportPhase } from '../graph/phases.js';
import { writeJsonAtomic } from './atomic-file.js';
import { indexRoot, linkGenerationFiles, liveIndexDir, publishGeneration, publishedGeneration, syncDir } from './generations.js';
import { linkDelta, readDelta } from './index-delta.js';
import { LEXICAL_FILE, MANIFEST_FILE, clauseIndexText, readManifest, type IndexManifest } from './index-store.js';
import { LexicalIndex } from './lexical-index.js';
import { TOMBSTONES_FILE, mergeTombstones, readTombstones, writeTombstones, type Tombstones } from './tombstones.js';

export interface DocumentDeletion {
  /** False when the graph holds no such document (nothing changed). */
  deleted: boolean;
  /** The index generation the graph names after the deletion (null: the data dir has no index). */
  generation: number | null;
  /** Clauses taken out of the indexes. */
  clausesRemoved: number;
}

/**
 * Deletes document `documentId` (an id) from the graph in `store` and from the search indexes of
 * `dataDir`. A data dir without an index only loses the graph nodes.
 */
export async function deleteDocumentWithIndexes(store: GraphStore, dataDir: string, documentId: string): Promise<DocumentDeletion> {
  const published = await publishedGeneration(store);
  // a pre-generation data dir keeps its index flat in index/: the deletion publishes gen-1 from it
  const source = published === null ? (readManifest(dataDir) ? indexRoot(dataDir) : null) : liveIndexDir(dataDir, published);
  if (source === null) return { deleted: await store.deleteDocument(documentId), generation: null, clausesRemoved: 0 };
  // the lifecycle stages the generation, discards it when nothing was deleted or on failure, and cleans up after the commit
  return publishGeneration(
    dataDir,
    store,
    async ({ generation, dir, published: current }): Promise<DocumentDeletion> => {
      if (!(await store.getDocument(documentId))) return { deleted: false, generation: current, clausesRemoved: 0 };
      reportPhase('delete-index');
      const outline = await store.outline(documentId);
      const clauses = await store.getClauses(outline.map((entry) => entry.id));
      const removed = publishWithout(liveIndexDir(dataDir, current), dir, documentId, clauses);
      reportPhase('graph-write');
      if (!(await store.deleteDocument(documentId, { indexGeneration: generation }))) return { deleted: false, generation: current, clausesRemoved: 0 };
      return { deleted: true, generation, clausesRemoved: removed };
    },
    { committed: (deletion) => deletion.deleted, onPhase: reportPhase },
  );
}

/**
 * Writes generation folder `dir`: `source`'s files linked, its tombstones plus the clauses given,
 * and a manifest naming them, all on disk before returning. Returns how many clauses the index held
 * of those given (a clause the index never had — an interrupted ingest's — needs no tombstone).
 */
function publishWithout(source: string, dir: string, documentId: string, clauses: { id: string; heading: string | null; text: string }[]): number {
  const manifest = readManifest('', source)!;
  const previous = readTombstones(source, manifest.generation, manifest.tombstones);
  // only the BM25 file's ids are read: the terms are counted by readers, whose tokenizer is loaded anyway
  const inIndex = LexicalIndex.readIds(path.join(source, LEXICAL_FILE));
  for (const id of readDelta(source, manifest.generation, manifest.delta).ids) inIndex.add(id);
  const alreadyDeleted = new Set(previous.clauseIds);
  const indexed = clauses.filter((c) => inIndex.has(c.id) && !alreadyDeleted.has(c.id));
  const added: Tombstones = { clauseIds: indexed.map((c) => c.id), documentIds: [documentId], texts: indexed.map(clauseIndexText) };
  fs.mkdirSync(dir, { recursive: true });
  linkGenerationFiles(source, dir, [TOMBSTONES_FILE]);
  linkDelta(source, dir, manifest.delta);
  const record = writeTombstones(dir, manifest.generation, mergeTombstones(previous, added));
  const next: IndexManifest = { ...manifest, clauseCount: manifest.clauseCount - indexed.length, tombstones: record };
  // written last, as a build does: a reader that sees this manifest finds every file it names
  writeJsonAtomic(path.join(dir, MANIFEST_FILE), next);
  syncDir(dir);
  return indexed.length;
}
