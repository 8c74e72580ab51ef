// Runs the Hono app on @hono/node-server and stops it gracefully: stop accepting, let in-flight
// requests finish (bounded), then release the search service and the graph store.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { settings } from '../app/settings.js';
import { PolicyGraphError } from '../graph/errors.js';
import { withStore } from '../graph/open-store.js';
import { markServing } from '../search/index-lock.js';
import { createApp, type AppOptions, type CreatedApp } from './app.js';
import { resolveAllowedHosts, resolveHttpTimeouts, resolveReadKeys, resolveUploadSettings, type GraphEngine, type HttpTimeouts, type UploadSettings } from './config.js';
import { createLogger } from './middleware/logging.js';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES } from './problem.js';
import type { App } from './routes/context.js';
import { openRuntime, type Runtime } from './runtime.js';
import { serverWriter } from './upload.js';
import { GRAPH_FILE } from './write-worker.js';

export interface ServerOptions {
  port: number;
  host: string;
  /** How long in-flight requests may take to finish once shutdown starts. */
  drainMs?: number;
  /** Header and whole-request deadlines; default from the environment (resolveHttpTimeouts). */
  timeouts?: HttpTimeouts;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  /** Stops accepting connections, waits for in-flight requests (up to drainMs), then resolves. */
  close(): Promise<void>;
}

/** Anything with Hono's fetch signature: an app, or a stand-in while the app is being built. */
export type FetchHandler = Pick<App, 'fetch'>;

export async function startHttpServer(app: FetchHandler, options: ServerOptions): Promise<RunningServer> {
  const drainMs = options.drainMs ?? 5_000;
  const timeouts = options.timeouts ?? resolveHttpTimeouts();
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: options.port,
        hostname: options.host,
        createServer: httpServerWith(timeouts),
      },
      () => resolve(s as Server),
    ) as Server;
    s.once('error', reject);
  });
  // Keep-alive connections from load tools and browsers must not hold shutdown open.
  server.keepAliveTimeout = 5_000;
  // set as properties, not constructor options: passed to createServer they starved newly accepted
  // connections under load (test/api-hostile.test.ts, 'connects while 20 others …')
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.on('clientError', answerClientError);
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    host: address.address,
    close() {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), drainMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

/**
 * Node answers a missing Host with an empty 400 and checks its deadlines only every 30 s by default;
 * this server holds the request deadline to about a second and every refusal says why.
 */
function httpServerWith(timeouts: HttpTimeouts): typeof createServer {
  const make = (_options: unknown, listener: RequestListener) =>
    createServer(
      {
        requireHostHeader: false,
        connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
      },
      (req, res) => (req.headers.host ? listener(req, res) : answerMissingHost(req, res)),
    );
  return make as unknown as typeof createServer;
}

type ClientError = Error & { code?: string; rawPacket?: Buffer };

/** HTTP/1.1 requires Host (RFC 9112 §3.2); without it no URL can be built, so say so. */
function answerMissingHost(req: IncomingMessage, res: ServerResponse): void {
  const instance = (req.url ?? '/').split('?')[0] ?? '/';
  const json = JSON.stringify({ type: PROBLEM_TYPES.invalidRequest, title: 'Missing Host header', status: 400, detail: 'the request has no Host header, which HTTP/1.1 requires', instance });
  res.writeHead(400, { 'content-type': PROBLEM_CONTENT_TYPE, 'content-length': Buffer.byteLength(json), 'x-request-id': randomUUID(), connection: 'close' });
  res.end(json);
}

/**
 * What to tell a client whose request Node's HTTP parser refused before it reached the app (Node
 * itself answers a bare 400/431 without a body); null when the connection is beyond answering.
 */
export function clientErrorProblem(err: ClientError): { status: number; reason: string; title: string; detail: string; instance: string } | null {
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE') return null;
  const requestLine = err.rawPacket?.subarray(0, 2048).toString('latin1').split('\r\n', 1)[0] ?? '';
  const target = /^[A-Z]+ ([\x21-\x7e]+)/.exec(requestLine)?.[1]?.split('?')[0] ?? '';
  const instance = /^\/[\x21-\x7e]*$/.test(target) ? target : '';
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        reason: 'Request Header Fields Too Large',
        title: 'Request header fields too large',
        detail: 'the request line and headers are longer than the server accepts (16 KiB); send long queries in a POST body (POST /v1/search)',
        instance,
      };
    case 'HPE_INVALID_URL':
      return {
        status: 400,
        reason: 'Bad Request',
        title: 'Invalid request',
        detail: 'the URL contains characters that must be percent-encoded: encode non-ASCII text such as Chinese (e.g. curl -G --data-urlencode q=…)',
        instance,
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        reason: 'Request Timeout',
        title: 'Request timeout',
        detail: 'the request (headers and body) was not received in time: a body shorter than its Content-Length, or a client too slow',
        instance,
      };
    default:
      return { status: 400, reason: 'Bad Request', title: 'Malformed HTTP request', detail: `the request is not valid HTTP/1.1 (${err.code ?? 'parse error'})`, instance };
  }
}

/** Answers a request Node's parser refused with problem+json, then closes the connection. */
function answerClientError(err: ClientError, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  const problem = clientErrorProblem(err);
  if (!problem || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const { reason, ...body } = problem;
  const json = JSON.stringify({ type: body.status === 408 ? PROBLEM_TYPES.http : PROBLEM_TYPES.invalidRequest, ...body });
  socket.end(
    `HTTP/1.1 ${problem.status} ${reason}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(json)}\r\nx-request-id: ${randomUUID()}\r\nconnection: close\r\n\r\n${json}`,
  );
}

/**
 * SIGINT/SIGTERM run `shutdown` once and exit 0 (1 if it failed); a second signal exits at once.
 * Returns a function that removes the handlers.
 */
export function onShutdownSignals(shutdown: (signal: string) => Promise<void>, logger: Logger): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    shutdown(signal).then(
      () => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      },
      (err) => {
        logger.error({ err }, 'shutdown failed');
        logger.flush();
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  engine: GraphEngine;
  /** Comma-separated origins or "*"; defaults to POLICYGRAPH_CORS_ORIGINS. */
  cors?: string;
  mcp: boolean;
  /** writes (default) or all; see resolveReadKeys. */
  auth?: string;
}

export function parseOrigins(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface RuntimeAppSettings extends Omit<AppOptions, 'store' | 'search' | 'ingestDocument'> {
  dataDir: string;
  engine: GraphEngine;
  logger: Logger;
  /** Upload body limit and ingest deadline; default from the environment (resolveUploadSettings). */
  upload?: UploadSettings;
  /** Called with the pid of each upload's ingest process (tests kill it). */
  onUploadChild?: (pid: number) => void;
}

/**
 * The app over an open runtime. With an API key, uploads and deletions run in a child process and the
 * graph and search service it committed replace the old pair, together, for the following requests.
 */
export function appForRuntime(runtime: Runtime, settings: RuntimeAppSettings): CreatedApp {
  const upload = settings.upload ?? resolveUploadSettings();
  const created = createApp({ ...settings, limits: { uploadBytes: upload.maxBytes, ...settings.limits }, store: runtime.store, search: runtime.search });
  const { deps } = created;
  // every request is counted until its response is built (all are buffered, MCP's JSON too), so a
  // pair replaced by a switch closes once the requests begun before it are done
  const requests = runtime.trackRequests();
  const fetch = created.app.fetch.bind(created.app);
  created.app.fetch = async (...args: Parameters<typeof fetch>) => {
    const done = requests.enter();
    try {
      return await fetch(...args);
    } finally {
      done();
    }
  };
  // after DELETE /v1/documents/{id}: a search service over the same graph, without the deleted clauses' cached contexts
  deps.reloadAfterWrite = async () => {
    deps.search = await runtime.reloadSearch();
  };
  // an embedded store's writes go through the write process, whose switch already opened a new service
  if (deps.apiKey && settings.engine === 'embedded') deps.reloadAfterWrite = null;
  if (deps.apiKey) {
    const writer = serverWriter({
      dataDir: settings.dataDir,
      engine: settings.engine,
      runtime,
      logger: settings.logger,
      settings: upload,
      onChildStart: settings.onUploadChild,
      onSwitched: (current) => {
        // one synchronous step: no request sees the new graph with the old indexes or the reverse
        deps.store = writer.writableView(current.store);
        deps.search = current.search;
      },
    });
    deps.store = writer.writableView(runtime.store);
    deps.ingestDocument = writer.ingest;
  }
  return created;
}

/**
 * A server that takes uploads still opens the embedded graph read-only: writes are made by a child
 * process in a copy that replaces the file (api/write-worker.ts). A data dir without a
 * graph gets an empty one first, so the first upload has something to copy.
 */
async function prepareWritableDataDir(dataDir: string, engine: GraphEngine): Promise<void> {
  if (engine !== 'embedded' || fs.existsSync(path.join(dataDir, GRAPH_FILE))) return;
  await withStore({ dataDir, engine, readOnly: false }, async () => undefined);
}

/** Answers while the data dir is still opening: load balancers see 503 and retry. */
function startingUp(): Response {
  const body = { type: PROBLEM_TYPES.serviceUnavailable, title: 'Starting up', status: 503, detail: 'the server is opening the graph and search indexes; retry shortly', instance: '/' };
  return new Response(JSON.stringify(body), { status: 503, headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'retry-after': '1', 'x-request-id': randomUUID() } });
}

function listenError(err: unknown, options: ServeOptions): unknown {
  const code = (err as { code?: string }).code;
  if (code === 'EADDRINUSE') return new PolicyGraphError('CONFIG', `port ${options.port} on ${options.host} is already in use: pick another with --port`);
  if (code === 'EACCES') return new PolicyGraphError('CONFIG', `not allowed to listen on ${options.host}:${options.port}`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new PolicyGraphError('CONFIG', `cannot listen on host "${options.host}": not an address of this machine`);
  return err;
}

/**
 * `policygraph serve`: binds the port first (a taken port fails at once), opens the data dir, then
 * serves until SIGINT/SIGTERM, which stop the server and close the search service and the store.
 */
export async function runServe(options: ServeOptions): Promise<void> {
  const logger = createLogger();
  const { api: apiKey, dify: difyApiKey, read: readKey } = settings().keys;
  // settings are checked before anything is opened: a bad one is a usage error, not a half-started server
  const readKeys = resolveReadKeys(options.auth, apiKey, readKey);
  const timeouts = resolveHttpTimeouts();
  const upload = resolveUploadSettings();
  let handler: FetchHandler['fetch'] = startingUp;
  let server: RunningServer;
  try {
    server = await startHttpServer({ fetch: (req, env, ctx) => handler(req, env, ctx) }, { port: options.port, host: options.host, timeouts });
  } catch (err) {
    throw listenError(err, options);
  }
  let runtime: Runtime;
  try {
    // The server itself never writes (uploads are ingested by a child process), so the embedded store
    // opens read-only and can be shared with `policygraph mcp` processes reading the same data dir.
    if (apiKey) await prepareWritableDataDir(options.dataDir, options.engine);
    runtime = await openRuntime({ dataDir: options.dataDir, engine: options.engine, readOnly: true, logger });
  } catch (err) {
    await server.close();
    throw err;
  }
  const { app } = appForRuntime(runtime, {
    apiKey,
    difyApiKey,
    cors: options.cors !== undefined ? parseOrigins(options.cors) : settings().corsOrigins,
    logger,
    mcp: options.mcp,
    readKeys,
    allowedHosts: resolveAllowedHosts(server.port),
    dataDir: options.dataDir,
    engine: options.engine,
    upload,
  });
  handler = app.fetch;
  // CLI writers refuse while this server serves the dir (search/index-lock.ts); its uploads go through the child
  const unmarkServing = options.engine === 'embedded' ? markServing(options.dataDir) : () => undefined;
  process.once('exit', unmarkServing);
  logger.info(
    { url: server.url, dataDir: options.dataDir, engine: runtime.store.engine, embedder: runtime.search?.embedderId ?? null, writes: Boolean(apiKey), readsNeedKey: readKeys.length > 0, mcp: options.mcp },
    'PolicyGraph API listening',
  );
  process.stderr.write(`PolicyGraph API on ${server.url} (docs ${server.url}/docs${options.mcp ? `, MCP ${server.url}/mcp` : ''})\n`);
  onShutdownSignals(async () => {
    await server.close();
    await runtime.close();
    unmarkServing();
  }, logger);
}
