// Request size limits: a cap on URL length and per-route caps on the body, answered as problems.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PROBLEM_TYPES, problemResponse } from '../problem.js';

export const DEFAULT_LIMITS = {
  /** JSON bodies of search, precedents, ask, Dify retrieval. */
  bodyBytes: 64 * 1024,
  /** POST /v1/documents (a whole policy text). */
  uploadBytes: 5 * 1024 * 1024,
  /** MCP JSON-RPC messages. */
  mcpBytes: 256 * 1024,
  /** Path plus query string. */
  urlChars: 4_096,
};

export type Limits = typeof DEFAULT_LIMITS;

export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      problemResponse(c, {
        type: PROBLEM_TYPES.payloadTooLarge,
        title: 'Payload too large',
        status: 413,
        detail: `request body is larger than ${maxBytes} bytes, the limit of this route`,
      }),
  });
}

export function limitUrl(maxChars: number): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (url.pathname.length + url.search.length > maxChars) {
      return problemResponse(c, {
        type: PROBLEM_TYPES.invalidRequest,
        title: 'URI too long',
        status: 414,
        detail: `the request path and query are longer than ${maxChars} characters; send long queries with POST`,
      });
    }
    return next();
  };
}
