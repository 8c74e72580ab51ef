// What MCP tools share: their dependencies and an error guard that turns known failures into
// tool errors a model can read (and act on) and hides everything else behind a generic line.
import type { Logger } from 'pino';
import { isPolicyGraphError } from '../../graph/errors.js';
import type { GraphStore } from '../../graph/store.js';
import type { SearchService } from '../../search/service.js';
import { problemFromError } from '../problem.js';
import { toolError, type ToolText } from './format.js';
import cliHints from './data/cli-hints.json' with { type: 'json' };

const HINTS = Object.entries(cliHints as Record<string, string>).filter(([command]) => !command.startsWith('_'));

/** An error message with the CLI commands it suggests replaced by the MCP tools a model can call. */
export function forModels(message: string): string {
  let out = message;
  for (const [command, tool] of HINTS) out = out.replace(new RegExp(`\`?${command}\`?(?![\\w-])`, 'g'), tool);
  return out;
}

export interface McpDeps {
  store: GraphStore;
  /** Read at call time: the server may swap in a reloaded search service after an upload. */
  search: SearchService | null;
  logger: Logger;
}

export function guarded<A>(deps: McpDeps, tool: string, run: (args: A) => Promise<ToolText>): (args: A) => Promise<ToolText> {
  return async (args: A) => {
    try {
      return await run(args);
    } catch (err) {
      if (isPolicyGraphError(err)) return toolError(`${tool}: ${forModels(err.message)}`);
      const problem = problemFromError(err);
      deps.logger.error({ err, tool }, 'MCP tool failed');
      return toolError(`${tool}: ${problem.detail}`);
    }
  };
}
