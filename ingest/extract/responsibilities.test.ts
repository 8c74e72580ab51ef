import { describe, expect, it } from 'vitest';
import { loadDictionaries } from '../../dictionaries/dictionaries.js';
import type { Edge } from '../../graph/model.js';
import { extractResponsibilities, responsibilityNotes } from './responsibilities.js';
import { ANHUI_20, STATE_COUNCIL_40, makeClause, makeTableRow } from './test-fixtures.js';

const dicts = loadDictionaries();

function assignments(edges: Edge[], agencies: Map<string, string>) {
  return edges
    .filter((e) => e.type === 'ASSIGNS')
    .map((e) => ({ agency: agencies.get(e.to), role: e.properties.role, deadline: e.properties.deadline, openEnded: e.properties.openEnded }));
}

describe('responsibilities from task tables', () => {
  it('reads 负责单位 as leads, "等" as an open list, and the caption year as the deadline (file 001)', () => {
    const doc = STATE_COUNCIL_40();
    const caption = makeClause(doc, '附件', '附件 重点任务分工方案（有关任务目标截至2020年）', { kind: 'section' });
    const body = makeClause(doc, '二、/（六）', '（六）拓展电子产品应用。推动智能网联汽车与智能交通示范区建设，发展辅助驾驶系统等车联网相关设备。推进农业物联网区域试验工程。');
    const row = makeTableRow(doc, '1', { 工作任务: '推动智能网联汽车与智能交通示范区建设', 负责单位: '国家发展改革委、工业和信息化部、交通运输部等' });
    const facts = extractResponsibilities([caption, body, row], [doc], dicts);
    const names = new Map([...facts.agencies.values()].map((a) => [a.id, a.name]));
    expect(assignments(facts.edgesOf('ASSIGNS'), names)).toEqual([
      { agency: '国家发展和改革委员会', role: 'lead', deadline: '截至2020年', openEnded: true },
      { agency: '工业和信息化部', role: 'lead', deadline: '截至2020年', openEnded: true },
      { agency: '交通运输部', role: 'lead', deadline: '截至2020年', openEnded: true },
    ]);
    for (const e of facts.edgesOf('ASSIGNS')) expect(e.from).toBe(row.id);
    expect(facts.edgesOf('ASSIGNS')[0].properties.evidence).toBe('国家发展改革委、工业和信息化部、交通运输部等');
    // the row repeats a sentence of the body clause
    expect(facts.edgesOf('REPEATS')).toEqual([{ type: 'REPEATS', from: row.id, to: body.id, properties: {} }]);
  });

  it('reads 牵头责任单位 / 配合单位 / 时限要求 with provincial agencies resolved to the province (file 004)', () => {
    const doc = ANHUI_20();
    const row = makeTableRow(doc, '7', {
      工作任务: '根据国家统一部署，积极推动第五代移动通信（5G）试验网、试商用和商用网络建设步伐，力争2020年启动商用。',
      牵头责任单位: '省通信管理局',
      配合单位: '省经济和信息化委、省发展改革委等',
      时限要求: '2020年底前',
    });
    const facts = extractResponsibilities([row], [doc], dicts);
    const names = new Map([...facts.agencies.values()].map((a) => [a.id, a.name]));
    expect(assignments(facts.edgesOf('ASSIGNS'), names)).toEqual([
      { agency: '安徽省通信管理局', role: 'lead', deadline: '2020年底前', openEnded: false },
      { agency: '安徽省经济和信息化委员会', role: 'support', deadline: '2020年底前', openEnded: true },
      { agency: '安徽省发展和改革委员会', role: 'support', deadline: '2020年底前', openEnded: true },
    ]);
    // 省发展改革委 is a provincial commission, never the national one
    const provincial = [...facts.agencies.values()].find((a) => a.name === '安徽省发展和改革委员会')!;
    expect(provincial.level).toBe('provincial');
    expect(provincial.region).toBe('安徽省');
    expect([...facts.agencies.values()].some((a) => a.name === '国家发展和改革委员会')).toBe(false);
  });

  it('keeps agencies no dictionary knows when the column names them', () => {
    const doc = ANHUI_20();
    const row = makeTableRow(doc, '9', { 工作任务: '建设全省数据共享平台', 牵头责任单位: '省数据资源局', 配合单位: '省大数据中心等', 时限要求: '2019年底前' });
    const facts = extractResponsibilities([row], [doc], dicts);
    expect([...facts.agencies.values()].map((a) => [a.name, a.level, a.region])).toEqual([
      ['安徽省数据资源局', 'provincial', '安徽省'],
      ['安徽省大数据中心', 'provincial', '安徽省'],
    ]);
  });
});

describe('responsibilities in the text', () => {
  const anhui = (text: string) => responsibilityNotes(text, dicts, '安徽省', 'provincial');
  const summary = (notes: ReturnType<typeof anhui>) =>
    notes.map((n) => ({ role: n.role, agencies: n.agencies.map((a) => a.agency.name), openEnded: n.openEnded, evidence: n.evidence }));

  it('reads a （X牵头，Y等配合） note', () => {
    const text = '构建绿色安全的智能交通体系。（省经济和信息化委、省发展改革委牵头，省环保厅、省住房城乡建设厅、省交通运输厅、省农委等配合）';
    expect(summary(anhui(text))).toEqual([
      { role: 'lead', agencies: ['安徽省经济和信息化委员会', '安徽省发展和改革委员会'], openEnded: false, evidence: '省经济和信息化委、省发展改革委牵头' },
      {
        role: 'support',
        agencies: ['安徽省环境保护厅', '安徽省住房和城乡建设厅', '安徽省交通运输厅', '安徽省农业委员会'],
        openEnded: true,
        evidence: '省环保厅、省住房城乡建设厅、省交通运输厅、省农委等配合',
      },
    ]);
  });

  it('reads 由…负责 and …联合牵头 in running text, and ignores 负责人 and non-agencies', () => {
    const national = (text: string) => summary(responsibilityNotes(text, dicts, '全国', 'national'));
    expect(national('在国家制造强国建设领导小组的领导下，工业和信息化部、发展改革委联合牵头，各成员单位分工协作、加强配合。')).toEqual([
      { role: 'lead', agencies: ['工业和信息化部', '国家发展和改革委员会'], openEnded: false, evidence: '工业和信息化部、发展改革委联合牵头' },
    ]);
    expect(national('标准验证平台建设由国家知识产权局负责。')).toEqual([
      { role: 'lead', agencies: ['国家知识产权局'], openEnded: false, evidence: '国家知识产权局负责' },
    ]);
    expect(national('引进关键技术项目负责人，采用政府出资、PPP模式、企业牵头等多种方式。')).toEqual([]);
  });

  it('reads labelled notes as a table row: （牵头单位：…；配合单位：…）', () => {
    const hubei = (text: string) => summary(responsibilityNotes(text, dicts, '湖北省', 'provincial'));
    expect(hubei('加快5G网络建设。（牵头单位：省通信管理局；配合单位：省住建厅、各市州政府等）')).toEqual([
      { role: 'lead', agencies: ['湖北省通信管理局'], openEnded: false, evidence: '牵头单位：省通信管理局' },
      { role: 'support', agencies: ['湖北省住房和城乡建设厅', '湖北省各市人民政府'], openEnded: true, evidence: '配合单位：省住建厅、各市州政府等' },
    ]);
    expect(hubei('（责任单位：省经信厅、省发改委）').map((n) => [n.role, n.agencies])).toEqual([['lead', ['湖北省经济和信息化厅', '湖北省发展和改革委员会']]]);
  });

  it('never takes an agency inside a 文号 or a 《title》 as assigned', () => {
    const text = '为深入贯彻落实工业和信息化部、国家发展和改革委员会《扩大和升级信息消费三年行动计划（2018-2020年）》（工信部联信软〔2018〕140号）和《四川省人民政府关于进一步扩大和升级信息消费持续释放内需潜力的实施方案》（川府发〔2018〕32号），特制定本行动计划。';
    expect(responsibilityNotes(text, dicts, '四川省', 'provincial')).toEqual([]);
    expect(anhui('（工信部联信软〔2018〕140号负责）')).toEqual([]);
  });
});
