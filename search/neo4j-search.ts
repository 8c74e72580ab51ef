// Opens what the "neo4j" retrieval mode searches with, from the database alone: the embedder the
// stored vectors were made with (rebuilt from its :PolicyGraphIndex record) and the clause catalog
// (read from the graph), so a replica needs no data dir.
import { PolicyGraphError } from '../graph/errors.js';
import type { IndexSearchPort } from '../graph/neo4j/neo4j-store.js';
import type { GraphStore } from '../graph/store.js';
import { CatalogTermStatistics } from './catalog-term-statistics.js';
import { ClauseCatalog } from './clause-catalog.js';
import { embedderFromDescription } from './embedders/describe.js';
import { isCorpusFitted } from './embedders/corpus-fitted.js';
import { retrieveOnNeo4j } from './neo4j-retriever.js';
import type { Candidate, RetrieveOptions } from './hybrid-retriever.js';
import { createTokenizer } from './tokenize.js';
import type { Embedder } from './types.js';

/** What the search service needs from a retrieval mode. */
export interface Retrieval {
  retrieve(query: string, options: RetrieveOptions): Promise<Candidate[]>;
  /** The query's words as the lexical side sees them (reported as expandedTerms). */
  queryWords(query: string): string[];
  /** Whether hybrid scores are the absolute ones (search/absolute-score.ts), so a threshold means something. */
  readonly calibrated: boolean;
  /** Frees what the retrieval holds outside V8's heap (the local HNSW graphs) when its service closes. */
  close?(): void;
}

export interface Neo4jRetrievalSetup {
  retrieval: Retrieval;
  embedder: Embedder;
  catalog: ClauseCatalog;
}

function indexPort(store: GraphStore): IndexSearchPort {
  const port = store as Partial<IndexSearchPort>;
  if (store.engine !== 'neo4j' || typeof port.vectorSearch !== 'function' || typeof port.readEmbedder !== 'function') {
    throw new PolicyGraphError('CONFIG', `the neo4j retrieval mode needs the Neo4j graph store, not ${store.engine}: add --graph neo4j`);
  }
  return port as IndexSearchPort;
}

export async function openNeo4jRetrieval(store: GraphStore, given?: Embedder): Promise<Neo4jRetrievalSetup> {
  const port = indexPort(store);
  const recorded = await port.readEmbedder();
  if (!recorded) {
    throw new PolicyGraphError('INDEX_MISSING', `${port.location} holds no clause vectors yet: run policygraph ingest --graph neo4j first`);
  }
  if (given && given.id !== recorded.id) {
    throw new PolicyGraphError(
      'INDEX_MISMATCH',
      `the vectors in ${port.location} were made by ${recorded.id}, queried with ${given.id}: query with the same embedder, or re-ingest with this one`,
    );
  }
  // a given embedder of the recorded kind still needs the recorded fitted state (the built-in IDF)
  if (given && isCorpusFitted(given) && recorded.state) given.importState(JSON.parse(recorded.state));
  const embedder = given ?? (await embedderFromDescription(recorded, port.location));
  const catalog = await ClauseCatalog.fromStore(store);
  const tokenizer = createTokenizer();
  const deps = { indexes: port, embedder, catalog, tokenizer, statistics: new CatalogTermStatistics(catalog, tokenizer) };
  return {
    embedder,
    catalog,
    retrieval: {
      retrieve: (query, options) => retrieveOnNeo4j(deps, query, options),
      queryWords: (query) => tokenizer.queryTerms(query).words,
      calibrated: true, // the absolute score, its lexical part from the catalog's term statistics
    },
  };
}
