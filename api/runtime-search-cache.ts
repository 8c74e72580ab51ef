// A bounded cache of search responses in front of one search service. A server's runtime wraps each
// service it opens, so the cache belongs to one generation of the graph and indexes: a swap after an
// upload or a deletion brings a new service with an empty cache, and no answer from the old corpus
// outlives it. Identical searches in flight share one computation. Responses are frozen, so no face
// can alter what the next caller receives.
import type { SearchService } from '../search/service.js';
import type { SearchRequest, SearchResponse } from '../search/types.js';

interface Entry {
  /** The request as asked (a new generation's cache is primed with it). */
  request: SearchRequest;
  response: Promise<SearchResponse>;
  /** The response's JSON without its tookMs and opening brace, as UTF-8, once known: a hit is sent without serialising or encoding again. */
  body: Buffer | null;
  /** Size in bytes of the UTF-8 JSON once the response is known (the parsed response is kept too, about as large); 0 while in flight. */
  size: number;
}

/** The UTF-8 JSON of responses this cache handed out, for the HTTP face to send as it is. */
const jsonBodies = new WeakMap<SearchResponse, Uint8Array<ArrayBuffer>>();

/** The UTF-8 JSON of `response` when it came from a search cache (what JSON.stringify gives, tookMs first); else null. */
export function cachedBodyOf(response: SearchResponse): Uint8Array<ArrayBuffer> | null {
  return jsonBodies.get(response) ?? null;
}

/** The response's JSON without tookMs, minus its opening brace, as UTF-8. */
function bodyWithoutTook(response: SearchResponse): Buffer {
  return Buffer.from(JSON.stringify({ ...response, tookMs: undefined }).slice(1), 'utf8');
}

/** `{"tookMs":…,` followed by the rest of the response's JSON. */
function withTook(rest: Buffer, tookMs: number): Uint8Array<ArrayBuffer> {
  return Buffer.concat([Buffer.from(`{"tookMs":${tookMs}${rest.length > 1 ? ',' : ''}`, 'latin1'), rest]);
}

export interface CacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

/** Nested objects of a response, frozen so a cached answer cannot be changed by one of its readers. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Object keys sorted at every level, so requests that differ only in key order share an entry. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) sorted[key] = canonical(child);
    }
    return sorted;
  }
  return value;
}

/** The cache key: the request as the service reads it (trimmed query, defaults filled in). */
export function searchCacheKey(request: SearchRequest): string {
  return JSON.stringify(
    canonical({
      query: typeof request.query === 'string' ? request.query.trim() : request.query,
      k: request.k ?? 10,
      mode: request.mode ?? 'hybrid',
      filters: request.filters,
      filterByUnderstood: request.filterByUnderstood ?? false,
    }),
  );
}

/** A search service answered from a cache of at most `maxBytes` of JSON in front of `service`; 0 turns caching off. */
export interface CachedSearchService extends SearchService {
  cacheStats(): CacheStats;
  /** The `limit` requests asked most recently, most recent first. */
  recentRequests(limit: number): SearchRequest[];
  /**
   * Answers `requests` into the cache, one at a time and yielding between them, for at most
   * `budgetMs`: a service about to replace another starts with the other's hot queries answered.
   * Failures are skipped (a request the new corpus refuses is answered when it is asked).
   */
  prime(requests: SearchRequest[], budgetMs: number): Promise<number>;
}

/** Whether `value` is a CachedSearchService (the runtime primes one from another). */
export function isCachedSearchService(value: SearchService | null): value is CachedSearchService {
  return Boolean(value && typeof (value as Partial<CachedSearchService>).prime === 'function');
}

export function withSearchCache(service: SearchService, maxBytes: number): CachedSearchService {
  const entries = new Map<string, Entry>();
  const stats = { hits: 0, misses: 0, bytes: 0 };
  const evict = () => {
    for (const [key, entry] of entries) {
      if (stats.bytes <= maxBytes) break;
      if (entry.size === 0) continue;
      entries.delete(key);
      stats.bytes -= entry.size;
    }
  };
  const cachedSearch = async (request: SearchRequest): Promise<SearchResponse> => {
    const started = performance.now();
    const key = searchCacheKey(request);
    const found = entries.get(key);
    if (found) {
      stats.hits++;
      // most recently used last: a Map keeps insertion order
      entries.delete(key);
      entries.set(key, found);
      const cached = await found.response;
      const response = { ...cached, tookMs: Math.round((performance.now() - started) * 100) / 100 };
      if (found.body) jsonBodies.set(response, withTook(found.body, response.tookMs));
      return response;
    }
    stats.misses++;
    const entry: Entry = { request, response: service.search(request).then(deepFreeze), body: null, size: 0 };
    entries.set(key, entry);
    try {
      const frozen = await entry.response;
      const body = bodyWithoutTook(frozen);
      if (entries.get(key) === entry) {
        entry.body = body;
        entry.size = body.length;
        stats.bytes += entry.size;
        evict();
      }
      const response = { ...frozen };
      jsonBodies.set(response, withTook(body, response.tookMs));
      return response;
    } catch (err) {
      // errors are not cached: a bad request stays cheap to refuse, a transient failure is retried
      if (entries.get(key) === entry) entries.delete(key);
      throw err;
    }
  };
  // every other member is the service's own, called on it
  return {
    get embedderId() {
      return service.embedderId;
    },
    get queryEmbedder() {
      return service.queryEmbedder;
    },
    get store() {
      return service.store;
    },
    get catalog() {
      return service.catalog;
    },
    get understander() {
      return service.understander;
    },
    search: maxBytes > 0 ? cachedSearch : (request) => service.search(request),
    retrieve: (query, options) => service.retrieve(query, options),
    join: (candidates, k, filters, understood) => service.join(candidates, k, filters, understood),
    cacheStats: () => ({ hits: stats.hits, misses: stats.misses, entries: entries.size, bytes: stats.bytes }),
    recentRequests(limit) {
      const recent: SearchRequest[] = [];
      for (const entry of [...entries.values()].reverse()) {
        if (recent.length >= limit) break;
        if (entry.body) recent.push(entry.request);
      }
      return recent;
    },
    async prime(requests, budgetMs) {
      if (maxBytes <= 0) return 0;
      const deadline = performance.now() + budgetMs;
      let primed = 0;
      // least recent first, so the most recent end up most recently used
      for (const request of [...requests].reverse()) {
        if (performance.now() > deadline) break;
        await new Promise((resolve) => setImmediate(resolve));
        try {
          await cachedSearch(request);
          primed++;
        } catch {
          // not cached; the client asking it gets the error itself
        }
      }
      return primed;
    },
    async close() {
      entries.clear();
      stats.bytes = 0;
      await service.close();
    },
  };
}
