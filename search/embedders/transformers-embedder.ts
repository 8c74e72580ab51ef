// Sentence embeddings from a BERT-style ONNX model through transformers.js (@huggingface/transformers),
// on onnxruntime-node's CPU backend. The default, Xenova/bge-small-zh-v1.5, wants CLS pooling,
// L2 normalisation, a retrieval prefix on queries only, and lower-case ASCII (its vocabulary has
// no capitals: "5G" would become [UNK], "5g" is a token).
import fs from 'node:fs';
import path from 'node:path';
import { PolicyGraphError } from '../../graph/errors.js';
import type { Embedder, PassageRole } from '../types.js';

export const DEFAULT_TRANSFORMERS_MODEL = 'Xenova/bge-small-zh-v1.5';
export const DEFAULT_TRANSFORMERS_DTYPE = 'q8';
export const BGE_ZH_QUERY_PREFIX = '为这个句子生成表示以用于检索相关文章：';
const BGE_EN_QUERY_PREFIX = 'Represent this sentence for searching relevant passages: ';

const DTYPES = ['auto', 'fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'bnb4', 'q4f16'] as const;
export type TransformersDtype = (typeof DTYPES)[number];
export type Pooling = 'cls' | 'mean';

export interface LoadProgress {
  file: string;
  /** 0–100 where the library reports it. */
  percent: number | null;
  status: string;
}

export interface TransformersEmbedderOptions {
  /** Hub id or folder name (default Xenova/bge-small-zh-v1.5). */
  model?: string;
  dtype?: string;
  /**
   * A local folder: either a model folder itself (holding config.json) or a root holding
   * <org>/<name>/ model folders. When given, nothing is fetched from the hub.
   */
  modelDir?: string | null;
  /** Texts per forward pass. */
  batchSize?: number;
  /** Defaults follow the model: CLS for BGE models, mean otherwise. */
  pooling?: Pooling;
  /** Defaults follow the model: BGE's retrieval instruction, empty otherwise. */
  queryPrefix?: string;
  /** Model file loading (downloads when from the hub). */
  onLoadProgress?: (progress: LoadProgress) => void;
  /** Called after every batch with the number of texts embedded so far in the current call. */
  onBatch?: (done: number, total: number) => void;
}

type FeatureExtractor = (
  texts: string[],
  options: { pooling: 'cls' | 'mean'; normalize: boolean },
) => Promise<{ data: Float32Array | number[]; dims: number[] }>;

interface LoadedPipeline {
  extractor: FeatureExtractor & { model?: { config?: { hidden_size?: number } } };
  dispose(): Promise<void>;
}

export function defaultPooling(model: string): Pooling {
  return /bge/i.test(model) ? 'cls' : 'mean';
}

export function defaultQueryPrefix(model: string): string {
  if (!/bge/i.test(model)) return '';
  return /-zh|chinese/i.test(model) ? BGE_ZH_QUERY_PREFIX : BGE_EN_QUERY_PREFIX;
}

export function parseDtype(value: string | undefined): TransformersDtype {
  const dtype = (value ?? DEFAULT_TRANSFORMERS_DTYPE).toLowerCase();
  if (!(DTYPES as readonly string[]).includes(dtype)) {
    throw new PolicyGraphError('CONFIG', `unknown model dtype "${value}": use one of ${DTYPES.join(', ')}`);
  }
  return dtype as TransformersDtype;
}

/** Where transformers.js should look for a model: an absolute folder, or a hub id under a local root. */
export function resolveModelLocation(model: string, modelDir: string | null | undefined): { ref: string; localRoot: string | null } {
  if (!modelDir) return { ref: model, localRoot: null };
  const root = path.resolve(modelDir);
  if (!fs.existsSync(root)) {
    throw new PolicyGraphError('CONFIG', `model folder ${root} does not exist (POLICYGRAPH_MODEL_DIR)`);
  }
  if (fs.existsSync(path.join(root, 'config.json'))) return { ref: root, localRoot: null };
  if (fs.existsSync(path.join(root, model, 'config.json'))) return { ref: model, localRoot: root };
  throw new PolicyGraphError(
    'CONFIG',
    `model ${model} is not in ${root}: expected ${path.join(root, model, 'config.json')} or a model folder with config.json`,
  );
}

/**
 * Full-width letters and digits (５Ｇ) become ASCII and ASCII letters lower case; everything else,
 * Chinese punctuation included, stays as the model saw it in training.
 */
export function foldForModel(text: string): string {
  return text
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0].slice(0, 300);
}

export class TransformersEmbedder implements Embedder {
  readonly id: string;
  readonly model: string;
  readonly dtype: TransformersDtype;
  readonly dimension: number;
  readonly pooling: Pooling;
  readonly queryPrefix: string;
  private readonly batchSize: number;
  private readonly onBatch?: (done: number, total: number) => void;

  private constructor(
    private readonly loaded: LoadedPipeline,
    settings: { model: string; dtype: TransformersDtype; dimension: number; pooling: Pooling; queryPrefix: string; batchSize: number; onBatch?: (done: number, total: number) => void },
  ) {
    this.model = settings.model;
    this.dtype = settings.dtype;
    this.dimension = settings.dimension;
    this.pooling = settings.pooling;
    this.queryPrefix = settings.queryPrefix;
    this.batchSize = settings.batchSize;
    this.onBatch = settings.onBatch;
    this.id = `transformers:${settings.model}:${settings.dtype}`;
  }

  /** Loads the model (from the local folder when given, else the hub or its cache). */
  static async load(options: TransformersEmbedderOptions = {}): Promise<TransformersEmbedder> {
    const model = options.model ?? DEFAULT_TRANSFORMERS_MODEL;
    const dtype = parseDtype(options.dtype);
    const location = resolveModelLocation(model, options.modelDir);
    const transformers = await import('@huggingface/transformers');
    const { env } = transformers;
    if (options.modelDir) {
      // A local folder was named: never fall back to the network.
      env.allowRemoteModels = false;
      env.allowLocalModels = true;
      if (location.localRoot) env.localModelPath = location.localRoot.endsWith(path.sep) ? location.localRoot : location.localRoot + path.sep;
    } else {
      env.allowRemoteModels = true;
    }

    let extractor: LoadedPipeline['extractor'];
    try {
      const progress = options.onLoadProgress;
      extractor = (await transformers.pipeline('feature-extraction', location.ref, {
        dtype: dtype as never,
        device: 'cpu',
        progress_callback: progress
          ? (info: { status: string; file?: string; progress?: number }) =>
              progress({ file: info.file ?? '', percent: typeof info.progress === 'number' ? info.progress : null, status: info.status })
          : undefined,
      })) as unknown as LoadedPipeline['extractor'];
    } catch (err) {
      const where = options.modelDir ? `from ${path.resolve(options.modelDir)}` : 'from the Hugging Face hub or its cache';
      throw new PolicyGraphError('CONFIG', `cannot load embedding model ${model} (${dtype}) ${where}: ${firstLine(err)}`);
    }
    const pipelineObject = extractor as unknown as { dispose?: () => Promise<void> };
    const loaded: LoadedPipeline = { extractor, dispose: async () => pipelineObject.dispose?.call(extractor) };

    let dimension = extractor.model?.config?.hidden_size;
    if (typeof dimension !== 'number') {
      // Configs without hidden_size: measure it on a one-word input.
      const probe = await extractor(['a'], { pooling: 'mean', normalize: false });
      dimension = probe.dims[probe.dims.length - 1];
    }
    return new TransformersEmbedder(loaded, {
      model,
      dtype,
      dimension,
      pooling: options.pooling ?? defaultPooling(model),
      queryPrefix: options.queryPrefix ?? defaultQueryPrefix(model),
      batchSize: Math.max(1, options.batchSize ?? 16),
      onBatch: options.onBatch,
    });
  }

  /** The exact string the model sees: ASCII lowercased, full-width letters folded, prefix on queries. */
  prepare(text: string, as: PassageRole): string {
    const normalized = foldForModel(text).trim();
    return as === 'query' ? this.queryPrefix + normalized : normalized;
  }

  async embed(texts: string[], options: { as: PassageRole }): Promise<Float32Array[]> {
    const prepared = texts.map((text) => this.prepare(text, options.as));
    // Batch texts of similar length together: padding to the longest in a batch is wasted work.
    const order = prepared.map((_, i) => i).sort((a, b) => prepared[a].length - prepared[b].length);
    const out = new Array<Float32Array>(texts.length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const batch = order.slice(start, start + this.batchSize);
      const output = await this.loaded.extractor(
        batch.map((i) => prepared[i]),
        { pooling: this.pooling, normalize: true },
      );
      const width = output.dims[output.dims.length - 1];
      const data = output.data instanceof Float32Array ? output.data : Float32Array.from(output.data);
      batch.forEach((textIndex, row) => {
        out[textIndex] = data.slice(row * width, (row + 1) * width);
      });
      this.onBatch?.(Math.min(start + batch.length, order.length), order.length);
    }
    return out;
  }

  async dispose(): Promise<void> {
    await this.loaded.dispose();
  }
}
