// Queries arrive in Traditional characters (農村寬帶網絡建設, 第五十六條) and with full-width digits and
// letters (第５６条, ５Ｇ); the texts, the dictionaries and the indexes are Simplified and half-width.
// Normalising the query once, before anything reads it, lets every later stage match as usual.
import * as OpenCC from 'opencc-js/t2cn';

// OpenCC's phrase-aware Traditional → Mainland Simplified table (its dictionaries leave Simplified text as it is)
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const FULL_WIDTH_ALNUM = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;

export function normalizeQuery(query: string): string {
  const halfWidth = query.replace(FULL_WIDTH_ALNUM, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  return CJK.test(halfWidth) ? toSimplified(halfWidth) : halfWidth;
}
