// Builds and loads the search indexes of a data dir: <dataDir>/index/ holds vectors.hnsw,
// vectors.ids.bin and vectors.meta.json (HNSW), lexical.bin (BM25), embedder-state.bin (the
// built-in embedder's IDF, search/embedder-state-file.ts), text-hashes.bin (what each clause's indexed text was, read by the next
// build only) and manifest.json, small and written last. Everything loads as stored: no derived
// data is rebuilt on open. Builds are incremental: only clauses whose text changed are embedded
// again, and a clause whose text some other clause already had reuses that vector.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PolicyGraphError } from '../graph/errors.js';
import { removeStaleTemporaries, writeJsonAtomic } from './atomic-file.js';
import { SectionFile, writeSections } from './binary-sections.js';
import { isCorpusFitted } from './embedders/corpus-fitted.js';
import { EMBEDDER_STATE_FILE, readEmbedderState, writeEmbedderState } from './embedder-state-file.js';
import { canEmbedInParallel, embedPassagesInParallel } from './embedders/parallel-embed.js';
import { LexicalIndex } from './lexical-index.js';
import { normalizeUserWords } from './tokenize.js';
import type { Embedder } from './types.js';
import { DEFAULT_HNSW, VECTOR_FILE, VECTOR_META_FILE, VectorIndex, type GraphLoading } from './vector-index.js';
import { lockHolder, withIndexLock } from './index-lock.js';
import { bulkLoadInParallel, shardsFor } from './parallel-hnsw.js';
import { builtFrom, type LexicalAhead } from './parallel-lexical.js';
import { clauseIndexText, type IndexableClause } from './index-text.js';
import { NO_TOMBSTONES, applyTombstones, readTombstones, type TombstoneRecord, type Tombstones } from './tombstones.js';
import { NO_DELTA, applyDelta, foldDelta, readDelta, type DeltaRecord, type IndexDelta } from './index-delta.js';

export const INDEX_DIR = 'index';
export const MANIFEST_FILE = 'manifest.json';
export const LEXICAL_FILE = 'lexical.bin';
export { EMBEDDER_STATE_FILE } from './embedder-state-file.js';
export const TEXT_HASHES_FILE = 'text-hashes.bin';

const FORMAT = 'policygraph-index';
const VERSION = 2; // 2: binary lexical index, ids and text hashes out of the JSON files
const HASHES_FORMAT = 'policygraph-text-hashes';
/** Refit a corpus-fitted embedder (and re-embed everything) once this share of clauses changed since the last fit. */
export const REFIT_SHARE = 0.2;
/** Texts per embed call: bounds memory and paces progress reports. */
export const EMBED_CHUNK = 64;

export { clauseIndexText, type IndexableClause } from './index-text.js';

export interface IndexManifest {
  format: typeof FORMAT;
  version: number;
  /** Random tag of the build; vectors.meta.json and lexical.json carry the same one. */
  generation: string;
  builtAt: string;
  embedderId: string;
  model: string | null;
  dimension: number;
  clauseCount: number;
  /** File with the sha256 (first 16 hex digits) of each clause's indexed text, to find what changed next time. */
  textHashes: { file: string; count: number };
  /** Present for corpus-fitted embedders (the built-in one). */
  embedderState: { file: string; fingerprint: string; fittedOn: number; changedSinceFit: number } | null;
  hnsw: { M: number; efConstruction: number; efSearch: number };
  userWords: number;
  /** Clauses deleted since the build (search/tombstones.ts), applied at load; absent or null: none. */
  tombstones?: TombstoneRecord | null;
  /** Clauses added since the build (search/index-delta.ts), applied at load before the tombstones; absent or null: none. */
  delta?: DeltaRecord | null;
}

export interface BuildProgress {
  /** fit: the corpus-fitted embedder learns its IDF; embed: vectors computed; hnsw: vectors inserted. */
  phase: 'fit' | 'embed' | 'hnsw' | 'lexical' | 'save';
  done: number;
  total: number;
}

export interface BuildIndexesOptions {
  dataDir: string;
  /** Every clause the indexes should hold after the build (clauses absent here are removed). */
  clauses: IndexableClause[];
  embedder: Embedder;
  /** Domain words for jieba (theme and agency names and aliases). */
  userWords?: Iterable<string>;
  onProgress?: (progress: BuildProgress) => void;
  hnsw?: { M?: number; efConstruction?: number; efSearch?: number };
  /** Ignore the existing index and rebuild everything. */
  full?: boolean;
  /** Folder to write (default <dataDir>/index; the pipeline passes a fresh generation folder, search/generations.ts). */
  dir?: string;
  /** Folder of the build to reuse vectors and postings from (default: `dir`); null: none. */
  previousDir?: string | null;
  /**
   * Clauses the previous build holds and that did not change (an incremental ingest's kept
   * documents), by id only: their vectors, postings and hashes are kept without reading their texts.
   * `load` is called only when the build needs the texts after all (no reusable previous build, a
   * refit of the embedder, other user words, an id the previous build does not know).
   */
  unchanged?: { ids: string[]; load: () => Promise<IndexableClause[]> };
  /**
   * The lexical index of these clauses being built on another thread (parallel-lexical.ts): taken
   * when this build would make its lexical index from scratch out of the same texts, else cancelled.
   */
  lexicalAhead?: LexicalAhead | null;
}

export interface BuildStats {
  total: number;
  /** Clauses embedded in this build (new, changed, or everything on a full rebuild). */
  embedded: number;
  /** Clauses whose stored vector was kept. */
  reused: number;
  removed: number;
  /** Why everything was rebuilt, or null for an incremental build. */
  fullRebuild: string | null;
  tookMs: number;
}

export interface LoadedIndexes {
  vectors: VectorIndex;
  lexical: LexicalIndex;
  manifest: IndexManifest;
  /** Deleted since the build and already taken out of `vectors` and `lexical`; the catalog applies them too (catalogWithout). */
  tombstones: Tombstones;
  /** Added since the build and already in `vectors` (an exact segment) and `lexical`; the catalog appends its rows (catalogWith). */
  delta: IndexDelta;
}

export interface BuildIndexesResult extends LoadedIndexes {
  /** Vectors computed in this build, by clause id (all clauses on a full rebuild); others: vectors.get(id). */
  computed: Map<string, Float32Array>;
  stats: BuildStats;
}

export function indexDir(dataDir: string): string {
  return path.join(dataDir, INDEX_DIR);
}


export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The manifest of the index in `dir` (default <dataDir>/index), or null when there is none. */
export function readManifest(dataDir: string, dir = indexDir(dataDir)): IndexManifest | null {
  const file = path.join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  let manifest: Partial<IndexManifest>;
  try {
    manifest = JSON.parse(text);
  } catch {
    throw new PolicyGraphError('INDEX_MISMATCH', `${file} is not valid JSON: re-run policygraph ingest`);
  }
  if (manifest.format !== FORMAT) {
    throw new PolicyGraphError('INDEX_MISMATCH', `${file} is not a PolicyGraph index manifest: re-run policygraph ingest`);
  }
  if (manifest.version !== VERSION) {
    throw new PolicyGraphError(
      'INDEX_MISMATCH',
      `the index in ${dir} has format version ${manifest.version}, this PolicyGraph reads ${VERSION}: re-run policygraph ingest`,
    );
  }
  return manifest as IndexManifest;
}

function mismatchMessage(dir: string, builtWith: string, queriedWith: string): string {
  const kind = (id: string) => id.split(':')[0];
  return (
    `the search index in ${dir} was built with ${builtWith}, queried with ${queriedWith}: ` +
    `re-ingest with --embedder ${kind(queriedWith)}, or query with --embedder ${kind(builtWith)}`
  );
}

/**
 * Loads the indexes in `dir` (default <dataDir>/index) for querying with `embedder` (restoring its
 * fitted state, if any); `graphs` says when the HNSW graphs are read (VectorIndex.load).
 */
export function loadIndexes(dataDir: string, embedder: Embedder, dir = indexDir(dataDir), graphs: GraphLoading = 'now'): LoadedIndexes {
  const manifest = readManifest(dataDir, dir);
  if (!manifest) throw new PolicyGraphError('INDEX_MISSING', `no search index in ${dir}: run policygraph ingest first`);
  if (manifest.embedderId !== embedder.id) {
    throw new PolicyGraphError('INDEX_MISMATCH', mismatchMessage(dir, manifest.embedderId, embedder.id));
  }
  if (isCorpusFitted(embedder)) {
    if (!manifest.embedderState) {
      throw new PolicyGraphError('INDEX_MISMATCH', `the index in ${dir} lacks the state of ${embedder.id}: re-run policygraph ingest`);
    }
    readEmbedderState(dir, manifest.embedderState.file, embedder);
    // the state file carries no build tag of its own: its fingerprint must be the one the manifest recorded
    if (embedder.stateFingerprint !== manifest.embedderState.fingerprint) {
      throw new PolicyGraphError(
        'INDEX_MISMATCH',
        `${path.join(dir, manifest.embedderState.file)} is not the embedder state this index was built with (an interrupted ingest?): re-run policygraph ingest`,
      );
    }
  }
  const vectors = VectorIndex.load(dir, { embedderId: embedder.id, graphs });
  const lexical = LexicalIndex.load(path.join(dir, LEXICAL_FILE));
  const vectorGeneration = VectorIndex.readMeta(dir).generation;
  if (vectorGeneration !== manifest.generation || lexical.generation !== manifest.generation) {
    const builder = lockHolder(dir);
    if (builder !== null) {
      throw new PolicyGraphError('INDEX_MISSING', `an ingest (pid ${builder}) is rewriting the index in ${dir}: try again when it finishes`);
    }
    throw new PolicyGraphError(
      'INDEX_MISMATCH',
      `the index files in ${dir} come from different builds (an interrupted ingest?): re-run policygraph ingest`,
    );
  }
  const delta = readDelta(dir, manifest.generation, manifest.delta);
  applyDelta(delta, vectors, lexical);
  const tombstones = readTombstones(dir, manifest.generation, manifest.tombstones);
  applyTombstones(tombstones, vectors, lexical);
  return { vectors, lexical, manifest, tombstones, delta };
}

/** The text hashes a build recorded, by clause id (empty when the file is missing or foreign: all is re-embedded). */
function readTextHashes(dir: string, manifest: IndexManifest): Map<string, string> {
  try {
    const stored = SectionFile.read(path.join(dir, manifest.textHashes.file), HASHES_FORMAT);
    if (stored.header.generation !== manifest.generation) return new Map();
    const ids = stored.strings('ids');
    const hashes = stored.strings('hashes');
    const byId = new Map(ids.map((id, i) => [id, hashes[i]]));
    const delta = readDelta(dir, manifest.generation, manifest.delta);
    delta.ids.forEach((id, i) => byId.set(id, delta.hashes[i]));
    return byId;
  } catch {
    return new Map();
  }
}

interface Previous {
  manifest: IndexManifest;
  vectors: VectorIndex | null;
  lexical: LexicalIndex | null;
}

/** What an earlier build left that this one can reuse; anything unreadable is simply rebuilt. */
function readPrevious(dataDir: string, dir: string, embedder: Embedder): { previous: Previous | null; reason: string | null } {
  let manifest: IndexManifest | null;
  try {
    manifest = readManifest(dataDir, dir);
  } catch (err) {
    return { previous: null, reason: `the old index is unreadable (${(err as Error).message})` };
  }
  if (!manifest) return { previous: null, reason: 'no index yet' };
  // clauses a delta generation added are folded into what this build saves whole
  let delta: IndexDelta;
  try {
    delta = readDelta(dir, manifest.generation, manifest.delta);
  } catch (err) {
    return { previous: null, reason: `the old index's added clauses are unreadable (${(err as Error).message})` };
  }
  let lexical: LexicalIndex | null = null;
  try {
    lexical = LexicalIndex.load(path.join(dir, LEXICAL_FILE));
    if (lexical.generation !== manifest.generation) lexical = null;
  } catch {
    lexical = null;
  }
  if (lexical) foldDelta(delta, null, lexical);
  if (manifest.embedderId !== embedder.id) {
    return { previous: { manifest, vectors: null, lexical }, reason: `the index was built with ${manifest.embedderId}` };
  }
  try {
    const vectors = VectorIndex.load(dir, { embedderId: embedder.id });
    if (VectorIndex.readMeta(dir).generation !== manifest.generation) {
      return { previous: { manifest, vectors: null, lexical }, reason: 'the old vector file is from another build' };
    }
    foldDelta(delta, vectors, null);
    return { previous: { manifest, vectors, lexical }, reason: null };
  } catch (err) {
    return { previous: { manifest, vectors: null, lexical }, reason: `the old vectors are unreadable (${(err as Error).message})` };
  }
}

/**
 * Brings the indexes of `dataDir` in line with `clauses`: embeds new and changed clauses (passage
 * role), deletes removed ones, and writes every file atomically with the manifest last.
 */
export async function buildIndexes(options: BuildIndexesOptions): Promise<BuildIndexesResult> {
  const started = Date.now();
  const { dataDir, embedder, onProgress } = options;
  const dir = options.dir ?? indexDir(dataDir);
  const previousDir = options.previousDir === undefined ? dir : options.previousDir;
  fs.mkdirSync(dir, { recursive: true });
  return withIndexLock(dir, async () => {
    removeStaleTemporaries(dir);
    const texts = new Map<string, string>();
    for (const clause of options.clauses) {
      if (texts.has(clause.id)) throw new PolicyGraphError('BAD_REQUEST', `clause ${clause.id} is given twice to the index build`);
      texts.set(clause.id, clauseIndexText(clause));
    }
    const hashes = new Map<string, string>();
    for (const [id, text] of texts) hashes.set(id, textHash(text));

    const { previous, reason } = options.full
      ? { previous: null, reason: 'a full rebuild was asked for' }
      : previousDir === null
        ? { previous: null, reason: 'no index yet' }
        : readPrevious(dataDir, previousDir, embedder);
    const oldHashes = previous && previousDir ? readTextHashes(previousDir, previous.manifest) : new Map<string, string>();
    const userWords = normalizeUserWords(options.userWords ?? []);
    // unchanged clauses are taken by id when the previous build holds all of them and nothing forces a rebuild
    const unchangedIds = options.unchanged?.ids ?? [];
    const keptCount = unchangedIds.length + [...texts.keys()].filter((id) => oldHashes.has(id)).length;
    const changedGiven = [...texts.keys()].filter((id) => oldHashes.get(id) !== hashes.get(id)).length;
    const fittedSoFar = previous?.manifest.embedderState;
    const refitDue =
      isCorpusFitted(embedder) &&
      (!fittedSoFar || fittedSoFar.changedSinceFit + changedGiven + (oldHashes.size - keptCount) > REFIT_SHARE * Math.max(fittedSoFar.fittedOn, texts.size + unchangedIds.length));
    const byIdOnly =
      previous?.vectors && previous.lexical && !refitDue &&
      previous.lexical.tokenizer.userWordList.join('\n') === userWords.join('\n') &&
      unchangedIds.every((id) => oldHashes.has(id) && !texts.has(id));
    let textsLoaded = unchangedIds.length === 0;
    const loadUnchanged = async () => {
      if (textsLoaded) return;
      textsLoaded = true;
      for (const clause of await options.unchanged!.load()) {
        if (texts.has(clause.id)) throw new PolicyGraphError('BAD_REQUEST', `clause ${clause.id} is given twice to the index build`);
        const text = clauseIndexText(clause);
        texts.set(clause.id, text);
        hashes.set(clause.id, textHash(text));
      }
    };
    if (byIdOnly) for (const id of unchangedIds) hashes.set(id, oldHashes.get(id)!);
    else await loadUnchanged();
    const changed = [...texts.keys()].filter((id) => oldHashes.get(id) !== hashes.get(id));
    const removed = [...oldHashes.keys()].filter((id) => !hashes.has(id));

    // Vectors: reuse the old index unless the embedder's space moved (other embedder, refit IDF).
    let vectors = previous?.vectors ?? null;
    let fullRebuild: string | null = vectors ? null : reason;
    let embedderState: IndexManifest['embedderState'] = null;
    if (isCorpusFitted(embedder)) {
      const old = previous?.manifest.embedderState;
      const changedSinceFit = (old?.changedSinceFit ?? 0) + changed.length + removed.length;
      let restored = false;
      if (vectors && old && changedSinceFit <= REFIT_SHARE * Math.max(old.fittedOn, hashes.size)) {
        try {
          readEmbedderState(previousDir!, old.file, embedder);
          restored = embedder.stateFingerprint === old.fingerprint;
        } catch {
          restored = false;
        }
      }
      if (restored && old) {
        embedderState = { ...old, changedSinceFit };
      } else {
        await loadUnchanged(); // a refit reads every text (the previous state would not restore)
        onProgress?.({ phase: 'fit', done: 0, total: texts.size });
        embedder.fit([...texts.values()]);
        onProgress?.({ phase: 'fit', done: texts.size, total: texts.size });
        embedderState = { file: EMBEDDER_STATE_FILE, fingerprint: embedder.stateFingerprint, fittedOn: texts.size, changedSinceFit: 0 };
        if (vectors) fullRebuild = `${embedder.id} was refitted: ${changedSinceFit} clauses changed since its last fit`;
        vectors = null;
      }
    }
    const hnswParams = {
      M: options.hnsw?.M ?? previous?.manifest.hnsw.M ?? DEFAULT_HNSW.M,
      efConstruction: options.hnsw?.efConstruction ?? previous?.manifest.hnsw.efConstruction ?? DEFAULT_HNSW.efConstruction,
      efSearch: options.hnsw?.efSearch ?? previous?.manifest.hnsw.efSearch ?? DEFAULT_HNSW.efSearch,
    };
    if (vectors && options.hnsw?.efSearch !== undefined) vectors.efSearch = options.hnsw.efSearch;
    if (!vectors) {
      vectors = VectorIndex.create({
        embedderId: embedder.id,
        model: modelOf(embedder),
        dimension: embedder.dimension,
        ...hnswParams,
        capacity: Math.max(1024, texts.size),
        shards: shardsFor(texts.size),
      });
    }

    let toEmbed = fullRebuild !== null ? [...texts.keys()] : changed;
    const computed = new Map<string, Float32Array>();
    if (fullRebuild === null && toEmbed.length) {
      // same text under another id (a renumbered clause, a re-keyed document): same vector, no embedding
      const idOfHash = new Map<string, string>();
      for (const [id, hash] of oldHashes) if (vectors.has(id)) idOfHash.set(hash, id);
      const copied = new Map<string, Float32Array>();
      for (const id of toEmbed) {
        const donor = idOfHash.get(hashes.get(id)!);
        const vector = donor !== undefined ? vectors.get(donor) : null;
        if (vector) copied.set(id, vector);
      }
      for (const [id, vector] of copied) computed.set(id, vector);
      toEmbed = toEmbed.filter((id) => !copied.has(id));
      for (const id of removed) vectors.delete(id);
      for (const [id, vector] of copied) vectors.upsert(id, vector);
    } else {
      for (const id of removed) vectors.delete(id);
    }
    // all vectors first, then all inserts: two phases to measure, and the embedder's batches stay whole
    onProgress?.({ phase: 'embed', done: 0, total: toEmbed.length });
    let embeddedInParallel = false;
    if (canEmbedInParallel(embedder, toEmbed.length)) {
      try {
        const batch = await embedPassagesInParallel(embedder, toEmbed.map((id) => texts.get(id) as string), (done) =>
          onProgress?.({ phase: 'embed', done, total: toEmbed.length }),
        );
        toEmbed.forEach((id, i) => computed.set(id, batch[i]));
        embeddedInParallel = true;
      } catch {
        // a worker that cannot start costs speed, not the build: embed on this thread below
      }
    }
    for (let start = 0; !embeddedInParallel && start < toEmbed.length; start += EMBED_CHUNK) {
      const ids = toEmbed.slice(start, start + EMBED_CHUNK);
      const batch = await embedder.embed(
        ids.map((id) => texts.get(id) as string),
        { as: 'passage' },
      );
      ids.forEach((id, i) => computed.set(id, batch[i]));
      onProgress?.({ phase: 'embed', done: start + ids.length, total: toEmbed.length });
    }
    onProgress?.({ phase: 'hnsw', done: 0, total: toEmbed.length });
    const reportHnsw = (done: number) => onProgress?.({ phase: 'hnsw', done, total: toEmbed.length });
    if (vectors.size === 0 && vectors.shardCount > 1) {
      // a new large index: its shards are built side by side on two threads
      await bulkLoadInParallel(vectors, toEmbed, (id) => computed.get(id)!, dir, reportHnsw);
    } else {
      if (vectors.capacity < vectors.size + toEmbed.length) vectors.reserve(vectors.size + toEmbed.length);
      toEmbed.forEach((id, i) => {
        vectors!.upsert(id, computed.get(id)!);
        if ((i + 1) % 5000 === 0) reportHnsw(i + 1);
      });
    }
    reportHnsw(toEmbed.length);

    // Lexical: incremental when the old index used the same user words, else rebuilt.
    let lexical = previous?.lexical ?? null;
    if (lexical && lexical.tokenizer.userWordList.join('\n') !== userWords.join('\n')) lexical = null;
    let lexicalIds = lexical ? changed : [...texts.keys()];
    onProgress?.({ phase: 'lexical', done: 0, total: lexicalIds.length });
    const ahead = options.lexicalAhead;
    if (lexical) for (const id of removed) lexical.delete(id);
    else if (ahead && builtFrom(ahead, lexicalIds, lexicalIds.map((id) => texts.get(id) as string), userWords)) {
      lexical = await ahead.index;
      if (lexical) lexicalIds = []; // the worker's index holds every text already
    }
    ahead?.cancel();
    lexical ??= LexicalIndex.create({ userWords });
    lexicalIds.forEach((id, i) => {
      lexical!.add(id, texts.get(id) as string);
      if ((i + 1) % 1000 === 0) onProgress?.({ phase: 'lexical', done: i + 1, total: lexicalIds.length });
    });
    onProgress?.({ phase: 'lexical', done: lexicalIds.length, total: lexicalIds.length });

    onProgress?.({ phase: 'save', done: 0, total: 1 });
    const generation = randomUUID();
    if (isCorpusFitted(embedder) && embedderState) {
      embedderState = { ...embedderState, file: writeEmbedderState(dir, embedder, generation) };
    }
    vectors.save(dir, generation);
    lexical.save(path.join(dir, LEXICAL_FILE), generation);
    writeSections(path.join(dir, TEXT_HASHES_FILE), HASHES_FORMAT, { generation }, {
      ids: { kind: 'strings', value: [...hashes.keys()] },
      hashes: { kind: 'strings', value: [...hashes.values()] },
    });
    const manifest: IndexManifest = {
      format: FORMAT,
      version: VERSION,
      generation,
      builtAt: new Date().toISOString(),
      embedderId: embedder.id,
      model: modelOf(embedder),
      dimension: embedder.dimension,
      clauseCount: hashes.size,
      textHashes: { file: TEXT_HASHES_FILE, count: hashes.size },
      embedderState,
      hnsw: hnswParams,
      userWords: userWords.length,
    };
    // Written last: a reader that sees this manifest finds every file it names from the same build.
    writeJsonAtomic(path.join(dir, MANIFEST_FILE), manifest);
    onProgress?.({ phase: 'save', done: 1, total: 1 });

    return {
      vectors,
      lexical,
      manifest,
      tombstones: NO_TOMBSTONES,
      delta: NO_DELTA,
      computed,
      stats: {
        total: hashes.size,
        embedded: toEmbed.length,
        reused: hashes.size - toEmbed.length,
        removed: removed.length,
        fullRebuild,
        tookMs: Date.now() - started,
      },
    };
  });
}

function modelOf(embedder: Embedder): string | null {
  const model = (embedder as { model?: unknown }).model;
  return typeof model === 'string' ? model : null;
}

export { VECTOR_FILE, VECTOR_META_FILE };
