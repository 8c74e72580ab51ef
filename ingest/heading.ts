// Separates a numbered item's heading from its body: "（十一）推动信息基础设施提速升级。加大…",
// "(一) 宽带中国 建设高速…", and headings run into the text of crawled pages: "（一）指导思想以习近平…".
import type { SourceText } from './unit.js';

export interface HeadingSplit {
  heading: string | null;
  body: SourceText | null;
}

const MAX_HEADING = 30;
// Words that end headings of Chinese policy texts; the strong ones are tried first.
const STRONG_ENDINGS = ['指导思想', '基本原则', '总体要求', '主要目标', '发展目标', '主要任务', '重点任务', '保障措施', '重点领域', '行动', '工程', '措施'];
const WEAK_ENDINGS = ['力度', '示范', '平台', '体系', '机制', '环境', '能力', '水平', '服务', '建设', '发展', '应用', '升级'];

/** `runIn`: the text comes from a crawled page, where lead-in sentences run into headings. */
export function splitHeading(rest: SourceText, runIn = false): HeadingSplit {
  const text = rest.text;
  const trimmedEnd = text.replace(/[。：:；]$/, '');
  if (text.length <= MAX_HEADING && !/[。；！？]/.test(trimmedEnd)) {
    const cut = runIn ? strongEndingWithin(trimmedEnd) : 0;
    if (cut > 0) return { heading: text.slice(0, cut), body: nonEmpty(rest.slice(cut)) };
    return { heading: trimmedEnd.trim() || null, body: null };
  }
  const stop = text.search(/[。：:！？]/);
  if (stop > 0 && stop <= MAX_HEADING && !/[，,]/.test(text.slice(0, stop))) {
    const cut = runIn ? strongEndingWithin(text.slice(0, stop)) : 0;
    if (cut > 0) return { heading: text.slice(0, cut), body: nonEmpty(rest.slice(cut)) };
    return { heading: text.slice(0, stop), body: nonEmpty(rest.slice(stop + 1)) };
  }
  // a gap left by removed whitespace ("宽带中国 建设高速…") ends a heading in converted notes
  for (let i = 2; i < Math.min(text.length - 1, MAX_HEADING); i++) {
    if (rest.offsets[i + 1] - rest.offsets[i] > 1 && !/[，,、]/.test(text.slice(0, i + 1))) {
      return { heading: text.slice(0, i + 1), body: nonEmpty(rest.slice(i + 1)) };
    }
  }
  const runInEnd = runInHeadingEnd(text);
  if (runInEnd > 0) return { heading: text.slice(0, runInEnd), body: nonEmpty(rest.slice(runInEnd)) };
  return { heading: null, body: rest };
}

/** "主要目标消费规模显著增长": a heading word followed by more text is where a run-in heading ends. */
function strongEndingWithin(candidate: string): number {
  let best = 0;
  for (const word of STRONG_ENDINGS) {
    const at = candidate.indexOf(word);
    const end = at + word.length;
    if (at >= 0 && end >= 4 && end < candidate.length - 1 && (best === 0 || end < best)) best = end;
  }
  return best;
}

/** Where a heading run into its text ends, judged by the words headings end with; 0 when none. */
function runInHeadingEnd(text: string): number {
  const head = text.slice(0, 22);
  if (/[，,。]/.test(head.slice(0, 4))) return 0;
  for (const endings of [STRONG_ENDINGS, WEAK_ENDINGS]) {
    let best = 0;
    for (const word of endings) {
      const at = head.indexOf(word);
      if (at < 0) continue;
      const end = at + word.length;
      if (end < 4 || /[，,。]/.test(text.slice(0, end))) continue;
      if (best === 0 || end < best) best = end;
    }
    if (best > 0) return best;
  }
  return 0;
}

function nonEmpty(text: SourceText): SourceText | null {
  const trimmed = text.trim();
  return trimmed.length ? trimmed : null;
}
