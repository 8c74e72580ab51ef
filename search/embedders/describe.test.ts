// An embedder rebuilt from its description (what Neo4j records beside the vectors) embeds queries
// exactly as the original does: a replica without the data dir gets the same query vectors.
import { describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from './builtin-embedder.js';
import { describeEmbedder, embedderFromDescription } from './describe.js';
import { policyGraphFailure as failure } from '../../test/support/errors.js';

const passages = ['加快第五代移动通信（5G）标准研究、技术试验和产业推进', '到2020年，信息消费规模预计达到6万亿元', '扩大信息消费新型终端产品供给', '推进光纤宽带网络建设'];

describe('embedder descriptions', () => {
  it('a fitted built-in embedder rebuilt from its description makes the same query vectors', async () => {
    const original = new BuiltinEmbedder({ dimension: 64 });
    original.fit(passages);
    const description = describeEmbedder(original);
    expect(description).toMatchObject({ id: original.id, dimension: 64, normalized: true, queryPrefix: null, stateFingerprint: original.stateFingerprint });
    const copy = await embedderFromDescription(JSON.parse(JSON.stringify(description)), 'Neo4j at test');
    const [a] = await original.embed(['信息消费规模和5G网络'], { as: 'query' });
    const [b] = await copy.embed(['信息消费规模和5G网络'], { as: 'query' });
    expect(Array.from(b)).toEqual(Array.from(a));
    // an unfitted embedder differs: the state is what makes them equal
    const [c] = await new BuiltinEmbedder({ dimension: 64 }).embed(['信息消费规模和5G网络'], { as: 'query' });
    expect(Array.from(c)).not.toEqual(Array.from(a));
  });

  it('refuses a record it cannot honour with one INDEX_MISMATCH line naming where it came from', async () => {
    const fitted = new BuiltinEmbedder({ dimension: 64 });
    fitted.fit(passages);
    const good = JSON.parse(JSON.stringify(describeEmbedder(fitted)));
    for (const bad of [
      { ...good, id: 'openai:text-embedding-3' },
      { ...good, dimension: 65 },
      { ...good, state: null },
      { ...good, stateFingerprint: 'not-it' },
    ]) {
      const err = await failure(embedderFromDescription(bad, 'Neo4j at bolt://db'));
      expect(err.code).toBe('INDEX_MISMATCH');
      expect(err.message).toContain('Neo4j at bolt://db');
      expect(err.message).not.toContain('\n');
    }
  });
});
