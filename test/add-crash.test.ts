// Crash safety of adding a document as a delta generation (search/index-add.ts): SIGKILLed as it
// reports each phase (POLICYGRAPH_REPORT_PHASES=1, graph/phases.ts), `policygraph ingest <new file>`
// leaves either the old state (the document in neither the graph nor the indexes the graph names)
// or the new one (in both, every clause), never one without the other; the next ingest cleans up
// what the killed one left. A few kills run by default; every phase with POLICYGRAPH_CRASH_TEST=1.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../graph/embedded/embedded-store.js';
import { listGenerations } from '../search/generations.js';
import { embedderForIndex, indexDirFor, loadIndexes } from '../search/index-lifecycle.js';
import { seededDataDir, type SeededDir } from './api-helpers.js';
import { runKilledAtPhase } from './support/kill-at-phase.js';

const TITLE = '关于开展农村河道清淤整治试点工作的通知';
const ALL_PHASES = ['index-build', 'index-save', 'similar', 'graph-write', 'graph-commit', 'checkpoint', 'cleanup'];
const PHASES = process.env.POLICYGRAPH_CRASH_TEST === '1' ? ALL_PHASES : ['index-save', 'graph-commit', 'cleanup'];

let seeded: SeededDir;
let file = '';

/** Runs `policygraph ingest <file>` on `dataDir`, SIGKILLed as soon as it reports `phase`. */
function ingestKilledAt(dataDir: string, phase: string) {
  return runKilledAtPhase(['ingest', file, '--data-dir', dataDir], phase, { POLICYGRAPH_EMBEDDER: 'builtin' });
}

/** Whether the graph has the added document, how many clauses it has there, and how many of them the indexes it names hold. */
async function stateOf(dataDir: string) {
  const store = new EmbeddedStore(path.join(dataDir, 'graph'), { readOnly: true });
  await store.open();
  try {
    const doc = (await store.listDocuments()).find((d) => d.title === TITLE);
    const clauseIds = doc ? (await store.outline(doc.id)).map((e) => e.id) : [];
    const dir = await indexDirFor(dataDir, store);
    const indexes = loadIndexes(dataDir, await embedderForIndex(dataDir, dir), dir);
    const indexed = (id: string) => indexes.lexical.has(id) && indexes.vectors.has(id);
    return {
      inGraph: clauseIds.length,
      inIndexes: clauseIds.filter(indexed).length,
      indexSize: indexes.lexical.size,
      vectorSize: indexes.vectors.size,
      graphClauses: (await store.allClauses()).length,
      delta: indexes.manifest.delta?.clauses ?? 0,
      published: await store.indexGeneration(),
    };
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  seeded = await seededDataDir('pg-add-crash-');
  file = path.join(seeded.root, 'notice.txt');
  fs.writeFileSync(
    file,
    `${TITLE}\n\n一、各县区要对农村河道开展清淤整治试点，清除河道内的垃圾和违法建筑。\n\n二、试点资金由省级财政统筹安排，市县按比例配套，专款专用。\n\n三、水利部门负责技术指导，生态环境部门负责水质监测，年底前完成验收。\n`,
  );
}, 180_000);
afterAll(() => seeded?.cleanup());

describe('an add of a new document killed in any phase', () => {
  it(`leaves the old or the new state, consistent between graph and indexes (kills at ${PHASES.join(', ')})`, async () => {
    const before = await stateOf(seeded.dataDir);
    expect(before.inGraph).toBe(0);
    const outcomes: string[] = [];
    for (const phase of PHASES) {
      const dataDir = path.join(seeded.root, `trial-${phase}`);
      fs.cpSync(seeded.dataDir, dataDir, { recursive: true });
      const run = await ingestKilledAt(dataDir, phase);
      expect(run.phases, `the ingest reported ${phase}`).toContain(phase);
      expect(run.phases, 'the add took the delta path').not.toContain('index-hnsw');
      const state = await stateOf(dataDir);
      const label = `killed at ${phase} (landed: ${run.killed}): ${JSON.stringify(state)}`;
      // every clause of the graph is in the indexes it names, and nothing else
      expect({ indexed: state.inIndexes, lexical: state.indexSize, vectors: state.vectorSize }, label).toEqual({ indexed: state.inGraph, lexical: state.graphClauses, vectors: state.graphClauses });
      outcomes.push(state.inGraph ? 'new' : 'old');

      // a finished ingest afterwards: the new state, and no folder the graph does not name (or the one it replaced)
      if (!state.inGraph) expect((await ingestKilledAt(dataDir, 'never')).killed).toBe(false);
      const after = await stateOf(dataDir);
      expect(after.inGraph).toBeGreaterThan(0);
      expect(after.inIndexes).toBe(after.inGraph);
      expect(after.delta).toBe(after.inGraph);
      const folders = listGenerations(dataDir);
      expect(folders.every((n) => n <= after.published!), `folders ${folders} with gen-${after.published} published`).toBe(true);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    // both outcomes happened: a kill before the commit and one after it (the test is not vacuous)
    expect(outcomes, outcomes.join(', ')).toContain('old');
    expect(outcomes, outcomes.join(', ')).toContain('new');
  }, 10 * 60_000);
});
