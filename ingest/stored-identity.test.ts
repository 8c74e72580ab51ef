import { describe, expect, it } from 'vitest';
import { clauseId, documentId } from '../graph/ids.js';
import { emptyBatch, type Clause, type GraphBatch, type PolicyDocument } from '../graph/model.js';
import { adoptStoredIdentities, type StoredIdentity } from './stored-identity.js';

function doc(title: string, docNumber: string | null): PolicyDocument {
  return { id: documentId({ title, docNumber }), title, docNumber, aliases: [], inCorpus: true, edition: null } as unknown as PolicyDocument;
}

function batchOf(d: PolicyDocument): GraphBatch {
  const batch = emptyBatch();
  batch.documents.push(d);
  const parent = { id: clauseId(d.id, '一、'), docId: d.id, path: '一、', parentId: null } as unknown as Clause;
  const child = { id: clauseId(d.id, '一、/（一）'), docId: d.id, path: '一、/（一）', parentId: parent.id } as unknown as Clause;
  batch.clauses.push(parent, child);
  batch.edges.push({ type: 'HAS_CLAUSE', from: d.id, to: parent.id, properties: {} }, { type: 'HAS_CHILD', from: parent.id, to: child.id, properties: {} });
  return batch;
}

const stored = (d: PolicyDocument): StoredIdentity => ({ id: d.id, title: d.title, docNumber: d.docNumber, aliases: [], edition: null, inCorpus: true });

describe('adoptStoredIdentities', () => {
  it('a copy without 文号 of a stored document with one becomes that document, clauses and edges included', () => {
    const withNumber = doc('国务院关于进一步扩大和升级信息消费的意见', '国发〔2013〕32号');
    const batch = batchOf(doc('国务院关于进一步扩大和升级信息消费的意见', null));
    expect(adoptStoredIdentities(batch, [stored(withNumber)])).toBe(1);
    expect(batch.documents[0].id).toBe(withNumber.id);
    expect(batch.documents[0].docNumber).toBe('国发〔2013〕32号');
    expect(batch.clauses.map((c) => c.id)).toEqual([clauseId(withNumber.id, '一、'), clauseId(withNumber.id, '一、/（一）')]);
    expect(batch.clauses[1].parentId).toBe(batch.clauses[0].id);
    expect(batch.edges.map((e) => [e.from, e.to])).toEqual([
      [withNumber.id, batch.clauses[0].id],
      [batch.clauses[0].id, batch.clauses[1].id],
    ]);
  });

  it('a copy with 文号 of a stored document without one, and the same 文号 under another title, match too', () => {
    const noNumber = doc('关于推进测试工作的通知', null);
    const batch = batchOf(doc('关于推进测试工作的通知', '国办发〔2020〕1号'));
    adoptStoredIdentities(batch, [stored(noNumber)]);
    expect(batch.documents[0].id).toBe(noNumber.id);
    const numbered = doc('旧标题', '国办发〔2020〕2号');
    const renamed = batchOf(doc('新标题', '国办发[2020]2号'));
    adoptStoredIdentities(renamed, [stored(numbered)]);
    expect(renamed.documents[0].id).toBe(numbered.id);
  });

  it('the same title with two different 文号 stays two documents; unmatched batches are untouched', () => {
    const a = doc('关于做好年度工作的通知', '国办发〔2020〕3号');
    const batch = batchOf(doc('关于做好年度工作的通知', '国办发〔2021〕4号'));
    const before = JSON.stringify(batch);
    expect(adoptStoredIdentities(batch, [stored(a)])).toBe(0);
    expect(JSON.stringify(batch)).toBe(before);
  });
});
