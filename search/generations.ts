// Index generations: each ingest builds its search indexes into a fresh folder,
// <dataDir>/index/gen-<n>/, and the graph write records <n> in the graph's meta node in the same
// transaction. So the graph and its indexes become visible together or not at all: a reader opens the
// generation the graph names and ignores any newer folder (an ingest still building, or one killed
// before its graph write committed). Folders no committed graph names are removed by the next ingest.
//
// Data dirs from before generations keep their indexes flat in <dataDir>/index/ and a graph that names
// no generation: they are read as they are until the next ingest publishes gen-1.
import fs from 'node:fs';
import path from 'node:path';
import { PolicyGraphError } from '../graph/errors.js';
import type { GraphStore } from '../graph/store.js';
import { LOCK_FILE, withIndexLock } from './index-lock.js';
import { MANIFEST_FILE, readManifest } from './index-store.js';

export const INDEX_ROOT = 'index';
const PREFIX = 'gen-';
/** Snapshots the pre-generation pipeline copied the index to (index.before-ingest-<pid>); never read. */
const LEGACY_SNAPSHOT = /^index\.before-ingest-\d+$/;
/** Files of the flat, pre-generation layout, removed once a generation is published. */
const LEGACY_FILES = /^(manifest\.json|vectors\.(hnsw|ids\.bin|meta\.json)|lexical\.(bin|json)|embedder-state\.json|text-hashes\.(bin|json)|\..*\.tmp-.*)$/;

export function indexRoot(dataDir: string): string {
  return path.join(dataDir, INDEX_ROOT);
}

export function generationDir(dataDir: string, generation: number): string {
  return path.join(indexRoot(dataDir), `${PREFIX}${generation}`);
}

/** Generation numbers of the folders present (published or not), ascending. */
export function listGenerations(dataDir: string): number[] {
  let names: string[];
  try {
    names = fs.readdirSync(indexRoot(dataDir));
  } catch {
    return [];
  }
  return names
    .filter((name) => name.startsWith(PREFIX) && /^\d+$/.test(name.slice(PREFIX.length)))
    .map((name) => Number(name.slice(PREFIX.length)))
    .sort((a, b) => a - b);
}

/** The generation the next build writes: above every folder and the published one, so it never reuses a name. */
export function nextGeneration(dataDir: string, published: number | null): number {
  return Math.max(published ?? 0, ...listGenerations(dataDir), 0) + 1;
}

/** The generation the graph names, or null (no ingest yet, a pre-generation data dir, or a store without meta). */
export async function publishedGeneration(store: GraphStore): Promise<number | null> {
  return store.indexGeneration ? store.indexGeneration() : null;
}

/**
 * The index folder that matches the graph: the generation it names, or the flat pre-generation folder
 * when it names none. A named generation whose folder is gone is a clear error, never another build.
 */
export function liveIndexDir(dataDir: string, published: number | null): string {
  if (published === null) return indexRoot(dataDir);
  const dir = generationDir(dataDir, published);
  if (!fs.existsSync(dir)) {
    throw new PolicyGraphError(
      'INDEX_MISSING',
      `the graph in ${dataDir} names search index generation ${published}, but ${dir} is missing: re-run policygraph ingest`,
    );
  }
  return dir;
}

/** The index folder the graph of `store` names (see liveIndexDir). */
export async function indexDirFor(dataDir: string, store: GraphStore): Promise<string> {
  return liveIndexDir(dataDir, await publishedGeneration(store));
}

export interface CleanupResult {
  removed: string[];
}

/**
 * Removes what no committed graph needs: generation folders other than `keep` (the published one and,
 * for readers that opened the graph just before the switch, the one it replaced), the old
 * index.before-ingest-<pid> snapshots, and the flat pre-generation files once a generation is published.
 * Call it only while holding the data dir's build lock.
 */
export function removeStaleGenerations(dataDir: string, keep: Array<number | null>): CleanupResult {
  const removed: string[] = [];
  const kept = new Set(keep.filter((n): n is number => n !== null));
  const remove = (target: string) => {
    fs.rmSync(target, { recursive: true, force: true });
    removed.push(target);
  };
  for (const generation of listGenerations(dataDir)) if (!kept.has(generation)) remove(generationDir(dataDir, generation));
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(dataDir);
  } catch {
    return { removed };
  }
  for (const name of entries) if (LEGACY_SNAPSHOT.test(name)) remove(path.join(dataDir, name));
  if (kept.size) {
    let flat: string[] = [];
    try {
      flat = fs.readdirSync(indexRoot(dataDir));
    } catch {
      flat = [];
    }
    for (const name of flat) if (LEGACY_FILES.test(name)) remove(path.join(indexRoot(dataDir), name));
  }
  return { removed };
}

/** Flushes every file of a finished generation folder (and the folder) to disk before the graph names it. */
export function syncDir(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!fs.statSync(file).isFile()) continue;
    const fd = fs.openSync(file, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The generation a write is staging: its number and folder, and the one the graph names now. */
export interface StagedGeneration {
  generation: number;
  dir: string;
  published: number | null;
}

export interface PublishOptions<T> {
  /** Whether `write` committed the graph naming the new generation (default: it did unless it threw). */
  committed?: (result: T) => boolean;
  /** Told 'checkpoint' and 'cleanup' as they start (phase reports, the crash test's kill points). */
  onPhase?: (phase: 'checkpoint' | 'cleanup') => void;
  /** Runs after the cleanup of a committed write, still under the build lock (Neo4j's copy of the vectors). */
  afterCleanup?: (result: T) => Promise<void>;
}

/**
 * The one way a write publishes a new index generation (an ingest, a deletion): under the data dir's
 * build lock, remove what killed or failed runs left, stage the next generation's folder for `write`
 * (which fills it, flushes it and commits the graph naming it), discard the folder when `write` fails
 * or does not commit, else checkpoint the store and remove what no committed graph needs — keeping
 * the replaced generation for readers that opened the graph just before the commit.
 */
export async function publishGeneration<T>(dataDir: string, store: GraphStore, write: (stage: StagedGeneration) => Promise<T>, options: PublishOptions<T> = {}): Promise<T> {
  const root = indexRoot(dataDir);
  fs.mkdirSync(root, { recursive: true });
  return withIndexLock(root, async () => {
    const published = await publishedGeneration(store);
    removeStaleGenerations(dataDir, [published, generationBelow(dataDir, published)]);
    const generation = nextGeneration(dataDir, published);
    const dir = generationDir(dataDir, generation);
    let result: T;
    try {
      result = await write({ generation, dir, published });
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    if (options.committed && !options.committed(result)) {
      fs.rmSync(dir, { recursive: true, force: true });
      return result;
    }
    options.onPhase?.('checkpoint');
    if (store.checkpoint) await store.checkpoint();
    options.onPhase?.('cleanup');
    removeStaleGenerations(dataDir, [generation, published]);
    await options.afterCleanup?.(result);
    return result;
  });
}

/** The generation folder just below `published` (the one it replaced), kept for readers mid-switch. */
function generationBelow(dataDir: string, published: number | null): number | null {
  if (published === null) return null;
  const below = listGenerations(dataDir).filter((n) => n < published);
  return below.length ? below[below.length - 1]! : null;
}

/** The folder of the published build, for a new build to reuse its vectors and postings; null when there is none to read. */
export function reusableIndexDir(dataDir: string, published: number | null): string | null {
  if (published !== null) {
    const dir = generationDir(dataDir, published);
    return fs.existsSync(dir) ? dir : null;
  }
  // a data dir from before generations: its flat index describes the graph that names no generation
  try {
    return readManifest(dataDir) ? indexRoot(dataDir) : null;
  } catch {
    return null;
  }
}

/**
 * Hard-links the index files of generation folder `source` into `dir` (a copy where links are
 * refused), but for the manifest, the lock, temporaries and the names in `rewritten` (what the
 * caller writes anew). Safe because no writer changes a file in place: each renames a new file over its name.
 */
export function linkGenerationFiles(source: string, dir: string, rewritten: readonly string[]): void {
  for (const name of fs.readdirSync(source)) {
    if (name === MANIFEST_FILE || name === LOCK_FILE || name.startsWith('.') || rewritten.includes(name)) continue;
    const from = path.join(source, name);
    if (!fs.statSync(from).isFile()) continue;
    try {
      fs.linkSync(from, path.join(dir, name));
    } catch {
      fs.copyFileSync(from, path.join(dir, name), fs.constants.COPYFILE_FICLONE);
    }
  }
}
