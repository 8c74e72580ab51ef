// The region a document applies to: the parser's region when it names one, else what its level,
// 文号 or title say (国务院… → 全国, 皖政〔2018〕20号 → 安徽省, 四川省扩大… → 四川省).
import type { Dictionaries, RegionEntry } from '../../dictionaries/dictionaries.js';
import type { PolicyDocument } from '../../graph/model.js';

export function documentRegion(doc: PolicyDocument, dicts: Dictionaries): RegionEntry | null {
  const stated = dicts.region(doc.region);
  if (stated) return stated;
  if (doc.docNumber) {
    const issuer = dicts.agencyByDocNumber(doc.docNumber);
    if (issuer?.region) return dicts.region(issuer.region);
  }
  const lead = dicts.match(doc.title, { kinds: ['region', 'agency'] })[0];
  if (lead && lead.start === 0) {
    if (lead.entity.kind === 'region') return lead.entity;
    if (lead.entity.kind === 'agency' && lead.entity.region) return dicts.region(lead.entity.region);
  }
  if (doc.level === 'national') return dicts.region('全国');
  return null;
}
