// MCP resources with stable URIs: policygraph://documents/{id} (metadata and outline) and
// policygraph://clauses/{id} (a clause with its citation and context), as JSON. Clients that attach
// resources to a conversation (rather than call tools) read the corpus through these.
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { PolicyGraphError } from '../../graph/errors.js';
import { clauseDetail } from '../../app/clauses.js';
import { resolveDocument } from '../../app/documents.js';
import type { McpDeps } from './tool-support.js';

/** Documents listed by resources/list: the newest first, bounded so the list stays small. */
const LISTED_DOCUMENTS = 200;

export const documentUri = (id: string) => `policygraph://documents/${encodeURIComponent(id)}`;
export const clauseUri = (id: string) => `policygraph://clauses/${encodeURIComponent(id)}`;

const json = (uri: string, value: unknown) => ({ contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(value) }] });

export function registerResources(server: McpServer, deps: McpDeps): void {
  server.registerResource(
    'document',
    new ResourceTemplate('policygraph://documents/{id}', {
      list: async () => {
        const docs = (await deps.store.listDocuments())
          .filter((d) => d.inCorpus)
          .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))
          .slice(0, LISTED_DOCUMENTS);
        return { resources: docs.map((d) => ({ uri: documentUri(d.id), name: d.title, description: [d.docNumber, d.docType, d.region, d.year].filter(Boolean).join(' · '), mimeType: 'application/json' })) };
      },
    }),
    { title: 'Policy document', description: 'A document’s metadata and outline (clause ids and paths)', mimeType: 'application/json' },
    async (uri, variables) => {
      const id = decodeURIComponent(String(variables.id));
      const doc = await resolveDocument(deps.store, id);
      if (!doc) throw new PolicyGraphError('NOT_FOUND', `no document "${id}": list_documents lists them`);
      const outline = (await deps.store.outline(doc.id)).map((e) => ({ clause_id: e.id, uri: clauseUri(e.id), path: e.path, heading: e.heading, kind: e.kind }));
      return json(uri.href, { ...doc, outline });
    },
  );

  server.registerResource(
    'clause',
    new ResourceTemplate('policygraph://clauses/{id}', { list: undefined }),
    { title: 'Policy clause', description: 'A clause with its citation, document, headings, themes, agencies and targets', mimeType: 'application/json' },
    async (uri, variables) => {
      const id = decodeURIComponent(String(variables.id));
      const detail = await clauseDetail(deps.store, id);
      if (!detail) throw new PolicyGraphError('NOT_FOUND', `no clause "${id}": use a clause id from search_clauses or a document's outline`);
      return json(uri.href, detail);
    },
  );
}
