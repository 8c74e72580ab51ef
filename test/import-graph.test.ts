// The dependency rules of DESIGN.md ("Layers and dependency rules"), checked on the real import
// graph: no cycles; each layer imports only its own and lower layers; the request handlers of the
// faces reach the engines through the use cases (app/); product code never imports test code.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, importEdges, type ImportEdge } from './support/import-graph.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const edges = importEdges(ROOT);

/** Bottom to top; a module may import from its own layer and those before it. */
const LAYERS = ['graph', 'dictionaries', 'search', 'ingest', 'app', 'api'] as const;

/** Test code: tests, their support, benchmarks, fixtures named as such and the vitest config. */
export function isTestCode(file: string): boolean {
  return file.endsWith('.test.ts') || file.startsWith('test/') || file.startsWith('bench/') || /(^|\/)test-fixtures\.ts$/.test(file) || file === 'vitest.config.ts';
}

const layerOf = (file: string) => LAYERS.find((l) => file.startsWith(`${l}/`)) ?? null;

/** The faces' request handlers: they parse, call a use case and present. */
const HANDLERS = /^api\/(routes\/|mcp\/|dify\.ts$)/;
/** What a handler may take from the engines directly: their types, and the score's documented meaning (text for OpenAPI). */
const HANDLER_MAY_IMPORT = new Set(['search/types.ts', 'search/service.ts', 'search/absolute-score.ts']);

/** The CLI face: its entry, its flag resolution and its commands (they parse, call a use case or the app's opener, present). */
const CLI_FACE = /^api\/(cli\.ts$|config\.ts$|commands\/)/;
/** The layers under app/: a face reaches them only through app/ (its re-exports name the types and errors a face must name). */
const BELOW_APP = /^(graph|dictionaries|search|ingest)\//;

const show = (list: ImportEdge[]) => list.map((e) => `${e.from} → ${e.to}`);

describe('import graph', () => {
  it('reads the whole tree', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.some((e) => e.from === 'api/routes/search.ts' && e.to === 'app/search.ts')).toBe(true);
  });

  it('has no cycle', () => {
    expect(findCycles(edges).map((c) => c.join(' → '))).toEqual([]);
  });

  it('points down: each layer imports only its own and lower layers', () => {
    const upward = edges.filter((e) => {
      if (isTestCode(e.from) || !e.to.endsWith('.ts')) return false;
      const from = layerOf(e.from);
      const to = layerOf(e.to);
      return from !== null && to !== null && LAYERS.indexOf(to) > LAYERS.indexOf(from);
    });
    expect(show(upward)).toEqual([]);
  });

  it('lets HTTP routes, MCP tools and Dify reach search and ingest only through app/', () => {
    const bypass = edges.filter((e) => HANDLERS.test(e.from) && !isTestCode(e.from) && /^(search|ingest)\//.test(e.to) && !HANDLER_MAY_IMPORT.has(e.to));
    expect(show(bypass)).toEqual([]);
  });

  it('lets the CLI (api/cli.ts, api/config.ts, api/commands/) import nothing under app/: no graph, dictionaries, search or ingest module', () => {
    const bypass = edges.filter((e) => CLI_FACE.test(e.from) && !isTestCode(e.from) && BELOW_APP.test(e.to));
    expect(show(bypass)).toEqual([]);
  });

  it('gives the index lifecycle one door: outside search/, product code takes index-store and generations through search/index-lifecycle.ts', () => {
    const internals = new Set(['search/index-store.ts', 'search/generations.ts', 'search/index-add.ts', 'search/index-delta.ts', 'search/index-delete.ts']);
    const bypass = edges.filter((e) => !isTestCode(e.from) && !e.from.startsWith('search/') && internals.has(e.to));
    expect(show(bypass)).toEqual([]);
  });

  it('keeps test code out of product code: no vitest, test/ or bench/ import outside tests', () => {
    const leaks = edges.filter((e) => !isTestCode(e.from) && (e.to === 'vitest' || e.to.startsWith('test/') || e.to.startsWith('bench/')));
    expect(show(leaks)).toEqual([]);
  });

  it('would see a cycle and an upward import', () => {
    // the checks themselves, on a made-up graph: a rule that cannot fail proves nothing
    expect(findCycles([{ from: 'a.ts', to: 'b.ts' }, { from: 'b.ts', to: 'c.ts' }, { from: 'c.ts', to: 'a.ts' }])).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(layerOf('graph/store.ts')).toBe('graph');
    expect(LAYERS.indexOf('app') > LAYERS.indexOf('search')).toBe(true);
    expect(isTestCode('ingest/extract/test-fixtures.ts')).toBe(true);
    expect(isTestCode('graph/store.ts')).toBe(false);
    expect(CLI_FACE.test('api/commands/search.ts') && BELOW_APP.test('search/open-search.ts')).toBe(true);
    expect(CLI_FACE.test('api/routes/search.ts') || BELOW_APP.test('app/search.ts')).toBe(false);
  });
});
