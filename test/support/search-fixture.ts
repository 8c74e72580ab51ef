// A small hand-made graph taken from the seed texts (国发〔2017〕40号, 皖政〔2018〕20号, the 四川 draft
// and 工信部联信软〔2018〕140号), with the themes, responsibilities and targets extraction would find.
// Search tests index it with the built-in embedder and serve it from the in-memory store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Engines } from '../../app/engines.js';
import { agencyId, clauseId, documentId, targetId, themeId } from '../../graph/ids.js';
import type { Agency, Clause, Edge, GraphBatch, Level, PolicyDocument, Target, Theme } from '../../graph/model.js';
import { BuiltinEmbedder } from '../../search/embedders/index.js';
import { buildIndexes } from '../../search/index-store.js';
import { createSearchService } from '../../search/search-service.js';
import { MemoryGraphStore } from './memory-graph-store.js';

function doc(title: string, docNumber: string | null, level: Level, region: string | null, year: number, draft = false): PolicyDocument {
  return { id: documentId({ title, docNumber }), title, docNumber, issuers: [], region, level, year, date: null, draft, kind: 'policy', inCorpus: true, aliases: [], sources: [] };
}

export const DOCS = {
  guoFa: doc('国务院关于进一步扩大和升级信息消费持续释放内需潜力的指导意见', '国发〔2017〕40号', 'national', null, 2017),
  anhui: doc('安徽省人民政府关于进一步扩大和升级信息消费持续释放内需潜力的实施意见', '皖政〔2018〕20号', 'provincial', '安徽省', 2018),
  sichuan: doc('四川省扩大和升级信息消费行动计划（2020-2022年）', null, 'provincial', '四川省', 2020, true),
  miit: doc('扩大和升级信息消费三年行动计划（2018-2020年）', '工信部联信软〔2018〕140号', 'national', null, 2018),
};

type Spec = [keyof typeof DOCS, string, string, { themes?: string[]; assigns?: [string, 'lead' | 'support', string | null][]; sets?: [string, string, number][] }?];

const SPECS: Spec[] = [
  ['guoFa', '一、/（三）', '到2020年，信息消费规模预计达到6万亿元，年均增长11%以上；信息技术在消费领域的带动作用显著增强，拉动相关领域产出达到15万亿元，信息消费惠及广大人民群众。', { sets: [['信息消费规模', '6万亿元', 2020]] }],
  ['guoFa', '二、/（六）', '支持利用物联网、大数据、云计算、人工智能等技术推动各类应用电子产品智能化升级。推动智能网联汽车与智能交通示范区建设，发展辅助驾驶系统等车联网相关设备。', { themes: ['智能网联汽车', '智能交通'] }],
  ['guoFa', '二、/（九）', '建设课程教学与应用服务有机结合的优质在线开放课程和资源库。进一步推广网上预约、网络支付、结果查询等在线就医服务，推动在线健康咨询、居家健康服务、个性化健康管理等应用。', { themes: ['在线医疗', '在线教育'] }],
  ['guoFa', '三、/（十一）', '加大信息基础设施建设投入力度，进一步拓展光纤宽带和第四代移动通信（4G）网络覆盖的深度和广度。加快第五代移动通信（5G）标准研究、技术试验和产业推进，力争2020年启动商用。', { themes: ['5G', '4G'] }],
  ['guoFa', '三、/（十二）', '鼓励金融机构开发更多适合信息消费的金融产品和服务，推广小额、快捷、便民的小微支付方式，降低信息消费金融服务成本。'],
  ['guoFa', '四、/（十九）', '严格落实企业加强个人信息保护的责任，全面规范个人信息采集、存储、使用等行为，防范个人信息泄露和滥用，加大对窃取、贩卖个人信息等行为的处罚力度。', { themes: ['个人信息保护'] }],
  ['guoFa', '四、/（二十一）', '落实企业研发费用加计扣除等税收优惠政策，促进社会资本对信息消费领域的投入。经认定为高新技术企业的互联网企业，依法享受相应的所得税优惠政策。'],
  ['guoFa', '附件/12', '加快第五代移动通信（5G）标准研究、技术试验和产业推进，力争2020年启动商用', { themes: ['5G'], assigns: [['工业和信息化部', 'lead', '2020年'], ['国家发展和改革委员会', 'support', '2020年'], ['科学技术部', 'support', '2020年']] }],
  ['anhui', '一、/（二）', '信息基础设施日趋完善，宽带应用服务水平和应用能力显著提升。到2020年，全省信息消费规模达到5000亿元，年均增长16%以上。', { sets: [['信息消费规模', '5000亿元', 2020]] }],
  ['anhui', '二、/（二）', '推动智能网联汽车与智能交通示范区建设，发展辅助驾驶、自动驾驶及智能网联型汽车终端等车联网相关设备，构建绿色安全的智能交通体系。（省经济和信息化委、省发展改革委牵头，省交通运输厅等配合）', { themes: ['智能网联汽车', '智能交通'], assigns: [['安徽省经济和信息化委员会', 'lead', null], ['安徽省交通运输厅', 'support', null]] }],
  ['anhui', '二、/（五）', '培育社会化的在线教育服务市场。推广网上预约、网络支付、结果查询等在线就医服务，推动在线健康咨询、居家健康服务、个性化健康管理等应用。', { themes: ['在线医疗', '在线教育'] }],
  ['anhui', '三、/专栏8', '根据国家部署，积极推动第五代移动通信（5G）试验网、试商用和商用网络建设步伐，力争2020年启动商用。到2020年，宽带网络全面覆盖城乡。', { themes: ['5G'] }],
  ['anhui', '四、/（三）', '严格落实企业加强个人信息保护的责任，全面规范个人信息采集、存储、使用等行为，防范个人信息泄露和滥用。提升网络领域知识产权执法维权水平。', { themes: ['个人信息保护'] }],
  ['anhui', '附件/7', '根据国家统一部署，积极推动第五代移动通信（5G）试验网、试商用和商用网络建设步伐，力争2020年启动商用。', { themes: ['5G'], assigns: [['安徽省通信管理局', 'lead', '2020年底前'], ['安徽省经济和信息化委员会', 'support', '2020年底前']] }],
  ['sichuan', '二、/¶1', '消费规模显著增长。到2022年，信息消费规模达到6000亿元，年均增长12%以上。信息技术在消费领域的带动作用显著增强，电子信息产业主营业务收入达到1.5万亿元。', { sets: [['信息消费规模', '6000亿元', 2022]] }],
  ['sichuan', '三、/（二）/¶3', '深化智能网联汽车发展。发挥中德合作智能网联汽车、车联网标准及测试验证试点示范项目四川基地支撑作用，推动智能网联汽车研发中心建设，重点支持一批传感器、车载终端、操作系统、控制芯片等产品开发和应用。', { themes: ['智能网联汽车'] }],
  ['sichuan', '三、/（一）', '深入推进“光网四川”“无线四川”建设，推进光纤宽带和4G网络深度覆盖，支持5G产品研发和技术试验，加快推动主要城镇实现5G规模组网及商用，不断提升信息基础设施供给质量。', { themes: ['5G', '4G'] }],
  ['sichuan', '三、/（五）/¶3', '加强法律法规建设。加强个人数据保护、可信计算、身份管理和验证系统等信息安全技术与应用研发。建立完善数据与个人信息泄露公告和报告机制，加强行业个人信息保护监督执法。', { themes: ['个人信息保护'] }],
  ['miit', '二、', '消费规模显著增长。到2020年，信息消费规模达到6万亿元，年均增长11%以上。信息技术在消费领域的带动作用显著增强，拉动相关领域产出达到15万亿元。', { sets: [['信息消费规模', '6万亿元', 2020]] }],
  ['miit', '三、/（一）/¶4', '深化智能网联汽车发展。推进技术测试等支撑平台建设，制定车联网产业发展标准体系建设指南，推进车载智能芯片、自动驾驶操作系统、车辆智能算法等关键技术产品研发。', { themes: ['智能网联汽车'] }],
  ['miit', '三、/（四）/¶3', '落实《中华人民共和国网络安全法》相关规定，规范网络数据收集、传输、存储和使用行为。建立完善数据与个人信息泄露公告和报告机制，督促企业切实落实用户个人信息保护责任。', { themes: ['个人信息保护'] }],
];

export function fixtureBatch(): GraphBatch {
  const themes = new Map<string, Theme>();
  const agencies = new Map<string, Agency>();
  const targets: Target[] = [];
  const clauses: Clause[] = [];
  const edges: Edge[] = [];
  const ordinals = new Map<string, number>();
  for (const [docKey, clausePath, text, facts = {}] of SPECS) {
    const d = DOCS[docKey];
    const ordinal = ordinals.get(d.id) ?? 0;
    ordinals.set(d.id, ordinal + 1);
    const id = clauseId(d.id, clausePath);
    clauses.push({ id, docId: d.id, path: clausePath, number: null, heading: null, text, ordinal, depth: clausePath.split('/').length - 1, parentId: null, kind: 'paragraph', fields: null, sources: [] });
    edges.push({ type: 'HAS_CLAUSE', from: d.id, to: id, properties: {} });
    for (const name of facts.themes ?? []) {
      themes.set(name, { id: themeId(name), name, aliases: [], category: null });
      edges.push({ type: 'MENTIONS', from: id, to: themeId(name), properties: {} });
    }
    for (const [name, role, deadline] of facts.assigns ?? []) {
      const level = name.startsWith('安徽省') ? 'provincial' : 'central';
      agencies.set(name, { id: agencyId(name), name, aliases: [], level, region: level === 'provincial' ? '安徽省' : null, successor: null });
      edges.push({ type: 'ASSIGNS', from: id, to: agencyId(name), properties: { role, deadline, openEnded: false } });
    }
    for (const [metric, value, year] of facts.sets ?? []) {
      const target: Target = { id: targetId(id, metric, value), metric, value, amount: null, unit: null, year, growth: null };
      targets.push(target);
      edges.push({ type: 'SETS', from: id, to: target.id, properties: {} });
    }
  }
  return { documents: Object.values(DOCS), clauses, themes: [...themes.values()], agencies: [...agencies.values()], regions: [], targets, edges };
}

export function fixtureClause(docKey: keyof typeof DOCS, clausePath: string): string {
  return clauseId(DOCS[docKey].id, clausePath);
}

/** Indexes the fixture into a fresh data dir and opens a search service over it. */
export async function openFixtureService() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-search-'));
  const batch = fixtureBatch();
  const store = new MemoryGraphStore(batch);
  await buildIndexes({ dataDir, clauses: batch.clauses, embedder: new BuiltinEmbedder() });
  const service = await createSearchService({ dataDir, store });
  return {
    service,
    store,
    dataDir,
    async close() {
      await service.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type FixtureService = Awaited<ReturnType<typeof openFixtureService>>;

/**
 * The fixture service for the tests of one file (or describe block): opened before them, closed
 * after. Read its fields inside tests (they exist once the hook ran); `engines` is what use cases take.
 */
export function useFixtureService(): { readonly service: FixtureService['service']; readonly store: FixtureService['store']; readonly dataDir: string; readonly engines: Engines } {
  let opened: FixtureService | null = null;
  beforeAll(async () => {
    opened = await openFixtureService();
  });
  afterAll(() => opened?.close());
  const get = (): FixtureService => {
    if (!opened) throw new Error('useFixtureService: read the fixture inside a test, after its beforeAll hook');
    return opened;
  };
  return {
    get service() {
      return get().service;
    },
    get store() {
      return get().store;
    },
    get dataDir() {
      return get().dataDir;
    },
    get engines() {
      return { store: get().store, search: get().service };
    },
  };
}
