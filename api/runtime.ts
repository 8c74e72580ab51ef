// Opens what the server and the MCP command serve from: the graph store and the search service
// over the data dir's indexes. A data dir without indexes still serves the graph routes; search
// answers 503 until `policygraph ingest` has built them.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { settings } from '../app/settings.js';
import { isPolicyGraphError } from '../graph/errors.js';
import { openStore } from '../graph/open-store.js';
import type { GraphStore } from '../graph/store.js';
import type { SearchService } from '../search/service.js';
import { createSearchService } from '../search/search-service.js';
import type { GraphEngine } from './config.js';
import { isCachedSearchService, withSearchCache } from './runtime-search-cache.js';

export interface RuntimeOptions {
  dataDir: string;
  engine: GraphEngine;
  /** Read-only serving lets several processes (server, MCP clients) share one embedded store. */
  readOnly: boolean;
  logger: Logger;
  /**
   * How long a replaced store and search service stay open after a switch at most (default RETIRE_MS;
   * benchmarks shorten it). With tracked requests (trackRequests) they close as soon as the requests
   * that could hold them are done, which is usually at once, and after TRACKED_RETIRE_MAX_MS at most.
   */
  retireMs?: number;
  /** Called after each switch with how long opening the new pair took (benchmarks, logs). */
  onSwitch?: (timings: SwitchTimings) => void;
  /** Called once a replaced pair is closed, with how long after its switch and how long closing took. */
  onRetired?: (timings: { afterMs: number; closeMs: number }) => void;
}

/** What one switch to a new graph and search service cost. */
export interface SwitchTimings {
  storeMs: number;
  searchMs: number;
  /** The longest the event loop was held while the new pair opened: what a request arriving then waited at worst. */
  loopBlockedMs: number;
  /** Searches the new service answered from the old one's recent requests before the switch, and how long that took. */
  primed: number;
  primeMs: number;
}

export interface Runtime {
  store: GraphStore;
  search: SearchService | null;
  /** Reopens the search service over the (re-built) indexes and closes the old one. */
  reloadSearch(): Promise<SearchService | null>;
  /**
   * Opens the graph as it is now (a new file after an upload replaced it) with its search service,
   * then makes both current at once; the previous pair keeps answering requests already using it
   * and is closed RETIRE_MS later.
   */
  reopen(): Promise<void>;
  /**
   * From now on the caller reports every request: `enter()` when one starts, the returned function
   * when it is done. A replaced pair then closes once the requests that began before the switch are
   * done (they alone can hold it) instead of after the fixed RETIRE_MS: fewer pairs stay open at once,
   * and their native memory (Ladybug's buffers, hnswlib's graphs) goes back sooner.
   */
  trackRequests(): { enter(): () => void };
  close(): Promise<void>;
}

/** How long a replaced store and search service stay open for the requests that still hold them. */
const RETIRE_MS = 10_000;
/**
 * With tracked requests the pair waits for them, however long they take (a cold store's queue after a
 * switch held some for 15 s under load, and closing at 10 s failed them with "Connection is closed"),
 * but not forever: a request stuck this long no longer holds the pair open.
 */
const TRACKED_RETIRE_MAX_MS = 120_000;
/** The replaced service's most recent searches a new one answers before it takes over, and for how long at most. */
const PRIME_REQUESTS = 64;
const PRIME_BUDGET_MS = 2_000;

async function openSearch(dataDir: string, store: GraphStore, logger: Logger): Promise<SearchService | null> {
  try {
    // a server answers many queries: load every clause's graph context once instead of per query
    const service = await createSearchService({ dataDir, store, preloadContexts: true, contextCacheSize: settings().contextCacheSize, retrieval: settings().retrieval });
    // one cache per opened service: a swap to a new generation starts with an empty one
    return withSearchCache(service, settings().searchCacheBytes);
  } catch (err) {
    if (isPolicyGraphError(err) && err.code === 'INDEX_MISSING') {
      logger.warn({ dataDir }, `search disabled: ${err.message}`);
      return null;
    }
    throw err;
  }
}

export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const store = await openStore({ dataDir: options.dataDir, engine: options.engine, readOnly: options.readOnly, env: settings().env });
  let search: SearchService | null;
  try {
    search = await openSearch(options.dataDir, store, options.logger);
  } catch (err) {
    await store.close();
    throw err;
  }
  interface Retiring {
    store: GraphStore;
    search: SearchService | null;
    /** The switch that replaced the pair: requests that began before it may still use it. */
    replacedAt: number;
    switchedAt: number;
    timer: NodeJS.Timeout;
  }
  const retiring = new Set<Retiring>();
  const closePair = async (pair: { store: GraphStore; search: SearchService | null }) => {
    await pair.search?.close();
    await pair.store.close();
  };
  // requests in flight by the number of switches made when they began (tracked requests only)
  let tracked = false;
  let switches = 0;
  const inFlight = new Map<number, number>();
  const retire = (entry: Retiring) => {
    if (!retiring.delete(entry)) return;
    clearTimeout(entry.timer);
    const started = performance.now();
    closePair(entry).then(
      () => options.onRetired?.({ afterMs: Math.round(started - entry.switchedAt), closeMs: Math.round(performance.now() - started) }),
      (err) => options.logger.warn({ err }, 'closing the replaced graph failed'),
    );
  };
  /** Closes every replaced pair no request in flight began early enough to hold. */
  const retireDrained = () => {
    if (!tracked) return;
    const oldest = inFlight.size ? Math.min(...inFlight.keys()) : Infinity;
    for (const entry of retiring) if (oldest >= entry.replacedAt) retire(entry);
  };
  const runtime: Runtime = {
    store,
    search,
    async reloadSearch() {
      const previous = runtime.search;
      runtime.search = await openSearch(options.dataDir, runtime.store, options.logger);
      await previous?.close();
      return runtime.search;
    },
    async reopen() {
      // Neo4j is one live database: only the indexes change under it
      if (options.engine === 'neo4j') {
        await runtime.reloadSearch();
        return;
      }
      const started = performance.now();
      const lag = monitorEventLoopDelay({ resolution: 10 });
      lag.enable();
      const fresh = await openStore({ dataDir: options.dataDir, engine: options.engine, readOnly: options.readOnly, freshHandle: true, env: settings().env });
      const opened = performance.now();
      let search: SearchService | null;
      try {
        search = await openSearch(options.dataDir, fresh, options.logger);
      } catch (err) {
        lag.disable();
        await fresh.close();
        throw err;
      }
      // the old pair keeps answering while the new cache is filled with the queries asked lately,
      // so the switch does not send every hot query to a cold service at once
      const priming = performance.now();
      const primed = isCachedSearchService(search) && isCachedSearchService(runtime.search) ? await search.prime(runtime.search.recentRequests(PRIME_REQUESTS), PRIME_BUDGET_MS) : 0;
      const primeMs = Math.round(performance.now() - priming);
      lag.disable();
      // until here the previous pair answered every request; from here the new one does
      const previous = { store: runtime.store, search: runtime.search };
      runtime.store = fresh;
      runtime.search = search;
      switches++;
      const timings = { storeMs: Math.round(opened - started), searchMs: Math.round(priming - opened), loopBlockedMs: Math.round(lag.max / 1e6), primed, primeMs };
      options.logger.info(timings, 'switched to the new graph and search indexes');
      options.onSwitch?.(timings);
      const entry: Retiring = { ...previous, replacedAt: switches, switchedAt: performance.now(), timer: setTimeout(() => retire(entry), options.retireMs ?? (tracked ? TRACKED_RETIRE_MAX_MS : RETIRE_MS)) };
      entry.timer.unref();
      retiring.add(entry);
      // the caller (an upload's request) still holds its own count: checked again when requests finish
      retireDrained();
    },
    trackRequests() {
      tracked = true;
      return {
        enter() {
          const began = switches;
          inFlight.set(began, (inFlight.get(began) ?? 0) + 1);
          let done = false;
          return () => {
            if (done) return;
            done = true;
            const left = inFlight.get(began)! - 1;
            if (left > 0) inFlight.set(began, left);
            else {
              inFlight.delete(began);
              if (retiring.size) retireDrained();
            }
          };
        },
      };
    },
    async close() {
      for (const entry of [...retiring]) {
        retiring.delete(entry);
        clearTimeout(entry.timer);
        await closePair(entry).catch(() => undefined);
      }
      await closePair(runtime);
    },
  };
  return runtime;
}
