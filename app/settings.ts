// The settings of a PolicyGraph process: the environment is read here, once (a snapshot on first
// use), and every other module receives typed values — a face reads `settings()` and hands what a
// use case or an adapter needs down as arguments. Each group is parsed on first use, so a bad value
// fails the command that needs it with one line naming the variable, not every command.
import path from 'node:path';
import { PolicyGraphError } from '../graph/errors.js';
import { DEFAULT_CONTEXT_CACHE } from '../search/result-builder.js';
import { parseRetrievalMode, type RetrievalMode } from '../search/retrieval-mode.js';

export type GraphEngine = 'embedded' | 'neo4j';
export type AuthMode = 'writes' | 'all';

export const DEFAULT_DATA_DIR = 'data';
export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface Settings {
  /** The environment as it was when first read: for adapters that take an env (Neo4j, embedders). */
  readonly env: Environment;
  /** POLICYGRAPH_DATA_DIR, resolved (default ./data). */
  readonly dataDir: string;
  /** POLICYGRAPH_GRAPH: embedded (default) or neo4j. */
  readonly graph: GraphEngine;
  /** POLICYGRAPH_API_KEY (writes), POLICYGRAPH_DIFY_API_KEY (Dify's /retrieval), POLICYGRAPH_READ_KEY (reads); null when unset. */
  readonly keys: { api: string | null; dify: string | null; read: string | null };
  /** POLICYGRAPH_AUTH: who may read (default writes: reads are open unless a read key is set). */
  readonly auth: string;
  /** POLICYGRAPH_CORS_ORIGINS, comma-separated (empty: no CORS headers). */
  readonly corsOrigins: string[];
  /** POLICYGRAPH_ALLOWED_HOSTS, comma-separated hosts a browser Origin may name for /mcp. */
  readonly allowedHosts: string[];
  /** PORT and POLICYGRAPH_HOST as given (checked by serve, which also takes flags). */
  readonly listen: { port: string; host: string };
  /** POLICYGRAPH_LOG_LEVEL, when set. */
  readonly logLevel: string | null;
  /** POLICYGRAPH_DEBUG: print stacks of unexpected errors. */
  readonly debug: boolean;
  /** POLICYGRAPH_DICTIONARIES: a folder of dictionaries used instead of seeds/dictionaries (null: the bundled ones). */
  readonly dictionariesDir: string | null;
  /** POLICYGRAPH_REPORT_PHASES=1: an ingest prints the phase it enters (for the crash test). */
  readonly reportPhases: boolean;
  /** POLICYGRAPH_CONTEXT_CACHE (default 20,000). */
  readonly contextCacheSize: number;
  /** POLICYGRAPH_RETRIEVAL: local (default: the data dir's indexes) or neo4j (Neo4j's own; needs the Neo4j store, checked when search opens). */
  readonly retrieval: RetrievalMode;
  /** POLICYGRAPH_SEARCH_CACHE_MB: search responses a server keeps per generation of its indexes, in MiB of JSON (default 32; 0 turns the cache off). */
  readonly searchCacheBytes: number;
  /** POLICYGRAPH_GRAPH_BUFFER_MB: the embedded graph's buffer pool in MiB (null when unset: a quarter of the machine's memory, 256 MiB to 4 GiB; graph/embedded/buffer-pool.ts). */
  readonly graphBufferPoolBytes: number | null;
}

export const DEFAULT_SEARCH_CACHE_MB = 32;

const list = (raw: string | undefined) =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const text = (raw: string | undefined) => raw?.trim() || null;

export function parseGraphEngine(raw: string, source: string): GraphEngine {
  const value = raw.trim().toLowerCase();
  if (value !== 'embedded' && value !== 'neo4j') throw new PolicyGraphError('CONFIG', `unknown graph engine "${raw.trim()}" (${source}): use embedded or neo4j`);
  return value;
}

/** Settings over an environment; each getter parses its variable once, on first use. */
export function settingsFrom(environment: Environment): Settings {
  const env: Environment = Object.freeze({ ...environment });
  const cache = new Map<string, unknown>();
  const once = <T>(key: string, read: () => T): T => {
    if (!cache.has(key)) cache.set(key, read());
    return cache.get(key) as T;
  };
  return {
    env,
    get dataDir() {
      return once('dataDir', () => path.resolve(env.POLICYGRAPH_DATA_DIR ?? DEFAULT_DATA_DIR));
    },
    get graph() {
      return once('graph', () => parseGraphEngine(env.POLICYGRAPH_GRAPH ?? 'embedded', 'POLICYGRAPH_GRAPH'));
    },
    get keys() {
      return once('keys', () => ({ api: text(env.POLICYGRAPH_API_KEY), dify: text(env.POLICYGRAPH_DIFY_API_KEY), read: text(env.POLICYGRAPH_READ_KEY) }));
    },
    get auth() {
      return once('auth', () => (env.POLICYGRAPH_AUTH ?? 'writes').trim());
    },
    get corsOrigins() {
      return once('cors', () => list(env.POLICYGRAPH_CORS_ORIGINS));
    },
    get allowedHosts() {
      return once('hosts', () => list(env.POLICYGRAPH_ALLOWED_HOSTS).map((h) => h.toLowerCase()));
    },
    get listen() {
      return once('listen', () => ({ port: env.PORT?.trim() || String(DEFAULT_PORT), host: env.POLICYGRAPH_HOST?.trim() || DEFAULT_HOST }));
    },
    get logLevel() {
      return once('logLevel', () => text(env.POLICYGRAPH_LOG_LEVEL));
    },
    get debug() {
      return once('debug', () => Boolean(text(env.POLICYGRAPH_DEBUG)));
    },
    get dictionariesDir() {
      return once('dictionariesDir', () => text(env.POLICYGRAPH_DICTIONARIES));
    },
    get reportPhases() {
      return once('reportPhases', () => text(env.POLICYGRAPH_REPORT_PHASES) === '1');
    },
    // clause contexts a search service keeps in memory
    get contextCacheSize() {
      return once('contextCache', () => {
        const raw = text(env.POLICYGRAPH_CONTEXT_CACHE);
        if (!raw) return DEFAULT_CONTEXT_CACHE;
        const n = Number(raw);
        if (!Number.isSafeInteger(n) || n < 0) throw new PolicyGraphError('CONFIG', `POLICYGRAPH_CONTEXT_CACHE must be a whole number ≥ 0 (got "${raw}")`);
        return n;
      });
    },
    get retrieval() {
      return once('retrieval', () => parseRetrievalMode(env.POLICYGRAPH_RETRIEVAL ?? 'local', 'POLICYGRAPH_RETRIEVAL'));
    },
    get searchCacheBytes() {
      return once('searchCache', () => {
        const raw = text(env.POLICYGRAPH_SEARCH_CACHE_MB);
        const mib = raw === null ? DEFAULT_SEARCH_CACHE_MB : Number(raw);
        if (!Number.isFinite(mib) || mib < 0) throw new PolicyGraphError('CONFIG', `POLICYGRAPH_SEARCH_CACHE_MB must be a number of MiB ≥ 0 (got "${raw}"); 0 turns the search cache off`);
        return Math.round(mib * 1024 * 1024);
      });
    },
    get graphBufferPoolBytes() {
      return once('graphBufferPool', () => {
        const raw = text(env.POLICYGRAPH_GRAPH_BUFFER_MB);
        if (raw === null) return null;
        const mib = Number(raw);
        if (!Number.isSafeInteger(mib) || mib < 64) throw new PolicyGraphError('CONFIG', `POLICYGRAPH_GRAPH_BUFFER_MB must be a whole number of MiB ≥ 64 (got "${raw}"); unset, the embedded graph takes a quarter of the machine's memory, 256 MiB to 4 GiB`);
        return mib * 1024 * 1024;
      });
    },
  };
}

let current: Settings | null = null;

/** This process's settings: the environment is read on the first call and never again. */
export function settings(): Settings {
  current ??= settingsFrom(process.env);
  return current;
}

/** Forgets the snapshot, so the next settings() reads the environment again (tests that change it). */
export function resetSettings(): void {
  current = null;
}
