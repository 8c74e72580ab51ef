// Where a legal text applies: the most specific place its title starts with (上海市… → 上海市,
// 浙江省景宁畲族自治县… → 景宁畲族自治县, 温州市… → 温州市), else the place of its issuer (深圳经济特区… made by
// 深圳市人民代表大会常务委员会 → 深圳市), else national.
import { regionOfName } from '../metadata.js';

const PROVINCE = /^(?:.{2,7}?(?:省|自治区|特别行政区)|北京市|天津市|上海市|重庆市)/;
const LOCAL = /^[\u4e00-\u9fa5]{2,9}?(?:自治州|自治县|地区|盟|市|县)(?![场民政])/;
const NOT_A_PLACE = /^(?:关于|城市|本市|全市|各)/;

export function titlePlace(title: string): string | null {
  if (/^中华人民共和国/.test(title)) return null;
  const province = title.match(PROVINCE)?.[0] ?? null;
  const rest = province ? title.slice(province.length) : title;
  const local = rest.match(LOCAL)?.[0] ?? null;
  const place = local && !NOT_A_PLACE.test(local) ? local : province;
  return place && !NOT_A_PLACE.test(place) ? place : null;
}

export function lawRegion(title: string, issuers: string[]): string {
  const fromTitle = titlePlace(title);
  if (fromTitle) return fromTitle;
  for (const issuer of issuers) {
    if (/^全国|^国务院|^中共中央|^最高人民/.test(issuer)) continue;
    const region = regionOfName(issuer) ?? issuer.match(LOCAL)?.[0];
    if (region && !NOT_A_PLACE.test(region)) return region;
  }
  return '全国';
}
