// The server's search response cache: one computation per distinct request, bounded in bytes,
// frozen answers, errors never kept, and the JSON text it hands the HTTP face equal to the response.
import { describe, expect, it } from 'vitest';
import type { SearchService } from '../search/service.js';
import type { SearchRequest, SearchResponse } from '../search/types.js';
import { cachedBodyOf, searchCacheKey, withSearchCache } from './runtime-search-cache.js';

/** A stand-in engine whose answers depend on the request and which counts what it computed. */
function countingService(options: { delayMs?: number; textLength?: number } = {}) {
  const computed: string[] = [];
  const service = {
    embedderId: 'test:counting',
    async search(request: SearchRequest): Promise<SearchResponse> {
      computed.push(request.query);
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (request.query.includes('fail')) throw new Error(`cannot search ${request.query}`);
      const k = request.k ?? 10;
      return {
        query: request.query,
        tookMs: 5,
        embedder: 'test:counting',
        understood: { themes: [], agencies: [], regions: [], years: [], docNumbers: [], expandedTerms: [request.query] },
        results: Array.from({ length: k }, (_, i) => ({ id: `${request.query}#${i}`, text: 'x'.repeat(options.textLength ?? 10), score: 1 - i / 100 })),
        closeMatch: true,
        facets: { themes: [], documents: [], levels: [] },
      } as unknown as SearchResponse;
    },
    async close() {
      computed.push('closed');
    },
  } as unknown as SearchService;
  return { service, computed };
}

/** The stand-in's results carry a plain id. */
const firstId = (response: SearchResponse) => (response.results[0] as unknown as { id: string }).id;

describe('withSearchCache', () => {
  it('computes each distinct request once; equal requests written differently share the entry', async () => {
    const { service, computed } = countingService();
    const cached = withSearchCache(service, 1024 * 1024);
    const first = await cached.search({ query: '数字乡村', k: 3 });
    const again = await cached.search({ query: ' 数字乡村 ', k: 3, mode: 'hybrid', filterByUnderstood: false });
    const other = await cached.search({ query: '数字乡村', k: 4 });
    expect(computed).toEqual(['数字乡村', '数字乡村']);
    expect(again.results).toEqual(first.results);
    expect(other.results).toHaveLength(4);
    expect(cached.cacheStats()).toMatchObject({ hits: 1, misses: 2, entries: 2 });
  });

  it('keys on filters whatever their key order, and apart from requests without them', () => {
    expect(searchCacheKey({ query: 'a', filters: { theme: ['t'], level: ['national'] } })).toBe(searchCacheKey({ query: 'a', filters: { level: ['national'], theme: ['t'] } }));
    expect(searchCacheKey({ query: 'a', filters: { theme: ['t'] } })).not.toBe(searchCacheKey({ query: 'a' }));
    expect(searchCacheKey({ query: 'a', mode: 'lexical' })).not.toBe(searchCacheKey({ query: 'a' }));
  });

  it('identical requests in flight share one computation', async () => {
    const { service, computed } = countingService({ delayMs: 30 });
    const cached = withSearchCache(service, 1024 * 1024);
    const answers = await Promise.all(Array.from({ length: 5 }, () => cached.search({ query: '宽带', k: 2 })));
    expect(computed).toEqual(['宽带']);
    expect(new Set(answers.map(firstId))).toEqual(new Set(['宽带#0']));
  });

  it('does not keep failures: the next identical request is computed again', async () => {
    const { service, computed } = countingService();
    const cached = withSearchCache(service, 1024 * 1024);
    await expect(cached.search({ query: 'fail once' })).rejects.toThrow(/cannot search fail once/);
    await expect(cached.search({ query: 'fail once' })).rejects.toThrow(/cannot search fail once/);
    expect(computed).toEqual(['fail once', 'fail once']);
    expect(cached.cacheStats().entries).toBe(0);
  });

  it('stays within its byte budget, dropping the least recently used first', async () => {
    const { service, computed } = countingService({ textLength: 1_000 });
    // each response is ≈ 10 results × 1 KB of JSON ≈ 10 KB: room for about four
    const cached = withSearchCache(service, 25 * 1024);
    for (const query of ['一', '二', '三', '四']) await cached.search({ query });
    const stats = cached.cacheStats();
    expect(stats.bytes).toBeLessThanOrEqual(25 * 1024);
    expect(stats.entries).toBeLessThan(4);
    computed.length = 0;
    await cached.search({ query: '四' });
    await cached.search({ query: '一' });
    expect(computed).toEqual(['一']);
  });

  it('hands out frozen answers, and a hit says how long the lookup took', async () => {
    const { service } = countingService();
    const cached = withSearchCache(service, 1024 * 1024);
    const first = await cached.search({ query: '农村', k: 2 });
    const hit = await cached.search({ query: '农村', k: 2 });
    expect(() => {
      (hit.results as unknown as { id: string }[])[0]!.id = 'changed';
    }).toThrow(TypeError);
    expect(firstId(await cached.search({ query: '农村', k: 2 }))).toBe('农村#0');
    expect(first.tookMs).toBe(5);
    expect(hit.tookMs).toBeLessThan(5);
  });

  it('gives the HTTP face UTF-8 JSON equal to the response it returned', async () => {
    const { service } = countingService();
    const cached = withSearchCache(service, 1024 * 1024);
    for (let round = 0; round < 2; round++) {
      const response = await cached.search({ query: '网络安全', k: 3 });
      expect(JSON.parse(new TextDecoder().decode(cachedBodyOf(response)!))).toEqual(JSON.parse(JSON.stringify(response)));
    }
    expect(cachedBodyOf({ ...(await cached.search({ query: '网络安全', k: 3 })) })).toBeNull();
  });

  it('with a budget of 0 every search is computed and close still closes the service', async () => {
    const { service, computed } = countingService();
    const cached = withSearchCache(service, 0);
    await cached.search({ query: '甲' });
    await cached.search({ query: '甲' });
    await cached.close();
    expect(computed).toEqual(['甲', '甲', 'closed']);
  });

  it('primes a new cache with the recent requests of another, most recent first, within a budget', async () => {
    const old = withSearchCache(countingService().service, 1024 * 1024);
    for (const query of ['甲', '乙', '丙']) await old.search({ query, k: 2 });
    await old.search({ query: '甲', k: 2 });
    expect(old.recentRequests(2).map((r) => r.query)).toEqual(['甲', '丙']);
    const { service, computed } = countingService();
    const fresh = withSearchCache(service, 1024 * 1024);
    expect(await fresh.prime(old.recentRequests(10), 5_000)).toBe(3);
    expect(computed.sort()).toEqual(['丙', '乙', '甲']);
    await fresh.search({ query: '乙', k: 2 });
    expect(fresh.cacheStats()).toMatchObject({ hits: 1, misses: 3 });
    // a request that fails on the new service is skipped, not cached; a spent budget stops priming
    expect(await fresh.prime([{ query: 'fail here' }], 5_000)).toBe(0);
    expect(await withSearchCache(countingService().service, 1024 * 1024).prime(old.recentRequests(10), -1)).toBe(0);
  });
});
