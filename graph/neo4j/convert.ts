// Value conversion at the Neo4j boundary.
//
// Out: the driver sends every JavaScript number as a Cypher FLOAT, so whole numbers meant as
// integers (years, ordinals, SKIP/LIMIT) are wrapped as Integers; properties that are floating
// point by schema (amount, score, embedding) stay floats even when a value happens to be whole
// (a score of 1, an embedding component of 0). Float32Arrays become plain lists.
// In: Integers become numbers, temporal values ISO strings, nodes and relationships their
// properties, so the shared store logic only ever sees plain JavaScript.
import neo4j from 'neo4j-driver';
import type { Integer, Node } from 'neo4j-driver';
import { FLOAT_PROPERTIES } from '../schema.js';

export function toNeo4jParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) out[key] = toNeo4jValue(value, FLOAT_PROPERTIES.has(key));
  return out;
}

function toNeo4jValue(value: unknown, float: boolean): unknown {
  if (typeof value === 'number') return !float && Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map((v) => toNeo4jValue(v, float));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toNeo4jValue(v, FLOAT_PROPERTIES.has(k));
    return out;
  }
  return value;
}

export function fromNeo4j(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) {
    const int = value as Integer;
    if (!neo4j.integer.inSafeRange(int)) throw new Error(`Neo4j returned the integer ${int.toString()}, too large for a JavaScript number`);
    return int.toNumber();
  }
  if (typeof value === 'bigint') return Number(value);
  if (isTemporal(value)) return value.toString();
  if (neo4j.isNode(value as object) || neo4j.isRelationship(value as object)) return fromNeo4j((value as Node).properties);
  if (Array.isArray(value)) return (value as unknown[]).map(fromNeo4j);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as object)) out[k] = fromNeo4j(v);
    return out;
  }
  return value;
}

function isTemporal(value: unknown): value is { toString(): string } {
  const v = value as object;
  return (
    neo4j.isDate(v) || neo4j.isDateTime(v) || neo4j.isLocalDateTime(v) || neo4j.isLocalTime(v) || neo4j.isTime(v) || neo4j.isDuration(v)
  );
}

/** A driver record as a plain row. */
export function recordToRow(record: { keys: readonly PropertyKey[]; get(key: PropertyKey): unknown }): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const key of record.keys) row[String(key)] = fromNeo4j(record.get(key));
  return row;
}
