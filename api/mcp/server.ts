// The PolicyGraph MCP server: the same graph and search as the HTTP API, as tools for chat assistants.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { API_VERSION } from '../openapi.js';
import { registerGraphTools } from './graph-tools.js';
import { registerResponsibilityTool } from './responsibility-tool.js';
import { registerSearchTools } from './search-tools.js';
import { registerCorpusTools } from './corpus-tools.js';
import { registerResources } from './resources.js';
import type { McpDeps } from './tool-support.js';

export const MCP_TOOL_NAMES = [
  'search_clauses',
  'find_precedents',
  'get_clause',
  'get_document',
  'list_themes',
  'who_is_responsible',
  'compare_targets',
  'about',
  'list_documents',
] as const;

export function createMcpServer(deps: McpDeps): McpServer {
  const server = new McpServer(
    { name: 'policygraph', version: API_VERSION },
    {
      instructions:
        'PolicyGraph answers questions about the Chinese government policy and legal documents it holds. ' +
        'Call about to learn what the corpus holds (types, regions, years, themes) and list_documents to find documents; then search_clauses. ' +
        'Quote results by their citation (文号 or 《title》 · clause path); open a clause with get_clause or a document with get_document, or read them as resources (policygraph://documents/{id}, policygraph://clauses/{id}). ' +
        'who_is_responsible gives agencies with roles and deadlines; compare_targets compares quantitative goals; find_precedents finds clauses similar to a draft.',
    },
  );
  registerSearchTools(server, deps);
  registerResponsibilityTool(server, deps);
  registerGraphTools(server, deps);
  registerCorpusTools(server, deps);
  registerResources(server, deps);
  return server;
}
