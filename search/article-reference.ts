// Queries that name an article of a document: "《中华人民共和国拍卖法》第五十六条", "拍卖法第56条", "第十条"
// with a document filter. The named article is answered first, exactly; the rest of the search follows.
import { shortTitleKey, titleKey } from '../graph/ids.js';
import { editionRank, type PolicyDocument } from '../graph/model.js';

export interface ArticleReference {
  /** Titles the query names (《…》, or a name ending in 法/条例/规定 … right before the article). */
  titles: string[];
  /** The article as the clause path writes it: 第五十六条, 第十条之一. */
  article: string;
}

const CN = '[一二三四五六七八九十百千零〇两]+';
const ARTICLE = new RegExp(`第\\s*(${CN}|\\d{1,4})\\s*条(?:\\s*之\\s*(${CN}|\\d{1,2}))?`);
const BRACKETED = /《([^》]{2,80})》/g;
const NAMED_BEFORE = /([\u4e00-\u9fa5（）()]{1,40}?(?:法|法典|条例|规定|办法|细则|解释|决定|规则|规程|准则))\s*$/;

/** 56 → 五十六, 105 → 一百零五, 110 → 一百一十 (as law articles are numbered). */
export function chineseNumber(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n];
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 1000) {
    const rest = n % 100;
    const tail = rest === 0 ? '' : rest < 10 ? `零${digits[rest]}` : rest < 20 ? `一${chineseNumber(rest)}` : chineseNumber(rest);
    return `${digits[Math.floor(n / 100)]}百${tail}`;
  }
  const rest = n % 1000;
  const tail = rest === 0 ? '' : rest < 100 ? `零${chineseNumber(rest).replace(/^十/, '一十')}` : chineseNumber(rest);
  return `${digits[Math.floor(n / 1000)]}千${tail}`;
}

const asChinese = (raw: string) => (/^\d+$/.test(raw) ? chineseNumber(Number(raw)) : raw);

export function parseArticleReference(query: string): ArticleReference | null {
  const m = query.match(ARTICLE);
  if (!m) return null;
  const article = `第${asChinese(m[1])}条${m[2] ? `之${asChinese(m[2])}` : ''}`;
  const titles = [...query.matchAll(BRACKETED)].map((t) => t[1]);
  if (!titles.length) {
    const named = query.slice(0, m.index).match(NAMED_BEFORE);
    if (named) titles.push(named[1]);
  }
  return { titles, article };
}


/**
 * The in-corpus documents a title names: the exact title, else the title without 中华人民共和国, else the
 * titles that end with it (拍卖法 → 中华人民共和国拍卖法); current editions first, then the newest.
 */
export function documentsNamed(title: string, documents: Iterable<PolicyDocument>): PolicyDocument[] {
  const wanted = titleKey(title);
  const wantedShort = shortTitleKey(title);
  const inCorpus = [...documents].filter((d) => d.inCorpus);
  const tiers = [
    inCorpus.filter((d) => titleKey(d.title) === wanted),
    inCorpus.filter((d) => shortTitleKey(d.title) === wantedShort),
    wantedShort.length >= 3 ? inCorpus.filter((d) => shortTitleKey(d.title).endsWith(wantedShort)) : [],
  ];
  const found = tiers.find((t) => t.length) ?? [];
  return found.sort((a, b) => editionRank(b) - editionRank(a) || (b.edition ?? b.date ?? '').localeCompare(a.edition ?? a.date ?? ''));
}

/** Documents a name written without 《》 names: the longest ending of it that is a title ("请问拍卖法" → 拍卖法). */
export function documentsNamedIn(name: string, documents: PolicyDocument[]): PolicyDocument[] {
  for (let start = 0; start <= name.length - 2; start++) {
    const found = documentsNamed(name.slice(start), documents);
    if (found.length) return found;
  }
  return [];
}

/** The clause of `paths` that is the article: its path is the article or ends with it. */
export function articlePath(paths: string[], article: string): string | null {
  return paths.find((p) => p === article || p.endsWith(`/${article}`)) ?? null;
}
