// The transformers.js path, run for real (tokenizer, onnxruntime-node session, pooling) on a tiny
// BERT-like model the test writes itself: no weights can be downloaded here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PolicyGraphError } from '../../graph/errors.js';
import { writeTinyModel, type TinyModel } from '../../test/fixtures/tiny-model.js';
import { buildIndexes, loadIndexes } from '../index-store.js';
import { createEmbedder } from './index.js';
import { BGE_ZH_QUERY_PREFIX, DEFAULT_TRANSFORMERS_MODEL, TransformersEmbedder, foldForModel } from './transformers-embedder.js';

const TEXTS = ['信息消费', '5g网络规模', '加快推进5g商用', '网络', '规模达到六万亿元'];
const VOCABULARY = [...new Set([...TEXTS.join(''), ...BGE_ZH_QUERY_PREFIX, '，'])].filter((c) => !/[0-9a-z]/.test(c)).concat(['5g']);

const expectVector = (actual: Float32Array, expected: Float32Array) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 5));
};

describe('TransformersEmbedder on a tiny self-built model', () => {
  let root: string;
  let model: TinyModel;
  let embedder: TransformersEmbedder;
  const batches: [number, number][] = [];

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-models-'));
    // The hub layout under a local root: <root>/Xenova/bge-small-zh-v1.5/…
    model = writeTinyModel(path.join(root, DEFAULT_TRANSFORMERS_MODEL), { vocabulary: VOCABULARY, hidden: 12 });
    embedder = (await createEmbedder({
      kind: 'transformers',
      modelDir: root,
      env: {},
      onBatch: (done, total) => batches.push([done, total]),
    })) as TransformersEmbedder;
    // Batches of 2 so the five texts below need padding inside a batch.
    (embedder as unknown as { batchSize: number }).batchSize = 2;
  });

  it('identifies the model and dtype and takes its dimension from the config', () => {
    expect(embedder).toBeInstanceOf(TransformersEmbedder);
    expect(embedder.id).toBe('transformers:Xenova/bge-small-zh-v1.5:q8');
    expect(embedder.dimension).toBe(12);
    expect(embedder.pooling).toBe('cls');
  });

  it('returns one normalised CLS vector per passage, in input order, padding masked out', async () => {
    const vectors = await embedder.embed(TEXTS, { as: 'passage' });
    expect(vectors).toHaveLength(TEXTS.length);
    TEXTS.forEach((text, i) => {
      expect(Math.hypot(...vectors[i])).toBeCloseTo(1, 5);
      expectVector(vectors[i], model.expectedClsEmbedding(model.expectedTokens(text)));
    });
    // Three batches of at most two texts, reported as they finish.
    expect(batches.slice(-3)).toEqual([[2, 5], [4, 5], [5, 5]]);
  });

  it('pools the CLS position, not the mean of the tokens', async () => {
    const tokens = model.expectedTokens('信息消费');
    const [vector] = await embedder.embed(['信息消费'], { as: 'passage' });
    const sum = new Float32Array(model.hidden);
    for (const t of tokens) model.table[t].forEach((v, i) => (sum[i] += v));
    const meanPooled = sum.map((v, i) => v + sum[i] / tokens.length); // mean over positions of E[t] + Σ
    const meanNorm = Math.hypot(...meanPooled);
    const cosineToMean = vector.reduce((s, v, i) => s + (v * meanPooled[i]) / meanNorm, 0);
    expect(cosineToMean).toBeLessThan(0.999);
  });

  it('prefixes queries with the BGE retrieval instruction, and passages not', async () => {
    const [query] = await embedder.embed(['信息消费'], { as: 'query' });
    const [passage] = await embedder.embed(['信息消费'], { as: 'passage' });
    expectVector(query, model.expectedClsEmbedding(model.expectedTokens(BGE_ZH_QUERY_PREFIX + '信息消费')));
    expect(Math.abs(query[0] - passage[0]) + Math.abs(query[1] - passage[1])).toBeGreaterThan(1e-3);
  });

  it('lowercases ASCII first, so "5G" reaches the vocabulary\'s "5g" instead of [UNK]', async () => {
    const [upper, lower] = await embedder.embed(['5G网络规模', '5g网络规模'], { as: 'passage' });
    expectVector(upper, lower);
    expectVector(upper, model.expectedClsEmbedding(model.expectedTokens('5g网络规模')));
    const unknown = model.expectedClsEmbedding(model.expectedTokens('5G网络规模')); // [UNK] for "5G"
    expect(Math.abs(upper[0] - unknown[0]) + Math.abs(upper[1] - unknown[1])).toBeGreaterThan(1e-3);
    expect(foldForModel('ＩＰｖ６，NB-IoT')).toBe('ipv6，nb-iot');
  });

  it('loads a model folder given directly, in fp32 (onnx/model.onnx)', async () => {
    const direct = await TransformersEmbedder.load({ modelDir: model.dir, model: 'tiny', dtype: 'fp32' });
    expect(direct.id).toBe('transformers:tiny:fp32');
    // Not a BGE model name: no instruction, and mean pooling, which for this graph is the
    // direction of the summed token embeddings.
    expect(direct.queryPrefix).toBe('');
    expect(direct.pooling).toBe('mean');
    const [vector] = await direct.embed(['网络'], { as: 'query' });
    const sum = new Float32Array(model.hidden);
    for (const t of model.expectedTokens('网络')) model.table[t].forEach((v, i) => (sum[i] += v));
    const norm = Math.hypot(...sum);
    expectVector(vector, sum.map((v) => v / norm));
  });

  it('builds and loads a search index with transformers vectors', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-index-'));
    const clauses = TEXTS.map((text, i) => ({ id: `c${i}`, heading: null, text }));
    const built = await buildIndexes({ dataDir, clauses, embedder });
    expect(built.manifest).toMatchObject({ embedderId: embedder.id, model: DEFAULT_TRANSFORMERS_MODEL, dimension: 12, embedderState: null });
    const loaded = loadIndexes(dataDir, embedder);
    const [vector] = await embedder.embed(['加快推进5G商用'], { as: 'passage' });
    expect(loaded.vectors.search(vector, 1)[0].id).toBe('c2');
  });

  it('reports a model missing from the local folder as a configuration error', async () => {
    await expect(TransformersEmbedder.load({ modelDir: root, model: 'BAAI/absent' })).rejects.toThrow(PolicyGraphError);
    await expect(TransformersEmbedder.load({ modelDir: root, model: 'BAAI/absent' })).rejects.toThrow(/model BAAI\/absent is not in/);
    await expect(TransformersEmbedder.load({ modelDir: root, dtype: 'q3' })).rejects.toThrow(/unknown model dtype "q3"/);
  });

  it('falls back to the built-in embedder under "auto" with one notice saying why', async () => {
    const notices: string[] = [];
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-nomodel-'));
    const fallback = await createEmbedder({ env: { POLICYGRAPH_MODEL_DIR: empty }, onNotice: (m) => notices.push(m) });
    expect(fallback.id).toBe('builtin:ngram-v1');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/Xenova\/bge-small-zh-v1.5.*using the built-in builtin:ngram-v1/);
    // With the model present, auto picks transformers and says nothing.
    const quiet: string[] = [];
    const chosen = await createEmbedder({ env: { POLICYGRAPH_MODEL_DIR: root }, onNotice: (m) => quiet.push(m) });
    expect(chosen.id).toBe('transformers:Xenova/bge-small-zh-v1.5:q8');
    expect(quiet).toEqual([]);
  });

  it('rejects an unknown embedder kind', async () => {
    await expect(createEmbedder({ kind: 'openai', env: {} })).rejects.toThrow(/unknown embedder "openai"/);
  });
});
