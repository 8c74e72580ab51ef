// The ingest pipeline: parse (read → decode → documents → clause trees → merge copies) → extract knowledge
// → embed and index → SIMILAR_TO edges → write the graph in one transaction.
//
// The graph is the source of truth and the search indexes are derived from it. Indexes are built before
// the graph write (SIMILAR_TO edges need the vectors), into a fresh generation folder that nothing reads
// yet (search/generations.ts); the graph write names that generation in the same transaction, so a run
// that fails or is killed at any point leaves the graph and the indexes it names as they were.
import type { Clause, Edge, GraphBatch } from '../graph/model.js';
import type { GraphStore, WriteStats } from '../graph/store.js';
import { openStore, type StoreOptions } from '../graph/open-store.js';
import type { Embedder } from '../search/types.js';
import { addAsDelta, buildIndexes, publishGeneration, readManifest, reusableIndexDir, servedCatalogOf, syncDir, type BuildProgress, type BuildStats } from '../search/index-lifecycle.js';
import { similarEdgesInParallel } from '../search/parallel-similar.js';
import { buildLexicalAhead, type LexicalAhead } from '../search/parallel-lexical.js';
import { describeEmbedder } from '../search/embedders/describe.js';
import { loadDictionaries } from '../dictionaries/dictionaries.js';
import { parseCorpus, type ParsedCorpus } from './parse-corpus.js';
import { extractKnowledge } from './extract/index.js';
import { reportPhase } from '../graph/phases.js';
import { CatalogBuilder, writeCatalog, type CatalogColumns } from '../search/catalog-columns.js';
import type { VectorIndex } from '../search/vector-index.js';
import { catalogColumnsFromStore } from '../search/clause-catalog.js';
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
  /** Called as the run enters each phase (parse, extract, index-*, similar, graph-write, …): benchmarks time them. */
  onPhase?: (name: string) => void;
  /** False: write whole index files even for new documents only (default: a delta generation then, search/index-add.ts). */
  deltas?: boolean;
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
  const caller = options.onPhase;
  const enter = (name: string) => {
    reportPhase(name);
    caller?.(name);
  };
  options = { ...options, onPhase: enter };
  enter('parse');
  const corpus = await parseCorpus(options.paths, { onFile: options.onFile });
  // opened before any index file is touched: a locked or unreachable store stops the run with nothing changed
  const store = await (options.openStore ?? openStore)(options);
  let lexicalAhead: LexicalAhead | null = null;
  try {
    // documents already stored keep their identity (no duplicate when a second run has another copy)
    const stored = corpus.batch.documents.length ? await store.listDocuments() : [];
    if (corpus.batch.documents.length) adoptStoredIdentities(corpus.batch, stored);
    const userWords = [...(options.userWords ?? loadDictionaries().userWords())];
    // a first ingest builds its BM25 index from scratch: jieba runs on the second core while this one extracts and fits
    if (!stored.length) lexicalAhead = buildLexicalAhead(corpus.batch.clauses, userWords);
    enter('extract');
    (options.extract ?? extractKnowledge)(corpus.batch);
    const { written, index, similarEdges } = await indexAndWrite(store, corpus, new Set(stored.map((d) => d.id)), { ...options, userWords, lexicalAhead });
    return summarise(corpus, { written, index, similarEdges, embedder: options.embedder.id, tookMs: Date.now() - started });
  } finally {
    lexicalAhead?.cancel();
    await store.close();
  }
}

type IndexingOptions = IngestOptions & { lexicalAhead: LexicalAhead | null };

async function indexAndWrite(store: GraphStore, corpus: ParsedCorpus, storedDocuments: ReadonlySet<string>, options: IndexingOptions) {
  const batch = corpus.batch;
  if (!batch.documents.length) return { written: { nodes: 0, edges: 0 }, index: null, similarEdges: 0 };
  // the lifecycle stages the generation, discards it on failure and cleans up after the commit
  const result = await publishGeneration(
    options.dataDir,
    store,
    async ({ generation, dir, published }) => {
      const previousDir = reusableIndexDir(options.dataDir, published);
      options.onPhase!('index-build');
      // new documents only: a delta of the published generation (search/index-add.ts), else a whole build;
      // a store that keeps every clause's vector itself (Neo4j) is sent all of them after the write, whole builds only
      const delta = options.deltas === false || keepsVectors(store) ? null : await addAsDelta({ dir, previousDir, batch, storedDocuments, embedder: options.embedder, userWords: userWordsOf(options), onProgress: indexProgress(options) });
      if (delta) return linkAndWriteGraph(store, batch, delta, delta.catalog, { ...options, dir }, generation);
      const kept = await keptRows(store, batch, storedDocuments, previousDir);
      return buildIndexAndWriteGraph(store, batch, kept, { ...options, dir, previousDir }, generation);
    },
    {
      onPhase: (phase) => options.onPhase!(phase),
      // Neo4j keeps Clause.embedding with a vector index for Neo4j-side tools; the embedded store keeps vectors in the index only
      afterCleanup: async (built) => {
        if (store.writeEmbeddings && keepsVectors(store)) await store.writeEmbeddings(built.vectors(), options.embedder.dimension, describeEmbedder(options.embedder));
      },
    },
  );
  return { written: result.written, index: result.index, similarEdges: result.similarEdges };
}

/**
 * The catalog rows of the stored clauses this batch leaves as they are: those of stored documents
 * the batch does not replace. Read from the previous generation's catalog.bin (no graph read), or
 * from the graph when there is none (a data dir from before it).
 */
async function keptRows(store: GraphStore, batch: GraphBatch, storedDocuments: ReadonlySet<string>, previousDir: string | null): Promise<CatalogBuilder> {
  // a cited-only stub in the batch never replaces a stored full text (as in the graph write)
  const replaced = new Set(batch.documents.filter((d) => d.inCorpus).map((d) => d.id));
  const keep = (docId: string) => storedDocuments.has(docId) && !replaced.has(docId);
  const kept = new CatalogBuilder();
  if (!storedDocuments.size) return kept;
  const manifest = previousDir ? readManifest('', previousDir) : null;
  const previous = manifest && previousDir ? servedCatalogOf(previousDir, manifest) : null;
  kept.addFrom(previous ?? (await catalogColumnsFromStore(store)), keep);
  return kept;
}

async function buildIndexAndWriteGraph(
  store: GraphStore,
  batch: GraphBatch,
  kept: CatalogBuilder,
  options: IndexingOptions & { dir: string; previousDir: string | null },
  generation: number,
) {
  const enter = options.onPhase!;
  const keptColumns = kept.columns();
  const keptIds = new Set(keptColumns.ids);
  const built = await buildIndexes({
    dataDir: options.dataDir,
    dir: options.dir,
    previousDir: options.previousDir,
    clauses: batch.clauses,
    // kept clauses by id; their texts (with headings) only if the build must re-embed them
    unchanged: { ids: keptColumns.ids, load: async () => (await store.allClauses()).filter((c) => keptIds.has(c.id)) },
    embedder: options.embedder,
    userWords: userWordsOf(options),
    lexicalAhead: options.lexicalAhead,
    onProgress: indexProgress(options),
  });
  // the catalog the search service opens: kept rows and this batch's, in the same generation
  enter('index-catalog');
  kept.addBatch(batch);
  const catalog = kept.columns();
  writeCatalog(options.dir, built.manifest.generation, catalog);
  // on disk before the graph names it: a crash after the commit must find every file whole
  syncDir(options.dir);
  return linkAndWriteGraph(store, batch, built, catalog, options, generation);
}

function userWordsOf(options: IngestOptions): Iterable<string> {
  return options.userWords ?? loadDictionaries().userWords();
}

function indexProgress(options: IngestOptions): (progress: BuildProgress) => void {
  return (progress) => {
    if (progress.done === 0) options.onPhase!(progress.phase === 'save' ? 'index-save' : `index-${progress.phase}`);
    options.onIndexProgress?.(progress);
  };
}

/** SIMILAR_TO for the batch's clauses through the indexes just built (whole or delta), then the graph write naming their generation. */
async function linkAndWriteGraph(
  store: GraphStore,
  batch: GraphBatch,
  built: { vectors: VectorIndex; computed: Map<string, Float32Array>; stats: BuildStats; similarEdges?: (clauses: Clause[]) => Edge[] },
  catalog: CatalogColumns,
  options: IngestOptions & { dir: string },
  generation: number,
) {
  const enter = options.onPhase!;
  // every clause's vector, only for stores that keep them (reading 200k points back from hnswlib is not free)
  const vectors = () => {
    const all = new Map<string, Float32Array>();
    for (const id of catalog.ids) {
      const vector = built.computed.get(id) ?? built.vectors.get(id);
      if (vector) all.set(id, vector);
    }
    return all;
  };
  // neighbours of this batch's clauses only, through the HNSW just built; kept documents' edges stay in the store
  enter('similar');
  const similar = built.similarEdges ? built.similarEdges(batch.clauses) : (await similarEdgesInParallel(built.vectors, options.dir, batch.clauses, catalogRows(catalog), {}, undefined, built.computed)).edges;
  for (const edge of similar) batch.edges.push(edge);
  // only stores that keep vectors read them back; for the others the index has them (less to hold during the write)
  if (!keepsVectors(store)) built.computed.clear();
  enter('graph-write');
  const written = await store.write(batch, { indexGeneration: generation });
  return { written, index: built.stats, similarEdges: similar.length, vectors };
}

/**
 * Whether the store keeps clause vectors itself (Neo4j). The embedded store's writeEmbeddings is a
 * no-op, and reading every vector back from hnswlib for it cost 1.5 s at 10k clauses.
 */
function keepsVectors(store: GraphStore): boolean {
  return store.engine !== 'embedded' && store.writeEmbeddings !== undefined;
}

/** The catalog's rows as the clause fields SIMILAR_TO reads (document and text). */
function catalogRows(catalog: CatalogColumns): Pick<Clause, 'id' | 'docId' | 'text'>[] {
  return catalog.ids.map((id, row) => ({ id, docId: catalog.docIds[catalog.docOf[row]], text: catalog.text(row) }));
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
