// Resolves settings from flags first, then environment variables, then defaults.
import path from 'node:path';
import { PolicyGraphError } from '../graph/errors.js';

export const DEFAULT_DATA_DIR = 'data';
export const DEFAULT_SEEDS_DIR = 'seeds';

export function resolveDataDir(flag?: string): string {
  return path.resolve(flag ?? process.env.POLICYGRAPH_DATA_DIR ?? DEFAULT_DATA_DIR);
}

export type GraphEngine = 'embedded' | 'neo4j';

export function resolveGraphEngine(flag?: string): GraphEngine {
  const value = (flag ?? process.env.POLICYGRAPH_GRAPH ?? 'embedded').toLowerCase();
  if (value !== 'embedded' && value !== 'neo4j') {
    throw new PolicyGraphError('CONFIG', `unknown graph engine "${value}": use embedded or neo4j`);
  }
  return value;
}

/** The options every command that opens the graph takes, with one wording everywhere. */
export const DATA_DIR_OPTION = ['--data-dir <dir>', 'where the graph and search indexes live (env POLICYGRAPH_DATA_DIR, default ./data)'] as const;
export const GRAPH_OPTION = ['--graph <engine>', 'graph store: embedded or neo4j (env POLICYGRAPH_GRAPH)'] as const;
