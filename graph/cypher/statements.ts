// Every Cypher statement PolicyGraph runs, in one module. The shared statements are written in the
// subset that both Neo4j 5 and Ladybug (@ladybugdb/core) execute:
//   - MERGE on the key property only, then explicit `SET n.k = r.k` (no `SET n += map`);
//   - UNWIND of lists of maps whose rows all have the same keys;
//   - no map projections (`n {.a}`), no engine-only functions (Neo4j `type()`, Ladybug `label()`),
//     no list indexing (0-based in Neo4j, 1-based in Ladybug); edge types are spelled out instead;
//   - no null parameters (Ladybug types them as BOOL): empty lists and flags stand in for "no filter";
//   - every column is a scalar, a list, or a map literal, so both drivers return plain values.
// Engine-specific DDL lives in graph/embedded/ddl.ts and graph/neo4j/ddl.ts; the few Neo4j-only
// statements (vectors, index lookups) are at the end of this file. All of it is linted by Neo4j's
// parser (graph/cypher/lint.test.ts) and the shared part runs on Ladybug in the contract suite.
import { EDGE_TYPES, NODE_LABELS, type EdgeType, type NodeLabel } from '../model.js';
import {
  CLAUSE_TEXT_INDEX,
  CLAUSE_VECTOR_INDEX,
  EDGE_SPECS,
  EMBEDDING_PROPERTY,
  META_LABEL,
  NODE_SPECS,
  nullableNumbers,
  upsertProperties,
} from '../schema.js';

export interface Statement {
  /** Stable name, used in error messages and by the tests. */
  name: string;
  text: string;
  /** Parameter names the statement uses (checked by the runners and the linter). */
  params: string[];
  /** Only Neo4j runs it (never sent to the embedded engine). */
  neo4jOnly?: boolean;
}

const statement = (name: string, params: string[], lines: string[]): Statement => ({ name, params, text: lines.join('\n') });

// ---------------------------------------------------------------- projections

/** `n.id AS prefixid, n.title AS prefixtitle, …` for every stored property of the label. */
export function columns(variable: string, label: NodeLabel, prefix = ''): string {
  return Object.keys(NODE_SPECS[label].properties)
    .map((p) => `${variable}.${p} AS ${prefix}${p}`)
    .join(', ');
}

/** `{id: n.id, name: n.name, …}`: a map literal (a STRUCT on Ladybug), plus extra entries. */
export function mapLiteral(variable: string, label: NodeLabel, extra: Record<string, string> = {}): string {
  const entries = Object.keys(NODE_SPECS[label].properties).map((p) => `${p}: ${variable}.${p}`);
  for (const [k, v] of Object.entries(extra)) entries.push(`${k}: ${v}`);
  return `{${entries.join(', ')}}`;
}

const keyOf = (label: NodeLabel): string => NODE_SPECS[label].key;

// ---------------------------------------------------------------- schema version

export const readMeta = statement('readMeta', ['id'], [`MATCH (m:${META_LABEL}) WHERE m.id = $id`, 'RETURN m.version AS version']);
export const writeMeta = statement('writeMeta', ['id', 'version'], [`MERGE (m:${META_LABEL} {id: $id})`, 'SET m.version = $version']);

// ---------------------------------------------------------------- writes

/** Upserts nodes of one label from rows holding the key and every non-nullable-number property. */
export function upsertNodes(label: NodeLabel): Statement {
  const key = keyOf(label);
  const sets = upsertProperties(label).map((p) => `n.${p} = r.${p}`);
  return statement(`upsert${label}`, ['rows'], [
    'UNWIND $rows AS r',
    `MERGE (n:${label} {${key}: r.${key}})`,
    ...(sets.length ? [`SET ${sets.join(', ')}`] : []),
  ]);
}

/**
 * Sets one nullable number (rows: {key, <property>}: named after the property so the Neo4j boundary
 * knows a float from an integer); nulls go through clearNumber.
 */
export function setNumber(label: NodeLabel, property: string): Statement {
  const key = keyOf(label);
  return statement(`set${label}.${property}`, ['rows'], [
    'UNWIND $rows AS r',
    `MATCH (n:${label} {${key}: r.key})`,
    `SET n.${property} = r.${property}`,
  ]);
}

export function clearNumber(label: NodeLabel, property: string): Statement {
  const key = keyOf(label);
  return statement(`clear${label}.${property}`, ['keys'], [`MATCH (n:${label})`, `WHERE n.${key} IN $keys`, `SET n.${property} = NULL`]);
}

/**
 * Merges edges of one type between existing nodes (rows: {source, target, …properties}) and
 * counts the rows that found both endpoints, so a dangling edge fails the write.
 */
export function mergeEdges(type: EdgeType): Statement {
  const spec = EDGE_SPECS[type];
  const mergeProps = spec.mergeKeys.length ? ` {${spec.mergeKeys.map((k) => `${k}: r.${k}`).join(', ')}}` : '';
  const sets = Object.keys(spec.properties)
    .filter((p) => !spec.mergeKeys.includes(p))
    .map((p) => `e.${p} = r.${p}`);
  return statement(`merge${type}`, ['rows'], [
    'UNWIND $rows AS r',
    `MATCH (a:${spec.from} {${keyOf(spec.from)}: r.source})`,
    `MATCH (b:${spec.to} {${keyOf(spec.to)}: r.target})`,
    `MERGE (a)-[e:${type}${mergeProps}]->(b)`,
    ...(sets.length ? [`SET ${sets.join(', ')}`] : []),
    'RETURN count(*) AS written',
  ]);
}

/** Whether a relationship type has no edge at all (the embedded bulk path copies only into empty tables). */
export function anyEdge(type: EdgeType): Statement {
  const spec = EDGE_SPECS[type];
  return statement(`any${type}`, [], [`MATCH (:${spec.from})-[e:${type}]->(:${spec.to})`, 'RETURN e LIMIT 1']);
}

/** Which of the given documents are already stored with their full text (cited-only rows must not overwrite them). */
export const inCorpusDocuments = statement('inCorpusDocuments', ['ids'], [
  'MATCH (d:Document)',
  'WHERE d.id IN $ids AND d.inCorpus = true',
  'RETURN d.id AS id',
]);

/** Edge types whose source is a document or one of its clauses: a document's own edges. */
/** Clause edges first: they are found through HAS_CLAUSE, so HAS_CLAUSE (a document's edge) must go after them. */
export const OWNED_EDGE_TYPES: EdgeType[] = [
  ...EDGE_TYPES.filter((t) => EDGE_SPECS[t].from === 'Clause'),
  ...EDGE_TYPES.filter((t) => EDGE_SPECS[t].from === 'Document'),
];

/** Labels of the nodes a document references and that go when nothing references them: entities and cited-only documents. */
export const PRUNABLE_LABELS: NodeLabel[] = ['Theme', 'Agency', 'Region', 'Target', 'Document'];

/**
 * The pattern and condition that find a document's own edges of a type. A clause's edges are
 * reached from the document through HAS_CLAUSE (an index lookup and its adjacency) rather than by
 * `a.docId IN $docIds` over every clause, so the cost follows the documents' size, not the store's.
 */
function ownedPattern(type: EdgeType, edge: string, end: string): string {
  const { from, to } = EDGE_SPECS[type];
  return from === 'Document'
    ? `MATCH (a:Document)-[${edge}:${type}]->(${end}:${to}) WHERE a.id IN $docIds`
    : `MATCH (o:Document)-[:HAS_CLAUSE]->(a:${from})-[${edge}:${type}]->(${end}:${to}) WHERE o.id IN $docIds`;
}

export const referencedEntities: Statement = statement(
  'referencedEntities',
  ['docIds'],
  OWNED_EDGE_TYPES.filter((t) => PRUNABLE_LABELS.includes(EDGE_SPECS[t].to)).map((t, i) => {
    const { to } = EDGE_SPECS[t];
    const stubOnly = to === 'Document' ? ' AND b.inCorpus = false' : '';
    const union = i === 0 ? '' : 'UNION\n';
    return `${union}${ownedPattern(t, '', 'b')}${stubOnly} RETURN '${to}' AS label, b.${keyOf(to)} AS key`;
  }),
);

/** Removes the clauses of the given documents that are not in `keep` (a re-ingested document's old clauses). */
export const removeStaleClauses = statement('removeStaleClauses', ['docIds', 'keep'], [
  'MATCH (d:Document)-[:HAS_CLAUSE]->(c:Clause)',
  'WHERE d.id IN $docIds AND NOT c.id IN $keep',
  'DETACH DELETE c',
]);

/** Removes every clause of the given documents with its edges (the bulk write then inserts the batch's clauses afresh). */
export const removeClausesOf = statement('removeClausesOf', ['docIds'], [
  'MATCH (d:Document)-[:HAS_CLAUSE]->(c:Clause)',
  'WHERE d.id IN $docIds',
  'DETACH DELETE c',
]);

/** Any one clause: the embedded bulk path runs only on a store without clauses (see cypher-store.ts). */
export const anyClause = statement('anyClause', [], ['MATCH (c:Clause)', 'RETURN c.id AS id LIMIT 1']);

/** Which of the given keys a label already holds (one index lookup per key). */
export function existingKeys(label: NodeLabel): Statement {
  const key = keyOf(label);
  return statement(`existing${label}`, ['keys'], ['UNWIND $keys AS k', `MATCH (n:${label} {${key}: k})`, `RETURN n.${key} AS key`]);
}

/** Deletes the edges of one type that leave the given documents or their clauses (they are re-written from the batch). */
export function dropOwnedEdges(type: EdgeType): Statement {
  return statement(`drop${type}`, ['docIds'], [ownedPattern(type, 'e', 'b'), 'DELETE e']);
}

/**
 * SIMILAR_TO is undirected (stored from the smaller id to the larger), so the similarities of a
 * re-written document's clauses are dropped from both sides: ingest recomputes them all.
 */
export const dropSimilarInto = statement('dropSimilarInto', ['docIds'], [
  'MATCH (o:Document)-[:HAS_CLAUSE]->(b:Clause)<-[e:SIMILAR_TO]-(:Clause)',
  'WHERE o.id IN $docIds',
  'DELETE e',
]);

export const deleteDocumentNode = statement('deleteDocumentNode', ['id'], [
  'MATCH (d:Document)',
  'WHERE d.id = $id',
  'DETACH DELETE d',
  'RETURN count(*) AS deleted',
]);

/**
 * Deletes the given nodes of one label that no edge reaches any more (documents: only cited-only
 * ones). Used after a document is deleted or re-written, with the entities it used to reference.
 * (`COUNT {…} = 0` rather than `NOT EXISTS {…}`: the pinned Neo4j linter misreads NOT EXISTS as a
 * negated relationship type in its schema-path check.)
 */
export function pruneOrphans(label: NodeLabel): Statement {
  const key = keyOf(label);
  const incoming = EDGE_TYPES.filter((t) => EDGE_SPECS[t].to === label).map(
    (t) => `COUNT { MATCH (:${EDGE_SPECS[t].from})-[:${t}]->(n) } = 0`,
  );
  const conditions = [`n.${key} IN $keys`, ...(label === 'Document' ? ['n.inCorpus = false'] : []), ...incoming];
  return statement(`prune${label}`, ['keys'], [`MATCH (n:${label})`, `WHERE ${conditions.join('\n  AND ')}`, 'DETACH DELETE n']);
}

// ---------------------------------------------------------------- reads

export const listDocuments = statement('listDocuments', [], [
  'MATCH (d:Document)',
  `RETURN ${columns('d', 'Document')}, COUNT { MATCH (d)-[:HAS_CLAUSE]->(:Clause) } AS clauseCount`,
  'ORDER BY id',
]);

export const getDocument = statement('getDocument', ['id'], ['MATCH (d:Document)', 'WHERE d.id = $id', `RETURN ${columns('d', 'Document')}`]);

export const outline = statement('outline', ['docId'], [
  'MATCH (d:Document)-[:HAS_CLAUSE]->(c:Clause)',
  'WHERE d.id = $docId',
  'RETURN c.id AS id, c.path AS path, c.number AS number, c.heading AS heading, c.depth AS depth, c.ordinal AS ordinal, c.kind AS kind',
  'ORDER BY ordinal',
]);

/** Clauses by id: UNWIND + MATCH by key is one index lookup per id (`c.id IN $ids` scans every clause on Ladybug). */
export const getClauses = statement('getClauses', ['ids'], ['UNWIND $ids AS k', 'MATCH (c:Clause {id: k})', `RETURN ${columns('c', 'Clause')}`]);

/** The clauses of some documents (for allClauses, page by page over the documents): one index lookup per document. */
export const clausesOfDocuments = statement('clausesOfDocuments', ['ids'], [
  'UNWIND $ids AS k',
  'MATCH (d:Document {id: k})-[:HAS_CLAUSE]->(c:Clause)',
  `RETURN ${columns('c', 'Clause')}`,
]);

/** The filter parameters of `expand`; empty lists and `anyYear` mean "no filter". */
export const EXPAND_FILTER_PARAMS = ['docs', 'levels', 'kinds', 'regions', 'themes', 'agencies', 'anyYear', 'yearFrom', 'yearTo'];

/**
 * A clause with its document, parent, themes, agencies (with roles), targets, cited and
 * implemented documents and similar clauses, for many clause ids in one statement. Each OPTIONAL
 * MATCH is collected before the next so rows never multiply. Filters: document ids, level, kind,
 * region (the document's region or an APPLIES_TO region), theme (the clause MENTIONS it, by id or
 * name), agency (the clause ASSIGNS it or the document is ISSUED_BY it, by id or name), year range
 * (documents without a year fail any year filter).
 */
export const expand = statement('expand', ['ids', ...EXPAND_FILTER_PARAMS], [
  // `c.id IN $ids`, not UNWIND + `c.id = k`: at 205k clauses the IN form measured 4× faster on Ladybug
  // 0.19.1 (8 s against 31 s cold under load ~12), and (c:Clause {id: k}) followed by WITH does not compile there
  'MATCH (d:Document)-[:HAS_CLAUSE]->(c:Clause)',
  'WHERE c.id IN $ids',
  '  AND (size($docs) = 0 OR d.id IN $docs)',
  '  AND (size($levels) = 0 OR d.level IN $levels)',
  '  AND (size($kinds) = 0 OR d.kind IN $kinds)',
  '  AND ($anyYear OR (d.year >= $yearFrom AND d.year <= $yearTo))',
  '  AND (size($regions) = 0 OR d.region IN $regions',
  '       OR EXISTS { MATCH (d)-[:APPLIES_TO]->(g:Region) WHERE g.name IN $regions })',
  '  AND (size($themes) = 0',
  '       OR EXISTS { MATCH (c)-[:MENTIONS]->(ft:Theme) WHERE ft.id IN $themes OR ft.name IN $themes })',
  '  AND (size($agencies) = 0',
  '       OR EXISTS { MATCH (c)-[:ASSIGNS]->(fa:Agency) WHERE fa.id IN $agencies OR fa.name IN $agencies }',
  '       OR EXISTS { MATCH (d)-[:ISSUED_BY]->(fi:Agency) WHERE fi.id IN $agencies OR fi.name IN $agencies })',
  'OPTIONAL MATCH (p:Clause)-[:HAS_CHILD]->(c)',
  'WITH c, d, p',
  'OPTIONAL MATCH (c)-[:MENTIONS]->(t:Theme)',
  `WITH c, d, p, collect(${mapLiteral('t', 'Theme')}) AS themes`,
  'OPTIONAL MATCH (c)-[asg:ASSIGNS]->(a:Agency)',
  `WITH c, d, p, themes, collect(${mapLiteral('a', 'Agency', { role: 'asg.role', deadline: 'asg.deadline', openEnded: 'asg.openEnded' })}) AS agencies`,
  'OPTIONAL MATCH (c)-[:SETS]->(tg:Target)',
  `WITH c, d, p, themes, agencies, collect(${mapLiteral('tg', 'Target')}) AS targets`,
  'OPTIONAL MATCH (d)-[ci:CITES]->(cd:Document)',
  'WITH c, d, p, themes, agencies, targets,',
  '     collect({id: cd.id, title: cd.title, docNumber: cd.docNumber, inCorpus: cd.inCorpus, evidence: ci.evidence}) AS cites',
  'OPTIONAL MATCH (d)-[im:IMPLEMENTS]->(imd:Document)',
  'WITH c, d, p, themes, agencies, targets, cites,',
  '     collect({id: imd.id, title: imd.title, docNumber: imd.docNumber, inCorpus: imd.inCorpus, evidence: im.evidence}) AS implementsDocs',
  'OPTIONAL MATCH (c)-[sim:SIMILAR_TO]-(o:Clause)',
  'WITH c, d, p, themes, agencies, targets, cites, implementsDocs, collect({id: o.id, docId: o.docId, score: sim.score}) AS similar',
  `RETURN ${columns('c', 'Clause', 'c_')}, ${columns('d', 'Document', 'd_')},`,
  '       p.id AS p_id, p.path AS p_path, p.heading AS p_heading,',
  '       themes, agencies, targets, cites, implementsDocs, similar',
]);

export const listThemes = statement('listThemes', [], [
  'MATCH (t:Theme)',
  'OPTIONAL MATCH (c:Clause)-[:MENTIONS]->(t)',
  'WITH t, count(DISTINCT c.id) AS clauseCount, count(DISTINCT c.docId) AS documentCount',
  `RETURN ${columns('t', 'Theme')}, clauseCount, documentCount`,
  'ORDER BY id',
]);

export const listAgencies = statement('listAgencies', [], [
  'MATCH (a:Agency)',
  `RETURN ${columns('a', 'Agency')},`,
  "       COUNT { MATCH (:Clause)-[e:ASSIGNS]->(a) WHERE e.role = 'lead' } AS leadCount,",
  "       COUNT { MATCH (:Clause)-[e:ASSIGNS]->(a) WHERE e.role = 'support' } AS supportCount,",
  '       COUNT { MATCH (:Document)-[:ISSUED_BY]->(a) } AS issuedCount',
  'ORDER BY id',
]);

/** Targets with their clause and document, so one metric can be compared across documents and regions. `metric` '' means all. */
export const listTargets = statement('listTargets', ['metric'], [
  'MATCH (d:Document)-[:HAS_CLAUSE]->(c:Clause)-[:SETS]->(t:Target)',
  "WHERE $metric = '' OR t.metric CONTAINS $metric",
  `RETURN ${columns('t', 'Target')}, c.id AS clauseId, c.path AS path,`,
  '       d.id AS docId, d.docNumber AS docNumber, d.title AS title, d.region AS region, d.level AS level',
  'ORDER BY metric, docId, id',
]);

/** Finds a node of any label by its key (Region: name). */
export const findNode = statement(
  'findNode',
  ['id'],
  NODE_LABELS.map((l, i) => {
    const { key, display } = NODE_SPECS[l];
    return `${i ? 'UNION ALL\n' : ''}MATCH (n:${l}) WHERE n.${key} = $id RETURN '${l}' AS label, n.${key} AS id, n.${display} AS name`;
  }),
);

/** The clauses (table rows) that repeat any of the given clauses: one indexed match on the repeated side. */
export const repeatingClauses = statement(
  'repeatingClauses',
  ['ids'],
  [`MATCH (a:Clause)-[:REPEATS]->(b:Clause) WHERE b.${NODE_SPECS.Clause.key} IN $ids RETURN a.${NODE_SPECS.Clause.key} AS source, b.${NODE_SPECS.Clause.key} AS target`],
);

/** Every edge touching the given nodes, one UNION branch per edge type (edge types are spelled out: no `type(r)`). */
export const neighbourHop = statement(
  'neighbourHop',
  ['ids'],
  EDGE_TYPES.map((t, i) => {
    const { from, to } = EDGE_SPECS[t];
    const [fk, tk] = [NODE_SPECS[from], NODE_SPECS[to]];
    return (
      `${i ? 'UNION ALL\n' : ''}MATCH (a:${from})-[:${t}]->(b:${to}) WHERE a.${fk.key} IN $ids OR b.${tk.key} IN $ids ` +
      `RETURN '${t}' AS type, '${from}' AS sourceLabel, a.${fk.key} AS source, a.${fk.display} AS sourceName, ` +
      `'${to}' AS targetLabel, b.${tk.key} AS target, b.${tk.display} AS targetName`
    );
  }),
);

/**
 * One page of the nodes of a label, in key order, after the key `after` (keyset pagination: each
 * page starts where the last ended instead of skipping over everything before it).
 */
export function exportNodes(label: NodeLabel): Statement {
  const key = NODE_SPECS[label].key;
  return statement(`export${label}`, ['after', 'limit'], [
    `MATCH (n:${label})`,
    `WHERE n.${key} > $after`,
    `RETURN ${columns('n', label)}`,
    `ORDER BY ${key}`,
    'LIMIT $limit',
  ]);
}

/** The next page of keys of a label after `after` (edges are exported source node by source node). */
export function pageKeys(label: NodeLabel): Statement {
  const key = NODE_SPECS[label].key;
  return statement(`keys${label}`, ['after', 'limit'], [`MATCH (n:${label})`, `WHERE n.${key} > $after`, `RETURN n.${key} AS key`, 'ORDER BY key', 'LIMIT $limit']);
}

/** The edges of a type leaving the given source nodes (one index lookup per source). */
export function exportEdges(type: EdgeType): Statement {
  const spec = EDGE_SPECS[type];
  const props = Object.keys(spec.properties).map((p) => `, e.${p} AS ${p}`).join('');
  const key = NODE_SPECS[spec.from].key;
  return statement(`export${type}`, ['keys'], [
    'UNWIND $keys AS k',
    `MATCH (a:${spec.from} {${key}: k})-[e:${type}]->(b:${spec.to})`,
    `RETURN a.${key} AS source, b.${NODE_SPECS[spec.to].key} AS target${props}`,
  ]);
}

// ---------------------------------------------------------------- Neo4j only

const neo4jOnly = (s: Statement): Statement => ({ ...s, neo4jOnly: true });

/** Stores clause vectors as float32 through Neo4j's procedure (rows: {id, embedding}). */
export const setEmbeddings = neo4jOnly(
  statement('setEmbeddings', ['rows'], [
    'UNWIND $rows AS r',
    'MATCH (c:Clause {id: r.id})',
    `CALL db.create.setNodeVectorProperty(c, '${EMBEDDING_PROPERTY}', r.embedding)`,
    'RETURN count(*) AS written',
  ]),
);

export const indexOptions = neo4jOnly(
  statement('indexOptions', ['name'], ['SHOW INDEXES YIELD name, type, options', 'WHERE name = $name', 'RETURN name, type, options']),
);

/** The README's examples, linted with everything else. */
export const fulltextExample = neo4jOnly(
  statement('fulltextExample', ['query'], [
    `CALL db.index.fulltext.queryNodes('${CLAUSE_TEXT_INDEX}', $query) YIELD node, score`,
    'MATCH (d:Document)-[:HAS_CLAUSE]->(node)',
    'RETURN d.docNumber AS docNumber, d.title AS title, node.path AS path, node.text AS text, score',
    'ORDER BY score DESC LIMIT 10',
  ]),
);

export const vectorExample = neo4jOnly(
  statement('vectorExample', ['vector'], [
    `CALL db.index.vector.queryNodes('${CLAUSE_VECTOR_INDEX}', 10, $vector) YIELD node, score`,
    'MATCH (d:Document)-[:HAS_CLAUSE]->(node)',
    'OPTIONAL MATCH (node)-[:MENTIONS]->(t:Theme)',
    'RETURN d.docNumber AS docNumber, d.title AS title, node.path AS path, node.text AS text, score, collect(t.name) AS themes',
    'ORDER BY score DESC',
  ]),
);

/** Every statement, for the linter and the tests (generated ones for every label and edge type). */
export function allStatements(): Statement[] {
  const perLabel = NODE_LABELS.flatMap((l) => [
    upsertNodes(l),
    ...nullableNumbers(l).flatMap((p) => [setNumber(l, p), clearNumber(l, p)]),
    ...(PRUNABLE_LABELS.includes(l) ? [pruneOrphans(l)] : []),
    existingKeys(l),
    exportNodes(l),
    pageKeys(l),
  ]);
  const perEdge = EDGE_TYPES.flatMap((t) => [mergeEdges(t), anyEdge(t), exportEdges(t), ...(OWNED_EDGE_TYPES.includes(t) ? [dropOwnedEdges(t)] : [])]);
  return [
    readMeta,
    writeMeta,
    inCorpusDocuments,
    referencedEntities,
    removeStaleClauses,
    removeClausesOf,
    anyClause,
    dropSimilarInto,
    deleteDocumentNode,
    listDocuments,
    getDocument,
    outline,
    getClauses,
    clausesOfDocuments,
    expand,
    listThemes,
    listAgencies,
    listTargets,
    findNode,
    neighbourHop,
    repeatingClauses,
    ...perLabel,
    ...perEdge,
    setEmbeddings,
    indexOptions,
    fulltextExample,
    vectorExample,
  ];
}
