// Schemas shared by several routes: problems, pagination, id parameters, list-valued query params.
import { z } from '@hono/zod-openapi';

import { MAX_DRAFT_CHARS, MAX_ID_CHARS, MAX_QUERY_CHARS } from '../../app/fields.js';

export { MAX_DRAFT_CHARS, MAX_ID_CHARS, MAX_QUERY_CHARS };

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:policygraph:problem:invalid-request' }),
    title: z.string().openapi({ example: 'Invalid request' }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string().openapi({ example: 'query field "k": Too big: expected number to be <=100' }),
    instance: z.string().openapi({ example: '/v1/search' }),
    requestId: z.string().optional(),
    code: z.string().optional().openapi({ description: 'PolicyGraph error code, when the failure is a known one' }),
    errors: z
      .array(
        z.object({
          in: z.string().openapi({ example: 'query' }),
          path: z.string().openapi({ example: 'k' }),
          code: z.string().openapi({ example: 'too_big' }),
          message: z.string(),
        }),
      )
      .optional()
      .openapi({ description: 'The zod validation issues, one per bad field' }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' });

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

/** Standard error responses, merged into each route's `responses`. */
export const problemResponses = {
  400: { description: 'Invalid request (bad query, body or parameter); the zod issues are listed', content: problemContent },
  413: { description: 'Request body too large', content: problemContent },
  500: { description: 'Internal error (logged under the request id)', content: problemContent },
  503: { description: 'Graph store or search indexes unavailable', content: problemContent },
} as const;

export const notFoundResponse = { 404: { description: 'No such resource', content: problemContent } } as const;

export const authResponses = {
  401: { description: 'No Authorization: Bearer header', content: problemContent },
  403: { description: 'Wrong API key, or writes are disabled because no key is configured', content: problemContent },
} as const;

/** `?theme=a,b&theme=c` → ['a', 'b', 'c']: repeated or comma-separated values. */
export function listParam(description: string, example?: string) {
  return z
    .union([z.string().max(MAX_QUERY_CHARS), z.array(z.string().max(MAX_QUERY_CHARS)).max(50)])
    .transform((value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((item) => item.split(','))
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .openapi({ type: 'array', items: { type: 'string' }, description, ...(example ? { example: [example] } : {}) });
}

export const PaginationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ description: 'Page size (1–500)' }),
  offset: z.coerce.number().int().min(0).default(0).openapi({ description: 'Items to skip' }),
});

export function paginated<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      total: z.number().int(),
      offset: z.number().int(),
      limit: z.number().int(),
      nextOffset: z.number().int().nullable().openapi({ description: 'Offset of the next page, or null on the last page' }),
      items: z.array(item),
    })
    .openapi(name);
}

export function page<T>(all: T[], offset: number, limit: number) {
  const items = all.slice(offset, offset + limit);
  const next = offset + items.length;
  return { total: all.length, offset, limit, nextOffset: next < all.length ? next : null, items };
}

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(MAX_ID_CHARS)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'Node id (or, where noted, a 文号 or name)', example: 'doc_0123456789abcdef' }),
});

/**
 * `.openapi(…)` for a schema of the use cases (app/): zod 4 gives each schema its methods when it
 * is created, so one made before this module extended zod lacks the method; the prototype's own
 * function adds the metadata just the same.
 */
export function withOpenApi<T extends z.ZodType>(schema: T, refIdOrMetadata: string | Record<string, unknown>): T {
  return (z.ZodType.prototype.openapi as (arg: unknown) => T).call(schema, refIdOrMetadata);
}
