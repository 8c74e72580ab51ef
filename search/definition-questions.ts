// Questions that ask what a term means, and the clauses that define it: 反洗钱法2006年版和2024年版
//对反洗钱的界定比较 asks for 本法所称反洗钱，是指…, not for the clauses that use 反洗钱 most. Within
// a named document such a question's words (界定, 比较, 年版) match nothing, and its subject matches
// every clause; the defining clause is recognised by its form instead. Word data:
// search/data/definition-questions.json.
import data from './data/definition-questions.json' with { type: 'json' };

const CUES = [...data.cues].sort((a, b) => b.length - a.length);
const OPENERS = data.openers;
const CJK_RUN = /[\u3400-\u9fff]+$/u;
const ARTICLE_PREFIX = /^第[零〇一二三四五六七八九十百千\d]+条(?:之[一二三四五六七八九十]+)?/u;

/** The term a question asks the meaning of (…对慈善组织的定义有何不同 → 慈善组织), or null. */
export function definitionSubject(question: string): string | null {
  const q = question.normalize('NFKC').replace(/\s+/g, '');
  for (const cue of CUES) {
    const at = q.indexOf(cue);
    if (at <= 0) continue;
    let before = q.slice(0, at).replace(/的$/u, '');
    let opened = -1;
    for (const opener of OPENERS) {
      const i = before.lastIndexOf(opener);
      if (i >= 0 && i + opener.length > opened) opened = i + opener.length;
    }
    if (opened >= 0) before = before.slice(opened);
    const term = before.match(CJK_RUN)?.[0] ?? '';
    if (term.length >= data.minTermLength && term.length <= data.maxTermLength) return term;
  }
  return null;
}

/** Whether a clause defines `term`: 本法所称X…, X是指…, or it opens with X是 / X，是指. */
export function definesTerm(clauseText: string, term: string): boolean {
  const text = clauseText.normalize('NFKC').replace(/\s+/g, '');
  if (text.includes(`所称${term}`) || text.includes(`${term}是指`) || text.includes(`${term},是指`)) return true;
  const body = text.replace(ARTICLE_PREFIX, '');
  return body.startsWith(`${term}是`);
}
