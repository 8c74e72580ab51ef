// Small hand-made documents and clauses (sentences taken from the seed texts) for extractor tests.
import { clauseId, documentId } from '../../graph/ids.js';
import type { Clause, ClauseKind, PolicyDocument } from '../../graph/model.js';
import { documentWith } from '../../test/support/documents.js';

export function makeDocument(fields: Partial<PolicyDocument> & { title: string }): PolicyDocument {
  const doc = documentWith(fields);
  doc.id ||= documentId(doc);
  return doc;
}

let ordinal = 0;

export function makeClause(
  doc: PolicyDocument,
  path: string,
  text: string,
  extra: { kind?: ClauseKind; fields?: Record<string, string>; heading?: string | null; parentId?: string | null } = {},
): Clause {
  return {
    id: clauseId(doc.id, path),
    docId: doc.id,
    path,
    number: null,
    heading: extra.heading ?? null,
    text,
    ordinal: ordinal++,
    depth: path.split('/').length,
    parentId: extra.parentId ?? null,
    kind: extra.kind ?? 'paragraph',
    fields: extra.fields ?? null,
    sources: [],
  };
}

/** A task-table row as the parser builds it: cells with their column names, and the same as text. */
export function makeTableRow(doc: PolicyDocument, number: string, fields: Record<string, string>): Clause {
  const text = Object.entries(fields)
    .filter(([k]) => k !== '序号')
    .map(([k, v]) => `${k}：${v}`)
    .join('；');
  return makeClause(doc, `附件/${number}`, text, { kind: 'table-row', fields: { 序号: number, ...fields } });
}

export const STATE_COUNCIL_40 = () =>
  makeDocument({ title: '国务院关于进一步扩大和升级信息消费持续释放内需潜力的指导意见', docNumber: '国发〔2017〕40号', issuers: ['国务院'], region: '全国', level: 'national', year: 2017 });
export const ANHUI_20 = () =>
  makeDocument({ title: '安徽省人民政府关于进一步扩大和升级信息消费持续释放内需潜力的实施意见', docNumber: '皖政〔2018〕20号', region: '安徽省', level: 'provincial', year: 2018 });
export const MIIT_140 = () =>
  makeDocument({ title: '扩大和升级信息消费三年行动计划（2018-2020年）', docNumber: '工信部联信软〔2018〕140号', issuers: ['工业和信息化部', '国家发展和改革委员会'], region: '全国', level: 'national', year: 2018 });
export const SICHUAN_DRAFT = () =>
  makeDocument({ title: '四川省扩大和升级信息消费行动计划（2020-2022年）', region: '四川省', level: 'provincial', year: 2020, draft: true });
