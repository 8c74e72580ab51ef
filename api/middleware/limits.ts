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
  /** Path plus query string, percent-encoded: a 1,000-character Chinese query is ~9,000. Node refuses headers over 16 KiB. */
  urlChars: 10_000,
};

export type Limits = typeof DEFAULT_LIMITS;

export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    // The rest of the body is never read, so the connection closes rather than being reused
    // with unread bytes in it (RFC 9110 §15.5.14 allows closing after a 413).
    onError: (c) =>
      problemResponse(
        c,
        {
          type: PROBLEM_TYPES.payloadTooLarge,
          title: 'Payload too large',
          status: 413,
          detail: `request body is larger than ${maxBytes} bytes, the limit of this route`,
        },
        { connection: 'close' },
      ),
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

/**
 * One request at a time through this route (an upload's ingest takes the data dir's write lock and
 * both cores for seconds): a second one meanwhile is refused with 429 and Retry-After, not queued
 * behind a body the server would have to hold in memory.
 */
export function oneAtATime(what: string, retryAfterSeconds = 5): MiddlewareHandler {
  let busy = false;
  return async (c, next) => {
    if (busy) {
      return problemResponse(
        c,
        { type: PROBLEM_TYPES.http, title: 'Too many requests', status: 429, detail: `another ${what} is in progress; retry after it finishes` },
        { 'retry-after': String(retryAfterSeconds), connection: 'close' },
      );
    }
    busy = true;
    try {
      await next();
    } finally {
      busy = false;
    }
  };
}
