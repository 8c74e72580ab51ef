// Where search retrieves candidates: "local" — the HNSW and BM25 files of the data dir (the
// default, fastest on one machine) — or "neo4j" — Neo4j's own vector and fulltext indexes, so API
// replicas need no data dir. Set by POLICYGRAPH_RETRIEVAL (read in app/settings.ts); "neo4j" needs
// the Neo4j graph store.
import { PolicyGraphError } from '../graph/errors.js';

export type RetrievalMode = 'local' | 'neo4j';
const MODES: RetrievalMode[] = ['local', 'neo4j'];

/** A mode as written in `source` (e.g. POLICYGRAPH_RETRIEVAL); unknown values are one CONFIG line. */
export function parseRetrievalMode(raw: string, source: string): RetrievalMode {
  const value = raw.trim().toLowerCase() || 'local';
  if (!(MODES as string[]).includes(value)) throw new PolicyGraphError('CONFIG', `unknown retrieval mode "${raw.trim()}" in ${source}: use local or neo4j`);
  return value as RetrievalMode;
}

/** The mode, refused in one line when the graph store cannot serve it. */
export function checkRetrievalMode(mode: RetrievalMode, engine: string): RetrievalMode {
  if (mode === 'neo4j' && engine !== 'neo4j') {
    throw new PolicyGraphError('CONFIG', `POLICYGRAPH_RETRIEVAL=neo4j searches Neo4j's own indexes and needs the Neo4j graph store: add --graph neo4j (or POLICYGRAPH_GRAPH=neo4j), or unset POLICYGRAPH_RETRIEVAL`);
  }
  return mode;
}
