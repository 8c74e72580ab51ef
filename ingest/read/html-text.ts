// Turns an HTML element into plain text lines: each paragraph-like block is a line, each table row a
// line of tab-separated cells (what ingest/tables.ts reads), inline markup flattened.

const BLOCK = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'BLOCKQUOTE', 'PRE', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'CENTER', 'FIGURE', 'FIGCAPTION', 'ADDRESS', 'HR', 'CAPTION', 'TBODY', 'THEAD', 'TFOOT',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'IFRAME', 'CANVAS', 'SVG', 'BUTTON', 'SELECT', 'OBJECT']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** The lines of `root`, blank lines dropped, whitespace runs collapsed. */
export function htmlLines(root: DomNode): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    const line = current.replace(/\s+/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 || SKIP.has(node.nodeName)) return;
    if (node.nodeName === 'BR') return flush();
    if (node.nodeName === 'TR') {
      flush();
      const cells = [...(node.childNodes as ArrayLike<DomNode> & Iterable<DomNode>)]
        .filter((c) => c.nodeName === 'TD' || c.nodeName === 'TH')
        .map((cell) => htmlLines(cell).join(' '));
      // a row of one cell is layout or a caption, not a table row
      const row = cells.filter((c, i) => c || i < cells.length - 1).join('\t').replace(/\t+$/, '');
      if (row.replace(/\t/g, '').trim()) lines.push(cells.filter(Boolean).length > 1 ? row : row.replace(/\t/g, ' ').trim());
      return;
    }
    const block = BLOCK.has(node.nodeName) || node.nodeName === 'TABLE';
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines;
}
