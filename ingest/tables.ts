// Reads 附件 task tables: one row per line with tab-separated cells (序号\t工作任务\t牵头责任单位…), or one
// cell per line with rows separated by blank lines (tables pasted from Word). The header row names the fields.
import type { Line } from './types.js';
import type { TableRowInput } from './clause-tree.js';
import { cleanMapped } from './text.js';
import { SourceText } from './unit.js';

export interface ParsedTable {
  header: string[] | null;
  headerLines: Line[];
  rows: TableRowInput[];
  /** Lines consumed by the table. */
  consumed: number;
}

export function isTableLine(line: Line): boolean {
  return line.raw.includes('\t');
}

/** Reads the table that starts at lines[from]; stops at the first line that is not part of it. */
export function readTable(lines: Line[], from: number): ParsedTable {
  let end = from;
  while (end < lines.length && isTableLine(lines[end])) end++;
  const tableLines = lines.slice(from, end);
  const rowsOfCells = cellsPerLine(tableLines) ? groupCellLines(tableLines) : tableLines.map((line) => [line]);
  const rows = rowsOfCells.map((group) => group.flatMap(cellsOf));
  let header: string[] | null = null;
  let headerLines: Line[] = [];
  if (rows.length && !/^\d+$/.test(rows[0][0]?.text ?? '')) {
    header = rows[0].map((c) => c.text);
    headerLines = rowsOfCells[0];
    rows.shift();
    rowsOfCells.shift();
  }
  const columns = header ?? rows[0]?.map((_, i) => (i === 0 ? '序号' : `列${i + 1}`)) ?? [];
  const parsed: TableRowInput[] = rows
    .filter((cells) => cells.length > 1)
    .map((cells) => {
      const fields: Record<string, string> = {};
      cells.forEach((cell, i) => (fields[columns[i] ?? `列${i + 1}`] = cell.text));
      const number = /^\d+$/.test(cells[0].text) ? cells[0].text : String(rows.indexOf(cells) + 1);
      const body = cells.slice(/^\d+$/.test(cells[0].text) ? 1 : 0);
      // the row's text: its cells with their column names, so a search for an agency finds its tasks
      let text = new SourceText('', []);
      body.forEach((cell, i) => {
        const label = columns[cells.indexOf(cell)] ?? '';
        const separator = i === 0 || /[。；]$/.test(text.text) ? '' : '；';
        const prefix = `${separator}${label}：`;
        text = text.concat(new SourceText(prefix, Array(prefix.length).fill(cell.start))).concat(cell);
      });
      return { number, cells: fields, text, start: cells[0].start, end: cells[cells.length - 1].end };
    });
  return { header, headerLines, rows: parsed, consumed: end - from };
}

/** Word tables pasted as text put each cell on its own line, indented by a tab. */
function cellsPerLine(lines: Line[]): boolean {
  return lines.every((line) => line.raw.replace(/^\t+/, '').split('\t').filter((c) => c.trim()).length <= 1);
}

function groupCellLines(lines: Line[]): Line[][] {
  const groups: Line[][] = [];
  for (const line of lines) {
    if (!groups.length || line.blankBefore > 0) groups.push([line]);
    else groups[groups.length - 1].push(line);
  }
  return groups;
}

function cellsOf(line: Line): SourceText[] {
  const cells: SourceText[] = [];
  let offset = 0;
  for (const part of line.raw.split('\t')) {
    const cell = SourceText.from(cleanMapped(part, line.rawStart + offset));
    if (cell.length) cells.push(cell);
    offset += part.length + 1;
  }
  return cells;
}
