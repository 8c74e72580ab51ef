// Themes, agencies, targets and responsibilities: the knowledge the extraction put into the graph.
import { createRoute } from '@hono/zod-openapi';
import { agencyDetail, listAgencies, listThemes, resolveAgency, resolveTheme, themeDetail } from '../../app/entities.js';
import { findResponsibleAgencies } from '../../app/responsibilities.js';
import { listTargets } from '../../app/targets.js';
import { PolicyGraphError } from '../../graph/errors.js';
import { IdParam, PaginationQuery, notFoundResponse, page, problemResponses } from '../schemas/common.js';
import {
  AgencyDetailSchema,
  AgencyListSchema,
  TargetListSchema,
  TargetQuerySchema,
  ResponsibilitiesQuerySchema,
  ResponsibilityAnswerSchema,
  ThemeDetailSchema,
  ThemeListSchema,
} from '../schemas/documents.js';
import type { App, AppDeps } from './context.js';


const themes = createRoute({
  method: 'get',
  path: '/v1/themes',
  operationId: 'listThemes',
  tags: ['knowledge'],
  summary: 'Themes with how many clauses and documents mention them, most mentioned first',
  request: { query: PaginationQuery },
  responses: { 200: { description: 'A page of themes', content: { 'application/json': { schema: ThemeListSchema } } }, ...problemResponses },
});

const theme = createRoute({
  method: 'get',
  path: '/v1/themes/{id}',
  operationId: 'getTheme',
  tags: ['knowledge'],
  summary: 'One theme (by id, name or alias) and the clauses that mention it',
  request: { params: IdParam, query: PaginationQuery },
  responses: {
    200: { description: 'The theme and a page of its clauses', content: { 'application/json': { schema: ThemeDetailSchema } } },
    ...notFoundResponse,
    ...problemResponses,
  },
});

const agencies = createRoute({
  method: 'get',
  path: '/v1/agencies',
  operationId: 'listAgencies',
  tags: ['knowledge'],
  summary: 'Agencies with their lead, support and issuing counts, busiest first',
  request: { query: PaginationQuery },
  responses: { 200: { description: 'A page of agencies', content: { 'application/json': { schema: AgencyListSchema } } }, ...problemResponses },
});

const agency = createRoute({
  method: 'get',
  path: '/v1/agencies/{id}',
  operationId: 'getAgency',
  tags: ['knowledge'],
  summary: 'One agency (by id, name or alias): its tasks with roles and deadlines, and the documents it issued',
  request: { params: IdParam, query: PaginationQuery },
  responses: {
    200: { description: 'The agency, a page of its tasks, its documents', content: { 'application/json': { schema: AgencyDetailSchema } } },
    ...notFoundResponse,
    ...problemResponses,
  },
});

const targets = createRoute({
  method: 'get',
  path: '/v1/targets',
  operationId: 'listTargets',
  tags: ['knowledge'],
  summary: 'Quantitative targets, optionally for one metric, across documents and regions',
  description: 'A metric phrase resolves to its canonical metric as ingest and the CLI resolve it (行政村通光纤 → 行政村光纤通达). Sorted by metric, year, level and region; each row carries its citation.',
  request: { query: TargetQuerySchema.extend(PaginationQuery.shape) },
  responses: { 200: { description: 'A page of targets', content: { 'application/json': { schema: TargetListSchema } } }, ...problemResponses },
});

const responsibilities = createRoute({
  method: 'get',
  path: '/v1/responsibilities',
  operationId: 'findResponsibilities',
  tags: ['knowledge'],
  summary: 'Who is responsible for a task: agencies leading or supporting it, with deadlines and the clauses that say so',
  description:
    'The clauses that state the task (and the task-table rows repeating them), else those mentioning a theme the task names; their agencies with role (lead 牵头 / support 配合), deadline and citation. The same answer as `policygraph who` and the MCP tool who_is_responsible.',
  request: { query: ResponsibilitiesQuerySchema },
  responses: { 200: { description: 'Agencies (leads first) and the evidence rows', content: { 'application/json': { schema: ResponsibilityAnswerSchema } } }, ...problemResponses },
});

export function registerEntityRoutes(app: App, deps: AppDeps): void {
  app.openapi(themes, async (c) => {
    const { limit, offset } = c.req.valid('query');
    return c.json(page(await listThemes(deps), offset, limit), 200);
  });

  app.openapi(theme, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, offset } = c.req.valid('query');
    const found = await resolveTheme(deps.store, id);
    if (!found) throw new PolicyGraphError('NOT_FOUND', `no theme with id, name or alias "${id}"`);
    const detail = await themeDetail(deps.store, found);
    return c.json({ theme: detail.theme, clauses: page(detail.clauses, offset, limit) }, 200);
  });

  app.openapi(agencies, async (c) => {
    const { limit, offset } = c.req.valid('query');
    return c.json(page(await listAgencies(deps), offset, limit), 200);
  });

  app.openapi(agency, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, offset } = c.req.valid('query');
    const found = await resolveAgency(deps.store, id);
    if (!found) throw new PolicyGraphError('NOT_FOUND', `no agency with id, name or alias "${id}"`);
    const detail = await agencyDetail(deps.store, found);
    return c.json({ agency: detail.agency, tasks: page(detail.tasks, offset, limit), issued: detail.issued }, 200);
  });

  app.openapi(targets, async (c) => {
    const { metric, limit, offset } = c.req.valid('query');
    return c.json(page((await listTargets(deps, { metric })).targets, offset, limit), 200);
  });

  app.openapi(responsibilities, async (c) => c.json(await findResponsibleAgencies(deps, c.req.valid('query')), 200));
}
