import { describe, expect, it } from 'vitest';
import { ContextCache } from './result-builder.js';
import { MemoryGraphStore } from '../test/support/memory-graph-store.js';
import { fixtureBatch } from '../test/support/graph-store-fixture.js';

/** A store that counts the ids each expand asks the graph for. */
function countingStore() {
  const store = new MemoryGraphStore(fixtureBatch());
  const asked: string[][] = [];
  const expand = store.expand.bind(store);
  store.expand = async (ids, filters) => {
    asked.push([...ids]);
    return expand(ids, filters);
  };
  return { store, asked };
}

describe('ContextCache', () => {
  const ids = fixtureBatch().clauses.map((c) => c.id);

  it('reads nothing up front, expands a page of misses in one call, then answers from memory', async () => {
    const { store, asked } = countingStore();
    const cache = new ContextCache(store, 10);
    expect(asked).toEqual([]);
    const first = await cache.get(ids.slice(0, 3), undefined);
    expect([...first.keys()]).toEqual(ids.slice(0, 3));
    expect(asked).toEqual([ids.slice(0, 3)]);
    await cache.get(ids.slice(0, 3), undefined);
    expect(asked).toHaveLength(1);
  });

  it('keeps at most its capacity, evicting the least recently used', async () => {
    const { store, asked } = countingStore();
    const cache = new ContextCache(store, 2);
    await cache.get([ids[0]], undefined);
    await cache.get([ids[1]], undefined);
    await cache.get([ids[0]], undefined); // ids[0] is now the most recent
    await cache.get([ids[2]], undefined); // evicts ids[1]
    expect(cache.size).toBe(2);
    asked.length = 0;
    await cache.get([ids[0], ids[2]], undefined);
    expect(asked).toEqual([]);
    await cache.get([ids[1]], undefined);
    expect(asked).toEqual([[ids[1]]]);
  });

  it('refuses a negative or fractional size in one line', () => {
    const { store } = countingStore();
    expect(() => new ContextCache(store, -1)).toThrow(/context cache size must be a whole number/);
    expect(() => new ContextCache(store, 1.5)).toThrow(/got 1.5/);
  });
});
