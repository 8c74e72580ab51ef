// Documents: list, one document with its outline, its citations, upload (ingest) of a new text and delete.
import { createHash } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { deleteDocument, documentCitations, listDocuments, resolveDocument } from '../../app/documents.js';
import { PolicyGraphError } from '../../graph/errors.js';
import { requireApiKey } from '../middleware/auth.js';
import { limitBody, oneAtATime } from '../middleware/limits.js';
import { IdParam, PaginationQuery, authResponses, notFoundResponse, page, problemResponses } from '../schemas/common.js';
import { CitationsSchema, DeletedDocumentSchema, DocumentDetailSchema, DocumentListSchema, UploadBodySchema, UploadResultSchema } from '../schemas/documents.js';
import type { App, AppDeps } from './context.js';

const list = createRoute({
  method: 'get',
  path: '/v1/documents',
  operationId: 'listDocuments',
  tags: ['documents'],
  summary: 'List documents (policies, commentaries, and documents known only by citation), newest first',
  request: { query: PaginationQuery },
  responses: { 200: { description: 'A page of documents', content: { 'application/json': { schema: DocumentListSchema } } }, ...problemResponses },
});

const get = createRoute({
  method: 'get',
  path: '/v1/documents/{id}',
  operationId: 'getDocument',
  tags: ['documents'],
  summary: 'One document with its outline (clause tree)',
  description: 'The id may also be the document’s 文号 (e.g. 国发〔2017〕40号, URL-encoded) or its title.',
  request: { params: IdParam },
  responses: {
    200: { description: 'The document and its outline', content: { 'application/json': { schema: DocumentDetailSchema } } },
    ...notFoundResponse,
    ...problemResponses,
  },
});

const citations = createRoute({
  method: 'get',
  path: '/v1/documents/{id}/citations',
  operationId: 'getDocumentCitations',
  tags: ['documents'],
  summary: 'Documents this one cites or implements, and those citing or implementing it',
  request: { params: IdParam },
  responses: {
    200: { description: 'Citations in both directions', content: { 'application/json': { schema: CitationsSchema } } },
    ...notFoundResponse,
    ...problemResponses,
  },
});

const upload = createRoute({
  method: 'post',
  path: '/v1/documents',
  operationId: 'uploadDocuments',
  tags: ['documents'],
  summary: 'Ingest an uploaded policy text (needs the API key)',
  description:
    'Parses the text into documents and clauses, extracts its entities and adds it to the graph and the search indexes. Needs `Authorization: Bearer $POLICYGRAPH_API_KEY`; disabled when the server has no key.',
  security: [{ bearerAuth: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: UploadBodySchema } } } },
  responses: {
    201: { description: 'Ingested', content: { 'application/json': { schema: UploadResultSchema } } },
    ...authResponses,
    ...problemResponses,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/documents/{id}',
  operationId: 'deleteDocument',
  tags: ['documents'],
  summary: 'Delete a document with its clauses and what only it referenced (needs the API key)',
  description:
    'The id may also be the 文号 or the title. One transaction removes the document, its clauses, their edges and the themes, agencies and targets only it referenced; search stops returning its clauses at once. Same as `policygraph delete`.',
  security: [{ bearerAuth: [] }],
  request: { params: IdParam },
  responses: {
    200: { description: 'Deleted', content: { 'application/json': { schema: DeletedDocumentSchema } } },
    ...authResponses,
    ...notFoundResponse,
    ...problemResponses,
  },
});

async function mustResolve(deps: AppDeps, id: string) {
  const doc = await resolveDocument(deps.store, id);
  if (!doc) throw new PolicyGraphError('NOT_FOUND', `no document with id, 文号 or title "${id}"`);
  return doc;
}

export function registerDocumentRoutes(app: App, deps: AppDeps): void {
  app.openapi(list, async (c) => {
    const { limit, offset } = c.req.valid('query');
    return c.json(page(await listDocuments(deps), offset, limit), 200);
  });

  app.openapi(get, async (c) => {
    const doc = await mustResolve(deps, c.req.valid('param').id);
    const outline = await deps.store.outline(doc.id);
    return c.json({ document: doc, clauseCount: outline.length, outline }, 200);
  });

  app.openapi(citations, async (c) => {
    const doc = await mustResolve(deps, c.req.valid('param').id);
    return c.json(await documentCitations(deps.store, doc), 200);
  });

  // Auth before the size check and the body parse: an anonymous caller learns nothing about the body.
  // One ingest at a time: a second upload meanwhile gets 429 before its body is read.
  app.post('/v1/documents', requireApiKey(deps.apiKey), oneAtATime('upload'), limitBody(deps.limits.uploadBytes));
  app.openapi(upload, async (c) => {
    if (!deps.ingestDocument) throw new PolicyGraphError('CONFIG', 'this server cannot ingest uploads (no ingest pipeline is configured)');
    const body = c.req.valid('json');
    const content = body.contentBase64 !== undefined ? new Uint8Array(Buffer.from(body.contentBase64, 'base64')) : body.text!;
    const filename = body.filename ?? `upload-${createHash('sha1').update(content).digest('hex').slice(0, 12)}.txt`;
    const result = await deps.ingestDocument({ filename, content });
    deps.logger.info({ reqId: c.get('requestId'), filename, documents: result.documents.length, skipped: result.skipped.length }, 'document uploaded');
    return c.json(result, 201);
  });

  app.delete('/v1/documents/:id', requireApiKey(deps.apiKey), oneAtATime('delete'));
  app.openapi(remove, async (c) => {
    const started = performance.now();
    const deleted = await deleteDocument(deps, { document: c.req.valid('param').id });
    // the search service caches clause contexts: reopen it so the deleted clauses are gone from answers
    await deps.reloadAfterWrite?.();
    deps.logger.info({ reqId: c.get('requestId'), id: deleted.id, clauses: deleted.clauses }, 'document deleted');
    return c.json({ deleted, tookMs: Math.round(performance.now() - started) }, 200);
  });
}
