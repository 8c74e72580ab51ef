// Converts between domain objects (graph/model.ts) and the flat rows the Cypher statements take
// and return, checking every value against graph/schema.ts on the way in so a bad batch fails
// before anything is written, with a message naming the node and property.
import type { Edge, EdgeType, NodeLabel } from '../model.js';
import { PolicyGraphError } from '../errors.js';
import { EDGE_SPECS, NODE_SPECS, nullableNumbers, upsertProperties, type PropertySpec } from '../schema.js';

export type Row = Record<string, unknown>;

function describe(spec: PropertySpec): string {
  const base = { STRING: 'a string', INT64: 'an integer', DOUBLE: 'a finite number', BOOLEAN: 'a boolean', 'STRING[]': 'a list of strings', JSON: 'a JSON value' }[spec.type];
  return spec.nullable ? `${base} or null` : base;
}

function short(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Checks one value against its spec and returns it as stored (JSON encoded, undefined → null). */
function encodeValue(spec: PropertySpec, value: unknown, where: () => string): unknown {
  if (value === undefined || value === null) {
    if (spec.nullable) return null;
    throw new PolicyGraphError('BAD_REQUEST', `cannot write ${where()}: it must be ${describe(spec)} (got ${short(value)})`);
  }
  const ok =
    (spec.type === 'STRING' && typeof value === 'string') ||
    (spec.type === 'INT64' && Number.isSafeInteger(value)) ||
    (spec.type === 'DOUBLE' && typeof value === 'number' && Number.isFinite(value)) ||
    (spec.type === 'BOOLEAN' && typeof value === 'boolean') ||
    (spec.type === 'STRING[]' && Array.isArray(value) && value.every((v) => typeof v === 'string')) ||
    spec.type === 'JSON';
  if (!ok) throw new PolicyGraphError('BAD_REQUEST', `cannot write ${where()}: it must be ${describe(spec)} (got ${short(value)})`);
  return spec.type === 'JSON' ? JSON.stringify(value) : value;
}

function decodeValue(spec: PropertySpec, value: unknown): unknown {
  if (value === undefined || value === null) {
    if (spec.type === 'STRING[]') return [];
    if (spec.type === 'BOOLEAN' && !spec.nullable) return false;
    return null;
  }
  if (spec.type === 'JSON') return typeof value === 'string' ? JSON.parse(value) : value;
  return value;
}

/** The key of a domain node (Region: its name). */
export function nodeKey(label: NodeLabel, node: object): string {
  const key = (node as Record<string, unknown>)[NODE_SPECS[label].key];
  if (typeof key !== 'string' || key === '') {
    throw new PolicyGraphError('BAD_REQUEST', `cannot write a ${label} without a ${NODE_SPECS[label].key} (got ${short(key)})`);
  }
  return key;
}

/** The rows that write one label: the upsert row, and per nullable number either a set row or a clear key. */
export interface EncodedNode {
  key: string;
  upsert: Row;
  numbers: { property: string; value: number | null }[];
}

export function encodeNode(label: NodeLabel, node: object): EncodedNode {
  const spec = NODE_SPECS[label];
  const key = nodeKey(label, node);
  const source = node as Record<string, unknown>;
  const where = (p: string) => () => `${label} "${key}": property ${p}`;
  const upsert: Row = { [spec.key]: key };
  for (const p of upsertProperties(label)) upsert[p] = encodeValue(spec.properties[p], source[p], where(p));
  const numbers = nullableNumbers(label).map((p) => ({ property: p, value: encodeValue(spec.properties[p], source[p], where(p)) as number | null }));
  return { key, upsert, numbers };
}

/** Rebuilds the domain object from columns named `${prefix}${property}`. */
export function decodeNode<T>(label: NodeLabel, row: Row, prefix = ''): T {
  const out: Row = {};
  for (const [p, spec] of Object.entries(NODE_SPECS[label].properties)) {
    const value = decodeValue(spec, row[prefix + p]);
    if (value !== null || !spec.sparse) out[p] = value;
  }
  return out as T;
}

/** A row for mergeEdges: {source, target, …every property of the type}. Unknown properties are refused. */
export function encodeEdge(edge: Edge): Row {
  const spec = EDGE_SPECS[edge.type as EdgeType];
  if (!spec) throw new PolicyGraphError('BAD_REQUEST', `cannot write an edge of unknown type "${edge.type}"`);
  const label = `${edge.type} edge ${short(edge.from)} -> ${short(edge.to)}`;
  for (const end of [edge.from, edge.to]) {
    if (typeof end !== 'string' || end === '') throw new PolicyGraphError('BAD_REQUEST', `cannot write ${label}: both ends must be node ids`);
  }
  const given = edge.properties ?? {};
  const unknown = Object.keys(given).filter((k) => !(k in spec.properties));
  if (unknown.length) {
    const allowed = Object.keys(spec.properties).join(', ') || 'none';
    throw new PolicyGraphError('BAD_REQUEST', `cannot write ${label}: unknown properties ${unknown.join(', ')} (allowed: ${allowed})`);
  }
  const row: Row = { source: edge.from, target: edge.to };
  for (const [p, ps] of Object.entries(spec.properties)) {
    // An unset flag is false rather than null: Ladybug cannot type an all-null column.
    const value = ps.type === 'BOOLEAN' && given[p] == null ? false : given[p];
    row[p] = encodeValue(ps, value, () => `${label}: property ${p}`);
  }
  if (edge.type === 'ASSIGNS' && row.role !== 'lead' && row.role !== 'support') {
    throw new PolicyGraphError('BAD_REQUEST', `cannot write ${label}: role must be "lead" or "support" (got ${short(row.role)})`);
  }
  return row;
}

/** An edge's properties as the domain sees them, from a row holding one column per property. */
export function decodeEdgeProperties(type: EdgeType, row: Row): Record<string, unknown> {
  const out: Row = {};
  for (const [p, spec] of Object.entries(EDGE_SPECS[type].properties)) out[p] = decodeValue(spec, row[p]);
  return out;
}

/** The identity of an edge for de-duplication: type, ends and merge keys. */
export function edgeIdentity(type: EdgeType, row: Row): string {
  return [type, row.source, row.target, ...EDGE_SPECS[type].mergeKeys.map((k) => row[k])].join('\u0000');
}
