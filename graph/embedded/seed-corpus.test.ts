// The embedded store on the real parsed and extracted seeds (ingest/parse-corpus + ingest/extract):
// everything the ingest produces is stored and read back exactly, and re-ingest is idempotent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCorpus } from '../../ingest/parse-corpus.js';
import { extractKnowledge } from '../../ingest/extract/index.js';
import type { ExportRecord, GraphBatch } from '../model.js';
import { EmbeddedStore } from './embedded-store.js';

let dir: string;
let store: EmbeddedStore;
let batch: GraphBatch;

async function exportOf(): Promise<ExportRecord[]> {
  const out: ExportRecord[] = [];
  for await (const r of store.exportAll()) out.push(r);
  return out;
}

beforeAll(async () => {
  const corpus = await parseCorpus([path.resolve('seeds')]);
  extractKnowledge(corpus.batch);
  batch = corpus.batch;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-seeds-'));
  store = new EmbeddedStore(path.join(dir, 'graph'));
  await store.open();
  await store.write(structuredClone(batch));
});

afterAll(async () => {
  await store?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('embedded store on the parsed seeds', () => {
  it('reads back every document and clause exactly', async () => {
    for (const doc of batch.documents) expect(await store.getDocument(doc.id)).toEqual(doc);
    expect(await store.getClauses(batch.clauses.map((c) => c.id))).toEqual(batch.clauses);
    const summaries = await store.listDocuments();
    for (const s of summaries) expect(s.clauseCount).toBe(batch.clauses.filter((c) => c.docId === s.id).length);
  });

  it('exports every node and every extracted edge', async () => {
    const records = await exportOf();
    const edgeKeys = new Set(records.map((r) => (r.kind === 'edge' ? `${r.type} ${r.from} ${r.to} ${r.properties.role ?? ''}` : '')));
    for (const e of batch.edges) expect(edgeKeys).toContain(`${e.type} ${e.from} ${e.to} ${e.properties.role ?? ''}`);
    const nodeCount = records.filter((r) => r.kind === 'node').length;
    const uniqueNodes = new Set([
      ...batch.documents.map((d) => d.id),
      ...batch.clauses.map((c) => c.id),
      ...batch.themes.map((t) => t.id),
      ...batch.agencies.map((a) => a.id),
      ...batch.regions.map((r) => r.name),
      ...batch.targets.map((t) => t.id),
    ]);
    expect(nodeCount).toBe(uniqueNodes.size);
  });

  it('re-ingesting the same corpus leaves the graph exactly as it was', async () => {
    const before = await exportOf();
    await store.write(structuredClone(batch));
    expect(await exportOf()).toEqual(before);
  });

  it('re-ingesting a shortened document leaves no orphan clauses or targets', async () => {
    // Drop the second half of the clauses of a document whose dropped half sets targets.
    const secondHalf = (docId: string) => {
      const own = batch.clauses.filter((c) => c.docId === docId);
      return new Set(own.slice(Math.floor(own.length / 2)).map((c) => c.id));
    };
    const doc = batch.documents.find((d) => d.inCorpus && batch.edges.some((e) => e.type === 'SETS' && secondHalf(d.id).has(e.from)))!;
    expect(doc).toBeDefined();
    const dropped = secondHalf(doc.id);
    const droppedTargets = new Set(batch.edges.filter((e) => e.type === 'SETS' && dropped.has(e.from)).map((e) => e.to));
    const shortened: GraphBatch = {
      ...structuredClone(batch),
      clauses: batch.clauses.filter((c) => !dropped.has(c.id)),
      targets: batch.targets.filter((t) => !droppedTargets.has(t.id)),
      edges: batch.edges.filter((e) => !dropped.has(e.from) && !dropped.has(e.to)),
    };
    await store.write(shortened);
    const records = await exportOf();
    expect(records.filter((r) => r.kind === 'node' && (dropped.has(r.id) || droppedTargets.has(r.id)))).toEqual([]);
    expect(records.filter((r) => r.kind === 'edge' && (dropped.has(r.from) || dropped.has(r.to)))).toEqual([]);
    expect((await store.outline(doc.id)).length).toBe(batch.clauses.filter((c) => c.docId === doc.id).length - dropped.size);
  });
});
