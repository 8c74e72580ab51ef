// The ingest pipeline: parse (read → decode → documents → clause trees → merge copies) → extract knowledge
// → embed and index → SIMILAR_TO edges → write the graph in one transaction.
//
// The graph is the source of truth and the search indexes are derived from it. Indexes are built before
// the graph write (SIMILAR_TO edges need the vectors); a snapshot taken first puts them back if the graph
// write fails, so a failed run leaves both the graph and the indexes as they were.
import type { Clause, GraphBatch } from '../graph/model.js';
import type { GraphStore, WriteStats } from '../graph/store.js';
import { openStore, type StoreOptions } from '../graph/open-store.js';
import type { Embedder } from '../search/types.js';
import { buildIndexes, type BuildProgress, type BuildStats } from '../search/index-store.js';
import { similarEdgesFromIndex } from '../search/similar-edges.js';
import { loadDictionaries } from '../graph/dictionaries.js';
import { parseCorpus, type ParsedCorpus } from './parse-corpus.js';
import { extractKnowledge } from './extract/index.js';
import { snapshotIndexes } from './index-snapshot.js';
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
  const corpus = await parseCorpus(options.paths, { onFile: options.onFile });
  (options.extract ?? extractKnowledge)(corpus.batch);
  // opened before any index file is touched: a locked or unreachable store stops the run with nothing changed
  const store = await (options.openStore ?? openStore)(options);
  try {
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
  const snapshot = await snapshotIndexes(options.dataDir);
  let result: Awaited<ReturnType<typeof buildIndexAndWriteGraph>>;
  try {
    result = await buildIndexAndWriteGraph(store, batch, allClauses, options);
  } catch (err) {
    await snapshot.restore();
    throw err;
  }
  await snapshot.discard();
  // Neo4j keeps Clause.embedding with a vector index for Neo4j-side tools; the embedded store keeps vectors in the index only
  if (store.writeEmbeddings) await store.writeEmbeddings(result.vectors(), options.embedder.dimension);
  return { written: result.written, index: result.index, similarEdges: result.similarEdges };
}

async function buildIndexAndWriteGraph(store: GraphStore, batch: GraphBatch, allClauses: Clause[], options: IngestOptions) {
  const built = await buildIndexes({
    dataDir: options.dataDir,
    clauses: allClauses,
    embedder: options.embedder,
    userWords: options.userWords ?? loadDictionaries().userWords(),
    onProgress: options.onIndexProgress,
  });
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
  const written = await store.write(batch);
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
