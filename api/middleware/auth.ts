// Bearer-key authorisation for write routes. No key configured → writes are disabled (403), so a
// server started without POLICYGRAPH_API_KEY can never be written to by accident.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { PROBLEM_TYPES, problemResponse } from '../problem.js';

export type BearerCheck =
  | { ok: true }
  | { ok: false; reason: 'disabled' | 'missing' | 'malformed' | 'wrong' };

/** Compares digests so the comparison time does not depend on where the keys differ. */
export function sameKey(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function checkBearer(header: string | undefined, expected: string | null | undefined): BearerCheck {
  if (!expected) return { ok: false, reason: 'disabled' };
  if (!header) return { ok: false, reason: 'missing' };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { ok: false, reason: 'malformed' };
  return sameKey(match[1]!, expected) ? { ok: true } : { ok: false, reason: 'wrong' };
}

/** Probes stay open under any auth mode: a load balancer must see liveness without a key. */
const OPEN_PATHS = new Set(['/healthz', '/readyz']);

/**
 * Read protection (POLICYGRAPH_READ_KEY or --auth all): every route but the health probes needs one
 * of `keys` as a bearer key, /mcp included. Write routes check their own key afterwards.
 */
export function requireReadKey(keys: string[], exempt: (path: string) => boolean = () => false): MiddlewareHandler {
  return async (c, next) => {
    if (OPEN_PATHS.has(c.req.path) || c.req.method === 'OPTIONS' || exempt(c.req.path)) return next();
    const header = c.req.header('authorization');
    const checks = keys.map((key) => checkBearer(header, key));
    if (checks.some((check) => check.ok)) return next();
    const reason = checks[0]?.ok === false ? checks[0].reason : 'missing';
    if (reason === 'wrong') return problemResponse(c, { type: PROBLEM_TYPES.forbidden, title: 'Forbidden', status: 403, detail: 'the API key is not valid for this server' });
    return problemResponse(
      c,
      {
        type: PROBLEM_TYPES.unauthorized,
        title: 'Unauthorized',
        status: 401,
        detail: reason === 'malformed' ? 'the Authorization header must be "Bearer <key>"' : 'this server requires an Authorization: Bearer <read or API key> header on every route',
      },
      { 'www-authenticate': 'Bearer realm="policygraph"' },
    );
  };
}

export function requireApiKey(apiKey: string | null | undefined): MiddlewareHandler {
  return async (c, next) => {
    const check = checkBearer(c.req.header('authorization'), apiKey);
    if (check.ok) return next();
    switch (check.reason) {
      case 'disabled':
        return problemResponse(c, {
          type: PROBLEM_TYPES.writesDisabled,
          title: 'Writes disabled',
          status: 403,
          detail: 'write routes are disabled: start the server with POLICYGRAPH_API_KEY set to enable them',
        });
      case 'missing':
      case 'malformed':
        return problemResponse(
          c,
          {
            type: PROBLEM_TYPES.unauthorized,
            title: 'Unauthorized',
            status: 401,
            detail: check.reason === 'missing' ? 'this route needs an Authorization: Bearer <api key> header' : 'the Authorization header must be "Bearer <api key>"',
          },
          { 'www-authenticate': 'Bearer realm="policygraph"' },
        );
      case 'wrong':
        return problemResponse(c, { type: PROBLEM_TYPES.forbidden, title: 'Forbidden', status: 403, detail: 'the API key is not valid for this server' });
    }
  };
}
