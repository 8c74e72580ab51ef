// The ingest pipeline: parse (read → decode → documents → clause trees → merge copies) → extract knowledge
// → embed and index → SIMILAR_TO edges → write the graph in one transaction.
//
// The graph is the source of truth and the search indexes are derived from it. Indexes are built before
// the graph write (SIMILAR_TO edges need the vectors), into a fresh generation folder that nothing reads
// yet (search/generations.ts); the graph write names that generation in the same transaction, so a run
// that fails or is killed at any point leaves the graph and the indexes it names as they were.
import type { Clause, GraphBatch } from '../graph/model.js';
import fs from 'node:fs';
import type { GraphStore, WriteStats } from '../graph/store.js';
import { openStore, type StoreOptions } from '../graph/open-store.js';
import type { Embedder } from '../search/types.js';
import { buildIndexes, type BuildProgress, type BuildStats } from '../search/index-store.js';
import { similarEdgesFromIndex } from '../search/similar-edges.js';
import { loadDictionaries } from '../dictionaries/dictionaries.js';
import { parseCorpus, type ParsedCorpus } from './parse-corpus.js';
import { extractKnowledge } from './extract/index.js';
import { generationDir, indexRoot, listGenerations, nextGeneration, publishedGeneration, removeStaleGenerations, syncDir } from '../search/generations.js';
import { withIndexLock } from '../search/index-lock.js';
import { readManifest } from '../search/index-store.js';
import { reportPhase } from '../graph/phases.js';
import { adoptStoredIdentities } from './stored-identity.js';
import type { SkippedInput } from './types.js';

export { parseCorpus };

export interface IngestOptions extends StoreOptions {
  paths: string[];
  embedder: Embedder;
  /** Domain words for the lexical index's segmenter (default: the dictionaries' theme and agency names). */
  userWords?: Iterable<string>;
  /** Adds extracted knowledge (themes, agencies, targets, citations …) to the parsed batch (default: extractKnowledge). */
  extract?: (batch: GraphBatch) => unknown;
  onFile?: (file: string, index: number, total: number) => void;
  /** Opens the graph store (default: the configured adapter). */
  openStore?: (options: StoreOptions) => Promise<GraphStore>;
  onIndexProgress?: (progress: BuildProgress) => void;
}

export interface IngestSummary {
  files: number;
  documents: number;
  clauses: number;
  documentsMerged: number;
  passagesMerged: number;
  noiseSpans: number;
  skipped: SkippedInput[];
  similarEdges: number;
  written: WriteStats;
  index: BuildStats | null;
  embedder: string;
  tookMs: number;
}

export async function runIngest(options: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  reportPhase('parse');
  const corpus = await parseCorpus(options.paths, { onFile: options.onFile });
  // opened before any index file is touched: a locked or unreachable store stops the run with nothing changed
  const store = await (options.openStore ?? openStore)(options);
  try {
    // documents already stored keep their identity (no duplicate when a second run has another copy)
    if (corpus.batch.documents.length) adoptStoredIdentities(corpus.batch, await store.listDocuments());
    (options.extract ?? extractKnowledge)(corpus.batch);
    const { written, index, similarEdges } = await indexAndWrite(store, corpus, options);
    return summarise(corpus, { written, index, similarEdges, embedder: options.embedder.id, tookMs: Date.now() - started });
  } finally {
    await store.close();
  }
}

async function indexAndWrite(store: GraphStore, corpus: ParsedCorpus, options: IngestOptions) {
  const batch = corpus.batch;
  if (!batch.documents.length) return { written: { nodes: 0, edges: 0 }, index: null, similarEdges: 0 };
  const replaced = new Set(batch.documents.map((d) => d.id));
  const kept = (await store.allClauses()).filter((c) => !replaced.has(c.docId));
  const allClauses: Clause[] = [...kept, ...batch.clauses];
  const root = indexRoot(options.dataDir);
  fs.mkdirSync(root, { recursive: true });
  return withIndexLock(root, async () => {
    const published = await publishedGeneration(store);
    // what killed or failed runs left: folders no committed graph names, old snapshots
    removeStaleGenerations(options.dataDir, [published, previousOf(options.dataDir, published)]);
    const generation = nextGeneration(options.dataDir, published);
    const dir = generationDir(options.dataDir, generation);
    let result: Awaited<ReturnType<typeof buildIndexAndWriteGraph>>;
    try {
      result = await buildIndexAndWriteGraph(store, batch, allClauses, { ...options, dir, previousDir: reusableDir(options.dataDir, published) }, generation);
    } catch (err) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    // committed: the graph names `generation`; the one it replaced stays for readers that opened just before
    reportPhase('checkpoint');
    if (store.checkpoint) await store.checkpoint();
    reportPhase('cleanup');
    removeStaleGenerations(options.dataDir, [generation, published]);
    // Neo4j keeps Clause.embedding with a vector index for Neo4j-side tools; the embedded store keeps vectors in the index only
    if (store.writeEmbeddings) await store.writeEmbeddings(result.vectors(), options.embedder.dimension);
    return { written: result.written, index: result.index, similarEdges: result.similarEdges };
  });
}

/** The generation folder just below `published` (the one it replaced), kept for readers mid-switch. */
function previousOf(dataDir: string, published: number | null): number | null {
  if (published === null) return null;
  const below = listBelow(dataDir, published);
  return below.length ? below[below.length - 1] : null;
}

function listBelow(dataDir: string, generation: number): number[] {
  return listGenerations(dataDir).filter((n) => n < generation);
}

/** The folder of the published build, to reuse its vectors and postings; null when there is none to read. */
function reusableDir(dataDir: string, published: number | null): string | null {
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

async function buildIndexAndWriteGraph(
  store: GraphStore,
  batch: GraphBatch,
  allClauses: Clause[],
  options: IngestOptions & { dir: string; previousDir: string | null },
  generation: number,
) {
  reportPhase('index-build');
  const built = await buildIndexes({
    dataDir: options.dataDir,
    dir: options.dir,
    previousDir: options.previousDir,
    clauses: allClauses,
    embedder: options.embedder,
    userWords: options.userWords ?? loadDictionaries().userWords(),
    onProgress: (progress) => {
      if (progress.done === 0) reportPhase(progress.phase === 'save' ? 'index-save' : `index-${progress.phase}`);
      options.onIndexProgress?.(progress);
    },
  });
  // on disk before the graph names it: a crash after the commit must find every file whole
  syncDir(options.dir);
  // every clause's vector, only for stores that keep them (reading 200k points back from hnswlib is not free)
  const vectors = () => {
    const all = new Map<string, Float32Array>();
    for (const clause of allClauses) {
      const vector = built.computed.get(clause.id) ?? built.vectors.get(clause.id);
      if (vector) all.set(clause.id, vector);
    }
    return all;
  };
  // neighbours of this batch's clauses only, through the HNSW just built; kept documents' edges stay in the store
  const similar = similarEdgesFromIndex(built.vectors, batch.clauses, allClauses).edges;
  for (const edge of similar) batch.edges.push(edge);
  reportPhase('graph-write');
  const written = await store.write(batch, { indexGeneration: generation });
  return { written, index: built.stats, similarEdges: similar.length, vectors };
}

function summarise(corpus: ParsedCorpus, extra: Pick<IngestSummary, 'written' | 'index' | 'similarEdges' | 'embedder' | 'tookMs'>): IngestSummary {
  return {
    files: corpus.files.length,
    documents: corpus.batch.documents.filter((d) => d.inCorpus).length,
    clauses: corpus.batch.clauses.length,
    documentsMerged: corpus.documentsMerged,
    passagesMerged: corpus.passagesMerged,
    noiseSpans: corpus.noise.length,
    skipped: corpus.skipped,
    ...extra,
  };
}
