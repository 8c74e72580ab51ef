// Resolves settings from flags first, then the environment (read once, in app/settings.ts), then defaults.
import fs from 'node:fs';
import path from 'node:path';
import { parseGraphEngine, settings, type GraphEngine } from '../app/settings.js';
import { PolicyGraphError } from '../app/errors.js';

export { DEFAULT_DATA_DIR } from '../app/settings.js';
export type { GraphEngine };
export const DEFAULT_SEEDS_DIR = 'seeds';

/**
 * What a bare `ingest` reads: the seed texts at the top of seeds/, not the word lists in its
 * dictionaries/ folder (data for the matchers, not documents). Without a seeds folder, the folder
 * itself, so the ingest names what is missing.
 */
export function defaultSeedInputs(): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(DEFAULT_SEEDS_DIR, { withFileTypes: true });
  } catch {
    return [DEFAULT_SEEDS_DIR];
  }
  const files = entries.filter((entry) => entry.isFile() && !entry.name.startsWith('.')).map((entry) => path.join(DEFAULT_SEEDS_DIR, entry.name));
  return files.length ? files.sort() : [DEFAULT_SEEDS_DIR];
}

export function resolveDataDir(flag?: string): string {
  return flag !== undefined ? path.resolve(flag) : settings().dataDir;
}

/** --graph, else POLICYGRAPH_GRAPH; an unknown engine is a usage error (exit 2) naming where it came from. */
export function resolveGraphEngine(flag?: string): GraphEngine {
  return flag !== undefined ? parseGraphEngine(flag, '--graph') : settings().graph;
}

/** The options every command that opens the graph takes, with one wording everywhere. */
export const DATA_DIR_OPTION = ['--data-dir <dir>', 'where the graph and search indexes live (env POLICYGRAPH_DATA_DIR, default ./data)'] as const;
export const GRAPH_OPTION = ['--graph <engine>', 'graph store: embedded or neo4j (env POLICYGRAPH_GRAPH)'] as const;

/** Deadlines for a client to send its request: headers, then the whole request including its body. */
export interface HttpTimeouts {
  headersMs: number;
  requestMs: number;
}

function envMs(name: string, fallback: number): number {
  const raw = settings().env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 100) throw new PolicyGraphError('CONFIG', `${name} must be a whole number of milliseconds ≥ 100, not "${raw}"`);
  return value;
}

/** POLICYGRAPH_HEADERS_TIMEOUT_MS (default 10 s) and POLICYGRAPH_REQUEST_TIMEOUT_MS (default 30 s). */
export function resolveHttpTimeouts(): HttpTimeouts {
  const requestMs = envMs('POLICYGRAPH_REQUEST_TIMEOUT_MS', 30_000);
  // Node requires headersTimeout ≤ requestTimeout
  const headersMs = Math.min(envMs('POLICYGRAPH_HEADERS_TIMEOUT_MS', 10_000), requestMs);
  return { headersMs, requestMs };
}

export type AuthMode = 'writes' | 'all';

/**
 * Who may read. `writes` (default): POLICYGRAPH_API_KEY guards writes, reads are open unless
 * POLICYGRAPH_READ_KEY is set. `all`: every route but the health probes needs the read or the API key.
 */
export function resolveReadKeys(flag: string | undefined, apiKey: string | null, readKey: string | null): string[] {
  const mode = (flag ?? settings().auth).toLowerCase();
  if (mode !== 'writes' && mode !== 'all') throw new PolicyGraphError('CONFIG', `unknown auth mode "${mode}": use writes or all`);
  const keys = [readKey, apiKey].filter((k): k is string => Boolean(k));
  if (mode === 'all' && keys.length === 0) throw new PolicyGraphError('CONFIG', '--auth all needs POLICYGRAPH_API_KEY or POLICYGRAPH_READ_KEY to be set');
  return mode === 'all' || readKey ? keys : [];
}

/** Hosts a browser Origin may name for /mcp: loopback names on the server's port plus POLICYGRAPH_ALLOWED_HOSTS. */
export function resolveAllowedHosts(port: number, extra = settings().env.POLICYGRAPH_ALLOWED_HOSTS): string[] {
  const configured = (extra ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return [...['localhost', '127.0.0.1', '[::1]'].map((h) => `${h}:${port}`), ...configured];
}

/** Limits of POST /v1/documents: body size and how long one upload's ingest may run. */
export interface UploadSettings {
  maxBytes: number;
  timeoutMs: number;
}

export const DEFAULT_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_UPLOAD_TIMEOUT_MS = 10 * 60_000;
const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kib: 1024, kb: 1024, k: 1024, mib: 1024 ** 2, mb: 1024 ** 2, m: 1024 ** 2 };

/** "5242880", "512KiB", "20MiB" → bytes. */
function parseSize(name: string, raw: string): number {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(raw);
  const unit = match ? SIZE_UNITS[match[2].toLowerCase()] : undefined;
  const bytes = match && unit ? Number(match[1]) * unit : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1024) throw new PolicyGraphError('CONFIG', `${name} must be a size of at least 1 KiB such as 5242880, 512KiB or 20MiB, not "${raw}"`);
  return bytes;
}

/** POLICYGRAPH_UPLOAD_MAX_BYTES (default 5 MiB of JSON body) and POLICYGRAPH_UPLOAD_TIMEOUT_MS (default 10 min). */
export function resolveUploadSettings(): UploadSettings {
  const raw = settings().env.POLICYGRAPH_UPLOAD_MAX_BYTES?.trim();
  return {
    maxBytes: raw ? parseSize('POLICYGRAPH_UPLOAD_MAX_BYTES', raw) : DEFAULT_UPLOAD_MAX_BYTES,
    timeoutMs: envMs('POLICYGRAPH_UPLOAD_TIMEOUT_MS', DEFAULT_UPLOAD_TIMEOUT_MS),
  };
}
