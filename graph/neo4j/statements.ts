// Neo4j-only statements beyond the shared Cypher: retrieval on Neo4j's own indexes (the "neo4j"
// retrieval mode), the owner label that keeps PolicyGraph's nodes apart from other tools' nodes in a
// shared database, the document fields copied onto clauses for Neo4j-side filters, and the record
// of the embedder that made Clause.embedding. Linted with everything else (graph/cypher/lint.test.ts).
import { NODE_SPECS } from '../schema.js';
import type { NodeLabel } from '../model.js';
import { CLAUSE_DOCUMENT_FIELDS, CLAUSE_TEXT_INDEX, CLAUSE_VECTOR_INDEX, EMBEDDER_LABEL, META_LABEL, OWNER_LABEL } from '../schema.js';
import type { Statement } from '../cypher/statements.js';
import { namespacedLabel } from './namespace.js';

const neo4jStatement = (name: string, params: string[], lines: string[]): Statement => ({ name, params, text: lines.join('\n'), neo4jOnly: true });

/** Puts the owner label on the nodes of one label a write touched (rows: their keys). */
export function markOwned(label: NodeLabel): Statement {
  const key = NODE_SPECS[label].key;
  return neo4jStatement(`markOwned${label}`, ['keys'], ['UNWIND $keys AS k', `MATCH (n:${label} {${key}: k})`, `SET n:${OWNER_LABEL}`]);
}

export const markMetaOwned = neo4jStatement('markMetaOwned', [], [`MATCH (m:${META_LABEL})`, `SET m:${OWNER_LABEL}`]);

/** Copies the filterable document fields onto every clause of the given documents. */
export const copyDocumentFields = neo4jStatement('copyDocumentFields', ['docIds'], [
  'UNWIND $docIds AS k',
  'MATCH (d:Document {id: k})-[:HAS_CLAUSE]->(c:Clause)',
  `SET ${Object.entries(CLAUSE_DOCUMENT_FIELDS).map(([to, from]) => `c.${to} = d.${from}`).join(', ')}`,
]);

/** Deletes up to $limit PolicyGraph nodes (clear() repeats it until none is left, so no transaction grows unbounded). */
export const clearOwned = neo4jStatement('clearOwned', ['limit'], [
  `MATCH (n:${OWNER_LABEL})`,
  'WITH n LIMIT $limit',
  'DETACH DELETE n',
  'RETURN count(*) AS deleted',
]);

/** The embedder that made the vectors of a vector index: what a Neo4j-side client must embed queries with. */
export const writeEmbedderRecord = neo4jStatement(
  'writeEmbedderRecord',
  ['id', 'embedder', 'dimension', 'similarity', 'normalized', 'queryPrefix', 'state', 'stateFingerprint', 'updatedAt'],
  [
    `MERGE (m:${EMBEDDER_LABEL} {id: $id})`,
    `SET m:${OWNER_LABEL}, m.embedder = $embedder, m.dimension = $dimension, m.similarity = $similarity, m.normalized = $normalized,`,
    '    m.queryPrefix = $queryPrefix, m.state = $state, m.stateFingerprint = $stateFingerprint, m.updatedAt = $updatedAt',
  ],
);

export const readEmbedderRecord = neo4jStatement('readEmbedderRecord', ['id'], [
  `MATCH (m:${EMBEDDER_LABEL})`,
  'WHERE m.id = $id',
  'RETURN m.embedder AS embedder, m.dimension AS dimension, m.similarity AS similarity, m.normalized AS normalized,',
  '       m.queryPrefix AS queryPrefix, m.state AS state, m.stateFingerprint AS stateFingerprint, m.updatedAt AS updatedAt',
]);

/**
 * Nearest clauses to a query embedding on Neo4j's vector index. The index covers every :Clause with
 * an embedding, so other tools' Clause nodes are dropped by the owner label. Scores are Neo4j's
 * cosine scores, (1 + cos) / 2.
 */
export const vectorSearch = neo4jStatement('vectorSearch', ['k', 'embedding'], [
  `CALL db.index.vector.queryNodes('${CLAUSE_VECTOR_INDEX}', $k, $embedding) YIELD node, score`,
  `WHERE node:${OWNER_LABEL}`,
  'RETURN node.id AS id, score',
]);

/** Best clauses for a Lucene query on the CJK fulltext index (text and heading). */
export const fulltextSearch = neo4jStatement('fulltextSearch', ['query', 'k'], [
  `CALL db.index.fulltext.queryNodes('${CLAUSE_TEXT_INDEX}', $query, {limit: $k}) YIELD node, score`,
  `WHERE node:${OWNER_LABEL}`,
  'RETURN node.id AS id, score',
]);

/**
 * The Cypher of the README's neo4j-graphrag example (HybridCypherRetriever's retrieval_query runs
 * after the index calls with `node` and `score` bound); linted here so the example stays valid.
 */
export const graphragRetrievalQuery = neo4jStatement('graphragRetrievalQuery', [], [
  'MATCH (d:Document)-[:HAS_CLAUSE]->(node)',
  'RETURN node.text AS text, score,',
  '       {title: d.title, docNumber: d.docNumber, path: node.path, year: node.year, level: node.level, id: node.id} AS metadata',
]);

/** A database written before namespaced labels: its PolicyGraph nodes of one type gain PolicyGraph<Type> (graph/neo4j/namespace.ts). */
export function addNamespacedLabel(label: NodeLabel): Statement {
  const namespaced = namespacedLabel(label);
  return neo4jStatement(`addNamespacedLabel${label}`, [], [`MATCH (n:${label}:${OWNER_LABEL})`, `WHERE NOT n:${namespaced}`, `SET n:${namespaced}`]);
}

/** The labels an index PolicyGraph names sits on (none: no such index). */
export const indexLabels = neo4jStatement('indexLabels', ['name'], ['SHOW INDEXES YIELD name, labelsOrTypes, options', 'WHERE name = $name', 'RETURN labelsOrTypes, options']);

/** Waits (at most $seconds) until every index is online: one created over existing nodes populates in the background. */
export const awaitIndexes = neo4jStatement('awaitIndexes', ['seconds'], ['CALL db.awaitIndexes($seconds)']);

export function neo4jStatements(labels: readonly NodeLabel[]): Statement[] {
  return [
    ...labels.map(markOwned),
    markMetaOwned,
    copyDocumentFields,
    clearOwned,
    writeEmbedderRecord,
    readEmbedderRecord,
    vectorSearch,
    fulltextSearch,
    graphragRetrievalQuery,
    awaitIndexes,
    ...labels.map(addNamespacedLabel),
    indexLabels,
  ];
}
