// Clause-ASSIGNS {role, deadline, openEnded, evidence}->Agency from task tables (负责单位 /
// 牵头责任单位 / 配合单位 / 时限要求 columns) and from notes in the text (（X牵头，Y等配合）,
// 由X负责, X联合牵头, 以X为牵头单位); Clause-REPEATS->Clause from a table row to the body clause
// whose task it repeats. "等" after a list makes it open-ended.
import type { Dictionaries } from '../../dictionaries/dictionaries.js';
import type { Clause, PolicyDocument } from '../../graph/model.js';
import { agenciesInList, LIST_SEPARATOR, type NamedAgency } from './agency-names.js';
import { documentRegion } from './document-region.js';
import { FactSet } from './facts.js';
import { containment, maskCitations, splitSentences } from './spans.js';
import { columnRole, readTableRow } from './table-columns.js';

type Role = 'lead' | 'support';

const LEAD_WORDS = '为牵头单位|联合牵头|共同牵头|牵头|负责';
const SUPPORT_WORDS = '配合|协助|协办';
/** A labelled list inside a note: 责任单位：…, 牵头单位：…；配合单位：… (labels read like table headers). */
const LABELLED = /^([\u4e00-\u9fa5]{2,8})[:：](.+)$/;
const NOTE = new RegExp(`[（(]([^（）()]*?(?:${LEAD_WORDS}|${SUPPORT_WORDS}|责任单位|单位[:：])[^（）()]*)[）)]`, 'g');
const KEYWORD = new RegExp(`(${LEAD_WORDS}|${SUPPORT_WORDS})(?!人)`, 'g');
const CAPTION_DEADLINE = /(截至|截止|到|至)\s*((?:19|20)\d{2})\s*年(底|末)?/;
/** A table row repeats a body clause when this share of its task's bigrams occur in the clause. */
const REPEAT_THRESHOLD = 0.75;

const roleOf = (keyword: string): Role => (new RegExp(`^(${SUPPORT_WORDS})$`).test(keyword) ? 'support' : 'lead');

export function extractResponsibilities(clauses: Clause[], documents: PolicyDocument[], dicts: Dictionaries): FactSet {
  const facts = new FactSet();
  const docs = new Map(documents.map((d) => [d.id, d]));
  const byDoc = groupByDocument(clauses);
  for (const [docId, docClauses] of byDoc) {
    const doc = docs.get(docId);
    const region = doc ? documentRegion(doc, dicts)?.name ?? null : null;
    const level = doc?.level ?? 'unknown';
    const captionDeadline = tableCaptionDeadline(docClauses);
    const body = docClauses.filter((c) => c.kind !== 'table-row');
    for (const clause of docClauses) {
      const assign = (named: NamedAgency[], role: Role, deadline: string | null, openEnded: boolean, evidence: string) => {
        for (const { agency } of named) {
          facts.addAgency(agency);
          facts.addEdge('ASSIGNS', clause.id, agency.id, { role, deadline, openEnded, evidence });
        }
      };
      const row = readTableRow(clause);
      if (row) {
        const deadline = row.deadline ?? captionDeadline;
        for (const role of ['lead', 'support'] as const) {
          for (const { cell } of row[role]) assign(agenciesInList(cell, dicts, region, level), role, deadline, /等/.test(cell), cell);
        }
        for (const repeated of repeatedClauses(row.task, body)) facts.addEdge('REPEATS', clause.id, repeated.id);
        continue;
      }
      for (const note of responsibilityNotes(clause.text, dicts, region, level)) {
        assign(note.agencies, note.role, null, note.openEnded, note.evidence);
      }
    }
  }
  return facts;
}

export interface ResponsibilityNote {
  role: Role;
  agencies: NamedAgency[];
  openEnded: boolean;
  /** The exact text naming the agencies and their role. */
  evidence: string;
}

/** Responsibilities stated in running text. */
export function responsibilityNotes(text: string, dicts: Dictionaries, region: string | null, level: PolicyDocument['level']): ResponsibilityNote[] {
  const masked = maskCitations(text, dicts);
  const notes: ResponsibilityNote[] = [];
  const inNote: [number, number][] = [];
  // (省经济和信息化委、省发展改革委牵头，省环保厅等配合): every part of the note is "list + role word"
  for (const m of masked.matchAll(NOTE)) {
    inNote.push([m.index!, m.index! + m[0].length]);
    let offset = m.index! + 1;
    for (const part of m[1].split(/([，；,;])/)) {
      const partStart = offset;
      offset += part.length;
      const labelled = LABELLED.exec(part.trim());
      const column = labelled ? columnRole(labelled[1]) : null;
      if (labelled && (column === 'lead' || column === 'support')) {
        const agencies = agenciesInList(labelled[2], dicts, region, level);
        const evidenceStart = partStart + part.indexOf(part.trim());
        if (agencies.length) notes.push({ role: column, agencies, openEnded: /等\s*$/.test(labelled[2]), evidence: text.slice(evidenceStart, evidenceStart + part.trim().length) });
        continue;
      }
      const role = new RegExp(`^(.*?)(${LEAD_WORDS}|${SUPPORT_WORDS})$`).exec(part.trim());
      if (!role) continue;
      const listText = role[1].replace(/^(由|以)/, '');
      const agencies = agenciesInList(listText, dicts, region, level);
      if (agencies.length === 0) continue;
      const evidenceStart = partStart + part.indexOf(part.trim());
      notes.push({ role: roleOf(role[2]), agencies, openEnded: /等\s*$/.test(role[1]), evidence: text.slice(evidenceStart, evidenceStart + part.trim().length) });
    }
  }
  // 由X负责 / X联合牵头 / 以X为牵头单位 in running text: dictionary agencies right before the role word
  const matches = dicts.match(masked, { kinds: ['agency'], region });
  for (const m of masked.matchAll(KEYWORD)) {
    const at = m.index!;
    if (inNote.some(([s, e]) => at >= s && at < e)) continue;
    const before = masked.slice(0, at);
    const trail = /(等)?(联合|共同|分别)?$/.exec(before)!;
    let end = at - trail[0].length;
    const list: typeof matches = [];
    for (let i = matches.length - 1; i >= 0; i--) {
      const candidate = matches[i];
      if (candidate.end > end) continue;
      if (candidate.end < end) {
        const gap = masked.slice(candidate.end, end);
        if (!list.length || !new RegExp(`^\\s*(${LIST_SEPARATOR.source})\\s*$`).test(gap)) break;
      }
      list.unshift(candidate);
      end = candidate.start;
    }
    if (!list.length) continue;
    notes.push({
      role: roleOf(m[1]),
      agencies: list.map((l) => ({ agency: l.entity as NamedAgency['agency'], surface: l.surface, start: l.start, end: l.end })),
      openEnded: Boolean(trail[1]),
      evidence: text.slice(list[0].start, at + m[1].length),
    });
  }
  return notes;
}

/** 附件 captions such as （有关任务目标截至2020年） give every row of the table a deadline. */
function tableCaptionDeadline(docClauses: Clause[]): string | null {
  const firstRow = docClauses.findIndex((c) => c.kind === 'table-row');
  if (firstRow < 0) return null;
  const parentId = docClauses[firstRow].parentId;
  const nearby = docClauses.slice(Math.max(0, firstRow - 4), firstRow).concat(docClauses.filter((c) => c.id === parentId));
  for (const clause of nearby) {
    for (const text of [clause.heading ?? '', clause.text]) {
      if (text.length > 80) continue;
      const m = CAPTION_DEADLINE.exec(text);
      if (m) return m[0].replace(/\s+/g, '');
    }
  }
  return null;
}

/** The body clauses a row's task repeats: each sentence of the task is looked for on its own. */
function repeatedClauses(task: string, body: Clause[]): Clause[] {
  const sentences = splitSentences(task).map((s) => s.text).filter((s) => s.replace(/[\s\p{P}]/gu, '').length >= 6);
  const found = new Map<string, Clause>();
  for (const sentence of sentences.length ? sentences : [task]) {
    const best = bestContaining(sentence, body);
    if (best) found.set(best.id, best);
  }
  return [...found.values()];
}

function bestContaining(text: string, body: Clause[]): Clause | null {
  if (text.replace(/\s/g, '').length < 6) return null;
  let best: Clause | null = null;
  let bestScore = 0;
  for (const clause of body) {
    const score = containment(text, clause.text);
    // ties go to the shorter, more specific clause
    if (score > bestScore + 1e-9 || (best && Math.abs(score - bestScore) < 1e-9 && clause.text.length < best.text.length)) {
      best = clause;
      bestScore = score;
    }
  }
  return bestScore >= REPEAT_THRESHOLD ? best : null;
}

function groupByDocument(clauses: Clause[]): Map<string, Clause[]> {
  const byDoc = new Map<string, Clause[]>();
  for (const clause of clauses) {
    const list = byDoc.get(clause.docId) ?? [];
    list.push(clause);
    byDoc.set(clause.docId, list);
  }
  for (const list of byDoc.values()) list.sort((a, b) => a.ordinal - b.ordinal);
  return byDoc;
}
