// Ladybug DDL: Ladybug is schema-first, so every label is a node table and every edge type a
// relationship table with fixed, typed columns, all generated from graph/schema.ts. Nested values
// (sources, table fields) are STRING columns holding JSON, as in Neo4j. No vectors here: the
// embedded deployment keeps them in the HNSW search index.
import { EDGE_TYPES, NODE_LABELS } from '../model.js';
import { EDGE_SPECS, META_LABEL, META_PROPERTIES, NODE_SPECS, type PropertySpec, type PropertyType } from '../schema.js';

const COLUMN_TYPE: Record<PropertyType, string> = {
  STRING: 'STRING',
  INT64: 'INT64',
  DOUBLE: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  'STRING[]': 'STRING[]',
  JSON: 'STRING',
};

function columnList(properties: Record<string, PropertySpec>, key?: string): string {
  return Object.entries(properties)
    .map(([name, spec]) => `${name} ${COLUMN_TYPE[spec.type]}${name === key ? ' PRIMARY KEY' : ''}`)
    .join(', ');
}

/** Idempotent DDL (IF NOT EXISTS): node tables first, then the relationship tables that join them. */
export function embeddedDdl(): string[] {
  const nodes = NODE_LABELS.map((l) => `CREATE NODE TABLE IF NOT EXISTS ${l}(${columnList(NODE_SPECS[l].properties, NODE_SPECS[l].key)})`);
  const meta = `CREATE NODE TABLE IF NOT EXISTS ${META_LABEL}(${columnList(META_PROPERTIES, 'id')})`;
  const rels = EDGE_TYPES.map((t) => {
    const spec = EDGE_SPECS[t];
    const props = Object.keys(spec.properties).length ? `, ${columnList(spec.properties)}` : '';
    return `CREATE REL TABLE IF NOT EXISTS ${t}(FROM ${spec.from} TO ${spec.to}${props})`;
  });
  // a store written before a property existed gains its column (null for the nodes already stored)
  const columns = NODE_LABELS.flatMap((l) =>
    Object.entries(NODE_SPECS[l].properties)
      .filter(([name]) => name !== NODE_SPECS[l].key)
      .map(([name, spec]) => `ALTER TABLE ${l} ADD IF NOT EXISTS ${name} ${COLUMN_TYPE[spec.type]}`),
  );
  return [meta, ...nodes, ...rels, ...columns];
}

/** Lists the tables of an open database (Ladybug-specific, so it lives here rather than in the shared statements). */
export const SHOW_TABLES = 'CALL show_tables() RETURN name';
