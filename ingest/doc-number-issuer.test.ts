import { describe, expect, it } from 'vitest';
import { issuerFromDocNumberPrefix } from './metadata.js';

describe('issuer of a 文号 prefix (agencies.json docNumberPrefixes, the one table)', () => {
  it('finds central agencies by their longest prefix', () => {
    expect(issuerFromDocNumberPrefix('国发')).toEqual({ issuers: ['国务院'], region: '全国' });
    expect(issuerFromDocNumberPrefix('国办发')).toEqual({ issuers: ['国务院办公厅'], region: '全国' });
    expect(issuerFromDocNumberPrefix('工信部联信软')).toEqual({ issuers: ['工业和信息化部'], region: '全国' });
    expect(issuerFromDocNumberPrefix('财税')).toEqual({ issuers: ['财政部'], region: '全国' });
  });

  it('finds a province from its abbreviation (regions.json), government or general office', () => {
    expect(issuerFromDocNumberPrefix('皖政')).toEqual({ issuers: ['安徽省人民政府'], region: '安徽省' });
    expect(issuerFromDocNumberPrefix('川府发')).toEqual({ issuers: ['四川省人民政府'], region: '四川省' });
    expect(issuerFromDocNumberPrefix('皖政办')).toMatchObject({ issuers: ['安徽省人民政府办公厅'], region: '安徽省' });
    expect(issuerFromDocNumberPrefix('某某')).toEqual({ issuers: [], region: null });
  });
});
