// Where search retrieves candidates: "local" — the HNSW and BM25 files of the data dir (the
// default, fastest on one machine) — or "neo4j" — Neo4j's own vector and fulltext indexes, so API
// replicas need no data dir. Set by POLICYGRAPH_RETRIEVAL; "neo4j" needs the Neo4j graph store.
import { PolicyGraphError } from '../graph/errors.js';

export type RetrievalMode = 'local' | 'neo4j';
const MODES: RetrievalMode[] = ['local', 'neo4j'];

export function resolveRetrievalMode(engine: string, env: NodeJS.ProcessEnv = process.env): RetrievalMode {
  const raw = env.POLICYGRAPH_RETRIEVAL?.trim().toLowerCase() || 'local';
  if (!(MODES as string[]).includes(raw)) {
    throw new PolicyGraphError('CONFIG', `unknown retrieval mode "${env.POLICYGRAPH_RETRIEVAL}" in POLICYGRAPH_RETRIEVAL: use local or neo4j`);
  }
  if (raw === 'neo4j' && engine !== 'neo4j') {
    throw new PolicyGraphError('CONFIG', `POLICYGRAPH_RETRIEVAL=neo4j searches Neo4j's own indexes and needs the Neo4j graph store: add --graph neo4j (or POLICYGRAPH_GRAPH=neo4j), or unset POLICYGRAPH_RETRIEVAL`);
  }
  return raw as RetrievalMode;
}
