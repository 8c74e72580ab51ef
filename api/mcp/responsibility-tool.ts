// who_is_responsible: the responsibilities use case (app/responsibilities.ts, the same answer as
// `policygraph who` and GET /v1/responsibilities), one entry per agency with its evidence clauses.
// When no clause assigns the task, the closest clauses are listed so the model can read them.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { Name } from '../../app/fields.js';
import { findResponsibleAgencies, ResponsibilitiesRequestSchema, type ResponsibilityAnswer } from '../../app/responsibilities.js';
import { searchClauses } from '../../app/search.js';
import { asToolResult, clip, decodeCursor, pageOf } from './format.js';
import { NextCursor, PresentedResult, presentResult } from './present.js';
import { guarded, type McpDeps } from './tool-support.js';

/** Evidence clauses shown per agency (its lead clauses first). */
const EVIDENCE_PER_AGENCY = 3;

const AgencyAnswer = z.object({
  agency: z.string(),
  successor: z.string().nullable(),
  lead_in: z.number().int(),
  support_in: z.number().int(),
  deadlines: z.array(z.string()),
  evidence: z.array(z.object({ citation: z.string(), clause_id: z.string(), role: z.enum(['lead', 'support']), deadline: z.string().nullable(), text: z.string() })),
});

export const WhoIsResponsibleOutput = {
  task: z.string(),
  themes: z.array(z.string()),
  agencies: z.array(AgencyAnswer),
  next_cursor: NextCursor,
  note: z.string().optional(),
  closest: z.array(PresentedResult).optional(),
};

/** The use case's answer, one entry per agency in its order (leads first). */
export function agenciesOf(answer: ResponsibilityAnswer): z.output<typeof AgencyAnswer>[] {
  return answer.agencies.map((a) => {
    const rows = answer.rows.filter((r) => r.agency.id === a.agency.id);
    const ordered = [...rows.filter((r) => r.role === 'lead'), ...rows.filter((r) => r.role === 'support')];
    return {
      agency: a.agency.name,
      successor: a.agency.successor,
      lead_in: a.lead,
      support_in: a.support,
      deadlines: a.deadlines,
      evidence: ordered.slice(0, EVIDENCE_PER_AGENCY).map((r) => ({ citation: r.citation, clause_id: r.clause.id, role: r.role, deadline: r.deadline, text: clip(r.clause.text, 200) })),
    };
  });
}

export function registerResponsibilityTool(server: McpServer, deps: McpDeps): void {
  server.registerTool(
    'who_is_responsible',
    {
      title: 'Who is responsible for a task',
      description:
        'Which agencies lead (牵头) or support (配合) a task or theme (e.g. "5G商用", "光纤到户", "智能网联汽车示范"), with their deadlines and the clauses that assign them, each cited by 文号 and clause path. ' +
        'Built from the responsibility tables and "…牵头/负责" notes of the policies; agencies that lead most come first.',
      inputSchema: {
        task: ResponsibilitiesRequestSchema.shape.task.trim().min(1, 'is empty').describe('The task or theme, Chinese or English'),
        region: Name.optional().describe('Only documents for this region, e.g. "四川省", or "全国" for national documents'),
        limit: z.number().int().min(1).max(30).default(10).describe('Agencies per page (1-30)'),
        cursor: z.string().max(200).optional().describe('next_cursor from a previous call of this tool, to get the next page'),
      },
      outputSchema: WhoIsResponsibleOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(deps, 'who_is_responsible', async (args) => {
      const offset = decodeCursor('who_is_responsible', args.cursor);
      const answer = await findResponsibleAgencies(deps, { task: args.task, region: args.region });
      const page = pageOf('who_is_responsible', agenciesOf(answer), offset, args.limit);
      if (page.total !== 0 || !deps.search) return asToolResult({ task: args.task, themes: answer.themes, agencies: page.items, next_cursor: page.next_cursor });
      const closest = await searchClauses(deps, { query: args.task, k: 5, filters: args.region ? { region: [args.region] } : undefined });
      return asToolResult({
        task: args.task,
        themes: answer.themes,
        agencies: [],
        next_cursor: null,
        note: 'No clause matching this task assigns an agency; the closest clauses are listed so you can read them.',
        closest: closest.results.map((r) => presentResult(r, 300)),
      });
    }),
  );
}
