import { describe, expect, it } from 'vitest';
import { FeatureFrequencies } from './feature-frequencies.js';

describe('FeatureFrequencies', () => {
  const pairs: [string, number][] = [['b:信息', 9], ['a:5g', 4], ['u:网', 2], ['k:theme:5g', 7], ['b:医养', 3]];

  it('finds every feature by binary search, and the same after it switches to a Map', () => {
    const table = FeatureFrequencies.fromPairs(pairs);
    expect([...table.features]).toEqual(pairs.map(([f]) => f).sort());
    for (const [feature, count] of pairs) expect(table.get(feature)).toBe(count);
    expect(table.get('b:从未')).toBeUndefined();
    expect(table.get('')).toBeUndefined();
    for (let i = 0; i < 200_100; i++) table.get('a:5g'); // past the lookups that make it build its Map
    for (const [feature, count] of pairs) expect(table.get(feature)).toBe(count);
    expect(table.get('b:从未')).toBeUndefined();
  });

  it('fingerprints the sorted table whatever order it was given in', () => {
    const a = FeatureFrequencies.fromPairs(pairs);
    const b = FeatureFrequencies.fromPairs([...pairs].reverse());
    expect(a.fingerprint('p|')).toBe(b.fingerprint('p|'));
    expect(a.fingerprint('p|')).not.toBe(a.fingerprint('q|'));
    const changed = FeatureFrequencies.fromPairs(pairs.map(([f, c]) => [f, f === 'u:网' ? c + 1 : c] as [string, number]));
    expect(changed.fingerprint('p|')).not.toBe(a.fingerprint('p|'));
  });
});
