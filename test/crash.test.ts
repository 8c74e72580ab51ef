// The crash test (bench/crash-test.ts) on a small corpus: SIGKILL an ingest in every phase, then the store
// opens, holds exactly the old or the new state, search agrees with the graph and a re-ingest succeeds.
// Minutes long, so only with POLICYGRAPH_CRASH_TEST=1 (POLICYGRAPH_CRASH_TRIALS sets the trial count).
import { describe, expect, it } from 'vitest';
import { PHASES, runCrashTest } from '../bench/crash-test.js';

const enabled = process.env.POLICYGRAPH_CRASH_TEST === '1';
const trials = Number(process.env.POLICYGRAPH_CRASH_TRIALS ?? 12);

describe.skipIf(!enabled)('crash safety (POLICYGRAPH_CRASH_TEST=1)', () => {
  it(`${trials} SIGKILLs across every phase leave the old or the new state, openable, with no stale folder`, async () => {
    const lines: string[] = [];
    const tally = await runCrashTest({ trials, laws: 8, seed: 7, log: (line) => lines.push(line) });
    const failures = tally.results.filter((r) => r.problem || r.state === 'other' || r.state === 'unopenable' || !r.searchAgrees || r.staleFolders.length);
    expect(failures, lines.join('\n')).toEqual([]);
    expect(tally.consistent).toBe(tally.trials);
    expect(tally.unopenable).toBe(0);
    expect(tally.staleFolders).toBe(0);
    // every phase was interrupted at least once (a phase too short to hit would make the test vacuous)
    for (const phase of PHASES) expect(tally.byPhase[phase] ?? 0, `no kill landed in ${phase}:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(1);
  }, 40 * 60_000);
});

if (!enabled) {
  describe('crash safety', () => {
    it.skip('skipped: set POLICYGRAPH_CRASH_TEST=1 to SIGKILL ingests (minutes long)', () => undefined);
  });
}
