import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsFrom } from './settings.js';

describe('settings', () => {
  it('names the dictionaries folder and the phase reports only when set', () => {
    expect(settingsFrom({}).dictionariesDir).toBeNull();
    expect(settingsFrom({}).reportPhases).toBe(false);
    expect(settingsFrom({ POLICYGRAPH_DICTIONARIES: ' /my/dicts ', POLICYGRAPH_REPORT_PHASES: '1' })).toMatchObject({ dictionariesDir: '/my/dicts', reportPhases: true });
  });

  it('reads each variable once, typed, with its default', () => {
    const env: Record<string, string | undefined> = { POLICYGRAPH_DATA_DIR: 'somewhere', POLICYGRAPH_GRAPH: 'Neo4j', POLICYGRAPH_API_KEY: ' k ', POLICYGRAPH_CORS_ORIGINS: 'https://a.example, https://b.example' };
    const s = settingsFrom(env);
    env.POLICYGRAPH_DATA_DIR = 'elsewhere';
    expect(s.dataDir).toBe(path.resolve('somewhere'));
    expect(s.graph).toBe('neo4j');
    expect(s.keys).toEqual({ api: 'k', dify: null, read: null });
    expect(s.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(s.contextCacheSize).toBe(20_000);
    expect(s.listen).toEqual({ port: '8787', host: '127.0.0.1' });
  });

  it('fails with one line naming the variable, only when that setting is used', () => {
    const s = settingsFrom({ POLICYGRAPH_GRAPH: 'neo5j', POLICYGRAPH_CONTEXT_CACHE: 'lots' });
    expect(s.dataDir).toBe(path.resolve('data'));
    expect(() => s.graph).toThrow('unknown graph engine "neo5j" (POLICYGRAPH_GRAPH): use embedded or neo4j');
    expect(() => s.contextCacheSize).toThrow(/POLICYGRAPH_CONTEXT_CACHE must be a whole number/);
  });

  it('sizes the embedded graph\'s buffer pool in MiB, unset meaning the machine\'s default', () => {
    expect(settingsFrom({}).graphBufferPoolBytes).toBeNull();
    expect(settingsFrom({ POLICYGRAPH_GRAPH_BUFFER_MB: ' 512 ' }).graphBufferPoolBytes).toBe(512 * 1024 * 1024);
    for (const bad of ['lots', '0', '12', '1.5']) {
      expect(() => settingsFrom({ POLICYGRAPH_GRAPH_BUFFER_MB: bad }).graphBufferPoolBytes).toThrow(`POLICYGRAPH_GRAPH_BUFFER_MB must be a whole number of MiB ≥ 64 (got "${bad}")`);
    }
  });
});
