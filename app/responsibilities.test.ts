import { describe, expect, it } from 'vitest';
import type { GraphStore } from '../graph/store.js';
import { useFixtureService } from '../test/support/search-fixture.js';
import { findResponsibleAgencies } from './responsibilities.js';

const fixture = useFixtureService();

/** The fixture's store, counting how often every clause is read from it. */
function countingStore(): { store: GraphStore; fullReads: () => number } {
  let reads = 0;
  const store = new Proxy(fixture.store, {
    get(target, key, receiver) {
      if (key === 'allClauses') reads++;
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as GraphStore;
  return { store, fullReads: () => reads };
}

describe('who is responsible, from the store or from the search catalog', () => {
  // a task stated in a body clause and its task-table row; a theme; a region; words nothing states
  const requests = [
    { task: '加快第五代移动通信（5G）标准研究、技术试验和产业推进' },
    { task: '谁负责积极推动第五代移动通信（5G）试验网、试商用和商用网络建设步伐' },
    { task: '智能网联汽车' },
    { task: '5G', region: '安徽省' },
    { task: '海洋牧场' },
  ];

  it('gives the same answer both ways, and with an index loaded reads no clause from the store', async () => {
    let found = 0;
    for (const request of requests) {
      const scan = countingStore();
      const fromStore = await findResponsibleAgencies({ store: scan.store }, request);
      expect(scan.fullReads(), request.task).toBe(1);
      const indexed = countingStore();
      const fromCatalog = await findResponsibleAgencies({ store: indexed.store, search: fixture.service }, request);
      expect(indexed.fullReads(), request.task).toBe(0);
      expect(fromCatalog, request.task).toEqual(fromStore);
      if (fromStore.rows.length) found++;
    }
    // the comparison means something: most of the requests find agencies
    expect(found).toBeGreaterThanOrEqual(4);
  });

  it('finds a task stated with a few characters changed, but not one with half of them', async () => {
    const near = await findResponsibleAgencies(fixture.engines, { task: '加快第五代移动通信(5G)标准研究、技术试验与产业推进' });
    expect(near.rows.map((r) => r.agency.name)).toContain('工业和信息化部');
    const far = await findResponsibleAgencies(fixture.engines, { task: '加快第六代移动网络标准制定和产业化' });
    expect(far.rows.filter((r) => r.via === 'task')).toEqual([]);
  });
});
