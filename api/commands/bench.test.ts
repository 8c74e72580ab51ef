import { describe, expect, it } from 'vitest';
import { listBenchmarks, splitBenchArgs } from './bench.js';

describe('bench command arguments', () => {
  it('passes everything from the first option on to the scripts', () => {
    expect(splitBenchArgs(['search-latency', '--only', 'seeds'])).toEqual({ names: ['search-latency'], scriptArgs: ['--only', 'seeds'] });
    expect(splitBenchArgs(['hnsw', 'lexical'])).toEqual({ names: ['hnsw', 'lexical'], scriptArgs: [] });
    expect(splitBenchArgs(['--size', '1000'])).toEqual({ names: [], scriptArgs: ['--size', '1000'] });
  });

  it('lists the benchmark scripts, not their helpers', () => {
    const names = listBenchmarks();
    expect(names).toContain('hnsw');
    expect(names).not.toContain('search-bench-support');
  });
});
