// Which methods a path has routes for, so a request with another method gets 405 and an Allow
// header (RFC 9110 §15.5.6) instead of a 404 that suggests the path does not exist.
import type { Hono } from 'hono';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function patternOf(routePath: string): RegExp {
  const segments = routePath.split('/').map((segment) => (segment.startsWith(':') ? '[^/]+' : escapeRegExp(segment)));
  return new RegExp(`^${segments.join('/')}$`);
}

/**
 * Returns a lookup over the app's routes as they are when it is first called (every route is
 * registered by then); middleware (method ALL) and wildcard paths do not count as routes.
 */
export function allowedMethods(app: Pick<Hono, 'routes'>): (path: string) => string[] {
  let routes: { pattern: RegExp; method: string }[] | null = null;
  return (path) => {
    routes ??= app.routes.filter((r) => r.method !== 'ALL' && !r.path.includes('*')).map((r) => ({ pattern: patternOf(r.path), method: r.method }));
    const methods = new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
