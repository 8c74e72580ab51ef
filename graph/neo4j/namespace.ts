// PolicyGraph's labels in a shared Neo4j database. Other applications may hold nodes labelled
// Document or Clause (neo4j-graphrag's own Document, a RAG tool's Chunk…), so PolicyGraph puts its
// constraints and indexes only on labels of its own: every node it writes carries, beside its type
// label (kept for Neo4j-side users: `MATCH (c:Clause)`) and the owner label `PolicyGraph`, a
// namespaced type label (`PolicyGraphClause`). The shared Cypher names plain labels (Ladybug's node
// tables); on Neo4j each node pattern also names the namespaced label, so lookups use PolicyGraph's
// constraints and reads never match another application's nodes.
import { NODE_LABELS, type NodeLabel } from '../model.js';
import type { Statement } from '../cypher/statements.js';

/** The namespaced label of a node type on Neo4j: Clause → PolicyGraphClause. */
export function namespacedLabel(label: NodeLabel): string {
  return `PolicyGraph${label}`;
}

/** `(x:Clause` (a node pattern, optionally named, of a PolicyGraph type) not yet followed by its namespaced label. */
const NODE_PATTERN = new RegExp(`\\((\\w*):(${NODE_LABELS.join('|')})(?![\\w:])`, 'g');

/** Cypher text with every node pattern of a PolicyGraph type also naming its namespaced label. */
export function namespaceCypher(text: string): string {
  return text.replace(NODE_PATTERN, (_, variable: string, label: NodeLabel) => `(${variable}:${label}:${namespacedLabel(label)}`);
}

const rewritten = new WeakMap<Statement, string>();

/** The text Neo4j runs for a statement (rewritten once per statement). */
export function neo4jText(statement: Statement): string {
  let text = rewritten.get(statement);
  if (text === undefined) rewritten.set(statement, (text = namespaceCypher(statement.text)));
  return text;
}
