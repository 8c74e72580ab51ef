// One structured log line per request (pino JSON to stderr), tagged with the request id.
import type { MiddlewareHandler } from 'hono';
import pino, { type Logger } from 'pino';
import { settings } from '../../app/settings.js';

/** JSON lines on stderr: stdout stays free for the MCP stdio protocol and for CLI output. */
export function createLogger(level = settings().logLevel ?? 'info'): Logger {
  return pino({ level, base: { service: 'policygraph' } }, pino.destination({ fd: 2, sync: false }));
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const status = c.res.status;
    const entry = { reqId: c.get('requestId' as never), method: c.req.method, path: c.req.path, status, ms };
    if (status >= 500) logger.error(entry, 'request failed');
    else logger.info(entry, 'request');
  };
}
