// What every route module receives: the app's dependencies and its Hono environment type.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { GraphStore } from '../../graph/store.js';
import type { SearchService } from '../../search/service.js';
import type { Limits } from '../middleware/limits.js';

export type AppEnv = { Variables: { requestId: string } };
export type App = OpenAPIHono<AppEnv>;

/** One uploaded file to ingest; what POST /v1/documents hands to the ingest pipeline. */
export interface UploadedDocument {
  /** Its extension picks the reader (.txt, .md, .html, .docx, .pdf). */
  filename: string;
  /** UTF-8 text, or the file's bytes as uploaded (any format and encoding). */
  content: string | Uint8Array;
}

export interface IngestedDocument {
  id: string;
  title: string;
  docNumber: string | null;
  clauseCount: number;
}

export interface UploadResult {
  documents: IngestedDocument[];
  skipped: { file: string; reason: string }[];
}

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
