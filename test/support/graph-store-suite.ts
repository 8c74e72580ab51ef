// The GraphStore contract, written once and run on every adapter (embedded always, Neo4j when
// NEO4J_URI is set). Expected values are derived from the fixture batch, not typed in, so the
// suite stays true when the fixture grows.
import { describe, expect, it } from 'vitest';
import { EDGE_TYPES, type Clause, type Edge, type ExportRecord, type GraphBatch } from '../../graph/model.js';
import { isPolicyGraphError } from '../../graph/errors.js';
import { SCHEMA_VERSION } from '../../graph/schema.js';
import type { GraphStore } from '../../graph/store.js';
import {
  A_ANHUI,
  A_ANHUI_ECON,
  A_ANHUI_TELECOM,
  A_MIIT,
  A_NDRC,
  DOC_CITED,
  DOC_COMMENTARY,
  DOC_GUOFA,
  DOC_WANZHENG,
  T_5G,
  T_AI,
  T_INFRA,
  fixtureBatch,
} from './graph-store-fixture.js';
import { clauseId } from '../../graph/ids.js';

export interface StoreUnderTest {
  store: GraphStore;
  /** Closes the store and opens the same one again. */
  reopen(): Promise<GraphStore>;
  /** Closes the store and records `version` as its schema version, as a newer PolicyGraph would. */
  recordSchemaVersion(version: number): Promise<void>;
  /** Closes and removes everything the store holds. */
  dispose(): Promise<void>;
}

async function exportOf(store: GraphStore): Promise<ExportRecord[]> {
  const out: ExportRecord[] = [];
  for await (const r of store.exportAll()) out.push(r);
  return out;
}

function edgeRecord(e: Edge): ExportRecord {
  return { kind: 'edge', type: e.type, from: e.from, to: e.to, properties: e.properties };
}

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (!isPolicyGraphError(err)) throw err;
    return { code: err.code, message: err.message };
  }
  throw new Error('expected the call to fail');
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);
const clauseOf = (batch: GraphBatch, docId: string, path: string) => batch.clauses.find((c) => c.id === clauseId(docId, path))!;

/** Version 2 of 国发〔2017〕40号: one clause, its edges, one target and a theme gone; one clause reworded. */
function revisedBatch(): { batch: GraphBatch; removed: Clause } {
  const batch = fixtureBatch();
  const removed = clauseOf(batch, DOC_GUOFA, '三、/（十一）');
  const goal = clauseOf(batch, DOC_GUOFA, '一、/（三）');
  goal.text = '到2020年，信息消费规模预计达到6万亿元，年均增长11%以上。';
  const dropTarget = batch.targets.find((t) => t.metric === '拉动相关领域产出')!.id;
  batch.clauses = batch.clauses.filter((c) => c.id !== removed.id);
  batch.targets = batch.targets.filter((t) => t.id !== dropTarget);
  batch.themes = batch.themes.filter((t) => t.id !== T_INFRA);
  batch.edges = batch.edges.filter((e) => e.from !== removed.id && e.to !== removed.id && e.to !== dropTarget);
  return { batch, removed };
}

export function storeContract(engine: string, fresh: () => Promise<StoreUnderTest>): void {
  const withStore = (name: string, fn: (s: StoreUnderTest) => Promise<void>) =>
    it(name, async () => {
      const subject = await fresh();
      try {
        await fn(subject);
      } finally {
        await subject.dispose();
      }
    });

  describe(`GraphStore contract: ${engine}`, () => {
    withStore('an empty store answers every read with nothing', async ({ store }) => {
      expect(await store.listDocuments()).toEqual([]);
      expect(await store.getDocument(DOC_GUOFA)).toBeNull();
      expect(await store.getClauses([])).toEqual([]);
      expect(await store.expand([clauseId(DOC_GUOFA, '一、')])).toEqual([]);
      expect(await store.allClauses()).toEqual([]);
      expect(await exportOf(store)).toEqual([]);
    });

    withStore('round-trips every node label and edge type as the exact domain objects', async ({ store }) => {
      const batch = fixtureBatch();
      await store.write(batch);
      for (const doc of batch.documents) expect(await store.getDocument(doc.id)).toEqual(doc);

      const reversed = [...batch.clauses].reverse();
      expect(await store.getClauses([...ids(reversed), 'cl_missing'])).toEqual(reversed);
      const byDocOrdinal = [...batch.clauses].sort((a, b) => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.ordinal - b.ordinal));
      expect(await store.allClauses()).toEqual(byDocOrdinal);

      const exported = await exportOf(store);
      const nodes = exported.filter((r) => r.kind === 'node');
      for (const [label, list] of [
        ['Document', batch.documents],
        ['Clause', batch.clauses],
        ['Theme', batch.themes],
        ['Agency', batch.agencies],
        ['Target', batch.targets],
      ] as const) {
        for (const { id, ...properties } of list) expect(nodes).toContainEqual({ kind: 'node', label, id, properties });
      }
      for (const region of batch.regions) expect(nodes).toContainEqual({ kind: 'node', label: 'Region', id: region.name, properties: region });
      expect(nodes).toHaveLength(
        batch.documents.length + batch.clauses.length + batch.themes.length + batch.agencies.length + batch.regions.length + batch.targets.length,
      );

      const edges = exported.filter((r) => r.kind === 'edge');
      for (const e of batch.edges) expect(edges).toContainEqual(edgeRecord(e));
      expect(new Set(edges.map((e) => e.kind === 'edge' && e.type))).toEqual(new Set(EDGE_TYPES));
    });

    withStore('derives the clause tree: HAS_CLAUSE, HAS_CHILD from parentId, NEXT in reading order', async ({ store }) => {
      const batch = fixtureBatch();
      await store.write(batch);
      const edges = (await exportOf(store)).filter((r) => r.kind === 'edge');
      for (const c of batch.clauses) {
        expect(edges).toContainEqual({ kind: 'edge', type: 'HAS_CLAUSE', from: c.docId, to: c.id, properties: {} });
        if (c.parentId) expect(edges).toContainEqual({ kind: 'edge', type: 'HAS_CHILD', from: c.parentId, to: c.id, properties: {} });
      }
      const guofa = batch.clauses.filter((c) => c.docId === DOC_GUOFA).sort((a, b) => a.ordinal - b.ordinal);
      const next = edges.filter((e) => e.kind === 'edge' && e.type === 'NEXT' && guofa.some((c) => c.id === e.from));
      const pairs = (list: string[][]) => list.map((p) => p.join(' -> ')).sort();
      expect(pairs(next.map((e) => (e.kind === 'edge' ? [e.from, e.to] : [])))).toEqual(pairs(guofa.slice(1).map((c, i) => [guofa[i].id, c.id])));
      expect((await store.outline(DOC_GUOFA)).map((o) => o.path)).toEqual(guofa.map((c) => c.path));
    });

    withStore('export is in a stable order with the documented record shape', async ({ store }) => {
      await store.write(fixtureBatch());
      const first = await exportOf(store);
      const clause = first.find((r) => r.kind === 'node' && r.label === 'Clause');
      expect(Object.keys(clause!.kind === 'node' ? clause!.properties : {})).toEqual(
        expect.arrayContaining(['docId', 'path', 'number', 'heading', 'text', 'sources']),
      );
      const region = first.find((r) => r.kind === 'node' && r.label === 'Region');
      expect(region).toMatchObject({ id: '全国', properties: { name: '全国' } });
      const nodeIds = first.filter((r) => r.kind === 'node' && r.label === 'Clause').map((r) => r.kind === 'node' && r.id);
      expect(nodeIds).toEqual([...nodeIds].sort());
      expect(await exportOf(store)).toEqual(first);
    });

    withStore('lists documents with clause counts, and outlines in reading order', async ({ store }) => {
      const batch = fixtureBatch();
      await store.write(batch);
      const docs = await store.listDocuments();
      expect(ids(docs).sort()).toEqual(ids(batch.documents).sort());
      for (const doc of batch.documents) {
        const summary = docs.find((d) => d.id === doc.id)!;
        expect(summary).toEqual({ ...doc, clauseCount: batch.clauses.filter((c) => c.docId === doc.id).length });
      }
      expect(await store.outline('doc_missing')).toEqual([]);
    });

    withStore('lists themes, agencies and targets with their counts', async ({ store }) => {
      const batch = fixtureBatch();
      await store.write(batch);
      const clauseDoc = new Map(batch.clauses.map((c) => [c.id, c.docId]));
      for (const theme of await store.listThemes()) {
        const mentions = batch.edges.filter((e) => e.type === 'MENTIONS' && e.to === theme.id);
        expect(theme.clauseCount).toBe(new Set(mentions.map((e) => e.from)).size);
        expect(theme.documentCount).toBe(new Set(mentions.map((e) => clauseDoc.get(e.from))).size);
        expect(theme).toMatchObject(batch.themes.find((t) => t.id === theme.id)!);
      }
      const agencies = await store.listAgencies();
      expect(agencies).toHaveLength(batch.agencies.length);
      for (const a of agencies) {
        const count = (type: string, role?: string) => batch.edges.filter((e) => e.type === type && e.to === a.id && (!role || e.properties.role === role)).length;
        expect([a.leadCount, a.supportCount, a.issuedCount]).toEqual([count('ASSIGNS', 'lead'), count('ASSIGNS', 'support'), count('ISSUED_BY')]);
      }
      const targets = await store.listTargets();
      expect(ids(targets).sort()).toEqual(ids(batch.targets).sort());
      const guofa = batch.documents.find((d) => d.id === DOC_GUOFA)!;
      expect(targets[0]).toMatchObject({ docId: DOC_GUOFA, docNumber: guofa.docNumber, region: guofa.region, level: guofa.level, title: guofa.title });
      const consumption = await store.listTargets('信息消费');
      expect(consumption.map((t) => t.metric).sort()).toEqual(batch.targets.filter((t) => t.metric.includes('信息消费')).map((t) => t.metric).sort());
      expect(await store.listTargets('不存在的指标')).toEqual([]);
    });

    withStore('expands clause ids into their graph context, in the order asked', async ({ store }) => {
      const batch = fixtureBatch();
      await store.write(batch);
      const table = clauseId(DOC_GUOFA, '附件/12');
      const anhuiRow = clauseId(DOC_WANZHENG, '附件/7');
      const goal = clauseId(DOC_GUOFA, '一、/（三）');
      const [a, b, c] = await store.expand([anhuiRow, 'cl_missing', table, goal]);
      expect([a.clause.id, b.clause.id, c.clause.id]).toEqual([anhuiRow, table, goal]);

      expect(b.document).toEqual(batch.documents.find((d) => d.id === DOC_GUOFA));
      expect(b.themes.map((t) => t.id)).toEqual([T_5G]);
      expect(b.agencies.map((x) => [x.agency.id, x.role, x.openEnded])).toEqual([
        [A_MIIT, 'lead', false],
        [A_NDRC, 'support', true],
      ]);
      expect(b.cites.map((d) => [d.id, d.inCorpus])).toEqual([[DOC_CITED, false]]);
      expect(b.similar).toEqual([{ id: anhuiRow, docId: DOC_WANZHENG, score: 0.8734 }]);

      expect(a.similar).toEqual([{ id: table, docId: DOC_GUOFA, score: 0.8734 }]); // SIMILAR_TO read both ways
      expect(a.implements).toEqual([
        { id: DOC_GUOFA, title: batch.documents[0].title, docNumber: '国发〔2017〕40号', inCorpus: true, evidence: batch.edges.find((e) => e.type === 'IMPLEMENTS')!.properties.evidence },
      ]);
      expect(a.agencies.find((x) => x.role === 'lead')).toMatchObject({ agency: { id: A_ANHUI_TELECOM }, deadline: '2020年底前' });

      expect(c.parent).toEqual({ id: clauseId(DOC_GUOFA, '一、'), path: '一、', heading: '总体要求' });
      expect(c.targets.map((t) => t.id).sort()).toEqual(batch.targets.map((t) => t.id).sort());
      expect(c.themes).toEqual([]);
    });

    withStore('expand keeps only the clauses that pass every filter', async ({ store }) => {
      const batch = fixtureBatch();
      await store.write(batch);
      const all = ids(batch.clauses);
      const kept = async (filters: Parameters<GraphStore['expand']>[1]) => (await store.expand(all, filters)).map((x) => x.clause.id).sort();
      const ofDocs = (...docIds: string[]) => batch.clauses.filter((c) => docIds.includes(c.docId)).map((c) => c.id).sort();
      const mentioning = (theme: string) => batch.edges.filter((e) => e.type === 'MENTIONS' && e.to === theme).map((e) => e.from).sort();

      expect(await kept({})).toEqual([...all].sort());
      expect(await kept({ theme: ['5G'] })).toEqual(mentioning(T_5G));
      expect(await kept({ theme: [T_AI] })).toEqual(mentioning(T_AI));
      expect(await kept({ agency: ['工业和信息化部'] })).toEqual([clauseId(DOC_GUOFA, '附件/12')]);
      expect(await kept({ agency: [A_ANHUI] })).toEqual(ofDocs(DOC_WANZHENG)); // by ISSUED_BY
      expect(await kept({ region: ['安徽省'] })).toEqual(ofDocs(DOC_WANZHENG));
      expect(await kept({ level: ['national'] })).toEqual(ofDocs(DOC_GUOFA));
      expect(await kept({ kind: ['commentary'] })).toEqual(ofDocs(DOC_COMMENTARY));
      expect(await kept({ doc: [DOC_COMMENTARY, DOC_WANZHENG] })).toEqual(ofDocs(DOC_COMMENTARY, DOC_WANZHENG));
      expect(await kept({ yearFrom: 2018 })).toEqual(ofDocs(DOC_WANZHENG));
      expect(await kept({ yearTo: 2017 })).toEqual(ofDocs(DOC_GUOFA));
      expect(await kept({ yearFrom: 2017, yearTo: 2018 })).toEqual(ofDocs(DOC_GUOFA, DOC_WANZHENG));
      expect(await kept({ theme: ['5G'], level: ['provincial'] })).toEqual([clauseId(DOC_WANZHENG, '附件/7')]);
      expect(await kept({ theme: ['5G'], kind: ['commentary'] })).toEqual([]);

      // A region reached only through APPLIES_TO counts too.
      await store.write({ ...emptyLists(), edges: [{ type: 'APPLIES_TO', from: DOC_COMMENTARY, to: '安徽省', properties: {} }] });
      expect(await kept({ region: ['安徽省'] })).toEqual(ofDocs(DOC_COMMENTARY, DOC_WANZHENG));

      const bad = await rejection(store.expand(all, { yearFrom: '2018' as unknown as number }));
      expect(bad.code).toBe('BAD_REQUEST');
      expect(bad.message).toContain('yearFrom');
    });

    withStore('finds the clauses repeating given clauses in one lookup', async ({ store }) => {
      const batch = fixtureBatch();
      await store.write(batch);
      const repeats = batch.edges.filter((e) => e.type === 'REPEATS').map((e) => ({ from: e.from, to: e.to }));
      expect(repeats.length).toBeGreaterThan(0);
      const targets = [...new Set(repeats.map((e) => e.to))];
      const bodyIds = batch.clauses.map((c) => c.id).filter((id) => !targets.includes(id)).slice(0, 3);
      expect((await store.repeatingClauses([...targets, ...bodyIds])).sort((a, b) => a.from.localeCompare(b.from))).toEqual(
        repeats.sort((a, b) => a.from.localeCompare(b.from)),
      );
      expect(await store.repeatingClauses(bodyIds)).toEqual([]);
      expect(await store.repeatingClauses([])).toEqual([]);
    });

    withStore('walks the neighbourhood of a node to depth 1 and 2', async ({ store }) => {
      const batch = fixtureBatch();
      await store.write(batch);
      const one = await store.neighbourhood(T_5G, 1);
      const mentions = batch.edges.filter((e) => e.type === 'MENTIONS' && e.to === T_5G);
      expect(one.edges.map((e) => [e.type, e.from, e.to]).sort()).toEqual(mentions.map((e) => ['MENTIONS', e.from, e.to]).sort());
      expect(one.nodes.map((n) => n.id).sort()).toEqual([T_5G, ...mentions.map((e) => e.from)].sort());
      expect(one.nodes.find((n) => n.id === T_5G)).toEqual({ id: T_5G, label: 'Theme', name: '5G' });

      const two = await store.neighbourhood(T_5G, 2);
      const twoIds = two.nodes.map((n) => n.id);
      expect(twoIds).toEqual(expect.arrayContaining([DOC_GUOFA, DOC_WANZHENG, A_MIIT, A_ANHUI_TELECOM]));
      expect(twoIds).not.toContain(DOC_COMMENTARY);

      const region = await store.neighbourhood('安徽省', 1);
      expect(region.edges).toEqual([{ type: 'APPLIES_TO', from: DOC_WANZHENG, to: '安徽省' }]);
      expect((await rejection(store.neighbourhood('nothing_here', 1))).code).toBe('NOT_FOUND');
    });

    withStore('writing the same batch twice leaves exactly the same graph', async ({ store }) => {
      const first = await store.write(fixtureBatch());
      const before = await exportOf(store);
      const second = await store.write(fixtureBatch());
      expect(second).toEqual(first);
      expect(await exportOf(store)).toEqual(before);
    });

    withStore('a re-written document replaces its clause set and drops what only the old version referenced', async (subject) => {
      await subject.store.write(fixtureBatch());
      const { batch, removed } = revisedBatch();
      await subject.store.write(batch);
      expect(await subject.store.getClauses([removed.id])).toEqual([]);
      const after = await exportOf(subject.store);
      expect(after.some((r) => (r.kind === 'node' ? r.id === removed.id : r.from === removed.id || r.to === removed.id))).toBe(false);

      // The same graph as writing the revised batch into an empty store.
      const clean = await fresh();
      try {
        await clean.store.write(revisedBatch().batch);
        expect(after).toEqual(await exportOf(clean.store));
      } finally {
        await clean.dispose();
      }
    });

    withStore('re-writing one document leaves the other documents alone', async ({ store }) => {
      const full = fixtureBatch();
      await store.write(full);
      const { batch, removed } = revisedBatch();
      const only = (docId: string) => ({
        ...batch,
        documents: batch.documents.filter((d) => d.id === docId),
        clauses: batch.clauses.filter((c) => c.docId === docId),
        edges: batch.edges.filter((e) => e.from === docId || batch.clauses.some((c) => c.id === e.from && c.docId === docId)),
      });
      await store.write(only(DOC_GUOFA));
      expect(await store.getClauses([removed.id])).toEqual([]);
      const anhui = full.clauses.filter((c) => c.docId === DOC_WANZHENG);
      expect(await store.getClauses(ids(anhui))).toEqual(anhui);
      const [row] = await store.expand([clauseId(DOC_WANZHENG, '附件/7')]);
      expect(row.similar.map((s) => s.id)).toEqual([clauseId(DOC_GUOFA, '附件/12')]);

      // SIMILAR_TO is undirected: re-writing the Anhui document without it drops the pair from both sides.
      await store.write(only(DOC_WANZHENG));
      const [again] = await store.expand([clauseId(DOC_GUOFA, '附件/12')]);
      expect(again.similar).toEqual([]);
      expect(await store.getClauses(ids(anhui))).toEqual(anhui);
    });

    withStore('a document known only by citation never overwrites the stored full text', async ({ store }) => {
      const batch = fixtureBatch();
      await store.write(batch);
      const guofa = batch.documents.find((d) => d.id === DOC_GUOFA)!;
      await store.write({ ...emptyLists(), documents: [{ ...guofa, title: '国发〔2017〕40号', year: null, inCorpus: false, sources: [] }] });
      expect(await store.getDocument(DOC_GUOFA)).toEqual(guofa);
      expect((await store.outline(DOC_GUOFA)).length).toBe(batch.clauses.filter((c) => c.docId === DOC_GUOFA).length);
    });

    withStore('a batch that fails half-way leaves the store exactly as it was', async ({ store }) => {
      await store.write(fixtureBatch());
      const before = await exportOf(store);
      // A revision (which first removes a clause) plus an edge to a theme that exists nowhere.
      const { batch } = revisedBatch();
      batch.documents.push({ ...batch.documents[0], id: 'doc_new', docNumber: null, title: '新文件' });
      batch.edges.push({ type: 'MENTIONS', from: clauseId(DOC_GUOFA, '附件/12'), to: 'theme_missing', properties: { surface: null } });
      const failed = await rejection(store.write(batch));
      expect(failed.code).toBe('BAD_REQUEST');
      expect(failed.message).toContain('MENTIONS');
      expect(failed.message).toContain('theme_missing');
      expect(await exportOf(store)).toEqual(before);

      // A clause of a document that exists nowhere.
      const orphan = { ...clauseOf(fixtureBatch(), DOC_GUOFA, '一、'), id: 'cl_orphan', docId: 'doc_nowhere' };
      expect((await rejection(store.write({ ...emptyLists(), clauses: [orphan] }))).message).toContain('HAS_CLAUSE');
      expect(await exportOf(store)).toEqual(before);
    });

    withStore('refuses malformed batches before writing, naming the problem', async ({ store }) => {
      const cases: [(b: GraphBatch) => void, string][] = [
        [(b) => ((b.documents[0] as unknown as Record<string, unknown>).year = '2017'), 'year'],
        [(b) => ((b.clauses[0] as unknown as Record<string, unknown>).text = null), 'text'],
        [(b) => b.edges.push({ type: 'MENTIONS', from: b.clauses[0].id, to: T_5G, properties: { confidence: 0.9 } }), 'confidence'],
        [(b) => b.edges.push({ type: 'ASSIGNS', from: b.clauses[0].id, to: A_MIIT, properties: { role: 'boss' } }), 'role'],
        [(b) => b.edges.push({ type: 'OWNS' as Edge['type'], from: 'a', to: 'b', properties: {} }), 'OWNS'],
      ];
      for (const [spoil, word] of cases) {
        const batch = fixtureBatch();
        spoil(batch);
        const failed = await rejection(store.write(batch));
        expect(failed.code).toBe('BAD_REQUEST');
        expect(failed.message).toContain(word);
      }
      expect(await store.listDocuments()).toEqual([]);
    });

    withStore('deleteDocument removes a document, its clauses and what only it referenced', async ({ store }) => {
      const batch = fixtureBatch();
      await store.write(batch);
      expect(await store.deleteDocument('doc_missing')).toBe(false);
      expect(await store.deleteDocument(DOC_WANZHENG)).toBe(true);
      expect(await store.getDocument(DOC_WANZHENG)).toBeNull();
      const nodes = (await exportOf(store)).filter((r) => r.kind === 'node').map((r) => r.kind === 'node' && r.id);
      for (const gone of [...batch.clauses.filter((c) => c.docId === DOC_WANZHENG).map((c) => c.id), A_ANHUI, A_ANHUI_TELECOM, A_ANHUI_ECON, T_AI, '安徽省']) {
        expect(nodes).not.toContain(gone);
      }
      expect(nodes).toEqual(expect.arrayContaining([T_5G, A_MIIT, DOC_GUOFA, DOC_CITED, '全国']));
      const [row] = await store.expand([clauseId(DOC_GUOFA, '附件/12')]);
      expect(row.similar).toEqual([]);

      await store.deleteDocument(DOC_GUOFA);
      const left = (await exportOf(store)).filter((r) => r.kind === 'node').map((r) => r.kind === 'node' && r.id);
      expect(left).not.toContain(DOC_CITED); // cited only by the deleted document
      for (const t of batch.targets) expect(left).not.toContain(t.id);
      expect((await store.listDocuments()).map((d) => d.id)).toEqual([DOC_COMMENTARY]);
    });

    withStore('keeps the graph across close and reopen', async (subject) => {
      await subject.store.write(fixtureBatch());
      const before = await exportOf(subject.store);
      const reopened = await subject.reopen();
      expect(await exportOf(reopened)).toEqual(before);
    });

    withStore('refuses a store written by a newer schema version', async (subject) => {
      await subject.store.write(fixtureBatch());
      await subject.recordSchemaVersion(SCHEMA_VERSION + 1);
      const failed = await rejection(subject.reopen());
      expect(failed.code).toBe('SCHEMA_NEWER');
      expect(failed.message).toContain(`version ${SCHEMA_VERSION + 1}`);
      expect(failed.message).toContain(`${SCHEMA_VERSION}`);
    });
  });
}

export function emptyLists(): GraphBatch {
  return { documents: [], clauses: [], themes: [], agencies: [], regions: [], targets: [], edges: [] };
}
