// Chooses the embedder: transformers.js when asked for (or, with "auto", when its model loads),
// otherwise the built-in n-gram embedder that needs no weights.
import { PolicyGraphError } from '../../graph/errors.js';
import type { Embedder } from '../types.js';
import { BuiltinEmbedder, BUILTIN_EMBEDDER_NAME } from './builtin-embedder.js';
import {
  DEFAULT_TRANSFORMERS_DTYPE,
  DEFAULT_TRANSFORMERS_MODEL,
  TransformersEmbedder,
  type LoadProgress,
} from './transformers-embedder.js';

export { BuiltinEmbedder, BUILTIN_EMBEDDER_NAME } from './builtin-embedder.js';
export { TransformersEmbedder, DEFAULT_TRANSFORMERS_MODEL, BGE_ZH_QUERY_PREFIX } from './transformers-embedder.js';
export { isCorpusFitted, type CorpusFittedEmbedder } from './corpus-fitted.js';

export type EmbedderKind = 'auto' | 'transformers' | 'builtin';
const KINDS: EmbedderKind[] = ['auto', 'transformers', 'builtin'];

/** Environment variables as the process's settings read them once (app/settings.ts). */
export type EmbedderEnvironment = Readonly<Record<string, string | undefined>>;

let handedDown: EmbedderEnvironment = {};

/**
 * The environment createEmbedder reads its variables from when a caller passes none: handed down
 * once per run by the process's settings (app/process-settings.ts), never read from the process
 * here; until then, none (flags and defaults only).
 */
export function useEmbedderEnvironment(env: EmbedderEnvironment): void {
  handedDown = env;
}

export interface CreateEmbedderOptions {
  /** Flag value; falls back to POLICYGRAPH_EMBEDDER of the settings' environment, then "auto". */
  kind?: string;
  /** Flag value; falls back to POLICYGRAPH_MODEL, then Xenova/bge-small-zh-v1.5. */
  model?: string;
  /** Flag value; falls back to POLICYGRAPH_DTYPE, then q8. */
  dtype?: string;
  /** Flag value; falls back to POLICYGRAPH_MODEL_DIR (no default: the hub and its cache). */
  modelDir?: string;
  /** Flag value; falls back to POLICYGRAPH_BUILTIN_DIMENSION, then the built-in default. */
  builtinDimension?: number;
  /** One line for the user when "auto" falls back to the built-in embedder, and why. */
  onNotice?: (message: string) => void;
  onLoadProgress?: (progress: LoadProgress) => void;
  /** Progress of long embedding calls (transformers only; the built-in embedder is instant). */
  onBatch?: (done: number, total: number) => void;
  /** Environment to read the variables from; default the one the settings handed down (useEmbedderEnvironment). */
  env?: EmbedderEnvironment;
}

export function parseEmbedderKind(value: string | undefined): EmbedderKind {
  const kind = (value ?? 'auto').toLowerCase();
  if (!(KINDS as string[]).includes(kind)) {
    throw new PolicyGraphError('CONFIG', `unknown embedder "${value}": use auto, transformers or builtin`);
  }
  return kind as EmbedderKind;
}

/** The settings createEmbedder will use, flags over environment over defaults. */
export function resolveEmbedderSettings(options: CreateEmbedderOptions = {}) {
  const env = options.env ?? handedDown;
  return {
    kind: parseEmbedderKind(options.kind ?? env.POLICYGRAPH_EMBEDDER),
    model: options.model ?? env.POLICYGRAPH_MODEL ?? DEFAULT_TRANSFORMERS_MODEL,
    dtype: options.dtype ?? env.POLICYGRAPH_DTYPE ?? DEFAULT_TRANSFORMERS_DTYPE,
    modelDir: options.modelDir ?? env.POLICYGRAPH_MODEL_DIR ?? null,
    builtinDimension: options.builtinDimension ?? parseDimension(env.POLICYGRAPH_BUILTIN_DIMENSION),
  };
}

/** POLICYGRAPH_BUILTIN_DIMENSION: lets benchmarks and evaluations build the built-in embedder at another width. */
function parseDimension(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 16) {
    throw new PolicyGraphError('CONFIG', `POLICYGRAPH_BUILTIN_DIMENSION must be an integer ≥ 16, got "${value}"`);
  }
  return n;
}

export async function createEmbedder(options: CreateEmbedderOptions = {}): Promise<Embedder> {
  const settings = resolveEmbedderSettings(options);
  const builtin = () => new BuiltinEmbedder({ dimension: settings.builtinDimension });
  if (settings.kind === 'builtin') return builtin();

  const load = () =>
    TransformersEmbedder.load({
      model: settings.model,
      dtype: settings.dtype,
      modelDir: settings.modelDir,
      onLoadProgress: options.onLoadProgress,
      onBatch: options.onBatch,
    });
  if (settings.kind === 'transformers') return load();

  try {
    return await load();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const fallback = builtin();
    options.onNotice?.(`embedder: ${reason.replace(/^cannot load/, 'could not load')}; using the built-in ${fallback.id} instead`);
    return fallback;
  }
}

/**
 * Parses an embedder id recorded in an index back into createEmbedder settings, so "auto" at
 * query time picks the embedder the index was built with.
 */
export function settingsFromEmbedderId(embedderId: string): { kind: 'builtin' | 'transformers'; model?: string; dtype?: string; builtinDimension?: number } | null {
  if (embedderId.startsWith(BUILTIN_EMBEDDER_NAME)) {
    const match = /:d(\d+)$/.exec(embedderId.slice(BUILTIN_EMBEDDER_NAME.length));
    return { kind: 'builtin', builtinDimension: match ? Number(match[1]) : undefined };
  }
  if (embedderId.startsWith('transformers:')) {
    const rest = embedderId.slice('transformers:'.length);
    const cut = rest.lastIndexOf(':');
    return cut > 0 ? { kind: 'transformers', model: rest.slice(0, cut), dtype: rest.slice(cut + 1) } : { kind: 'transformers', model: rest };
  }
  return null;
}
