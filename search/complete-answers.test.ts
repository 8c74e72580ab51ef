// Complete answers for list questions: which queries ask for a list, how documents take turns and
// how near-identical clauses of different documents fold into one result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../graph/model.js';
import { openStore } from '../graph/open-store.js';
import type { GraphStore } from '../graph/store.js';
import { sharedSeededDataDir } from '../test/api-helpers.js';
import { createSearchService } from './search-service.js';
import type { SearchService } from './service.js';
import { CatalogBuilder } from './catalog-columns.js';
import { ClauseCatalog } from './clause-catalog.js';
import { collapseNearDuplicates, diversify, isEnumerating } from './complete-answers.js';
import type { Candidate } from './hybrid-retriever.js';

const doc = (id: string, level: PolicyDocument['level']): PolicyDocument => ({
  id, title: `文件${id}`, docNumber: null, issuers: [], region: null, level, year: 2020, date: null, draft: false, kind: 'policy', inCorpus: true, aliases: [], sources: [],
});

const SHARED = '加强个人信息保护，全面规范个人信息采集、存储、使用等行为，防范个人信息泄露和滥用';
function catalogOf(clauses: { id: string; docId: string; text: string }[]): ClauseCatalog {
  const builder = new CatalogBuilder();
  for (const d of ['A', 'B', 'C']) builder.addDocument(doc(d, d === 'C' ? 'provincial' : 'national'));
  for (const c of clauses) builder.addClause({ ...c, path: c.id }, { themes: [], agencies: [], assigns: false, sets: false });
  return new ClauseCatalog(builder.columns());
}
const candidate = (id: string): Candidate => ({ id, score: 0.5, why: { dense: null, lexical: null, graph: [] } });

describe('list questions', () => {
  it('recognises questions that ask for a list, in Chinese and English, and not others', () => {
    expect(isEnumerating('各级文件在个人信息保护方面提出了哪些措施？')).toBe(true);
    expect(isEnumerating('What measures support broadband in rural areas?')).toBe(true);
    expect(isEnumerating('到2020年信息消费规模目标是多少')).toBe(false);
    expect(isEnumerating('劳动合同法第十九条')).toBe(false);
  });

  it('folds a near-identical clause of another document into the first, and keeps same-document and different texts apart', () => {
    const catalog = catalogOf([
      { id: 'a1', docId: 'A', text: SHARED + '。' },
      { id: 'a2', docId: 'A', text: SHARED + '；' },
      { id: 'b1', docId: 'B', text: SHARED },
      { id: 'c1', docId: 'C', text: '推进光纤宽带网络建设，提升农村地区信息接入能力和水平' },
    ]);
    const out = collapseNearDuplicates(['a1', 'a2', 'b1', 'c1'].map(candidate), catalog, 10);
    expect(out.map((c) => [c.id, c.alsoIn])).toEqual([['a1', ['b1']], ['a2', []], ['c1', []]]);
  });

  it('lets documents take turns without reordering a single document', () => {
    const catalog = catalogOf([
      { id: 'a1', docId: 'A', text: '甲一' }, { id: 'a2', docId: 'A', text: '甲二' }, { id: 'a3', docId: 'A', text: '甲三' },
      { id: 'a4', docId: 'A', text: '甲四' }, { id: 'c1', docId: 'C', text: '丙一' },
    ]);
    const order = diversify(['a1', 'a2', 'a3', 'a4', 'c1'].map(candidate), catalog, 5).map((c) => c.id);
    expect(order.indexOf('c1')).toBeLessThan(4);
    expect(order.filter((id) => id.startsWith('a'))).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('puts a clause that holds the question above one fusion ranked higher that only resembles it', () => {
    const catalog = catalogOf([
      { id: 'a1', docId: 'A', text: '加大政策支持力度' }, { id: 'b1', docId: 'B', text: '拓宽企业融资渠道' }, { id: 'c1', docId: 'C', text: '丙一' },
    ]);
    const scored = (id: string, score: number): Candidate => ({ ...candidate(id), score });
    const order = diversify([scored('a1', 0.25), scored('c1', 0.2), scored('b1', 0.6)], catalog, 3).map((c) => c.id);
    expect(order).toEqual(['b1', 'a1', 'c1']);
    // equal scores: fusion's order stands
    expect(diversify([scored('a1', 0.5), scored('c1', 0.5), scored('b1', 0.5)], catalog, 3).map((c) => c.id)).toEqual(['a1', 'c1', 'b1']);
  });
});

describe('list questions on the seeds', () => {
  let store: GraphStore;
  let service: SearchService;
  beforeAll(async () => {
    const dataDir = await sharedSeededDataDir();
    store = await openStore({ dataDir, engine: 'embedded', readOnly: true });
    service = await createSearchService({ dataDir, store });
  }, 180_000);
  afterAll(async () => {
    await service?.close();
    await store?.close();
  });

  it("answers with one result listing the province that restates the State Council's clause", async () => {
    const listed = await service.search({ query: '哪些文件提出升级智能化、高端化、融合化信息产品', k: 5 });
    const first = listed.results[0]!;
    expect(first.citation).toBe('国发〔2017〕40号 · 一、/（四）/¶4');
    expect(first.alsoIn.map((a) => a.citation)).toEqual(['皖政〔2018〕20号 · 一、/（三）/¶4']);
    expect(first.alsoIn[0]!.document).toMatchObject({ level: 'provincial', region: '安徽省' });
    expect(listed.results.map((r) => r.clause.id)).not.toContain(first.alsoIn[0]!.clauseId);
    // not a list question: both clauses are results of their own
    const plain = await service.search({ query: '升级智能化、高端化、融合化信息产品', k: 5 });
    expect(plain.results.every((r) => r.alsoIn.length === 0)).toBe(true);
    expect(plain.results.map((r) => r.citation)).toContain('皖政〔2018〕20号 · 一、/（三）/¶4');
  });
});
