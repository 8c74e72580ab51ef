// Adding a few new documents to a big index without rewriting it: the staged generation links the
// published one's files (HNSW, BM25, catalog, hashes, embedder state, tombstones: no copy) and adds a
// delta folder with the new clauses only (search/index-delta.ts), so an add costs what the new
// clauses cost, not what the store holds. Taken when nothing forces a whole build: the documents
// are new (a changed or re-added document is a whole build), the embedder and user words are the
// index's, its fit is not due, and the delta stays under DELTA_MAX_CLAUSES; the next whole build
// folds the delta in. The pipeline then links the new clauses (SIMILAR_TO, through these indexes)
// and writes the graph naming the generation, as after a whole build.
import fs from 'node:fs';
import path from 'node:path';
import type { Edge, GraphBatch } from '../graph/model.js';
import { writeJsonAtomic } from './atomic-file.js';
import { CatalogBuilder, readCatalog, type CatalogColumns } from './catalog-columns.js';
import { isCorpusFitted } from './embedders/corpus-fitted.js';
import { readEmbedderState } from './embedder-state-file.js';
import { linkGenerationFiles, syncDir } from './generations.js';
import { DELTA_DIR, catalogWith, mergeDeltas, readDelta, writeDelta, type IndexDelta } from './index-delta.js';
import { EMBED_CHUNK, LEXICAL_FILE, MANIFEST_FILE, REFIT_SHARE, clauseIndexText, readManifest, textHash, type BuildProgress, type BuildStats, type IndexManifest } from './index-store.js';
import { LexicalIndex } from './lexical-index.js';
import { EXACT_SIMILAR_LIMIT, EXACT_SIMILAR_MAX, edgesThroughIndex, longEnoughToLink, similarEdgesFromIndex, type LinkableClause } from './similar-edges.js';
import { normalizeUserWords } from './tokenize.js';
import { catalogWithout, readTombstones } from './tombstones.js';
import type { Embedder } from './types.js';
import { VectorIndex } from './vector-index.js';
import { VectorSegment } from './vector-segment.js';

/**
 * Clauses a delta may hold before the next add is a whole build (which folds it in). Every reader
 * applies the delta at open (its terms into BM25, its vectors scanned exactly beside the graphs):
 * 2,000 law clauses (~40 documents) cost a reader ~0.1 s at open and a query well under 1 ms.
 */
export const DELTA_MAX_CLAUSES = 2_000;

export interface AddAsDeltaOptions {
  /** The staged generation folder to fill. */
  dir: string;
  /** The published generation's folder (null: none, a whole build). */
  previousDir: string | null;
  batch: GraphBatch;
  /** Documents the graph holds before the add. */
  storedDocuments: ReadonlySet<string>;
  embedder: Embedder;
  userWords: Iterable<string>;
  onProgress?: (progress: BuildProgress) => void;
}

/** What the pipeline needs of an index build to link and write the batch (as buildIndexes returns it). */
export interface DeltaBuild {
  /** The published indexes with the delta applied (graphs read only if a neighbour search needs them). */
  vectors: VectorIndex;
  manifest: IndexManifest;
  /** Every clause the new generation serves (base, delta, tombstones applied). */
  catalog: CatalogColumns;
  computed: Map<string, Float32Array>;
  stats: BuildStats;
  /** SIMILAR_TO edges of the added clauses through these indexes (their texts are not decoded for the whole catalog). */
  similarEdges: (clauses: LinkableClause[]) => Edge[];
}

/** Builds the staged generation as a delta of the published one, or returns null (nothing written) when the add needs a whole build. */
export async function addAsDelta(options: AddAsDeltaOptions): Promise<DeltaBuild | null> {
  const started = Date.now();
  const { batch, embedder, previousDir } = options;
  if (!previousDir || !batch.clauses.length) return null;
  // a document already stored is replaced: its old clauses go, which a whole build does
  if (batch.documents.some((d) => d.inCorpus && options.storedDocuments.has(d.id))) return null;
  let manifest: IndexManifest | null;
  let previous: IndexDelta;
  try {
    manifest = readManifest('', previousDir);
    if (!manifest) return null;
    previous = readDelta(previousDir, manifest.generation, manifest.delta);
  } catch {
    return null; // unreadable: the whole build reports it and rebuilds what it must
  }
  if (manifest.embedderId !== embedder.id || previous.ids.length + batch.clauses.length > DELTA_MAX_CLAUSES) return null;
  const state = manifest.embedderState;
  const changedSinceFit = (state?.changedSinceFit ?? 0) + batch.clauses.length;
  if (isCorpusFitted(embedder)) {
    if (!state || changedSinceFit > REFIT_SHARE * Math.max(state.fittedOn, manifest.clauseCount + batch.clauses.length)) return null;
    readEmbedderState(previousDir, state.file, embedder);
    if (embedder.stateFingerprint !== state.fingerprint) return null;
  }
  const base = readCatalog(previousDir, manifest.generation);
  if (!base) return null;
  const vectors = VectorIndex.load(previousDir, { embedderId: embedder.id, graphs: 'on-demand' });
  // the BM25 file's tokenizer only: the new texts are analysed as its clauses were, its postings stay unread
  const lexical = LexicalIndex.readAnalyser(path.join(previousDir, LEXICAL_FILE));
  if (VectorIndex.readMeta(previousDir).generation !== manifest.generation || lexical.generation !== manifest.generation) return null;
  if (lexical.tokenizer.userWordList.join('\n') !== normalizeUserWords(options.userWords).join('\n')) return null;
  // clause ids derive from the document's, so a new document's are new unless it was deleted (tombstoned) or added
  // before: those are a whole build's, since tombstones would apply to the new clause too
  const tombstones = readTombstones(previousDir, manifest.generation, manifest.tombstones);
  const held = new Set([...tombstones.clauseIds, ...previous.ids]);
  if (batch.clauses.some((c) => held.has(c.id))) return null;

  const texts = batch.clauses.map(clauseIndexText);
  const added = new Float32Array(texts.length * embedder.dimension);
  options.onProgress?.({ phase: 'embed', done: 0, total: texts.length });
  for (let start = 0; start < texts.length; start += EMBED_CHUNK) {
    const batchVectors = await embedder.embed(texts.slice(start, start + EMBED_CHUNK), { as: 'passage' });
    batchVectors.forEach((vector, i) => added.set(vector, (start + i) * embedder.dimension));
    options.onProgress?.({ phase: 'embed', done: Math.min(texts.length, start + EMBED_CHUNK), total: texts.length });
  }
  options.onProgress?.({ phase: 'lexical', done: 0, total: texts.length });
  const terms = texts.map((text) => lexical.tokenizer.terms(text));
  const rows = new CatalogBuilder();
  rows.addBatch(batch);
  const delta = mergeDeltas(previous, {
    ids: batch.clauses.map((c) => c.id),
    hashes: texts.map(textHash),
    vectors: added,
    dimension: embedder.dimension,
    terms,
    catalog: rows.columns(),
  });

  options.onProgress?.({ phase: 'save', done: 0, total: 1 });
  fs.mkdirSync(options.dir, { recursive: true });
  linkGenerationFiles(previousDir, options.dir, [DELTA_DIR]);
  const record = writeDelta(options.dir, manifest.generation, delta);
  const next: IndexManifest = {
    ...manifest,
    clauseCount: manifest.clauseCount + batch.clauses.length,
    embedderState: state && isCorpusFitted(embedder) ? { ...state, changedSinceFit } : state,
    delta: record,
  };
  // written last, as a build does: a reader that sees this manifest finds every file it names
  writeJsonAtomic(path.join(options.dir, MANIFEST_FILE), next);
  syncDir(options.dir);
  options.onProgress?.({ phase: 'save', done: 1, total: 1 });

  // the indexes as a reader of the new generation opens them, for the new clauses' neighbours
  vectors.attachSegment(new VectorSegment(delta.dimension, delta.ids, delta.vectors));
  for (const id of tombstones.clauseIds) vectors.delete(id);
  // the graphs are read only if a neighbour search needs them: a large pass, a small store's all-pairs comparison, a costly vector
  const catalog = catalogWithout(catalogWith(base, delta.catalog), tombstones);
  if (texts.length > EXACT_SIMILAR_MAX || catalog.ids.length <= EXACT_SIMILAR_LIMIT) await vectors.whenGraphsLoaded();
  else for (let i = 0; i < texts.length; i++) await vectors.readyFor(added.subarray(i * embedder.dimension, (i + 1) * embedder.dimension));
  const similarEdges = (clauses: LinkableClause[]) => similarEdgesOfAdd(vectors, catalog, clauses);
  const computed = new Map(batch.clauses.map((c, i) => [c.id, added.slice(i * embedder.dimension, (i + 1) * embedder.dimension)]));
  return {
    vectors,
    manifest: next,
    catalog,
    computed,
    similarEdges,
    stats: { total: next.clauseCount, embedded: texts.length, reused: manifest.clauseCount, removed: 0, fullRebuild: null, tookMs: Date.now() - started },
  };
}

/**
 * SIMILAR_TO for an add, as the pipeline's pass finds them: a small store compares every pair
 * (similarEdgesFromIndex), a large one asks the index for the added clauses' neighbours, knowing a
 * hit's document and whether it is long enough to link by looking its catalog row up on demand
 * rather than decoding every clause's text first (~0.4 s at 100k clauses).
 */
function similarEdgesOfAdd(vectors: VectorIndex, catalog: CatalogColumns, clauses: LinkableClause[]): Edge[] {
  if (catalog.ids.length <= EXACT_SIMILAR_LIMIT) {
    const all = catalog.ids.map((id, row) => ({ id, docId: catalog.docIds[catalog.docOf[row]], text: catalog.text(row) }));
    return similarEdgesFromIndex(vectors, clauses, all).edges;
  }
  const rowOf = new Map(catalog.ids.map((id, row) => [id, row]));
  const linkable = new Map<string, string | null>();
  const docOf = (id: string): string | undefined => {
    let doc = linkable.get(id);
    if (doc === undefined) {
      const row = rowOf.get(id);
      doc = row !== undefined && longEnoughToLink(catalog.text(row)) ? catalog.docIds[catalog.docOf[row]] : null;
      linkable.set(id, doc);
    }
    return doc ?? undefined;
  };
  const asked = clauses.filter((c) => docOf(c.id) !== undefined);
  return edgesThroughIndex(vectors, asked, { get: docOf, has: (id) => docOf(id) !== undefined }).edges;
}
