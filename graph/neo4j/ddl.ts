// Neo4j DDL, apart from the shared Cypher, all of it on PolicyGraph's own labels (graph/neo4j/namespace.ts:
// PolicyGraphDocument, PolicyGraphClause … beside the plain type labels), so a shared database's other
// Document or Clause nodes are neither constrained nor indexed: a uniqueness constraint on the key of
// every type (the MERGE statements rely on them for speed and correctness), an index on the clauses'
// docId (the replace/delete statements filter on it), a fulltext index on clause text with the CJK
// analyzer, and — once the embedder's dimension is known — a cosine vector index on the clauses'
// embedding, so Neo4j-side tools (neo4j-graphrag retrievers, Bloom, Browser) can search the same graph.
import { NODE_LABELS } from '../model.js';
import { PolicyGraphError } from '../errors.js';
import { CLAUSE_TEXT_INDEX, CLAUSE_VECTOR_INDEX, EMBEDDER_LABEL, EMBEDDING_PROPERTY, META_LABEL, NODE_SPECS } from '../schema.js';
import { namespacedLabel } from './namespace.js';

/** Neo4j's limit for vector indexes (5.x: 1..4096). */
export const MAX_VECTOR_DIMENSION = 4096;

const constraintName = (label: string, key: string) => `${label.toLowerCase()}_${key.toLowerCase()}_unique`;
const CLAUSE_LABEL = namespacedLabel('Clause');
const CLAUSE_DOC_ID_INDEX = 'policygraphclause_doc_id';

/**
 * What releases before namespaced labels created on the plain labels, by name: dropped on open (the
 * fulltext and vector indexes keep their names and are recreated when they sit on another label).
 */
export const LEGACY_SCHEMA = {
  constraints: NODE_LABELS.map((l) => constraintName(l, NODE_SPECS[l].key)),
  indexes: ['clause_doc_id'],
  /** Indexes PolicyGraph names whose label must be CLAUSE_LABEL. */
  clauseIndexes: [CLAUSE_TEXT_INDEX, CLAUSE_VECTOR_INDEX],
  clauseLabel: CLAUSE_LABEL,
} as const;

/** Idempotent (IF NOT EXISTS) schema statements; each runs in its own transaction (Neo4j forbids mixing schema and data writes). */
export function neo4jDdl(): string[] {
  const constraints = [...NODE_LABELS.map((l) => [namespacedLabel(l), NODE_SPECS[l].key] as const), [META_LABEL, 'id'] as const, [EMBEDDER_LABEL, 'id'] as const].map(
    ([label, key]) => `CREATE CONSTRAINT ${constraintName(label, key)} IF NOT EXISTS FOR (n:${label}) REQUIRE n.${key} IS UNIQUE`,
  );
  return [
    ...constraints,
    `CREATE INDEX ${CLAUSE_DOC_ID_INDEX} IF NOT EXISTS FOR (n:${CLAUSE_LABEL}) ON (n.docId)`,
    `CREATE FULLTEXT INDEX ${CLAUSE_TEXT_INDEX} IF NOT EXISTS FOR (n:${CLAUSE_LABEL}) ON EACH [n.text, n.heading] OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'cjk'}}`,
  ];
}

/** Clause properties (copied from the document) that Neo4j 2026.01+ can filter on inside the vector index. */
export const FILTERABLE_CLAUSE_PROPERTIES = ['year', 'level', 'region', 'docNumber', 'docType', 'docKind'] as const;

/**
 * The vector index with the document fields as additional (filterable) properties: Cypher 25's
 * `WITH [...]`, which Neo4j 2026.01 and later accept for vector search with filters (SEARCH … WHERE).
 * Older servers reject it as a syntax error; the store then creates vectorIndexDdl's plain index.
 */
export function filterableVectorIndexDdl(dimension: number): string {
  const plain = vectorIndexDdl(dimension);
  const on = `ON (n.${EMBEDDING_PROPERTY}) `;
  const withProperties = `ON n.${EMBEDDING_PROPERTY} WITH [${FILTERABLE_CLAUSE_PROPERTIES.map((p) => `n.${p}`).join(', ')}] `;
  return `CYPHER 25 ${plain.replace(on, withProperties)}`;
}

/** The vector index for clause embeddings of `dimension` (an integer literal: index options take no parameters). */
export function vectorIndexDdl(dimension: number): string {
  if (!Number.isSafeInteger(dimension) || dimension < 1 || dimension > MAX_VECTOR_DIMENSION) {
    throw new PolicyGraphError('BAD_REQUEST', `embedding dimension must be a whole number from 1 to ${MAX_VECTOR_DIMENSION} (got ${dimension})`);
  }
  return (
    `CREATE VECTOR INDEX ${CLAUSE_VECTOR_INDEX} IF NOT EXISTS FOR (n:${CLAUSE_LABEL}) ON (n.${EMBEDDING_PROPERTY}) ` +
    `OPTIONS {indexConfig: {\`vector.dimensions\`: ${dimension}, \`vector.similarity_function\`: 'cosine'}}`
  );
}
