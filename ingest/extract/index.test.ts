import { describe, expect, it } from 'vitest';
import { agencyId } from '../../graph/ids.js';
import { emptyBatch, type GraphBatch } from '../../graph/model.js';
import { extractKnowledge } from './index.js';
import { ANHUI_20, MIIT_140, SICHUAN_DRAFT, makeClause, makeDocument, makeTableRow } from './test-fixtures.js';

function smallBatch(): GraphBatch {
  const batch = emptyBatch();
  const miit = MIIT_140();
  const anhui = ANHUI_20();
  // as the parser may give it: issuers as written, no region
  const sichuanDraft = makeDocument({ title: '四川省扩大和升级信息消费行动计划（2020-2022年）', level: 'provincial' });
  batch.documents.push(miit, anhui, sichuanDraft);
  batch.clauses.push(
    makeClause(miit, '二、/¶1', '消费规模显著增长。到2020年，信息消费规模达到6万亿元，年均增长11%以上。'),
    makeClause(anhui, '三、/（一）', '加快推进物联网基础设施部署。（省通信管理局、省经济和信息化委牵头，省发展改革委、省委宣传部等配合）'),
    makeTableRow(anhui, '7', { 工作任务: '积极推动第五代移动通信（5G）试验网建设', 牵头责任单位: '省通信管理局', 配合单位: '省经济和信息化委等', 时限要求: '2020年底前' }),
    makeClause(sichuanDraft, '¶1', '落实《中华人民共和国网络安全法》相关规定。到2022年，信息消费规模达到6000亿元，年均增长12%以上。'),
  );
  return batch;
}

describe('extractKnowledge', () => {
  it('adds themes, agencies, regions, targets, cited documents and their edges to the batch', () => {
    const batch = smallBatch();
    const report = extractKnowledge(batch);
    expect(report.added.documents).toBe(1);
    expect(batch.documents.find((d) => !d.inCorpus)?.title).toBe('中华人民共和国网络安全法');
    expect(batch.regions.map((r) => r.name).sort()).toEqual(['全国', '四川省', '安徽省']);
    expect(report.added.edges.ISSUED_BY).toBeGreaterThanOrEqual(3);
    // canonical issuers: the 文号 of 皖政〔2018〕20号 names the provincial government
    expect(batch.documents[1].issuers).toEqual(['安徽省人民政府']);
    expect(batch.documents[0].issuers).toEqual(['工业和信息化部', '国家发展和改革委员会']);
    // the Sichuan draft's region comes from its title
    const applies = batch.edges.filter((e) => e.type === 'APPLIES_TO').map((e) => [batch.documents.find((d) => d.id === e.from)?.title, e.to]);
    expect(applies).toContainEqual(['四川省扩大和升级信息消费行动计划（2020-2022年）', '四川省']);
    // the provincial commission is never the national one
    expect(batch.agencies.map((a) => a.name)).toContain('安徽省发展和改革委员会');
    expect(batch.edges.filter((e) => e.type === 'ASSIGNS').some((e) => e.to === agencyId('国家发展和改革委员会'))).toBe(false);
    expect(batch.targets.map((t) => [t.metric, t.value, t.growth]).sort()).toEqual([
      ['信息消费规模', '6000亿元', '12%以上'],
      ['信息消费规模', '6万亿元', '11%以上'],
    ]);
    // every edge endpoint exists in the batch
    const ids = new Set([...batch.documents, ...batch.clauses, ...batch.themes, ...batch.agencies, ...batch.targets].map((n) => n.id));
    for (const r of batch.regions) ids.add(r.name);
    for (const e of batch.edges) {
      expect(ids.has(e.from), `${e.type} from`).toBe(true);
      expect(ids.has(e.to), `${e.type} to`).toBe(true);
    }
  });

  it('takes 工信部 in a 文号 as the issuer, never as an assignee or a mention', () => {
    const batch = emptyBatch();
    // as written in file 000's header: no issuer line the parser could read, only the 文号
    const plan = makeDocument({ title: '扩大和升级信息消费三年行动计划（2018-2020年）', docNumber: '工信部联信软〔2018〕140号', level: 'national' });
    const sichuan = SICHUAN_DRAFT();
    batch.documents.push(plan, sichuan);
    batch.clauses.push(
      makeClause(plan, '¶0', '工信部联信软〔2018〕140号 各省、自治区、直辖市工业和信息化主管部门：现将《扩大和升级信息消费三年行动计划（2018-2020年）》印发给你们。'),
      makeClause(sichuan, '¶1', '为深入贯彻落实《扩大和升级信息消费三年行动计划（2018-2020年）》（工信部联信软〔2018〕140号）负责，特制定本行动计划。'),
    );
    extractKnowledge(batch);
    const miit = agencyId('工业和信息化部');
    expect(batch.edges.filter((e) => e.to === miit).map((e) => [e.type, e.from])).toEqual([['ISSUED_BY', plan.id]]);
    expect(plan.issuers).toEqual(['工业和信息化部']);
    expect(batch.edges.some((e) => e.type === 'MENTIONS' || e.type === 'ASSIGNS')).toBe(false);
    expect(batch.edges.filter((e) => e.type === 'IMPLEMENTS').map((e) => [e.from, e.to])).toEqual([[sichuan.id, plan.id]]);
  });

  it('is deterministic and adds nothing when run again', () => {
    const a = smallBatch();
    const b = smallBatch();
    extractKnowledge(a);
    extractKnowledge(b);
    const withoutOrdinals = (batch: GraphBatch) => JSON.stringify(batch, (key, value) => (key === 'ordinal' ? undefined : value));
    expect(withoutOrdinals(a)).toBe(withoutOrdinals(b));
    const again = extractKnowledge(a);
    expect(again.added).toEqual({ documents: 0, themes: 0, agencies: 0, regions: 0, targets: 0, edges: {} });
  });
});
