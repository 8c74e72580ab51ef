// Quantities as policy texts write them: 6万亿元, 11%以上, 15万家以上, 1000 兆比特每秒, 4000万.
// Parsed on whitespace-free text; `amount` is in base units (6万亿元 → 6e12 元, 15万家 → 150000 家;
// percentages stay percentages: 98% → 98 %).

export interface Quantity {
  start: number;
  end: number;
  number: number;
  amount: number;
  unit: string | null;
  /** 以上 / 左右 / 以内 … as written, or null. */
  qualifier: string | null;
}

const MULTIPLIERS: Record<string, number> = { 万亿: 1e12, 千亿: 1e11, 百亿: 1e10, 亿: 1e8, 千万: 1e7, 百万: 1e6, 万: 1e4, 千: 1e3 };
const UNITS: Record<string, string> = {
  元: '元', 美元: '美元', 欧元: '欧元', 家: '家', 个: '个', 户: '户', 台: '台', 项: '项', 所: '所', 座: '座', 件: '件', 款: '款',
  套: '套', 人次: '人次', 人: '人', 条: '条', 部: '部', '%': '%', '％': '%', 倍: '倍', mbps: 'Mbps', gbps: 'Gbps', 兆比特每秒: 'Mbps',
  兆比特: 'Mbps', 兆: 'Mbps', 吉比特每秒: 'Gbps', 千兆: 'Gbps',
};
const UNIT_PATTERN = Object.keys(UNITS).sort((a, b) => b.length - a.length).join('|');
const MULTIPLIER_PATTERN = Object.keys(MULTIPLIERS).sort((a, b) => b.length - a.length).join('|');
// no ASCII letter or digit before the number: 4G, IPv6, 5.0 版 are not quantities
const QUANTITY = new RegExp(`(?<![A-Za-z0-9.\\-/])(\\d+(?:\\.\\d+)?)(${MULTIPLIER_PATTERN})?(${UNIT_PATTERN})?(以上|以下|左右|以内|多)?`, 'gi');

export function findQuantities(compact: string): Quantity[] {
  const out: Quantity[] = [];
  for (const m of compact.matchAll(QUANTITY)) {
    const [, digits, multiplier, unitRaw, qualifier] = m;
    // a bare number names no quantity (nor does 2020年 or 5G)
    if (!multiplier && !unitRaw) continue;
    const next = compact[m.index! + m[0].length] ?? '';
    if (!unitRaw && /[年月日号GgKk版代期]/.test(next)) continue;
    const number = Number(digits);
    const unit = unitRaw ? UNITS[unitRaw.toLowerCase()] ?? unitRaw : null;
    out.push({
      start: m.index!,
      end: m.index! + m[0].length,
      number,
      amount: multiplier ? number * MULTIPLIERS[multiplier] : number,
      unit,
      qualifier: qualifier ?? null,
    });
  }
  return out;
}

/** Text without whitespace, with the original offset of every kept character. */
export interface CompactText {
  text: string;
  offsets: number[];
}

export function compact(original: string): CompactText {
  let text = '';
  const offsets: number[] = [];
  for (let i = 0; i < original.length; i++) {
    if (/\s/.test(original[i])) continue;
    text += original[i];
    offsets.push(i);
  }
  return { text, offsets };
}

/** The original text of compact[start, end), whitespace included (1000 兆比特每秒). */
export function originalSlice(original: string, c: CompactText, start: number, end: number): string {
  if (end <= start) return '';
  return original.slice(c.offsets[start], c.offsets[end - 1] + 1);
}
