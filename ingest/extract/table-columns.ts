// What a task-table column holds, from its header: 负责单位 / 牵头责任单位 → lead agencies,
// 配合单位 → supporting agencies, 时限要求 → deadline, 工作任务 → the task itself.
import type { Clause } from '../../graph/model.js';

export type ColumnRole = 'number' | 'task' | 'lead' | 'support' | 'deadline' | 'other';

export function columnRole(header: string): ColumnRole {
  const h = header.replace(/\s+/g, '');
  if (/^(序号|编号|序|号)$/.test(h)) return 'number';
  if (/配合|协办|协助|参与单位|协同单位/.test(h)) return 'support';
  if (/牵头|负责|责任单位|主办|主责|承办/.test(h)) return 'lead';
  if (/时限|期限|时间|完成时|进度|节点/.test(h)) return 'deadline';
  if (/任务|事项|内容|措施|工作|目标|项目/.test(h)) return 'task';
  return 'other';
}

export interface TableRow {
  task: string;
  lead: { header: string; cell: string }[];
  support: { header: string; cell: string }[];
  deadline: string | null;
}

/** The structured reading of a task-table row, or null when the clause is not one. */
export function readTableRow(clause: Clause): TableRow | null {
  if (clause.kind !== 'table-row' || !clause.fields) return null;
  const row: TableRow = { task: '', lead: [], support: [], deadline: null };
  const task: string[] = [];
  for (const [header, value] of Object.entries(clause.fields)) {
    const cell = value.trim();
    if (!cell) continue;
    const role = columnRole(header);
    if (role === 'task') task.push(cell);
    else if (role === 'lead' || role === 'support') row[role].push({ header, cell });
    else if (role === 'deadline') row.deadline = cell;
  }
  row.task = task.join('；');
  return row;
}
