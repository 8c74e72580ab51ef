// What every route module receives: the app's dependencies and its Hono environment type.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { IngestedDocument, UploadedDocument, UploadResult as IngestUploadResult } from '../../app/ingest.js';
import type { GraphStore } from '../../graph/store.js';
import type { SearchService } from '../../search/service.js';
import type { Limits } from '../middleware/limits.js';

export type AppEnv = { Variables: { requestId: string } };
export type App = OpenAPIHono<AppEnv>;

/** What a route reports of an upload: the ingest use case's result without the pipeline's summary. */
export type UploadResult = Omit<IngestUploadResult, 'summary'>;
export type { IngestedDocument, UploadedDocument };

export interface AppDeps {
  store: GraphStore;
  /** null while no search index is loaded: search routes answer 503 until it is. */
  search: SearchService | null;
  /** Bearer key of write routes (POST /v1/documents); null disables them. */
  apiKey: string | null;
  /** Bearer key Dify sends to POST /retrieval; defaults to apiKey. */
  difyApiKey: string | null;
  /** Allowed CORS origins; empty → no CORS headers; ['*'] → any origin. */
  cors: string[];
  logger: Logger;
  limits: Limits;
  /** Reopens the search service after a write (a delete) so cached clause contexts are dropped; null → nothing to reopen. */
  reloadAfterWrite?: (() => Promise<void>) | null;
  /** Ingests one uploaded text (the lead's pipeline); absent → POST /v1/documents answers 503. */
  ingestDocument: ((upload: UploadedDocument) => Promise<UploadResult>) | null;
  /** Serve MCP over Streamable HTTP at /mcp. */
  mcp: boolean;
  /** Keys any one of which unlocks reads (every route but the health probes); empty → reads are open. */
  readKeys: string[];
  /** host[:port] a browser Origin may name to use /mcp (DNS-rebinding guard); entries without a port match any port. */
  allowedHosts: string[];
}

export { requireSearch } from '../../app/engines.js';
