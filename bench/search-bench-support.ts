// Small helpers shared by the search benchmarks (bench/hnsw.ts, bench/lexical.ts, bench/scale.ts, bench/cold-start.ts).
import type { SearchService } from '../search/service.js';

/** `--name value` from the command line, else the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

export function numberArg(name: string, fallback: number): number {
  const value = Number(arg(name, String(fallback)));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export { seededRandom } from '../test/fixtures/seeded-random.js';

export function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

/**
 * Warm hybrid latency as bench/scale.ts and bench/cold-start.ts report it: one untimed pass over the
 * queries, then `rounds` timed passes (k 10); the times in ms, sorted.
 */
export async function warmHybridTimes(service: Pick<SearchService, 'search'>, queries: string[], rounds: number): Promise<number[]> {
  for (const query of queries) await service.search({ query, k: 10 });
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const query of queries) {
      const t = performance.now();
      await service.search({ query, k: 10, mode: 'hybrid' });
      times.push(performance.now() - t);
    }
  }
  return times.sort((a, b) => a - b);
}
