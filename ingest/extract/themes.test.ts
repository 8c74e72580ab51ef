import { describe, expect, it } from 'vitest';
import { loadDictionaries } from '../../dictionaries/dictionaries.js';
import { extractThemes } from './themes.js';
import { STATE_COUNCIL_40, makeClause, makeTableRow } from './test-fixtures.js';

const dicts = loadDictionaries();

function mentioned(facts: ReturnType<typeof extractThemes>, clauseId: string): string[] {
  return facts.edgesOf('MENTIONS').filter((e) => e.from === clauseId).map((e) => facts.themes.get(e.to)!.name);
}

describe('themes', () => {
  const doc = STATE_COUNCIL_40();

  it('finds every theme a clause names, through aliases and abbreviations, with the surface as written', () => {
    const clause = makeClause(
      doc,
      '三、/（十一）',
      '（十一）推动信息基础设施提速升级。进一步拓展光纤宽带和第四代移动通信（4G）网络覆盖的深度和广度。加快第五代移动通信（5G）标准研究、技术试验和产业推进，力争2020年启动商用。加快推进物联网基础设施部署。统筹发展工业互联网。推进实施云计算工程。积极研究推动数据中心和内容分发网络优化布局。',
    );
    const facts = extractThemes([clause], [doc], dicts);
    expect(mentioned(facts, clause.id)).toEqual(['光纤宽带', '4G', '5G', '物联网', '工业互联网', '云计算', '数据中心']);
    const fiveG = facts.edgesOf('MENTIONS').find((e) => facts.themes.get(e.to)!.name === '5G')!;
    expect(fiveG.properties.surface).toBe('第五代移动通信');
  });

  it('does not read a theme inside an agency name, nor in a table row’s agency column', () => {
    const text = makeClause(doc, '¶9', '提升网络领域执法水平，由国家知识产权局负责。');
    const row = makeTableRow(doc, '34', { 工作任务: '加强网络文化知识产权保护', 负责单位: '国家知识产权局、文化部、新闻出版广电总局、中央网信办等' });
    const facts = extractThemes([text, row], [doc], dicts);
    expect(mentioned(facts, text.id)).toEqual([]);
    expect(mentioned(facts, row.id)).toEqual(['知识产权']);
  });

  it('maps 自动驾驶 and 车联网 to 智能网联汽车 once per clause', () => {
    const clause = makeClause(doc, '¶3', '制定车联网产业发展标准体系建设指南，推进车载智能芯片、自动驾驶操作系统等关键技术产品研发。');
    const facts = extractThemes([clause], [doc], dicts);
    expect(mentioned(facts, clause.id)).toEqual(['智能网联汽车']);
    expect(facts.edgesOf('MENTIONS')[0].properties.surface).toBe('车联网');
  });
});
