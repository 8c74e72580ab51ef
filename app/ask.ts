// Use case: ask — a question answered with structured facts when the graph holds them — who is responsible
// (agencies with roles and deadlines from ASSIGNS) or what the targets are (a comparison of SETS
// targets across documents) — and otherwise with the best passages; always with evidence clauses.
import { z } from 'zod';
import { PolicyGraphError } from '../graph/errors.js';
import { citationOf } from '../graph/ids.js';
import { levelOrder } from '../graph/model.js';
import type { TargetRow } from '../graph/store.js';
import type { Candidate } from '../search/hybrid-retriever.js';
import type { UnderstoodQuery } from '../search/query-understanding.js';
import type { SearchResult } from '../search/types.js';
import { SUGGESTED_THRESHOLD } from '../search/absolute-score.js';
import type { SearchService } from '../search/service.js';
import { requireSearch, type Engines } from './engines.js';
import { findResponsibleAgencies } from './responsibilities.js';
import { MAX_QUERY_CHARS, QueryText } from './fields.js';

export const AskRequestSchema = z.object({ question: QueryText.describe('the question, e.g. "到2020年全国信息消费规模目标是多少？"') }).strict();
export type AskRequest = z.input<typeof AskRequestSchema>;

export interface AskAnswer {
  question: string;
  /** What kind of structured answer the graph could give, if any. */
  kind: 'responsibility' | 'targets' | 'passages';
  summary: string;
  responsibilities?: { agency: string; role: 'lead' | 'support'; deadline: string | null; clauseId: string; citation: string }[];
  targets?: { metric: string; value: string; year: number | null; document: string; docNumber: string | null; region: string | null; citation: string; clauseId: string }[];
  evidence: SearchResult[];
}

const RESPONSIBILITY =
  /谁|哪个部门|哪些部门|哪个单位|哪些单位|哪家|负责|牵头|责任单位|职责|分工|\bwho\b|\bwhich\s+(ministr|agenc|department|bod|authorit|government)|responsib|in charge|\blead(s|ing)?\b/i;
const TARGETS = /目标|多少|指标|达到|规模|比例|覆盖率|多大|几成|\btargets?\b|\bgoals?\b|how (much|many|large|big)|what share|percent/i;
const EVIDENCE = 5;
/** An evidence clause of a "who" answer must match the question this well (absolute score, search/absolute-score.ts). */
const TASK_MATCH = SUGGESTED_THRESHOLD;

export function classifyQuestion(question: string): AskAnswer['kind'] {
  if (RESPONSIBILITY.test(question)) return 'responsibility';
  if (TARGETS.test(question)) return 'targets';
  return 'passages';
}

export async function answerQuestion(engines: Engines, request: AskRequest): Promise<AskAnswer> {
  const question = request?.question;
  const text = typeof question === 'string' ? question.trim() : '';
  if (!text) throw new PolicyGraphError('BAD_REQUEST', 'the question is empty');
  if (text.length > MAX_QUERY_CHARS) throw new PolicyGraphError('BAD_REQUEST', `the question is ${text.length} characters long; the limit is ${MAX_QUERY_CHARS}`);
  const backend = requireSearch(engines);
  const understood = backend.understander.understand(text);
  const kind = classifyQuestion(text);
  if (kind === 'responsibility') {
    const answer = await responsibilities(engines, backend, text, understood);
    if (answer) return answer;
  }
  if (kind === 'targets') {
    const answer = await targets(backend, text, understood);
    if (answer) return answer;
  }
  return passages(backend, text);
}

/**
 * Who is responsible, from the one "who" (app/responsibilities.ts): the clauses it finds for the
 * question, ranked by how well they match it; only when it finds none, the best-matching clauses
 * that assign any agency.
 */
async function responsibilities(engines: Engines, backend: SearchService, question: string, understood: UnderstoodQuery): Promise<AskAnswer | null> {
  const who = await findResponsibleAgencies(engines, { task: question });
  const assigning = new Set(who.rows.map((r) => r.clause.id));
  // only clauses about the task answer who does it: an assignment that merely resembles the
  // question (another project of the same table) would name agencies responsible for something else
  const minimum = backend.scoresAreAbsolute === false ? 0 : TASK_MATCH;
  const aboutTheTask = (j: { result: SearchResult; context: { agencies: unknown[] } }) => j.context.agencies.length > 0 && j.result.score >= minimum;
  let joined = assigning.size ? (await rankedEvidence(backend, question, understood, (id) => assigning.has(id), assigning.size)).filter(aboutTheTask) : [];
  if (!joined.length) joined = (await rankedEvidence(backend, question, understood, (id) => backend.catalog.assignsAgencies(id), 0)).filter(aboutTheTask);
  const rows = joined.flatMap(({ result, context }) =>
    context.agencies.map((a) => ({ agency: a.agency.name, role: a.role, deadline: a.deadline, clauseId: result.clause.id, citation: result.citation })),
  );
  if (!rows.length) return null;
  // the summary speaks for the best-matching clause; the table carries every evidence clause
  const top = rows.filter((r) => r.clauseId === rows[0].clauseId);
  const names = (role: 'lead' | 'support') =>
    top
      .filter((r) => r.role === role)
      .map((r) => (r.deadline ? `${r.agency}（${r.deadline}）` : r.agency))
      .join('、');
  const lead = names('lead');
  const support = names('support');
  const summary = [lead && `牵头：${lead}`, support && `配合：${support}`].filter(Boolean).join('；') + `（${top[0].citation}）`;
  return { question, kind: 'responsibility', summary, responsibilities: rows, evidence: joined.map((j) => j.result) };
}

async function rankedEvidence(backend: SearchService, question: string, understood: UnderstoodQuery, filter: (id: string) => boolean, size: number) {
  const candidates = await backend.retrieve(question, { mode: 'hybrid', pool: Math.max(50, size), filter, understood });
  return backend.join(candidates, EVIDENCE, undefined, understood);
}

async function targets(backend: SearchService, question: string, understood: UnderstoodQuery): Promise<AskAnswer | null> {
  const candidates = await backend.retrieve(question, { mode: 'hybrid', pool: 50, filter: (id) => backend.catalog.setsTargets(id), understood });
  const joined = await backend.join(candidates, EVIDENCE, undefined, understood);
  const wanted = [question, ...understood.expansions].join(' ');
  let metric: string | null = null;
  let best = -Infinity;
  joined.forEach(({ context }, rank) => {
    for (const t of context.targets) {
      const score = overlap(t.metric, wanted) + 0.5 / (rank + 1);
      if (score > best) {
        best = score;
        metric = t.metric;
      }
    }
  });
  if (!metric) return null;
  const years = understood.understood.years;
  const regions = understood.understood.regions;
  const rows = dedupe((await backend.store.listTargets(metric)).filter((r) => r.metric === metric));
  // what the question asks about first (its year, its region), then national before provincial, by year
  const rank = (r: TargetRow) =>
    (years.length && r.year !== null && years.includes(r.year) ? 0 : 2) + (regions.some((g) => r.region?.includes(g.replace(/省|市$/, ''))) ? 0 : 1);
  rows.sort((a, b) => rank(a) - rank(b) || levelOrder(a.level) - levelOrder(b.level) || (a.year ?? 9999) - (b.year ?? 9999));
  const table = rows.map((r) => ({
    metric: r.metric,
    value: r.value,
    year: r.year,
    document: r.title,
    docNumber: r.docNumber,
    region: r.region,
    citation: citationOf(r, r.path),
    clauseId: r.clauseId,
  }));
  const retrieved = new Map(candidates.map((c) => [c.id, c]));
  const evidenceCandidates: Candidate[] = [...new Set(table.map((t) => t.clauseId))].map(
    (id) => retrieved.get(id) ?? { id, score: 0, why: { dense: null, lexical: null, graph: [] } },
  );
  const evidence = await backend.join(evidenceCandidates, evidenceCandidates.length, undefined, understood);
  const summary = `${metric}：` + table.map((t) => `${t.value}（${[t.year ? `${t.year}年` : null, t.region, t.docNumber ?? `《${t.document}》`].filter(Boolean).join('，')}）`).join('；');
  return { question, kind: 'targets', summary, targets: table, evidence: evidence.map((e) => e.result) };
}

async function passages(backend: SearchService, question: string): Promise<AskAnswer> {
  const response = await backend.search({ query: question, k: EVIDENCE });
  const top = response.results[0];
  const summary = top ? `最相关的条款：${top.citation}${top.highlights[0] ? `：${top.highlights[0]}` : ''}` : '没有找到相关条款。';
  return { question, kind: 'passages', summary, evidence: response.results };
}

/** Share of the metric's character bigrams found in the text (metrics are short Chinese phrases). */
function overlap(metric: string, text: string): number {
  const grams = new Set<string>();
  const m = metric.replace(/\s+/g, '');
  for (let i = 0; i + 1 < m.length; i++) grams.add(m.slice(i, i + 2));
  if (!grams.size) return text.includes(m) ? 1 : 0;
  let hit = 0;
  for (const g of grams) if (text.includes(g)) hit++;
  return hit / grams.size;
}

/** The same target stated twice in one document (a repeated passage) is one row. */
function dedupe(rows: TargetRow[]): TargetRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.docId}|${r.value}|${r.year}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
