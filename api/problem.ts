// RFC 9457 problem details (application/problem+json): the one shape every HTTP error takes.
// Clients get a title, a one-line detail and, for validation failures, the zod issues; never a stack.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { isPolicyGraphError, type ErrorCode } from '../graph/errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem type URIs; each is described on the /docs page. */
export const PROBLEM_TYPES = {
  invalidRequest: 'urn:policygraph:problem:invalid-request',
  malformedBody: 'urn:policygraph:problem:malformed-body',
  payloadTooLarge: 'urn:policygraph:problem:payload-too-large',
  unsupportedMediaType: 'urn:policygraph:problem:unsupported-media-type',
  notFound: 'urn:policygraph:problem:not-found',
  unauthorized: 'urn:policygraph:problem:unauthorized',
  forbidden: 'urn:policygraph:problem:forbidden',
  writesDisabled: 'urn:policygraph:problem:writes-disabled',
  storeUnavailable: 'urn:policygraph:problem:store-unavailable',
  searchUnavailable: 'urn:policygraph:problem:search-unavailable',
  serviceUnavailable: 'urn:policygraph:problem:service-unavailable',
  internal: 'urn:policygraph:problem:internal',
  http: 'about:blank',
} as const;

export interface ProblemIssue {
  /** Where the bad value was: query, json (body), param, header. */
  in: string;
  /** Dotted path of the field, e.g. "filters.yearFrom"; empty for the whole value. */
  path: string;
  code: string;
  message: string;
}

interface ProblemCore {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: ProblemIssue[];
}

/** What a handler supplies; extension members (e.g. Dify's error_code) may be added. */
export type ProblemInit = ProblemCore & { instance?: string } & { [extension: string]: unknown };

export type Problem = ProblemCore & { instance: string; requestId?: string } & { [extension: string]: unknown };

export function problemResponse(c: Context, init: ProblemInit, headers: Record<string, string> = {}): Response {
  const requestId = c.get('requestId' as never) as string | undefined;
  const body: Problem = { ...init, instance: init.instance ?? new URL(c.req.url).pathname, ...(requestId ? { requestId } : {}) };
  return new Response(JSON.stringify(body), {
    status: init.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...(requestId ? { 'x-request-id': requestId } : {}), ...headers },
  });
}

export function zodIssues(error: ZodError, location: string): ProblemIssue[] {
  // zod-validator calls the body "json"; clients know it as the body.
  const where = location === 'json' || location === 'form' ? 'body' : location;
  return error.issues.map((issue) => ({
    in: where,
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}

/** A validation failure: 400 with one line summarising the first issue and every issue listed. */
export function validationProblem(error: ZodError, location: string): ProblemInit {
  const errors = zodIssues(error, location);
  const first = errors[0];
  const where = first ? (first.path ? `${first.in} field "${first.path}"` : `the ${first.in}`) : location;
  return {
    type: PROBLEM_TYPES.invalidRequest,
    title: 'Invalid request',
    status: 400,
    detail: first ? `${where}: ${first.message}` : `invalid ${location}`,
    errors,
  };
}

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  INPUT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  INPUT_REJECTED: 400,
  BAD_REQUEST: 400,
  STORE_UNAVAILABLE: 503,
  INDEX_MISSING: 503,
  INDEX_MISMATCH: 503,
  SCHEMA_NEWER: 503,
  DATA_DIR: 503,
  CONFIG: 503,
};

const UNAVAILABLE_TYPE: Partial<Record<ErrorCode, string>> = {
  STORE_UNAVAILABLE: PROBLEM_TYPES.storeUnavailable,
  INDEX_MISSING: PROBLEM_TYPES.searchUnavailable,
  INDEX_MISMATCH: PROBLEM_TYPES.searchUnavailable,
};

/** Error names and codes the Neo4j driver (and socket layer) use when the database cannot be reached. */
const UNAVAILABLE_MARKERS = new Set(['ServiceUnavailable', 'SessionExpired', 'ECONNREFUSED', 'ECONNRESET', 'Neo.ClientError.Security.Unauthorized']);

function looksUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, name } = err as { code?: unknown; name?: unknown };
  return (typeof code === 'string' && UNAVAILABLE_MARKERS.has(code)) || (typeof name === 'string' && UNAVAILABLE_MARKERS.has(name));
}

/**
 * Maps anything thrown by a handler to a problem. PolicyGraphErrors carry a message meant for users;
 * anything else is a bug (or an unreachable store) and gets a generic line, never the error text.
 */
export function problemFromError(err: unknown): ProblemInit & { unexpected: boolean } {
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) {
      return { type: PROBLEM_TYPES.payloadTooLarge, title: 'Payload too large', status, detail: 'request body is larger than this route accepts', unexpected: false };
    }
    if (status === 415) {
      return { type: PROBLEM_TYPES.unsupportedMediaType, title: 'Unsupported media type', status, detail: 'send the body as application/json', unexpected: false };
    }
    if (status === 400) {
      return { type: PROBLEM_TYPES.malformedBody, title: 'Malformed request body', status, detail: err.message || 'request body is not valid JSON', unexpected: false };
    }
    return { type: PROBLEM_TYPES.http, title: err.message || 'HTTP error', status, detail: err.message || `HTTP ${status}`, unexpected: false };
  }
  if (isPolicyGraphError(err)) {
    const status = STATUS_BY_CODE[err.code] ?? 400;
    const type =
      status === 404 ? PROBLEM_TYPES.notFound : status === 503 ? UNAVAILABLE_TYPE[err.code] ?? PROBLEM_TYPES.serviceUnavailable : PROBLEM_TYPES.invalidRequest;
    const title = status === 404 ? 'Not found' : status === 503 ? 'Service unavailable' : 'Invalid request';
    return { type, title, status, detail: err.message, code: err.code, unexpected: false };
  }
  if (looksUnavailable(err)) {
    return { type: PROBLEM_TYPES.storeUnavailable, title: 'Service unavailable', status: 503, detail: 'the graph store cannot be reached; try again shortly', unexpected: false };
  }
  return { type: PROBLEM_TYPES.internal, title: 'Internal server error', status: 500, detail: 'the server failed to answer this request; the error is logged under this request id', unexpected: true };
}

export function notFound(what: string): ProblemInit {
  return { type: PROBLEM_TYPES.notFound, title: 'Not found', status: 404, detail: what };
}
