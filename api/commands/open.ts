// How a command opens what its use case runs over: its flags resolved (flag, else environment, else
// default), then the app's opener (app/open-engines.ts).
import type { Engines } from '../../app/engines.js';
import { withGraphEngines, withSearchEngines, type EngineTarget } from '../../app/open-engines.js';
import { resolveDataDir, resolveGraphEngine } from '../config.js';

export interface OpenFlags {
  dataDir?: string;
  graph?: string;
  embedder?: string;
}

export function targetOf(flags: OpenFlags): EngineTarget {
  return { dataDir: resolveDataDir(flags.dataDir), engine: resolveGraphEngine(flags.graph), embedder: flags.embedder };
}

/** The graph store alone: listings and graph answers need no search index. */
export function withGraph<T>(flags: OpenFlags, fn: (engines: Engines) => Promise<T>, options: { write?: boolean } = {}): Promise<T> {
  return withGraphEngines(targetOf(flags), fn, options);
}

/** The graph store and the search service (queried with the index's embedder unless --embedder says otherwise). */
export function withSearch<T>(flags: OpenFlags, fn: (engines: Engines) => Promise<T>): Promise<T> {
  return withSearchEngines(targetOf(flags), fn);
}
