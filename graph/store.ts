// The GraphStore port: what ingest, search and the API need from a graph database.
// Adapters: graph/embedded/ (the @ladybugdb/core default) and graph/neo4j/ (neo4j-driver).
import type {
  Agency,
  Clause,
  EdgeType,
  ExportRecord,
  GraphBatch,
  Level,
  DocumentKind,
  PolicyDocument,
  Target,
  Theme,
} from './model.js';

export interface WriteStats {
  nodes: number;
  edges: number;
}

export interface WriteOptions {
  /** The search index generation built for this write (search/generations.ts), recorded in the same transaction. */
  indexGeneration?: number;
}

export interface DocumentSummary extends PolicyDocument {
  clauseCount: number;
}

/** Filters shared by search expansion and listings. Every field is optional; all given must hold. */
export interface ClauseFilters {
  theme?: string[];
  agency?: string[];
  region?: string[];
  level?: Level[];
  yearFrom?: number;
  yearTo?: number;
  doc?: string[];
  kind?: DocumentKind[];
}

export interface AssignedAgency {
  agency: Agency;
  role: 'lead' | 'support';
  deadline: string | null;
  openEnded: boolean;
}

export interface DocumentRef {
  id: string;
  title: string;
  docNumber: string | null;
  inCorpus: boolean;
  evidence: string | null;
}

/** A clause with what the graph knows around it: the join behind every search hit. */
export interface ClauseContext {
  clause: Clause;
  document: PolicyDocument;
  parent: Pick<Clause, 'id' | 'path' | 'heading'> | null;
  themes: Theme[];
  agencies: AssignedAgency[];
  targets: Target[];
  cites: DocumentRef[];
  implements: DocumentRef[];
  similar: { id: string; docId: string; score: number }[];
}

export interface OutlineEntry {
  id: string;
  path: string;
  number: string | null;
  heading: string | null;
  depth: number;
  ordinal: number;
  kind: Clause['kind'];
}

export interface NeighbourhoodNode {
  id: string;
  label: string;
  name: string;
}

export interface NeighbourhoodEdge {
  type: EdgeType;
  from: string;
  to: string;
}

export interface Neighbourhood {
  nodes: NeighbourhoodNode[];
  edges: NeighbourhoodEdge[];
}

export interface ThemeSummary extends Theme {
  clauseCount: number;
  documentCount: number;
}

export interface AgencySummary extends Agency {
  leadCount: number;
  supportCount: number;
  issuedCount: number;
}

export interface TargetRow extends Target {
  clauseId: string;
  docId: string;
  docNumber: string | null;
  title: string;
  region: string | null;
  level: Level;
  path: string;
}

/** How the stored vectors were made, so a client elsewhere can embed queries the same way (recorded in Neo4j). */
export interface EmbedderDescription {
  /** PolicyGraph's embedder id, e.g. "builtin:ngram-v1" or "transformers:Xenova/bge-small-zh-v1.5:q8". */
  id: string;
  dimension: number;
  /** Vectors are L2-normalised. */
  normalized: boolean;
  /** Prepended to queries before embedding (bge's retrieval instruction); null when queries are embedded as they are. */
  queryPrefix: string | null;
  /** JSON of the corpus statistics the embedder needs for queries (the built-in embedder's IDF); null when none. */
  state: string | null;
  stateFingerprint: string | null;
}

export interface GraphStore {
  /** Short engine name for messages: "embedded" or "neo4j". */
  readonly engine: string;
  /** Creates the schema if missing; fails clearly when the store was written by a newer schema. */
  open(): Promise<void>;
  close(): Promise<void>;
  /** Idempotent upsert of a whole batch in one transaction: all of it lands or none of it does. */
  write(batch: GraphBatch, options?: WriteOptions): Promise<WriteStats>;
  /** The search index generation the last committed write recorded, or null when none did. */
  indexGeneration?(): Promise<number | null>;
  /** Folds the write-ahead log into the database file (the embedded store); other stores need not. */
  checkpoint?(): Promise<void>;
  /**
   * Removes a document, its clauses with their edges (SIMILAR_TO included), and entities (themes,
   * agencies, targets, regions) only it referenced; `options.indexGeneration` is recorded in the same
   * transaction (the generation search/index-delete.ts published without the document).
   */
  deleteDocument(id: string, options?: WriteOptions): Promise<boolean>;
  /**
   * Stores clause vectors where the engine keeps them (Neo4j: Clause.embedding plus a vector index of
   * `dimension`, so Neo4j-side tools can search). The embedded store keeps vectors in the search index
   * only and returns 0. Returns the number of clauses updated. Optional so other implementations stay valid.
   */
  writeEmbeddings?(vectors: Map<string, Float32Array | number[]>, dimension: number, embedder?: EmbedderDescription): Promise<number>;

  listDocuments(): Promise<DocumentSummary[]>;
  getDocument(id: string): Promise<PolicyDocument | null>;
  outline(docId: string): Promise<OutlineEntry[]>;
  getClauses(ids: string[]): Promise<Clause[]>;
  /** All clauses (for index building); ordered by docId then ordinal. */
  allClauses(): Promise<Clause[]>;
  /** Expands clause ids into their graph context, keeping only those that pass the filters; one round trip. */
  expand(ids: string[], filters?: ClauseFilters): Promise<ClauseContext[]>;
  listThemes(): Promise<ThemeSummary[]>;
  listAgencies(): Promise<AgencySummary[]>;
  listTargets(metric?: string): Promise<TargetRow[]>;
  neighbourhood(id: string, depth: 1 | 2): Promise<Neighbourhood>;
  /** REPEATS edges into the given clauses (the table rows restating them), in one round trip. */
  repeatingClauses(ids: string[]): Promise<{ from: string; to: string }[]>;
  /** Every node and edge, for `policygraph export`. */
  exportAll(): AsyncIterable<ExportRecord>;
  /** Only the edges of some types, in exportAll's order (the search catalog reads MENTIONS, ASSIGNS, SETS, ISSUED_BY). */
  exportEdges?(types: readonly EdgeType[]): AsyncIterable<ExportRecord>;
}
