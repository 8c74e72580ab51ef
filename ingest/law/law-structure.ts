// The clause tree of a legal text: 第X编/分编/章/节 (and Markdown headings) are sections and ancestors in the
// path (`第二章/第十条`); 第X条 and 第X条之一 are clauses that keep their 款 and 项; text before the first
// article is preamble; 附件 and tables close the text. Texts without articles (修正案, 决定) are cut at 一、 items.
import type { Clause, ClauseKind } from '../../graph/model.js';
import { clauseId } from '../../graph/ids.js';
import { numberValue } from '../markers.js';
import { SourceText } from '../unit.js';
import type { BodyLine } from './law-frame.js';

export interface LawClause {
  clause: Clause;
  text: SourceText;
}

const CN = '[一二三四五六七八九十百千零〇两]+';
const SECTION = new RegExp(`^第(${CN})(编|分编|章|节)`);
const SECTION_LEVEL: Record<string, number> = { 编: 1, 分编: 2, 章: 3, 节: 4 };
// a code published one part per file heads each with the part's name (`# 合同编`): a part, above its 分编/章
const NAMED_PART = /^[\u4e00-\u9fa5]{1,10}编$/;
const ARTICLE = new RegExp(`^第(${CN}|\\d{1,4})条(?:之(${CN}))?`);
const ITEM = new RegExp(`^(${CN})[、．]`);
const ANNEX = /^(附件|附表|附录)\s*(\d{0,2}|[一二三四五六七八九十]{0,3})\s*(?:[：:].*)?$|^附[：:]/;
const TABLE_SEPARATOR = /^\|?\s*:?-{3,}/;

interface Section {
  level: number;
  clause: Clause;
}

export class LawStructureBuilder {
  readonly clauses: LawClause[] = [];
  private readonly paths = new Set<string>();
  private sections: Section[] = [];
  private open: LawClause | null = null;
  private lastArticle = 0;
  private lastItem = 0;
  private paragraphs = new Map<string, number>();
  private tableHeader: string[] | null = null;
  private annexOpen = false;

  constructor(
    private readonly docId: string,
    private readonly file: string,
    /** Whether the text numbers its provisions as articles (第X条) or as items (一、). */
    private readonly unit: 'article' | 'item' | 'paragraph',
  ) {}

  add(line: BodyLine): void {
    const text = line.src.text;
    if (this.table(line)) return;
    const annex = text.length <= 40 && this.clauses.length > 0 ? text.match(ANNEX) : null;
    if (annex) return this.section(line, 0, `${annex[1] ?? '附件'}${annex[2] ?? ''}`, true);
    // "第三章规定的…" cites a chapter; a heading is a short line without sentence punctuation
    const headingLike = line.headingLevel > 0 ? !/。/.test(text) : text.length <= 60 && !/[。；，]/.test(text) && !/^第\S{1,4}(?:编|章|节)(?:规定|的)/.test(text);
    const section = headingLike ? text.match(SECTION) : null;
    if (section) return this.section(line, SECTION_LEVEL[section[2]], `第${section[1]}${section[2]}`);
    const provision = this.isProvision(line);
    if (line.headingLevel > 0 && !provision && NAMED_PART.test(text)) return this.section(line, SECTION_LEVEL.编, null);
    if (line.headingLevel > 0 && !provision) {
      const item = text.match(ITEM);
      return this.section(line, 2 + line.headingLevel, item ? `${item[1]}、` : null);
    }
    if (provision) return this.provision(line);
    this.continueText(line.src);
  }

  finish(): LawClause[] {
    return this.clauses;
  }

  private isProvision(line: BodyLine): boolean {
    const text = line.src.text;
    if (this.unit === 'article') {
      const m = text.match(ARTICLE);
      if (!m) return false;
      const value = numberValue(m[1]);
      const spaced = /^\s*\S+?条(?:之\S+?)?[\s\u3000]/.test(line.raw.replace(/^\s+/, ''));
      const sequential = m[2] ? value === this.lastArticle : value === this.lastArticle + 1;
      // "第三十条规定的…" opening a paragraph cites an article; a new article is spaced or in sequence
      return spaced || sequential || (this.lastArticle === 0 && !/^(?:规定|的|至|、|和|或)/.test(text.slice(m[0].length)));
    }
    if (this.unit === 'item') {
      const m = text.match(ITEM);
      return m !== null && (numberValue(m[1]) === this.lastItem + 1 || this.lastItem === 0);
    }
    return false;
  }

  private provision(line: BodyLine): void {
    if (this.annexOpen) this.closeAnnex();
    const text = line.src.text;
    const m = this.unit === 'article' ? text.match(ARTICLE)! : text.match(ITEM)!;
    let number: string;
    if (this.unit === 'article') {
      number = `第${m[1]}条${m[2] ? `之${m[2]}` : ''}`;
      if (!m[2]) this.lastArticle = numberValue(m[1]);
    } else {
      number = `${m[1]}、`;
      this.lastItem = numberValue(m[1]);
    }
    this.open = this.push(number, null, 'item', line.src);
  }

  private section(line: BodyLine, level: number, number: string | null, annex = false): void {
    if (annex) this.sections = [];
    else if (this.annexOpen) this.closeAnnex();
    this.sections = this.sections.filter((s) => s.level < level);
    const heading = number ? line.src.text.slice(number.length).trim() || null : line.src.text;
    const made = this.push(number, heading, 'section', line.src);
    this.sections.push({ level, clause: made.clause });
    this.open = null;
    this.annexOpen = annex;
    this.tableHeader = null;
  }

  private closeAnnex(): void {
    this.annexOpen = false;
    this.sections = [];
  }

  /** 款 and 项 stay in their article; text before any article is a paragraph of its section. */
  private continueText(src: SourceText): void {
    if (this.open && !this.annexOpen) {
      this.open.text = this.open.text.concat(new SourceText('\n', [this.open.text.end])).concat(src);
      this.open.clause.text = this.open.text.text;
      this.open.clause.sources = [{ file: this.file, start: this.open.text.start, end: this.open.text.end }];
      return;
    }
    const parentPath = this.sections[this.sections.length - 1]?.clause.path ?? '';
    const count = (this.paragraphs.get(parentPath) ?? 0) + 1;
    this.paragraphs.set(parentPath, count);
    const kind: ClauseKind = this.sections.length ? 'paragraph' : this.lastArticle || this.lastItem ? 'closing' : 'preamble';
    this.push(`¶${count}`, null, kind, src, true);
  }

  /** Markdown table rows (| a | b |): one clause per row, cells by column header. */
  private table(line: BodyLine): boolean {
    const raw = line.raw.trim();
    if (!raw.startsWith('|')) {
      this.tableHeader = null;
      return false;
    }
    if (TABLE_SEPARATOR.test(raw)) return true;
    const cells = raw.replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    if (!this.tableHeader) {
      this.tableHeader = cells;
      return true;
    }
    const parentPath = this.sections[this.sections.length - 1]?.clause.path ?? '';
    const count = (this.paragraphs.get(`${parentPath}|row`) ?? 0) + 1;
    this.paragraphs.set(`${parentPath}|row`, count);
    const made = this.push(`行${count}`, null, 'table-row', line.src, true);
    made.clause.fields = Object.fromEntries(this.tableHeader.map((h, i) => [h || `列${i + 1}`, cells[i] ?? '']));
    return true;
  }

  private push(number: string | null, heading: string | null, kind: ClauseKind, src: SourceText, unnumbered = false): LawClause {
    const parent = this.sections[this.sections.length - 1]?.clause ?? null;
    const segment = number ?? heading ?? `¶${this.clauses.length + 1}`;
    let path = parent ? `${parent.path}/${segment}` : segment;
    while (this.paths.has(path)) path += '′';
    this.paths.add(path);
    const clause: Clause = {
      id: clauseId(this.docId, path),
      docId: this.docId,
      path,
      number: unnumbered ? null : number,
      heading,
      text: src.text,
      ordinal: this.clauses.length,
      depth: this.sections.length,
      parentId: parent?.id ?? null,
      kind,
      fields: null,
      sources: [{ file: this.file, start: src.start, end: src.end }],
    };
    const made = { clause, text: src };
    this.clauses.push(made);
    return made;
  }
}

/** How the text numbers its provisions: articles when it has some at line starts, else 一、 items. */
export function provisionUnit(lines: BodyLine[]): 'article' | 'item' | 'paragraph' {
  let articles = 0;
  let items = 0;
  for (const line of lines) {
    if (ARTICLE.test(line.src.text)) articles++;
    else if (ITEM.test(line.src.text)) items++;
  }
  return articles >= 2 ? 'article' : items >= 2 ? 'item' : 'paragraph';
}
