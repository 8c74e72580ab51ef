// Use case: the one "who is responsible for X?" of every face (CLI who, GET /v1/responsibilities,
// MCP who_is_responsible). Answered from the graph alone: the clauses that mention the themes the
// query names (自动驾驶 → 智能网联汽车) or whose text contains the task, their ASSIGNS edges (via
// GraphStore.expand), and — for a body clause without assignments — the task-table rows that
// REPEAT it. Deterministic; no search index needed.
import { z } from 'zod';
import { loadDictionaries, type Dictionaries } from '../dictionaries/dictionaries.js';
import { PolicyGraphError } from '../graph/errors.js';
import { citationOf } from '../graph/ids.js';
import type { Clause, Level } from '../graph/model.js';
import type { ClauseContext } from '../graph/store.js';
import type { Engines } from './engines.js';
import { MAX_QUERY_CHARS, Name, parseRequest } from './fields.js';

export const ResponsibilitiesRequestSchema = z
  .object({
    task: z.string().max(MAX_QUERY_CHARS).describe('a task (推进农业物联网区域试验工程), a theme (5G, connected vehicles) or a question naming one'),
    region: Name.optional().describe('only documents of this region (四川省), or 全国 for national ones'),
  })
  .strict();

export type ResponsibilitiesRequest = z.input<typeof ResponsibilitiesRequestSchema>;

export interface ResponsibilityRow {
  agency: { id: string; name: string; level: string; region: string | null; successor: string | null };
  role: 'lead' | 'support';
  deadline: string | null;
  openEnded: boolean;
  clause: { id: string; path: string; kind: Clause['kind']; text: string };
  document: { id: string; title: string; docNumber: string | null; region: string | null; level: Level; year: number | null };
  /** 国发〔2017〕40号 · 附件/12 */
  citation: string;
  /** How the clause was found: it mentions a theme of the query, contains the task, or is a table row repeating such a clause. */
  via: 'theme' | 'task' | 'repeats';
  /** For a table row, the body clause it repeats (when that is how it was found). */
  repeats: { id: string; path: string } | null;
}

export interface AgencyResponsibility {
  agency: ResponsibilityRow['agency'];
  lead: number;
  support: number;
  deadlines: string[];
  citations: string[];
}

export interface ResponsibilityAnswer {
  query: string;
  themes: string[];
  /** The task words matched against clause text (the query without question words). */
  task: string;
  agencies: AgencyResponsibility[];
  rows: ResponsibilityRow[];
}

const QUESTION_WORDS =
  /由谁负责|谁负责|谁牵头|是谁|哪些部门|哪个部门|哪些单位|哪个单位|哪些机构|负责部门|负责单位|牵头部门|牵头单位|责任单位|谁|[？?！!。，,]|\b(who|which|ministries|agencies|is|are|responsible|for|leads?|in charge of)\b/gi;
/** Share of the task's character bigrams a clause must contain to count as stating the task. */
const TASK_MATCH = 0.8;

/**
 * Where the clauses come from: the search index's catalog when one is loaded (in memory: texts and
 * theme links, no store read), else the store itself (the CLI's `who` opens no index).
 */
interface ClauseSource {
  /** Ids of the clauses whose text states the task (bigram containment ≥ TASK_MATCH), by id. */
  stating(task: string): Promise<string[]>;
  /** Ids of the clauses that mention any of the themes (by name; still filtered by store.expand). */
  mentioning(themes: string[]): Promise<string[]>;
}

function clauseSource(engines: Pick<Engines, 'store'> & Partial<Pick<Engines, 'search'>>): ClauseSource {
  const catalog = engines.search?.catalog;
  if (catalog) {
    return {
      stating: async (task) => statingIds(task, catalog.allClauses()),
      mentioning: async (themes) => [...new Set(themes.flatMap((t) => catalog.clausesWithTheme(t)))].sort(),
    };
  }
  let all: Promise<{ id: string; text: string }[]> | null = null;
  const clauses = () => (all ??= engines.store.allClauses());
  return {
    stating: async (task) => statingIds(task, await clauses()),
    // the themes' MENTIONS edges, not every clause: expanding 100k clauses to filter them took 40 s
    mentioning: async (themes) => {
      const wanted = new Set(themes);
      const ids = new Set<string>();
      for (const theme of (await engines.store.listThemes()).filter((t) => wanted.has(t.name))) {
        for (const e of (await engines.store.neighbourhood(theme.id, 1)).edges) if (e.type === 'MENTIONS' && e.to === theme.id) ids.add(e.from);
      }
      return [...ids].sort();
    },
  };
}

/** The clauses that state the task: nearly all of its character bigrams occur in the text. Sorted by id, so both sources agree. */
function statingIds(task: string, clauses: Iterable<{ id: string; text: string }>): string[] {
  const wanted = bigrams(task);
  if (wanted.size < 2) return [];
  const needed = Math.ceil(wanted.size * TASK_MATCH - 1e-9);
  // no bigram set per clause: each test stops once the threshold is met or out of reach
  const ids: string[] = [];
  for (const c of clauses) if (containsEnough(wanted, needed, c.text)) ids.push(c.id);
  return ids.sort();
}

export async function findResponsibleAgencies(
  engines: Pick<Engines, 'store'> & Partial<Pick<Engines, 'search'>>,
  request: ResponsibilitiesRequest,
  dicts: Dictionaries = loadDictionaries(),
): Promise<ResponsibilityAnswer> {
  const { task: query, region } = parseRequest(ResponsibilitiesRequestSchema, request, 'responsibilities');
  const store = engines.store;
  const text = query.trim();
  if (!text) throw new PolicyGraphError('BAD_REQUEST', 'say what task or theme to look up, e.g. "5G商用"');
  const task = text.replace(QUESTION_WORDS, ' ').replace(/\s+/g, ' ').trim();
  const themes = [...new Set(dicts.match(task, { kinds: ['theme'], synonyms: true }).map((m) => m.entity.name))];
  const source = clauseSource(engines);

  // 1. clauses that state the task (推进农业物联网区域试验工程), and the table rows repeating them
  const rows: ResponsibilityRow[] = [];
  const taskIds = await source.stating(task);
  const taskContexts = await store.expand(taskIds);
  for (const ctx of taskContexts) rows.push(...rowsOf(ctx, 'task', null));
  // every body clause without agencies at once: one REPEATS lookup and one expand, not one per clause
  const bodies = new Map(taskContexts.filter((ctx) => !ctx.agencies.length && ctx.clause.kind !== 'table-row').map((ctx) => [ctx.clause.id, ctx.clause]));
  const stated = new Set(taskIds);
  // a row repeating several bodies is reported under the first by id, whatever order the engine returns edges in
  const repeatedBody = new Map<string, string>();
  for (const e of await store.repeatingClauses([...bodies.keys()])) {
    const earlier = repeatedBody.get(e.from);
    if (!stated.has(e.from) && (earlier === undefined || e.to < earlier)) repeatedBody.set(e.from, e.to);
  }
  for (const ctx of await store.expand([...repeatedBody.keys()])) {
    // a row repeating a long body clause may carry another of its tasks: keep rows about this one
    if (containment(task, ctx.clause.text) < TASK_MATCH / 2) continue;
    const body = bodies.get(repeatedBody.get(ctx.clause.id)!)!;
    rows.push(...rowsOf(ctx, 'repeats', { id: body.id, path: body.path }));
  }
  // 2. failing that, the clauses that mention a theme the query names (5G商用, connected vehicles)
  if (!rows.length && themes.length) {
    for (const ctx of await store.expand(await source.mentioning(themes), { theme: themes })) rows.push(...rowsOf(ctx, 'theme', null));
  }
  const kept = region ? rows.filter((r) => (region === '全国' ? r.document.level === 'national' : r.document.region === region)) : rows;
  kept.sort((a, b) => a.document.id.localeCompare(b.document.id) || a.clause.id.localeCompare(b.clause.id) || roleOrder(a.role) - roleOrder(b.role));
  return { query: text, themes, task, agencies: summarise(kept), rows: kept };
}

function rowsOf(ctx: ClauseContext, via: ResponsibilityRow['via'], repeats: ResponsibilityRow['repeats']): ResponsibilityRow[] {
  const d = ctx.document;
  const citation = citationOf(d, ctx.clause.path);
  return ctx.agencies.map((a) => ({
    agency: { id: a.agency.id, name: a.agency.name, level: a.agency.level, region: a.agency.region, successor: a.agency.successor },
    role: a.role,
    deadline: a.deadline,
    openEnded: a.openEnded,
    clause: { id: ctx.clause.id, path: ctx.clause.path, kind: ctx.clause.kind, text: ctx.clause.text },
    document: { id: d.id, title: d.title, docNumber: d.docNumber, region: d.region, level: d.level, year: d.year },
    citation,
    via,
    repeats,
  }));
}

/** One line per agency: leads first, then by how often it is named. */
function summarise(rows: ResponsibilityRow[]): AgencyResponsibility[] {
  const byAgency = new Map<string, AgencyResponsibility>();
  for (const r of rows) {
    const entry = byAgency.get(r.agency.id) ?? { agency: r.agency, lead: 0, support: 0, deadlines: [], citations: [] };
    entry[r.role]++;
    if (r.deadline && !entry.deadlines.includes(r.deadline)) entry.deadlines.push(r.deadline);
    if (!entry.citations.includes(r.citation)) entry.citations.push(r.citation);
    byAgency.set(r.agency.id, entry);
  }
  return [...byAgency.values()].sort((a, b) => b.lead - a.lead || b.support - a.support || a.agency.name.localeCompare(b.agency.name));
}

const roleOrder = (role: string) => (role === 'lead' ? 0 : 1);

function bigrams(s: string): Set<string> {
  const clean = s.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
  const set = new Set<string>();
  for (let i = 0; i + 1 < clean.length; i++) set.add(clean.slice(i, i + 2));
  return set;
}

/** Whether `whole` holds at least `needed` of the bigrams in `wanted` (containment ≥ needed / wanted.size). */
function containsEnough(wanted: Set<string>, needed: number, whole: string): boolean {
  const clean = whole.toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
  let hit = 0;
  let left = wanted.size;
  for (const g of wanted) {
    if (clean.includes(g)) hit++;
    left--;
    if (hit >= needed) return true;
    if (hit + left < needed) return false;
  }
  return hit >= needed;
}

function containment(part: string, whole: string): number {
  const a = bigrams(part);
  if (!a.size) return 0;
  const b = bigrams(whole);
  let hit = 0;
  for (const g of a) if (b.has(g)) hit++;
  return hit / a.size;
}
