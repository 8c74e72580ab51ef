// Issue 14, "RSS flat": a server's runtime closes the graph and search service a switch replaced as
// soon as the requests begun before the switch are done (they alone can hold the old pair), not
// after a fixed delay, so at most the pairs in use stay open; and never while such a request runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../api/middleware/logging.js';
import { openRuntime, type Runtime } from '../api/runtime.js';
import { seededDataDir, type SeededDir } from './api-helpers.js';

let dir: SeededDir;
let runtime: Runtime;
const retired: { afterMs: number; closeMs: number }[] = [];

beforeAll(async () => {
  dir = await seededDataDir('pg-runtime-retire-');
  // the fallback delay is far beyond the test: every close seen here comes from the requests draining
  runtime = await openRuntime({ dataDir: dir.dataDir, engine: 'embedded', readOnly: true, logger: silentLogger(), retireMs: 600_000, onRetired: (t) => retired.push(t) });
}, 120_000);

afterAll(async () => {
  await runtime?.close();
  dir?.cleanup();
});

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('replaced pairs retire when the requests that may hold them are done', () => {
  it('a request begun before the switch keeps the old pair open until it is done; one begun after does not', async () => {
    const requests = runtime.trackRequests();
    const early = requests.enter();
    const oldStore = runtime.store;
    const oldSearch = runtime.search!;
    await runtime.reopen();
    expect(runtime.store).not.toBe(oldStore);
    const late = requests.enter();
    // the early request still reads the old graph and searches the old indexes
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(retired).toHaveLength(0);
    expect((await oldStore.listDocuments()).length).toBeGreaterThan(0);
    expect((await oldSearch.search({ query: '信息消费', k: 3 })).results.length).toBeGreaterThan(0);
    early();
    await until(() => retired.length === 1);
    await expect(oldStore.listDocuments()).rejects.toThrow(/not open/);
    // the late request uses the new pair, which stays open
    expect((await runtime.store.listDocuments()).length).toBeGreaterThan(0);
    late();
    const current = runtime.store;
    await runtime.reopen();
    // nothing in flight: the pair just replaced closes at once
    await until(() => retired.length === 2);
    await expect(current.listDocuments()).rejects.toThrow(/not open/);
    expect((await runtime.search!.search({ query: '信息消费', k: 3 })).results.length).toBeGreaterThan(0);
  }, 120_000);
});
