// A small, realistic GraphBatch for the store contract suite, hand-made from the seed texts:
// 国发〔2017〕40号 (seeds/001), its Anhui implementation 皖政〔2018〕20号 (seeds/004), the
// 工业4.0 commentary from the study notes (seeds/003) and one document known only by citation.
// It touches every node label and every edge type, with nulls, lists, JSON fields, integer and
// fractional numbers in the same column.
import { documentWith } from './documents.js';
import type { Agency, Clause, Edge, GraphBatch, PolicyDocument, Region, Target, Theme } from '../../graph/model.js';
import { agencyId, clauseId, documentId, targetId, themeId } from '../../graph/ids.js';

export const DOC_GUOFA = documentId({ docNumber: '国发〔2017〕40号', title: '' });
export const DOC_WANZHENG = documentId({ docNumber: '皖政〔2018〕20号', title: '' });
export const DOC_COMMENTARY = documentId({ title: '德国工业4.0与中国制造2025的区别' });
export const DOC_CITED = documentId({ docNumber: '国发〔2015〕40号', title: '' });

const src = (file: string, start: number, end: number) => [{ file, start, end }];

function document(d: Partial<PolicyDocument> & Pick<PolicyDocument, 'id' | 'title'>): PolicyDocument {
  return documentWith(d);
}

function clause(docId: string, path: string, c: Partial<Clause> & Pick<Clause, 'text' | 'ordinal' | 'kind'>, parentPath?: string): Clause {
  const parts = path.split('/');
  return {
    id: clauseId(docId, path),
    docId,
    path,
    number: parts[parts.length - 1].startsWith('¶') ? null : parts[parts.length - 1],
    heading: null,
    depth: parts.length,
    parentId: parentPath ? clauseId(docId, parentPath) : null,
    fields: null,
    sources: [],
    ...c,
  };
}

export const THEMES: Theme[] = [
  { id: themeId('5G'), name: '5G', aliases: ['第五代移动通信'], category: '信息基础设施' },
  { id: themeId('信息基础设施'), name: '信息基础设施', aliases: [], category: null },
  { id: themeId('人工智能'), name: '人工智能', aliases: ['AI'], category: '新一代信息技术' },
  { id: themeId('智能制造'), name: '智能制造', aliases: [], category: null },
];
const [T_5G, T_INFRA, T_AI, T_SMART] = THEMES.map((t) => t.id);

const agency = (name: string, level: Agency['level'], region: string | null, aliases: string[] = []): Agency => ({
  id: agencyId(name),
  name,
  aliases,
  level,
  region,
  successor: null,
});
export const AGENCIES: Agency[] = [
  agency('国务院', 'central', null),
  agency('工业和信息化部', 'central', null, ['工信部']),
  agency('国家发展和改革委员会', 'central', null, ['国家发展改革委', '发改委']),
  agency('安徽省人民政府', 'provincial', '安徽省', ['省政府']),
  agency('安徽省通信管理局', 'provincial', '安徽省', ['省通信管理局']),
  { ...agency('安徽省经济和信息化委员会', 'provincial', '安徽省', ['省经济和信息化委']), successor: '安徽省经济和信息化厅' },
];
const [A_GUOWUYUAN, A_MIIT, A_NDRC, A_ANHUI, A_ANHUI_TELECOM, A_ANHUI_ECON] = AGENCIES.map((a) => a.id);

export const REGIONS: Region[] = [
  { name: '全国', level: 'country' },
  { name: '安徽省', level: 'province' },
];

export const DOCUMENTS: PolicyDocument[] = [
  document({
    id: DOC_GUOFA,
    title: '国务院关于进一步扩大和升级信息消费持续释放内需潜力的指导意见',
    docNumber: '国发〔2017〕40号',
    issuers: ['国务院'],
    region: '全国',
    level: 'national',
    year: 2017,
    date: '2017-08-13',
    aliases: ['国务院部署扩大和升级信息消费'],
    sources: [...src('001_9e059d95befd6a7e.txt', 0, 23029), ...src('003_6b88e9de6caaeebb.txt', 41210, 52877)],
  }),
  document({
    id: DOC_WANZHENG,
    title: '安徽省人民政府关于进一步扩大和升级信息消费持续释放内需潜力的实施意见',
    docNumber: '皖政〔2018〕20号',
    issuers: ['安徽省人民政府'],
    region: '安徽省',
    level: 'provincial',
    year: 2018,
    sources: src('004_d4e4072216533b5e.txt', 0, 23325),
  }),
  document({
    id: DOC_COMMENTARY,
    title: '德国工业4.0与中国制造2025的区别',
    kind: 'commentary',
    sources: src('003_6b88e9de6caaeebb.txt', 20311, 26020),
  }),
  document({
    id: DOC_CITED,
    title: '国务院关于积极推进“互联网+”行动的指导意见',
    docNumber: '国发〔2015〕40号',
    level: 'national',
    year: 2015,
    inCorpus: false,
  }),
];

const G = DOC_GUOFA;
const W = DOC_WANZHENG;
const C = DOC_COMMENTARY;
export const CLAUSES: Clause[] = [
  clause(G, '一、', { heading: '总体要求', text: '一、总体要求', ordinal: 0, kind: 'section', sources: src('001_9e059d95befd6a7e.txt', 720, 726) }),
  clause(
    G,
    '一、/（一）',
    {
      heading: '指导思想',
      text: '全面贯彻党的十八大和十八届三中、四中、五中、六中全会精神，深入贯彻习近平总书记系列重要讲话精神，以推进供给侧结构性改革为主线，优化信息消费环境。',
      ordinal: 1,
      kind: 'item',
      sources: src('001_9e059d95befd6a7e.txt', 727, 850),
    },
    '一、',
  ),
  clause(
    G,
    '一、/（三）',
    {
      heading: '发展目标',
      text: '到2020年，信息消费规模预计达到6万亿元，年均增长11%以上；拉动相关领域产出达到15万亿元，信息消费惠及广大人民群众。',
      ordinal: 2,
      kind: 'item',
      sources: [...src('001_9e059d95befd6a7e.txt', 1410, 1480), ...src('003_6b88e9de6caaeebb.txt', 42001, 42071)],
    },
    '一、',
  ),
  clause(G, '三、', { heading: '提高信息消费供给水平', text: '三、提高信息消费供给水平', ordinal: 3, depth: 1, kind: 'section' }),
  clause(
    G,
    '三、/（十一）',
    {
      heading: '推动信息基础设施提速升级',
      text: '加大信息基础设施建设投入力度，进一步拓展光纤宽带和第四代移动通信（4G）网络覆盖的深度和广度，促进网间互联互通。',
      ordinal: 4,
      kind: 'item',
    },
    '三、',
  ),
  clause(G, '附件/12', {
    text: '加快第五代移动通信（5G）标准研究、技术试验和产业推进，力争2020年启动商用',
    ordinal: 5,
    kind: 'table-row',
    fields: { 序号: '12', 工作任务: '加快第五代移动通信（5G）标准研究、技术试验和产业推进，力争2020年启动商用', 负责单位: '工业和信息化部、国家发展改革委、科技部等' },
  }),
  clause(W, '一、', { heading: '总体要求', text: '一、总体要求', ordinal: 0, kind: 'section' }),
  clause(W, '二、', { heading: '主要任务', text: '二、主要任务', ordinal: 1, kind: 'section' }),
  clause(
    W,
    '二、/（一）',
    {
      heading: '推动信息消费终端产品创新升级',
      text: '加快互联网、大数据、人工智能与家电产业深度融合，支持智能型和网络化信息家电和数字家庭产品研发，扩大信息消费新型终端产品供给。',
      ordinal: 2,
      kind: 'item',
    },
    '二、',
  ),
  clause(W, '附件/7', {
    text: '根据国家统一部署，积极推动第五代移动通信（5G）试验网、试商用和商用网络建设步伐，力争2020年启动商用。',
    ordinal: 3,
    kind: 'table-row',
    fields: { 序号: '7', 工作任务: '积极推动第五代移动通信（5G）试验网、试商用和商用网络建设步伐', 牵头单位: '省通信管理局', 配合单位: '省经济和信息化委等', 完成时限: '2020年底前' },
  }),
  clause(C, '1.7/¶1', {
    text: '德国工业4.0在全球产生重大影响，标志着全球加快全面进入以智能制造为核心的智能经济时代。',
    ordinal: 0,
    depth: 2,
    kind: 'paragraph',
  }),
];
const cid = (docId: string, path: string) => clauseId(docId, path);

export const TARGETS: Target[] = [
  { id: targetId(cid(G, '一、/（三）'), '信息消费规模', '6万亿元'), metric: '信息消费规模', value: '6万亿元', amount: 6e12, unit: '元', year: 2020, growth: '年均增长11%以上' },
  { id: targetId(cid(G, '一、/（三）'), '拉动相关领域产出', '15万亿元'), metric: '拉动相关领域产出', value: '15万亿元', amount: 1.5e13, unit: '元', year: 2020, growth: null },
  { id: targetId(cid(G, '一、/（三）'), '信息消费年均增长', '11%'), metric: '信息消费年均增长', value: '11%以上', amount: 0.11, unit: '%', year: null, growth: null },
];

const edge = (type: Edge['type'], from: string, to: string, properties: Edge['properties'] = {}): Edge => ({ type, from, to, properties });

export const EDGES: Edge[] = [
  edge('ISSUED_BY', G, A_GUOWUYUAN),
  edge('ISSUED_BY', W, A_ANHUI),
  edge('APPLIES_TO', G, '全国'),
  edge('APPLIES_TO', W, '安徽省'),
  edge('IMPLEMENTS', W, G, { evidence: '为贯彻落实《国务院关于进一步扩大和升级信息消费持续释放内需潜力的指导意见》（国发〔2017〕40号）' }),
  edge('CITES', W, G, { evidence: '（国发〔2017〕40号）' }),
  edge('CITES', G, DOC_CITED, { evidence: null }),
  edge('SUPERSEDES', G, DOC_CITED, { evidence: null }),
  edge('AMENDS', W, DOC_CITED, { evidence: '修改《国务院关于积极推进“互联网+”行动的指导意见》' }),
  edge('REPEALS', W, DOC_CITED, { evidence: '同时废止' }),
  edge('MENTIONS', cid(G, '三、/（十一）'), T_INFRA, { surface: '信息基础设施' }),
  edge('MENTIONS', cid(G, '附件/12'), T_5G, { surface: '第五代移动通信（5G）' }),
  edge('MENTIONS', cid(W, '附件/7'), T_5G, { surface: '5G' }),
  edge('MENTIONS', cid(W, '二、/（一）'), T_AI, { surface: '人工智能' }),
  edge('MENTIONS', cid(C, '1.7/¶1'), T_SMART, { surface: '智能制造' }),
  edge('ASSIGNS', cid(G, '附件/12'), A_MIIT, { role: 'lead', deadline: null, openEnded: false, evidence: '工业和信息化部、国家发展改革委、科技部等' }),
  edge('ASSIGNS', cid(G, '附件/12'), A_NDRC, { role: 'support', deadline: null, openEnded: true, evidence: '工业和信息化部、国家发展改革委、科技部等' }),
  edge('ASSIGNS', cid(W, '附件/7'), A_ANHUI_TELECOM, { role: 'lead', deadline: '2020年底前', openEnded: false, evidence: '省通信管理局' }),
  edge('ASSIGNS', cid(W, '附件/7'), A_ANHUI_ECON, { role: 'support', deadline: '2020年底前', openEnded: true, evidence: '省经济和信息化委等' }),
  ...TARGETS.map((t) => edge('SETS', cid(G, '一、/（三）'), t.id)),
  edge('SIMILAR_TO', cid(G, '附件/12'), cid(W, '附件/7'), { score: 0.8734 }),
  edge('SIMILAR_TO', cid(G, '一、'), cid(W, '一、'), { score: 1 }),
  edge('REPEATS', cid(G, '附件/12'), cid(G, '三、/（十一）')),
];

/** A fresh copy (tests mutate what they write). */
export function fixtureBatch(): GraphBatch {
  return structuredClone({
    documents: DOCUMENTS,
    clauses: CLAUSES,
    themes: THEMES,
    agencies: AGENCIES,
    regions: REGIONS,
    targets: TARGETS,
    edges: EDGES,
  });
}

export { T_5G, T_AI, T_INFRA, T_SMART, A_GUOWUYUAN, A_MIIT, A_NDRC, A_ANHUI, A_ANHUI_TELECOM, A_ANHUI_ECON };
