// Dify External Knowledge API: POST /retrieval, so Dify can mount PolicyGraph as an
// external knowledge base. Request, response and error codes follow Dify's spec:
// {knowledge_id, query, retrieval_setting: {top_k, score_threshold}, metadata_condition?}
// → {records: [{content, score, title, metadata}]}; errors carry error_code/error_msg
// (1001 bad Authorization header, 1002 authorization failed, 2001 knowledge does not exist).
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ClauseFilters } from '../graph/store.js';
import type { SearchResult } from '../search/types.js';
import { SCORE_MEANING } from '../search/absolute-score.js';
import { checkBearer } from './middleware/auth.js';
import { limitBody } from './middleware/limits.js';
import { PROBLEM_TYPES, problemResponse } from './problem.js';
import { resolveDocument } from '../app/documents.js';
import { MAX_QUERY_CHARS, ProblemSchema, problemResponses } from './schemas/common.js';
import type { App, AppDeps } from './routes/context.js';
import { searchClauses } from '../app/search.js';
import { DOCUMENT_LEVELS } from '../graph/model.js';

const ConditionSchema = z.object({
  name: z.union([z.string(), z.array(z.string()).min(1)]).openapi({ description: 'Metadata field name(s), e.g. level, region, year, date, doc_number, doc_type, themes' }),
  comparison_operator: z.enum([
    'contains', 'not contains', 'start with', 'end with', 'is', 'is not', 'in', 'not in', 'empty', 'not empty',
    '=', '≠', '>', '<', '≥', '≤', 'before', 'after',
  ]),
  value: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]).nullable().optional(),
});

/** Dify's default top_k when a knowledge base leaves it unset. */
const DEFAULT_TOP_K = 5;

// Dify sends nulls for what its user left unset (top_k, score_threshold, metadata_condition and its
// parts): each takes its default. Queries longer than the search limit are cut, not refused.
export const DifyRetrievalSchema = z
  .object({
    knowledge_id: z.string().max(300).nullish().transform((v) => v ?? '').openapi({
      description: 'policygraph or empty (the whole corpus), a document id or 文号, or theme:<name>, region:<name>, level:<national|provincial|municipal>',
      example: 'policygraph',
    }),
    query: z.string().nullish().transform((v) => (v ?? '').trim().slice(0, MAX_QUERY_CHARS)).openapi({ example: '5G商用时间表' }),
    retrieval_setting: z
      .object({
        top_k: z.number().int().min(1).nullish().transform((v) => Math.min(100, v ?? DEFAULT_TOP_K)),
        score_threshold: z.number().min(0).max(1).nullish().transform((v) => v ?? 0),
      })
      .nullish()
      .transform((v) => v ?? { top_k: DEFAULT_TOP_K, score_threshold: 0 }),
    metadata_condition: z
      .object({
        logical_operator: z.enum(['and', 'or']).nullish().transform((v) => v ?? 'and'),
        conditions: z.array(ConditionSchema).max(20).nullish().transform((v) => v ?? []),
      })
      .nullish(),
  })
  .openapi('DifyRetrievalRequest');

const DifyRecordSchema = z.object({
  content: z.string(),
  score: z.number().openapi({ description: SCORE_MEANING }),
  title: z.string(),
  metadata: z.record(z.string(), z.unknown()),
});

const DifyErrorSchema = ProblemSchema.extend({ error_code: z.number().int(), error_msg: z.string() }).openapi('DifyError');

const retrieval = createRoute({
  method: 'post',
  path: '/retrieval',
  operationId: 'difyRetrieval',
  tags: ['dify'],
  summary: 'Dify External Knowledge API retrieval',
  description: 'Register the server’s base URL as an external knowledge API in Dify; Dify appends /retrieval. Bearer key: POLICYGRAPH_DIFY_API_KEY (or POLICYGRAPH_API_KEY).',
  security: [{ bearerAuth: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: DifyRetrievalSchema } } } },
  responses: {
    200: { description: 'Matching clauses', content: { 'application/json': { schema: z.object({ records: z.array(DifyRecordSchema) }).openapi('DifyRetrievalResponse') } } },
    403: { description: 'error_code 1001 (bad Authorization header) or 1002 (authorization failed)', content: { 'application/problem+json': { schema: DifyErrorSchema } } },
    404: { description: 'error_code 2001: the knowledge does not exist', content: { 'application/problem+json': { schema: DifyErrorSchema } } },
    ...problemResponses,
  },
});

type DifyRequest = z.output<typeof DifyRetrievalSchema>;
type Condition = z.output<typeof ConditionSchema>;
type Metadata = Record<string, string | number | string[] | null>;

/** The metadata fields a record carries (recordMetadata): a condition on any other field is an error. */
export const METADATA_FIELDS = [
  'citation', 'document_id', 'doc_number', 'document_title', 'clause_id', 'path', 'heading',
  'level', 'region', 'year', 'date', 'doc_type', 'themes', 'agencies', 'also_in',
] as const;

function difyError(c: Context, status: 400 | 403 | 404, errorCode: 400 | 1001 | 1002 | 2001, message: string): Response {
  return problemResponse(c, {
    type: status === 404 ? PROBLEM_TYPES.notFound : status === 400 ? PROBLEM_TYPES.invalidRequest : PROBLEM_TYPES.forbidden,
    title: status === 404 ? 'Knowledge not found' : status === 400 ? 'Bad request' : 'Access denied',
    status,
    detail: message,
    error_code: errorCode,
    error_msg: message,
  });
}

/** The scope a knowledge_id names, as search filters; null when it names nothing. */
async function scopeOf(deps: AppDeps, knowledgeId: string): Promise<ClauseFilters | null> {
  const id = knowledgeId.trim();
  if (['', 'policygraph', 'all', '*'].includes(id.toLowerCase())) return {};
  const prefixed = /^(theme|region|level):(.+)$/i.exec(id);
  if (prefixed) {
    const [, kind, value] = prefixed;
    const v = value!.trim();
    if (kind!.toLowerCase() === 'theme') return (await deps.store.listThemes()).some((t) => t.id === v || t.name === v || t.aliases.includes(v)) ? { theme: [v] } : null;
    if (kind!.toLowerCase() === 'region') return { region: [v] };
    return (DOCUMENT_LEVELS as readonly string[]).includes(v) ? { level: [v as (typeof DOCUMENT_LEVELS)[number]] } : null;
  }
  const doc = await resolveDocument(deps.store, id);
  return doc ? { doc: [doc.id] } : null;
}

/**
 * Dify expects relevance in 0..1, records best first, and compares scores with the user's
 * score_threshold. Search scores are already absolute and never rise along the ranking
 * (search/absolute-score.ts), so a threshold keeps a prefix; here they are only clamped and rounded.
 */
export function recordScores(scores: number[]): number[] {
  return scores.map((score) => Math.round(Math.min(1, Math.max(0, score)) * 1e4) / 1e4);
}

export function recordMetadata(r: SearchResult): Metadata {
  return {
    citation: r.citation,
    document_id: r.document.id,
    doc_number: r.document.docNumber,
    document_title: r.document.title,
    clause_id: r.clause.id,
    path: r.clause.path,
    heading: r.clause.heading,
    level: r.document.level,
    region: r.document.region,
    year: r.document.year,
    date: r.document.date,
    doc_type: r.document.docType,
    themes: r.themes.map((t) => t.name),
    agencies: r.agencies.map((a) => a.name),
    // citations of the other documents saying the same (a list question folds them into this record)
    also_in: r.alsoIn.map((a) => a.citation),
  };
}

/**
 * The clause text with its heading in front, unless the text's first line already carries it
 * (often after its number: "第三节加快信息网络新技术开发应用").
 */
export function recordContent(clause: { heading: string | null; text: string }): string {
  const firstLine = clause.text.split('\n', 1)[0]!;
  return clause.heading && !firstLine.includes(clause.heading) ? `${clause.heading}\n${clause.text}` : clause.text;
}

function asList(v: Metadata[string]): string[] {
  if (v === null || v === undefined) return [];
  return Array.isArray(v) ? v : [String(v)];
}

/**
 * A time as Dify writes it for before/after: an ISO date or year ("2018-01-01", "2018"), or a Unix
 * timestamp in seconds (milliseconds above 1e11). Milliseconds since the epoch, or NaN.
 */
export function timeOf(value: unknown): number {
  if (typeof value === 'number') return value > 1e11 ? value : value < 10_000 ? Date.UTC(value, 0, 1) : value * 1000;
  if (typeof value !== 'string' || !value.trim()) return Number.NaN;
  const text = value.trim();
  if (/^\d{4}$/.test(text)) return Date.UTC(Number(text), 0, 1);
  if (/^\d{9,}$/.test(text)) return timeOf(Number(text));
  return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
}

/** Evaluates one Dify metadata condition against a record's metadata (any named field may match). */
export function matchesCondition(meta: Metadata, cond: Condition): boolean {
  const names = Array.isArray(cond.name) ? cond.name : [cond.name];
  const wanted = cond.value;
  return names.some((name) => {
    const actual = meta[name];
    const values = asList(actual);
    const str = typeof wanted === 'string' ? wanted : typeof wanted === 'number' ? String(wanted) : '';
    const num = typeof wanted === 'number' ? wanted : Number(wanted);
    const actualNum = typeof actual === 'number' ? actual : Number(values[0]);
    // before/after compare times: the document's date, else its year
    const actualTime = timeOf(meta.date ?? meta.year);
    switch (cond.comparison_operator) {
      case 'contains': return values.some((v) => v.includes(str));
      case 'not contains': return !values.some((v) => v.includes(str));
      case 'start with': return values.some((v) => v.startsWith(str));
      case 'end with': return values.some((v) => v.endsWith(str));
      case 'is': case '=': return typeof wanted === 'number' ? actualNum === num : values.includes(str);
      case 'is not': case '≠': return typeof wanted === 'number' ? actualNum !== num : !values.includes(str);
      case 'in': return asList(wanted as Metadata[string]).map(String).some((w) => values.includes(w));
      case 'not in': return !asList(wanted as Metadata[string]).map(String).some((w) => values.includes(w));
      case 'empty': return values.length === 0 || values.every((v) => v === '');
      case 'not empty': return values.some((v) => v !== '');
      case 'after': return (name === 'date' || name === 'year') && actualTime > timeOf(wanted);
      case 'before': return (name === 'date' || name === 'year') && actualTime < timeOf(wanted);
      case '>': return Number.isFinite(actualNum) && actualNum > num;
      case '<': return Number.isFinite(actualNum) && actualNum < num;
      case '≥': return Number.isFinite(actualNum) && actualNum >= num;
      case '≤': return Number.isFinite(actualNum) && actualNum <= num;
    }
  });
}

/** A condition Dify may send that PolicyGraph cannot evaluate: an unknown field or a time that is not one. */
export function conditionProblem(cond: Condition): string | null {
  const names = Array.isArray(cond.name) ? cond.name : [cond.name];
  const unknown = names.find((n) => !(METADATA_FIELDS as readonly string[]).includes(n));
  if (unknown) return `unknown metadata field "${unknown}": use one of ${METADATA_FIELDS.join(', ')}`;
  if ((cond.comparison_operator === 'before' || cond.comparison_operator === 'after') && Number.isNaN(timeOf(cond.value))) {
    return `"${cond.comparison_operator}" needs a date (2018-01-01), a year or a Unix timestamp, got ${JSON.stringify(cond.value ?? null)}`;
  }
  return null;
}

export async function retrieve(deps: AppDeps, body: DifyRequest, scope: ClauseFilters) {
  const { top_k, score_threshold } = body.retrieval_setting;
  const conditions = body.metadata_condition?.conditions ?? [];
  if (!body.query) return { records: [] };
  // Metadata conditions filter after retrieval, so fetch more to still fill top_k.
  const k = Math.min(100, conditions.length ? top_k * 4 : top_k);
  const response = await searchClauses(deps, { query: body.query, k, mode: 'hybrid', filters: scope });
  const op = body.metadata_condition?.logical_operator ?? 'and';
  const scores = recordScores(response.results.map((r) => r.score));
  const records = response.results
    .map((r, i) => ({
      content: recordContent(r.clause),
      score: scores[i]!,
      title: r.document.docNumber ? `${r.document.title}（${r.document.docNumber}）` : r.document.title,
      metadata: recordMetadata(r),
    }))
    .filter((rec) => rec.score >= score_threshold)
    .filter((rec) => !conditions.length || (op === 'and' ? conditions.every((cd) => matchesCondition(rec.metadata, cd)) : conditions.some((cd) => matchesCondition(rec.metadata, cd))))
    .slice(0, top_k);
  return { records };
}

export function registerDify(app: App, deps: AppDeps): void {
  const key = () => deps.difyApiKey ?? deps.apiKey;
  // Auth first, as Dify's error codes expect; then the size limit; then validation.
  app.post('/retrieval', async (c, next) => {
    const check = checkBearer(c.req.header('authorization'), key());
    if (check.ok) return next();
    if (check.reason === 'disabled') return difyError(c, 403, 1002, 'Authorization failed: the server has no API key configured (set POLICYGRAPH_DIFY_API_KEY or POLICYGRAPH_API_KEY)');
    if (check.reason === 'wrong') return difyError(c, 403, 1002, 'Authorization failed');
    return difyError(c, 403, 1001, "Invalid Authorization header format. Expected 'Bearer <api-key>' format.");
  }, limitBody(deps.limits.bodyBytes));

  app.openapi(retrieval, async (c) => {
    const body = c.req.valid('json');
    for (const cond of body.metadata_condition?.conditions ?? []) {
      const problem = conditionProblem(cond);
      if (problem) return difyError(c, 400, 400, problem) as never;
    }
    const scope = await scopeOf(deps, body.knowledge_id);
    // A raw problem+json Response: the typed c.json() helper only produces application/json.
    if (!scope) return difyError(c, 404, 2001, `The knowledge does not exist: "${body.knowledge_id}"`) as never;
    return c.json(await retrieve(deps, body, scope), 200);
  });
}
