// The stored shape of the graph, defined once: which properties each label and edge type carries
// and how each is typed. Both engines' DDL, the shared Cypher, the row mapping and the Cypher
// linter are generated from or checked against this description.
import { EDGE_ENDPOINTS, EDGE_TYPES, NODE_LABELS, type EdgeType, type NodeLabel } from './model.js';

/**
 * Version of the stored schema. Bump it when a stored property or table changes meaning; a store
 * written by a newer version is refused (SCHEMA_NEWER) rather than misread.
 */
export const SCHEMA_VERSION = 2;

/**
 * STRING/INT64/DOUBLE/BOOLEAN/STRING[] are stored as such; JSON is a STRING holding JSON text,
 * used for nested values (sources, table fields) because Neo4j properties cannot hold maps.
 */
export type PropertyType = 'STRING' | 'INT64' | 'DOUBLE' | 'BOOLEAN' | 'STRING[]' | 'JSON';

export interface PropertySpec {
  type: PropertyType;
  /** May be null. Nullable numbers are written by their own statements (see cypher/statements.ts). */
  nullable: boolean;
  /** Optional in the domain type: omitted from a read-back object when null. */
  sparse?: boolean;
}

export interface NodeSpec {
  label: NodeLabel;
  /** The property nodes are merged on: `id`, except Region which is keyed by `name`. */
  key: string;
  /** Every stored property, the key first. */
  properties: Record<string, PropertySpec>;
  /** Property shown as the node's name in neighbourhood views. */
  display: string;
}

const req = (type: PropertyType): PropertySpec => ({ type, nullable: false });
const opt = (type: PropertyType): PropertySpec => ({ type, nullable: true });
const sparse = (type: PropertyType): PropertySpec => ({ type, nullable: true, sparse: true });

export const NODE_SPECS: Record<NodeLabel, NodeSpec> = {
  Document: {
    label: 'Document',
    key: 'id',
    display: 'title',
    properties: {
      id: req('STRING'),
      title: req('STRING'),
      docNumber: opt('STRING'),
      issuers: req('STRING[]'),
      region: opt('STRING'),
      level: req('STRING'),
      year: opt('INT64'),
      date: opt('STRING'),
      draft: req('BOOLEAN'),
      kind: req('STRING'),
      inCorpus: req('BOOLEAN'),
      aliases: req('STRING[]'),
      sources: req('JSON'),
      docType: sparse('STRING'),
      subject: sparse('STRING'),
      indexNumber: sparse('STRING'),
      publishedDate: sparse('STRING'),
      effectiveDate: sparse('STRING'),
      history: sparse('JSON'),
      edition: sparse('STRING'),
      status: sparse('STRING'),
    },
  },
  Clause: {
    label: 'Clause',
    key: 'id',
    display: 'path',
    properties: {
      id: req('STRING'),
      docId: req('STRING'),
      path: req('STRING'),
      number: opt('STRING'),
      heading: opt('STRING'),
      text: req('STRING'),
      ordinal: req('INT64'),
      depth: req('INT64'),
      parentId: opt('STRING'),
      kind: req('STRING'),
      fields: opt('JSON'),
      sources: req('JSON'),
    },
  },
  Theme: {
    label: 'Theme',
    key: 'id',
    display: 'name',
    properties: { id: req('STRING'), name: req('STRING'), aliases: req('STRING[]'), category: opt('STRING') },
  },
  Agency: {
    label: 'Agency',
    key: 'id',
    display: 'name',
    properties: {
      id: req('STRING'),
      name: req('STRING'),
      aliases: req('STRING[]'),
      level: req('STRING'),
      region: opt('STRING'),
      successor: opt('STRING'),
    },
  },
  Region: {
    label: 'Region',
    key: 'name',
    display: 'name',
    properties: { name: req('STRING'), level: req('STRING') },
  },
  Target: {
    label: 'Target',
    key: 'id',
    display: 'metric',
    properties: {
      id: req('STRING'),
      metric: req('STRING'),
      value: req('STRING'),
      amount: opt('DOUBLE'),
      unit: opt('STRING'),
      year: opt('INT64'),
      growth: opt('STRING'),
    },
  },
};

export interface EdgeSpec {
  type: EdgeType;
  from: NodeLabel;
  to: NodeLabel;
  properties: Record<string, PropertySpec>;
  /** Properties that, with (from, type, to), identify an edge: ASSIGNS is merged per role. */
  mergeKeys: string[];
}

const EDGE_PROPERTIES: Partial<Record<EdgeType, Record<string, PropertySpec>>> = {
  ASSIGNS: { role: req('STRING'), deadline: opt('STRING'), openEnded: req('BOOLEAN'), evidence: opt('STRING') },
  MENTIONS: { surface: opt('STRING') },
  CITES: { evidence: opt('STRING') },
  IMPLEMENTS: { evidence: opt('STRING') },
  AMENDS: { evidence: opt('STRING') },
  REPEALS: { evidence: opt('STRING') },
  SUPERSEDES: { evidence: opt('STRING') },
  SIMILAR_TO: { score: req('DOUBLE') },
};

export const EDGE_SPECS: Record<EdgeType, EdgeSpec> = Object.fromEntries(
  EDGE_TYPES.map((type) => {
    const [from, to] = EDGE_ENDPOINTS[type];
    const spec: EdgeSpec = { type, from, to, properties: EDGE_PROPERTIES[type] ?? {}, mergeKeys: type === 'ASSIGNS' ? ['role'] : [] };
    return [type, spec];
  }),
) as Record<EdgeType, EdgeSpec>;

/** The node that records the schema version inside the store (both engines). */
export const META_LABEL = 'PolicyGraphMeta';
export const META_ID = 'schema';
export const META_PROPERTIES: Record<string, PropertySpec> = { id: req('STRING'), version: req('INT64') };

/** Neo4j only: the clause vectors (the embedded graph leaves vectors to the search index). */
export const EMBEDDING_PROPERTY = 'embedding';
export const CLAUSE_TEXT_INDEX = 'clause_text';
export const CLAUSE_VECTOR_INDEX = 'clause_embedding';

/**
 * Neo4j only: a second label on every node PolicyGraph writes, so clear() and the tools of a shared
 * database tell PolicyGraph's Document/Clause nodes from other applications' nodes of the same labels.
 */
export const OWNER_LABEL = 'PolicyGraph';
/** Neo4j only: the node recording the embedder that made Clause.embedding (keyed by the vector index's name). */
export const EMBEDDER_LABEL = 'PolicyGraphIndex';
export const EMBEDDER_PROPERTIES = ['id', 'embedder', 'dimension', 'similarity', 'normalized', 'queryPrefix', 'state', 'stateFingerprint', 'updatedAt'] as const;
/**
 * Neo4j only: document fields copied onto each Clause (property → Document property), so filters of
 * Neo4j-side tools (neo4j-graphrag's `filters` match properties of the vector-indexed node) can use them.
 */
export const CLAUSE_DOCUMENT_FIELDS = {
  documentTitle: 'title',
  docNumber: 'docNumber',
  year: 'year',
  level: 'level',
  region: 'region',
  docType: 'docType',
  docKind: 'kind',
} as const;

/** Nullable numeric properties: all-null UNWIND columns cannot be typed by Ladybug, so these get their own statements. */
export function nullableNumbers(label: NodeLabel): string[] {
  return Object.entries(NODE_SPECS[label].properties)
    .filter(([, p]) => p.nullable && (p.type === 'INT64' || p.type === 'DOUBLE'))
    .map(([name]) => name);
}

/** Properties set by a label's main upsert statement: all but the key and the nullable numbers. */
export function upsertProperties(label: NodeLabel): string[] {
  const spec = NODE_SPECS[label];
  const skip = new Set([spec.key, ...nullableNumbers(label)]);
  return Object.keys(spec.properties).filter((name) => !skip.has(name));
}

/** Property names whose values are floating point wherever they occur (Neo4j must not receive them as integers). */
export const FLOAT_PROPERTIES: ReadonlySet<string> = new Set([
  ...NODE_LABELS.flatMap((l) => Object.entries(NODE_SPECS[l].properties)),
  ...EDGE_TYPES.flatMap((t) => Object.entries(EDGE_SPECS[t].properties)),
]
  .filter(([, p]) => p.type === 'DOUBLE')
  .map(([name]) => name)
  .concat(EMBEDDING_PROPERTY));

/** Every label, relationship type and property key the stores use (for the Cypher linter). */
export function schemaVocabulary(): { labels: string[]; relationshipTypes: string[]; propertyKeys: string[] } {
  const keys = new Set<string>(Object.keys(META_PROPERTIES));
  for (const l of NODE_LABELS) for (const k of Object.keys(NODE_SPECS[l].properties)) keys.add(k);
  for (const t of EDGE_TYPES) for (const k of Object.keys(EDGE_SPECS[t].properties)) keys.add(k);
  keys.add(EMBEDDING_PROPERTY);
  for (const k of [...EMBEDDER_PROPERTIES, ...Object.keys(CLAUSE_DOCUMENT_FIELDS)]) keys.add(k);
  const namespaced = NODE_LABELS.map((l) => `${OWNER_LABEL}${l}`); // graph/neo4j/namespace.ts
  return { labels: [...NODE_LABELS, ...namespaced, META_LABEL, OWNER_LABEL, EMBEDDER_LABEL], relationshipTypes: [...EDGE_TYPES], propertyKeys: [...keys].sort() };
}
