// who_is_responsible: the agencies that lead or support a task, with deadlines and the clauses
// that assign them. The search service's ask() answers responsibility questions from the graph's
// ASSIGNS edges on the clauses that match the task best; when it finds none, the agencies on the
// top search hits are tallied, weighted by how well each hit matches.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { SearchService } from '../../search/types.js';
import type { GraphStore } from '../../graph/store.js';
import { requireSearch } from '../routes/context.js';
import { asToolResult, clip, decodeCursor, pageOf } from './format.js';
import { presentResult } from './present.js';
import { guarded, type McpDeps } from './tool-support.js';

interface Assignment {
  agency: string;
  role: 'lead' | 'support';
  deadline: string | null;
  clauseId: string;
  citation: string;
  text: string;
  /** How well the assigning clause matches the task (1 for the best). */
  weight: number;
}

interface AgencyAnswer {
  agency: string;
  lead_in: number;
  support_in: number;
  deadlines: string[];
  evidence: { citation: string; clause_id: string; role: string; deadline: string | null; text: string }[];
}

/** Groups assignments by agency; agencies that lead come first, then by matched weight. */
export function groupByAgency(assignments: Assignment[]): AgencyAnswer[] {
  const groups = new Map<string, { answer: AgencyAnswer; score: number; leadScore: number }>();
  for (const a of assignments) {
    const g = groups.get(a.agency) ?? { answer: { agency: a.agency, lead_in: 0, support_in: 0, deadlines: [], evidence: [] }, score: 0, leadScore: 0 };
    if (g.answer.evidence.some((e) => e.clause_id === a.clauseId)) continue;
    if (a.role === 'lead') {
      g.answer.lead_in++;
      g.leadScore += a.weight;
    } else g.answer.support_in++;
    g.score += a.weight;
    if (a.deadline && !g.answer.deadlines.includes(a.deadline)) g.answer.deadlines.push(a.deadline);
    if (g.answer.evidence.length < 3) g.answer.evidence.push({ citation: a.citation, clause_id: a.clauseId, role: a.role, deadline: a.deadline, text: clip(a.text, 200) });
    groups.set(a.agency, g);
  }
  return [...groups.values()].sort((x, y) => y.leadScore - x.leadScore || y.score - x.score).map((g) => g.answer);
}

async function fromAsk(search: SearchService, store: GraphStore, task: string, region?: string): Promise<Assignment[]> {
  const answer = await search.ask(`谁负责${task}？`);
  if (answer.kind !== 'responsibility' || !answer.responsibilities?.length) return [];
  const clauses = new Map((await store.getClauses([...new Set(answer.responsibilities.map((r) => r.clauseId))])).map((c) => [c.id, c]));
  const regionOf = new Map<string, string | null>();
  if (region) for (const c of clauses.values()) if (!regionOf.has(c.docId)) regionOf.set(c.docId, (await store.getDocument(c.docId))?.region ?? null);
  // ask lists the best-matching clause's assignments first: earlier clauses weigh more.
  const clauseRank = new Map<string, number>();
  for (const r of answer.responsibilities) if (!clauseRank.has(r.clauseId)) clauseRank.set(r.clauseId, clauseRank.size);
  return answer.responsibilities
    .filter((r) => !region || regionOf.get(clauses.get(r.clauseId)?.docId ?? '') === region)
    .map((r) => ({
      agency: r.agency,
      role: r.role,
      deadline: r.deadline,
      clauseId: r.clauseId,
      citation: r.citation,
      text: clauses.get(r.clauseId)?.text ?? '',
      weight: 1 / (1 + clauseRank.get(r.clauseId)!),
    }));
}

async function fromSearch(search: SearchService, task: string, region?: string) {
  const response = await search.search({ query: task, k: 20, mode: 'hybrid', filters: region ? { region: [region] } : undefined });
  const best = Math.max(0, ...response.results.map((r) => r.score));
  // Hits much weaker than the best are about something else; their agencies would be noise.
  const relevant = response.results.filter((r, i) => i < 3 || (best > 0 && r.score >= 0.8 * best));
  const assignments: Assignment[] = relevant.flatMap((r) =>
    r.agencies.map((a) => ({ agency: a.name, role: a.role, deadline: a.deadline, clauseId: r.clause.id, citation: r.citation, text: r.clause.text, weight: best > 0 ? r.score / best : 0 })),
  );
  return { assignments, closest: response.results.slice(0, 5) };
}

export function registerResponsibilityTool(server: McpServer, deps: McpDeps): void {
  server.registerTool(
    'who_is_responsible',
    {
      title: 'Who is responsible for a task',
      description:
        'Which agencies lead (牵头) or support (配合) a task or theme (e.g. "5G商用", "光纤到户", "智能网联汽车示范"), with their deadlines and the clauses that assign them, each cited by 文号 and clause path. ' +
        'Built from the responsibility tables and "…牵头/负责" notes of the policies; agencies that lead come first.',
      inputSchema: {
        task: z.string().trim().min(1).max(1000).describe('The task or theme, Chinese or English'),
        region: z.string().trim().max(100).optional().describe('Only documents for this region, e.g. "四川省", "安徽省", "全国"'),
        limit: z.number().int().min(1).max(30).default(10).describe('Agencies per page (1-30)'),
        cursor: z.string().max(200).optional().describe('next_cursor from a previous call of this tool, to get the next page'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(deps, 'who_is_responsible', async (args) => {
      const offset = decodeCursor('who_is_responsible', args.cursor);
      const search = requireSearch(deps);
      let assignments = await fromAsk(search, deps.store, args.task, args.region);
      let closest: Awaited<ReturnType<typeof fromSearch>>['closest'] = [];
      if (!assignments.length) ({ assignments, closest } = await fromSearch(search, args.task, args.region));
      const page = pageOf('who_is_responsible', groupByAgency(assignments), offset, args.limit);
      const none = page.total === 0;
      return asToolResult({
        task: args.task,
        agencies: page.items,
        next_cursor: page.next_cursor,
        ...(none
          ? { note: 'No clause matching this task assigns an agency; the closest clauses are listed so you can read them.', closest: closest.map((r) => presentResult(r, 300)) }
          : {}),
      });
    }),
  );
}
