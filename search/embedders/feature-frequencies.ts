// The built-in embedder's document-frequency table: features in sorted order (UTF-16 code units,
// as `<` compares) with their counts. embedder-state.bin stores it in that order, so opening it is
// one split and one typed-array view — no Map of 150k–400k entries, no sort — and a query's
// hundred features are found by binary search. A table asked for many features (an index build embedding
// thousands of passages) builds a Map once, where hashing beats twenty string comparisons.
import { createHash } from 'node:crypto';

/** Lookups by binary search before the table builds its Map. */
const LOOKUPS_BEFORE_MAP = 200_000;

export class FeatureFrequencies {
  private map: Map<string, number> | null = null;
  private lookups = 0;

  /** `features` must be sorted and distinct; counts[i] belongs to features[i]. */
  constructor(
    readonly features: readonly string[],
    readonly counts: Uint32Array,
  ) {}

  /** A table from (feature, count) pairs in any order. */
  static fromPairs(pairs: Iterable<readonly [string, number]>): FeatureFrequencies {
    const sorted = [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return new FeatureFrequencies(
      sorted.map(([feature]) => feature),
      Uint32Array.from(sorted, ([, count]) => count),
    );
  }

  static empty(): FeatureFrequencies {
    return new FeatureFrequencies([], new Uint32Array(0));
  }

  get size(): number {
    return this.features.length;
  }

  get(feature: string): number | undefined {
    if (this.map) return this.map.get(feature);
    if (++this.lookups > LOOKUPS_BEFORE_MAP) {
      this.map = new Map(this.features.map((f, i) => [f, this.counts[i]]));
      return this.map.get(feature);
    }
    let low = 0;
    let high = this.features.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const at = this.features[mid];
      if (at === feature) return this.counts[mid];
      if (at < feature) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  toRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    this.features.forEach((feature, i) => (out[feature] = this.counts[i]));
    return out;
  }

  /**
   * Digest of the table with the embedder settings it was fitted under: sha256 over
   * "prefix" then "feature\tcount\n" in sorted order (the order it is kept in: nothing to sort).
   */
  fingerprint(prefix: string): string {
    const hash = createHash('sha256');
    hash.update(prefix);
    const CHUNK = 8192;
    for (let start = 0; start < this.features.length; start += CHUNK) {
      let text = '';
      const end = Math.min(this.features.length, start + CHUNK);
      for (let i = start; i < end; i++) text += `${this.features[i]}\t${this.counts[i]}\n`;
      hash.update(text);
    }
    return hash.digest('hex').slice(0, 16);
  }
}
