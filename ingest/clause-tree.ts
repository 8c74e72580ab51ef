// Builds the clause tree of one document occurrence from its body blocks, along the official numbering.
// Clauses are citable units: numbered items, paragraphs and table rows. Repeated passages (crawled pages
// repeat and shuffle paragraphs) become extra sources of the clause that holds them, not new clauses.
import type { Clause, ClauseKind, SourceSpan } from '../graph/model.js';
import { clauseId } from '../graph/ids.js';
import { inlineMarkerPositions, parseMarker, type Marker } from './markers.js';
import { splitHeading } from './heading.js';
import { matchKey, sentenceBounds } from './text.js';
import { SourceText } from './unit.js';

export type BuildMode = 'lines' | 'crawl';

/** Sentences shorter than this are too common to prove a repeat. */
const MIN_REPEAT_KEY = 6;
/** Headings of the parts of a document's 总体要求 section. */
const GENERAL_REQUIREMENTS_PARTS = /^(?:指导思想|基本原则|发展目标|主要目标|工作目标|总体目标)$/;
/** Crawl mode groups sentences into clauses of about this many characters. */
const CRAWL_CLAUSE_CHARS = 300;

interface Node {
  path: string;
  number: string | null;
  heading: string | null;
  kind: ClauseKind;
  type: string;
  parent: Node | null;
  children: Node[];
  text: SourceText;
  sources: SourceSpan[];
  headingOnly: boolean;
  fields: Record<string, string> | null;
  /** Numeric value of the clause's number, for numbering checks. */
  value: number | null;
  removed?: boolean;
}

export interface TableRowInput {
  number: string;
  cells: Record<string, string>;
  text: SourceText;
  /** The row's extent in the file, number cell included. */
  start: number;
  end: number;
}

export interface BuiltClause {
  clause: Clause;
  text: SourceText;
}

export class ClauseTreeBuilder {
  private readonly nodes: Node[] = [];
  private stack: Node[] = [];
  private readonly paths = new Set<string>();
  private readonly paragraphCounts = new Map<Node | null, number>();
  private readonly sentenceOwner = new Map<string, Node>();
  private openParagraph: Node | null = null;
  private sawMarker = false;

  constructor(
    private readonly docId: string,
    private readonly file: string,
    private readonly mode: BuildMode,
    /** The decoded file: a crawl clause grows only over text with nothing but whitespace between. */
    private readonly original = '',
  ) {}

  /** A heading of the notes outline inside a document ("1.1.1 第六篇 拓展网络经济空间"): a top-level section. */
  section(title: SourceText): void {
    this.stack = [];
    this.openParagraph = null;
    const marker = parseMarker(title.text);
    if (marker) {
      this.openMarker(marker, title);
      return;
    }
    const node = this.addNode({ number: null, heading: title.text, kind: 'section', type: 'notes', segment: title.text, text: title });
    node.headingOnly = true;
    this.stack = [node];
    this.sawMarker = true;
  }

  /** A line or paragraph of body text. */
  block(src: SourceText): void {
    for (const piece of this.splitRunOn(src)) this.piece(piece);
  }

  /** An annex (附件) with its title and task table rows: one clause per row, cells kept as fields. */
  annex(number: string, text: SourceText, heading: string | null, rows: TableRowInput[]): void {
    this.stack = [];
    this.openParagraph = null;
    const annex = this.addNode({ number, heading, kind: 'section', type: 'annex', segment: number, text });
    annex.headingOnly = true;
    for (const row of rows) {
      const source = { file: this.file, start: row.start, end: row.end };
      const node = this.addNode({ number: row.number, heading: null, kind: 'table-row', type: 'row', segment: row.number, text: row.text, parent: annex, source });
      node.fields = row.cells;
    }
  }

  private splitRunOn(src: SourceText): SourceText[] {
    const lead = parseMarker(src.text)?.length ?? 0;
    const positions = inlineMarkerPositions(src.text).filter((at) => at > lead);
    if (positions.length === 0) return [src];
    const pieces: SourceText[] = [];
    let from = 0;
    for (const at of positions) {
      if (at > from) pieces.push(src.slice(from, at));
      from = at;
    }
    pieces.push(src.slice(from));
    return pieces.map((p) => p.trim()).filter((p) => p.length > 0);
  }

  private piece(src: SourceText): void {
    const marker = parseMarker(src.text);
    if (marker && marker.type !== 'annex') {
      this.openMarker(marker, src);
      return;
    }
    if (this.stack.length && /^(?:各地区|各地方|各地|各部门|各市|各级|各有关)[^。]{0,16}(?:要|应|须)/.test(src.text)) {
      this.stack = []; // the closing call to action belongs to the whole document, not the last item
    }
    this.paragraph(src);
  }

  private openMarker(marker: Marker, src: SourceText): void {
    this.sawMarker = true;
    this.openParagraph = null;
    const same = this.stack.findIndex((n) => n.type === marker.type);
    if (same >= 0) this.stack = this.stack.slice(0, same);
    let parent: Node | null = this.stack[this.stack.length - 1] ?? null;
    const rest = src.slice(marker.length).trim();
    // articles (第X条) and list items ending in ；have text, not headings
    const split = marker.type === 'tiao' || /；$/.test(rest.text) ? { heading: null, body: rest.length ? rest : null } : splitHeading(rest, this.mode === 'crawl');
    const { heading, body } = split;
    if (this.mode === 'crawl') {
      const repeated = this.childNumbered(parent, marker.number);
      if (repeated && sameHeading(repeated.heading, heading)) {
        // a crawled page repeats its headings: the same item again, another source of it
        repeated.sources.push(src.slice(0, marker.length + (heading?.length ?? 0)).span(this.file));
        this.stack.push(repeated);
        if (body) this.paragraph(body);
        return;
      }
      parent = this.crawlParent(parent, marker, heading);
      this.stack = ancestry(parent);
    }
    const kind: ClauseKind = marker.type === 'box' ? 'box' : ['pian', 'zhang', 'jie', 'cn'].includes(marker.type) ? 'section' : 'item';
    // the clause text starts at the official number: bullets and notes numbering before it are dropped
    const official = src.slice(marker.prefixLength);
    const ownText = this.mode === 'crawl' && body ? official.slice(0, official.length - body.length).trim() : official;
    const source = { file: this.file, start: src.start, end: ownText.end };
    const node = this.addNode({ number: marker.number, heading, kind, type: marker.type, segment: marker.number, text: ownText, source, value: marker.value });
    node.headingOnly = !body || this.mode === 'crawl';
    this.registerSentences(node);
    this.stack.push(node);
    if (body && this.mode === 'crawl') this.paragraph(body);
  }

  /**
   * A shuffled crawl puts items after the wrong section. An item goes where its number continues the
   * numbering best (the section whose highest item number is closest below it, its own number free);
   * the standard sub-sections of 总体要求 (指导思想, 基本原则, 发展目标 …) go under the section of that name.
   */
  private crawlParent(current: Node | null, marker: Marker, heading: string | null): Node | null {
    if (!current) return current;
    const parent: Node = current;
    const siblings = this.nodes.filter((n) => !n.removed && n.type === parent.type && n.parent === parent.parent);
    const free = siblings.filter((n) => !this.childNumbered(n, marker.number));
    if (heading && GENERAL_REQUIREMENTS_PARTS.test(heading)) {
      const general = free.find((n) => n.heading !== null && /总体要求|总体思路/.test(n.heading));
      if (general) return general;
    }
    // "…优化行动" belongs under "主要行动", "…保障措施" under "保障措施"
    const ending = heading?.slice(-2);
    const named = ending && /行动|措施|任务|工程|领域/.test(ending) ? free.find((n) => n.heading?.endsWith(ending)) : undefined;
    if (named) return named;
    const highestBelow = (n: Node) => Math.max(0, ...n.children.filter((c) => c.type === marker.type && (c.value ?? 0) < marker.value).map((c) => c.value ?? 0));
    const ranked = free.sort((a, b) => highestBelow(b) - highestBelow(a) || Number(b === parent) - Number(a === parent));
    return ranked[0] ?? parent;
  }

  private childNumbered(parent: Node | null, number: string): Node | undefined {
    const children = parent ? parent.children : this.nodes.filter((n) => n.parent === null);
    return children.find((c) => c.number === number && !c.removed);
  }

  private paragraph(src: SourceText): void {
    if (this.mode === 'crawl') this.crawlSentences(src);
    else this.lineParagraph(src);
  }

  private lineParagraph(src: SourceText): void {
    const sentences = sentenceBounds(src.text).map(([a, b]) => src.slice(a, b));
    const owners = sentences.map((s) => this.ownerOf(s.text));
    const provable = owners.filter((o) => o !== undefined);
    if (provable.length > 0 && owners.every((o, i) => o !== undefined || matchKey(sentences[i].text).length < MIN_REPEAT_KEY)) {
      this.addRepeatSources(sentences, owners);
      return;
    }
    const node = this.newParagraph(src);
    this.registerSentences(node);
  }

  /** Crawled text: sentence by sentence, repeats become sources, new sentences group into clauses. */
  private crawlSentences(src: SourceText): void {
    const top = this.top();
    let lastRepeat: { owner: Node; span: SourceSpan } | null = null;
    for (const [a, b] of sentenceBounds(src.text)) {
      const sentence = src.slice(a, b).trim();
      if (!sentence.length) continue;
      const key = matchKey(sentence.text);
      const owner = this.ownerOf(sentence.text);
      if (owner) {
        if (lastRepeat && lastRepeat.owner === owner) lastRepeat.span.end = sentence.end;
        else {
          const span = sentence.span(this.file);
          owner.sources.push(span);
          lastRepeat = { owner, span };
        }
        this.openParagraph = null;
        continue;
      }
      lastRepeat = null;
      const open = this.openParagraph;
      const leadIn = sentence.length <= 14 && !/[，,]/.test(sentence.text);
      const adjacent = open !== null && /^\s*$/.test(this.original.slice(open.text.end, sentence.start));
      if (!open || !adjacent || open.parent !== top || open.text.length + sentence.length > CRAWL_CLAUSE_CHARS || leadIn) {
        this.openParagraph = this.newParagraph(sentence);
      } else {
        open.text = open.text.concat(sentence);
        open.sources[0].end = sentence.end;
      }
      if (key.length >= MIN_REPEAT_KEY) this.sentenceOwner.set(key, this.openParagraph!);
    }
  }

  private addRepeatSources(sentences: SourceText[], owners: (Node | undefined)[]): void {
    let current: { owner: Node; span: SourceSpan } | null = null;
    sentences.forEach((sentence, i) => {
      const owner = owners[i] ?? current?.owner;
      if (!owner) return;
      if (current && current.owner === owner) current.span.end = sentence.end;
      else {
        current = { owner, span: sentence.span(this.file) };
        owner.sources.push(current.span);
      }
    });
  }

  private ownerOf(sentence: string): Node | undefined {
    const key = matchKey(sentence);
    return key.length >= MIN_REPEAT_KEY ? this.sentenceOwner.get(key) : undefined;
  }

  private registerSentences(node: Node): void {
    for (const [a, b] of sentenceBounds(node.text.text)) {
      const key = matchKey(node.text.text.slice(a, b));
      if (key.length >= MIN_REPEAT_KEY && !this.sentenceOwner.has(key)) this.sentenceOwner.set(key, node);
    }
  }

  private newParagraph(src: SourceText): Node {
    const parent = this.top();
    const count = (this.paragraphCounts.get(parent) ?? 0) + 1;
    this.paragraphCounts.set(parent, count);
    const kind: ClauseKind = parent ? 'paragraph' : this.sawMarker ? 'closing' : 'preamble';
    return this.addNode({ number: null, heading: null, kind, type: 'paragraph', segment: `¶${count}`, text: src, parent });
  }

  private top(): Node | null {
    return this.stack[this.stack.length - 1] ?? null;
  }

  private addNode(input: {
    number: string | null;
    heading: string | null;
    kind: ClauseKind;
    type: string;
    segment: string;
    text: SourceText;
    parent?: Node | null;
    /** Where the clause stands in the file, when that is more than its text (a list prefix before the number). */
    source?: SourceSpan;
    value?: number;
  }): Node {
    const parent = input.parent === undefined ? this.top() : input.parent;
    let path = childPath(parent, input.segment);
    for (let n = 2; this.paths.has(path); n++) path = `${childPath(parent, input.segment)}#${n}`;
    this.paths.add(path);
    const node: Node = {
      path,
      number: input.number,
      heading: input.heading,
      kind: input.kind,
      type: input.type,
      parent,
      children: [],
      text: input.text,
      sources: input.source ? [input.source] : input.text.length ? [input.text.span(this.file)] : [],
      headingOnly: false,
      fields: null,
      value: input.value ?? null,
    };
    parent?.children.push(node);
    this.nodes.push(node);
    return node;
  }

  finish(): BuiltClause[] {
    this.mergeLoneParagraphs();
    const live = this.nodes.filter((n) => !n.removed);
    const ids = new Map(live.map((n) => [n, clauseId(this.docId, n.path)]));
    return live.map((node, ordinal) => ({
      text: node.text,
      clause: {
        id: ids.get(node)!,
        docId: this.docId,
        path: node.path,
        number: node.number,
        heading: node.heading,
        text: node.text.text,
        ordinal,
        depth: depthOf(node),
        parentId: node.parent ? ids.get(node.parent)! : null,
        kind: node.kind,
        fields: node.fields,
        sources: node.sources,
      },
    }));
  }

  /** "（一）指导思想。" followed by one paragraph is one clause: the item with its text. */
  private mergeLoneParagraphs(): void {
    for (const node of this.nodes) {
      if (!node.headingOnly || node.removed || node.children.length !== 1) continue;
      const child = node.children[0];
      if (child.kind !== 'paragraph' || child.children.length > 0) continue;
      const separator = new SourceText('\n', [node.text.end]);
      node.text = node.text.concat(separator).concat(child.text);
      const [first, ...more] = child.sources;
      const own = node.sources[0];
      if (own && first && first.start >= own.end) own.end = first.end;
      else if (first) node.sources.push(first);
      node.sources.push(...more);
      node.children = [];
      node.headingOnly = false;
      child.removed = true;
    }
  }
}

function childPath(parent: Node | null, segment: string): string {
  return parent ? `${parent.path}/${segment}` : segment;
}

function ancestry(node: Node | null): Node[] {
  const chain: Node[] = [];
  for (let n = node; n; n = n.parent) chain.unshift(n);
  return chain;
}

/** Two headings of one item: equal once normalised, or one cut short of the other. */
function sameHeading(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  const [x, y] = [matchKey(a), matchKey(b)];
  return x === y || x.startsWith(y) || y.startsWith(x);
}

function depthOf(node: Node): number {
  let depth = 0;
  for (let p = node.parent; p; p = p.parent) depth++;
  return depth;
}
