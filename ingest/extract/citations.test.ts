import { describe, expect, it } from 'vitest';
import { loadDictionaries } from '../../dictionaries/dictionaries.js';
import { documentId } from '../../graph/ids.js';
import { extractCitations, findCitations } from './citations.js';
import { ANHUI_20, MIIT_140, SICHUAN_DRAFT, STATE_COUNCIL_40, makeClause } from './test-fixtures.js';

const dicts = loadDictionaries();

describe('citations', () => {
  it('creates inCorpus:false documents, with the id they would get when ingested', () => {
    const sichuan = SICHUAN_DRAFT();
    const clause = makeClause(
      sichuan,
      '¶1',
      '为深入贯彻落实工业和信息化部、国家发展和改革委员会《扩大和升级信息消费三年行动计划（2018-2020年）》（工信部联信软〔2018〕140号）和《四川省人民政府关于进一步扩大和升级信息消费持续释放内需潜力的实施方案》（川府发〔2018〕32号），面向高质量发展总体要求，特制定本行动计划。',
    );
    const law = makeClause(sichuan, '三、/（五）/¶3', '加强法律法规建设。落实《中华人民共和国网络安全法》相关规定，加快推进四川省大数据立法工作。');
    const facts = extractCitations([clause, law], [sichuan], dicts);
    const cited = [...facts.documents.values()];
    expect(cited.map((d) => [d.title, d.docNumber, d.inCorpus])).toEqual([
      ['扩大和升级信息消费三年行动计划（2018-2020年）', '工信部联信软〔2018〕140号', false],
      ['四川省人民政府关于进一步扩大和升级信息消费持续释放内需潜力的实施方案', '川府发〔2018〕32号', false],
      ['中华人民共和国网络安全法', null, false],
    ]);
    const sichuanGov = cited[1];
    expect(sichuanGov.id).toBe(documentId({ docNumber: '川府发〔2018〕32号', title: 'anything' }));
    expect(sichuanGov).toMatchObject({ region: '四川省', level: 'provincial', year: 2018, issuers: ['四川省人民政府'] });
    expect(cited[2].id).toBe(documentId({ title: '中华人民共和国网络安全法' }));

    const cites = facts.edgesOf('CITES');
    expect(cites.map((e) => e.properties.evidence)).toEqual([
      '《扩大和升级信息消费三年行动计划（2018-2020年）》（工信部联信软〔2018〕140号）',
      '《四川省人民政府关于进一步扩大和升级信息消费持续释放内需潜力的实施方案》（川府发〔2018〕32号）',
      '《中华人民共和国网络安全法》',
    ]);
    // 为贯彻落实 … implements both documents; 落实《…》相关规定 only cites the law
    expect(facts.edgesOf('IMPLEMENTS').map((e) => e.to)).toEqual([cited[0].id, cited[1].id]);
    expect(facts.edgesOf('IMPLEMENTS')[0].properties.evidence).toMatch(/^为深入贯彻落实.*（川府发〔2018〕32号）$/);
  });

  it('resolves references to documents in the corpus by 文号 or by title, and skips a document naming itself', () => {
    const national = STATE_COUNCIL_40();
    const miit = MIIT_140();
    const anhui = ANHUI_20();
    const byTitle = makeClause(miit, '¶1', '为贯彻落实《国务院关于进一步扩大和升级信息消费持续释放内需潜力的指导意见》，现将《扩大和升级信息消费三年行动计划（2018-2020年）》印发给你们。');
    const byNumber = makeClause(anhui, '¶1', '为贯彻落实《国务院关于进一步扩大和升级信息消费持续释放内需潜力的指导意见》（国发〔2017〕40号），结合我省实际，提出以下意见。');
    const facts = extractCitations([byTitle, byNumber], [national, miit, anhui], dicts);
    expect(facts.documents.size).toBe(0);
    expect(facts.edgesOf('CITES').map((e) => [e.from, e.to])).toEqual([
      [miit.id, national.id],
      [anhui.id, national.id],
    ]);
    expect(facts.edgesOf('IMPLEMENTS').map((e) => [e.from, e.to])).toEqual([
      [miit.id, national.id],
      [anhui.id, national.id],
    ]);
  });

  it('knows short law names written without brackets, but not inside longer words, and skips magazines', () => {
    const found = (text: string) => findCitations(text, dicts).map((c) => c.title ?? c.docNumber);
    expect(found('贯彻落实网络安全法相关规定，加快建立健全个人信息保护法律法规体系。')).toEqual(['中华人民共和国网络安全法']);
    expect(found('完善网络安全法律法规，完善网络信息有效登记和网络实名认证。')).toEqual([]);
    expect(found('信息产业企业进入世界 500 强企业数量指标，指中国大陆进入《财富》500 强的企业数量。')).toEqual([]);
    expect(found('根据《国务院关于积极推进“互联网+”行动的指导意见》（国发〔2015〕40号）等的部署')).toEqual(['国务院关于积极推进“互联网+”行动的指导意见']);
  });

  it('learns a title’s 文号 from one citation and uses it for a citation of the title alone', () => {
    const a = makeClause(SICHUAN_DRAFT(), '¶2', '根据《国务院关于深化制造业与互联网融合发展的指导意见》（国发〔2016〕28号）的部署。');
    const b = makeClause(ANHUI_20(), '¶3', '落实《国务院关于深化制造业与互联网融合发展的指导意见》。');
    const facts = extractCitations([a, b], [SICHUAN_DRAFT(), ANHUI_20()], dicts);
    const ids = facts.edgesOf('CITES').map((e) => e.to);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).toBe(documentId({ docNumber: '国发〔2016〕28号', title: '' }));
  });
});
