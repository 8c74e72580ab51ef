// Facts a legal Markdown file states about itself, read independently of the parser (for the corpus
// checks): the `# ` title line, the date in the file name, the chapter headings and the article lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface LawFileFacts {
  file: string;
  title: string;
  year: number | null;
  /** Each article line's number with the chapter (and section) headings above it: `第二章/第十条`. */
  articles: { number: string; chapterPath: string }[];
  /** The header lines between the title and `<!-- INFO END -->`. */
  headerLines: string[];
  /** The place the title starts with (上海市, 浙江省, 深圳经济特区 → null), for local regulations. */
  titleRegion: string | null;
}

const CN = '[一二三四五六七八九十百千零〇两]+';

export function lawFileFacts(file: string): LawFileFacts {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').map((l) => l.trim());
  const title = (lines.find((l) => l.startsWith('# ')) ?? '').slice(2).replace(/\s+/g, '');
  const infoEnd = lines.indexOf('<!-- INFO END -->');
  const headerLines = infoEnd > 0 ? lines.slice(lines.findIndex((l) => l.startsWith('# ')) + 1, infoEnd).filter(Boolean) : [];
  const date = path.basename(file).match(/\((\d{4})-\d{2}-\d{2}\)/);
  const articles: LawFileFacts['articles'] = [];
  const heads: { level: number; number: string }[] = [];
  let last = 0;
  for (const line of lines.slice(infoEnd + 1)) {
    const heading = line.match(new RegExp(`^#+\\s*第(${CN})(编|分编|章|节)`));
    // a Markdown heading numbered 一、 (judicial interpretations group their articles so) is a section too
    const listed = line.match(new RegExp(`^(#+)\\s*(${CN})、`));
    if (heading || listed) {
      const level = heading ? { 编: 1, 分编: 2, 章: 3, 节: 4 }[heading[2]]! : 2 + listed![1].length;
      while (heads.length && heads[heads.length - 1].level >= level) heads.pop();
      heads.push({ level, number: heading ? `第${heading[1]}${heading[2]}` : `${listed![2]}、` });
      continue;
    }
    // an article line of the collection: 第X条 then a space
    const article = line.match(new RegExp(`^第(${CN})条(之${CN})?[\\s\\u3000]`));
    if (article) {
      const number = `第${article[1]}条${article[2] ?? ''}`;
      articles.push({ number, chapterPath: heads.map((h) => h.number).join('/') });
      last++;
    }
  }
  // the province or city a local regulation's title starts with (not 关于市…, 杭州城市…)
  const region = title.match(/^(.{2,7}?(?:省|自治区)|北京市|天津市|上海市|重庆市|[\u4e00-\u9fa5]{2,3}市(?![场民]))/);
  const titleRegion = region && !/^(?:关于|城市)/.test(region[1]) ? region[1] : null;
  return { file, title, year: date ? Number(date[1]) : null, articles, headerLines, titleRegion };
}
