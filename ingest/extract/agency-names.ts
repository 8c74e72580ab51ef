// Turning written agency names into Agency nodes: dictionary entries first (aliases, templates
// resolved to the document's province), else — for a name in an agency column or responsibility
// note that looks like an agency (…厅, …局, …委员会) — an agency named as written.
import { regionalName, type AgencyEntry, type Dictionaries } from '../../dictionaries/dictionaries.js';
import { agencyId } from '../../graph/ids.js';
import type { Agency, Level } from '../../graph/model.js';

export interface NamedAgency {
  agency: AgencyEntry | Agency;
  surface: string;
  start: number;
  end: number;
}

const AGENCY_SUFFIX = /(部|委|局|办|厅|院|署|行|会|政府|委员会|中心|支行|办公室|小组|社|集团|公司)$/;
const NOT_AN_AGENCY = /^([一二两三四五六七八九十多各]+部(委|门)?|有关部门|各部门|各地|各地区|相关部门)$/;
/** Separators inside an agency list. */
export const LIST_SEPARATOR = /[、，,；;和及与]|以及/;

export function looksLikeAgency(name: string): boolean {
  return name.length >= 2 && name.length <= 24 && AGENCY_SUFFIX.test(name) && !NOT_AN_AGENCY.test(name) && !/[□《》〔〕\d]/.test(name);
}

/** An agency known only by the name written in the document. */
export function adHocAgency(name: string, province: string | null, docLevel: Level): Agency {
  const regional = province && province !== '全国' && name.startsWith('省');
  const fullName = regional ? regionalName(province, name) : name;
  const level = name.startsWith('省') || /^[\u4e00-\u9fa5]{2,3}省/.test(name) ? 'provincial'
    : /^(市|县|区|各市|有关市)/.test(name) ? 'municipal'
    : docLevel === 'national' ? 'central' : docLevel === 'municipal' ? 'municipal' : 'provincial';
  return { id: agencyId(fullName), name: fullName, aliases: regional ? [name] : [], level, region: regional ? province : level === 'central' ? '全国' : null, successor: null };
}

/**
 * Agencies named in a list such as 国家发展改革委、工业和信息化部、交通运输部等 or
 * 工业和信息化部等，有关地方政府: every dictionary match, plus agency-like segments nothing matched.
 */
export function agenciesInList(text: string, dicts: Dictionaries, region: string | null, docLevel: Level): NamedAgency[] {
  const found: NamedAgency[] = dicts
    .match(text, { kinds: ['agency'], region })
    .map((m) => ({ agency: m.entity as AgencyEntry, surface: m.surface, start: m.start, end: m.end }));
  const covered = (s: number, e: number) => found.some((f) => f.start < e && s < f.end);
  let offset = 0;
  for (const part of text.split(new RegExp(`(${LIST_SEPARATOR.source})`))) {
    const start = offset;
    offset += part.length;
    if (LIST_SEPARATOR.test(part) && part.length <= 2) continue;
    const name = part.trim().replace(/等$/, '').replace(/^[（(]|[）)]$/g, '').trim();
    const at = start + part.indexOf(name);
    if (!name || covered(at, at + name.length) || !looksLikeAgency(name)) continue;
    found.push({ agency: adHocAgency(name, region, docLevel), surface: name, start: at, end: at + name.length });
  }
  return found.sort((a, b) => a.start - b.start);
}
