// Crash safety of `policygraph delete` (search/index-delete.ts): SIGKILLed as it reports each phase
// (POLICYGRAPH_REPORT_PHASES=1, graph/phases.ts), a deletion leaves either the old state (the
// document in the graph and in the indexes the graph names) or the new one (gone from both), never
// a graph naming an index that still holds its clauses or one that lost them while the graph kept
// them; the next deletion cleans up what the killed one left. A few kills run by default; every
// phase with POLICYGRAPH_CRASH_TEST=1.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../graph/embedded/embedded-store.js';
import { listGenerations } from '../search/generations.js';
import { embedderForIndex, indexDirFor, loadIndexes } from '../search/index-lifecycle.js';
import { seededDataDir, type SeededDir } from './api-helpers.js';
import { runKilledAtPhase } from './support/kill-at-phase.js';

const DOC = '皖政〔2018〕20号';
const ALL_PHASES = ['delete-index', 'graph-write', 'graph-commit', 'checkpoint', 'cleanup'];
const PHASES = process.env.POLICYGRAPH_CRASH_TEST === '1' ? ALL_PHASES : ['delete-index', 'graph-commit', 'cleanup'];

let seeded: SeededDir;
let pristine = '';

/** Runs `policygraph delete` on `dataDir`, SIGKILLed as soon as it reports `phase`; whether the kill landed. */
function deleteKilledAt(dataDir: string, phase: string) {
  return runKilledAtPhase(['delete', DOC, '--data-dir', dataDir], phase);
}

/** What the data dir holds now: whether the graph has the document, and whether the indexes it names hold its clauses. */
async function stateOf(dataDir: string, clauseIds: string[]) {
  const store = new EmbeddedStore(path.join(dataDir, 'graph'), { readOnly: true });
  await store.open();
  try {
    const inGraph = (await store.listDocuments()).some((d) => d.docNumber === DOC);
    const dir = await indexDirFor(dataDir, store);
    const indexes = loadIndexes(dataDir, await embedderForIndex(dataDir, dir), dir);
    const inLexical = clauseIds.filter((id) => indexes.lexical.has(id)).length;
    const inVectors = clauseIds.filter((id) => indexes.vectors.has(id)).length;
    return { inGraph, inLexical, inVectors, published: await store.indexGeneration() };
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  seeded = await seededDataDir('pg-delete-crash-');
  pristine = seeded.dataDir;
}, 180_000);
afterAll(() => seeded?.cleanup());

describe('a deletion killed in any phase', () => {
  it(`leaves the old or the new state, consistent between graph and indexes (kills at ${PHASES.join(', ')})`, async () => {
    const store = new EmbeddedStore(path.join(pristine, 'graph'), { readOnly: true });
    await store.open();
    const doc = (await store.listDocuments()).find((d) => d.docNumber === DOC)!;
    const clauseIds = (await store.outline(doc.id)).map((e) => e.id);
    await store.close();
    expect(clauseIds.length).toBeGreaterThan(5);

    const outcomes: string[] = [];
    for (const phase of PHASES) {
      const dataDir = path.join(seeded.root, `trial-${phase}`);
      fs.cpSync(pristine, dataDir, { recursive: true });
      const run = await deleteKilledAt(dataDir, phase);
      expect(run.phases, `the delete reported ${phase}`).toContain(phase);
      const state = await stateOf(dataDir, clauseIds);
      const label = `killed at ${phase} (landed: ${run.killed}): ${JSON.stringify(state)}`;
      if (state.inGraph) expect({ lexical: state.inLexical, vectors: state.inVectors }, label).toEqual({ lexical: clauseIds.length, vectors: clauseIds.length });
      else expect({ lexical: state.inLexical, vectors: state.inVectors }, label).toEqual({ lexical: 0, vectors: 0 });
      outcomes.push(state.inGraph ? 'old' : 'new');

      // a finished deletion afterwards: the new state, and no folder the graph does not name (or the one it replaced)
      if (state.inGraph) {
        const again = await deleteKilledAt(dataDir, 'never');
        expect(again.killed).toBe(false);
      }
      const after = await stateOf(dataDir, clauseIds);
      expect(after).toMatchObject({ inGraph: false, inLexical: 0, inVectors: 0 });
      const folders = listGenerations(dataDir);
      expect(folders.every((n) => n <= after.published!), `folders ${folders} with gen-${after.published} published`).toBe(true);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    // both outcomes happened: a kill before the commit and one after it (the test is not vacuous)
    expect(outcomes, outcomes.join(', ')).toContain('old');
    expect(outcomes, outcomes.join(', ')).toContain('new');
  }, 10 * 60_000);
});
