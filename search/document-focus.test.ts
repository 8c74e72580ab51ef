import { describe, expect, it } from 'vitest';
import type { ClauseCatalog } from './clause-catalog.js';
import { focusPieces, focusWithin } from './document-focus.js';
import type { NamedDocument } from './document-names.js';
import type { Candidate, RetrieveOptions } from './hybrid-retriever.js';
import { retrieveNamed } from './named-documents.js';

describe('ranking inside a named document', () => {
  it('weighs the question words by their rarity in the document, leaving question glue out', () => {
    expect(focusPieces('关于劳动者辞职')).toEqual(['劳动', '动者', '者辞', '辞职']);
    const texts = ['劳动者依法享有权利', '劳动者辞职应当提前通知', '劳动者的工资', '用人单位的义务'];
    const focus = focusWithin(texts, ['劳动', '辞职']);
    // 劳动 is in three of four clauses, 辞职 in one: the clause saying 辞职 holds most of the weight
    expect(focus[1]).toBe(1);
    expect(focus[0]).toBeGreaterThan(0);
    expect(focus[0]).toBeLessThan(0.4);
    expect(focus[3]).toBe(0);
  });

  it('put the clause holding what the question asks first, also when retrieval missed it', async () => {
    const texts: Record<string, string> = {
      a1: '第一条 劳动者劳动者劳动者的权利。',
      a2: '第二条 劳动者的劳动报酬。',
      a3: '第三条 劳动者的休息。',
      a4: '第四条 劳动者辞职的，应当提前三十日通知。',
      b1: '第一条 辞职的公务员。',
    };
    const catalog = {
      documentOf: (id: string) => ({ id: id[0] === 'a' ? 'A' : 'B' }),
      clausesOf: (docId: string) => Object.keys(texts).filter((id) => (id[0] === 'a' ? 'A' : 'B') === docId),
      text: (id: string) => texts[id],
    } as unknown as ClauseCatalog;
    // a stand-in for BM25 with the corpus' weights: 劳动者 counts per occurrence, 辞职 not at all
    const retrieve = async (_query: string, options: RetrieveOptions): Promise<Candidate[]> =>
      Object.keys(texts)
        .filter((id) => !options.filter || options.filter(id))
        .map((id) => ({ id, score: texts[id].split('劳动者').length / 10, why: {} as Candidate['why'] }))
        .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1))
        .slice(0, Math.min(options.pool, 3));
    const named = [{ document: { id: 'A' }, surface: '劳动法', explicit: true }] as unknown as NamedDocument[];
    const options = { mode: 'hybrid', pool: 10, understood: { expansionGroups: [] } } as unknown as RetrieveOptions;
    const ranked = await retrieveNamed(retrieve, catalog, '劳动法对劳动者辞职', options, named);
    expect(ranked[0]?.id).toBe('a4');
    expect(ranked.slice(1, 3).map((c) => c.id)).toEqual(['a1', 'a2']);
  });
});
