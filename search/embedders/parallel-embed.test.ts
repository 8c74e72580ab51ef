import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from './builtin-embedder.js';
import { canEmbedInParallel, embedPassagesInParallel } from './parallel-embed.js';

const texts = Array.from({ length: 400 }, (_, i) => `第${i}条 推进${['信息消费', '5G商用', '智能网联汽车', '安全生产'][i % 4]}工作，落实责任${i % 7}。`);

describe('embedding on two threads', () => {
  it('gives exactly the vectors one thread gives, in order', async () => {
    const embedder = new BuiltinEmbedder({ concepts: null });
    embedder.fit(texts);
    const parallel = await embedPassagesInParallel(embedder, texts);
    expect(parallel).toHaveLength(texts.length);
    texts.forEach((text, i) => expect(Array.from(parallel[i])).toEqual(Array.from(embedder.embedOne(text))));
  }, 30_000);

  it('is used only for large batches of a copyable built-in embedder', () => {
    const embedder = new BuiltinEmbedder({ concepts: null });
    expect(canEmbedInParallel(embedder, 10)).toBe(false);
    expect(canEmbedInParallel(new BuiltinEmbedder({ concepts: { fingerprint: 'x', match: () => [] } }), 1e6, 1)).toBe(false);
    expect(canEmbedInParallel({ id: 'other', dimension: 8, embed: async () => [] }, 1e6, 1)).toBe(false);
  });
});
