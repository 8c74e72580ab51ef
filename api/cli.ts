// The `policygraph` command line. Each command lives in api/commands/<name>.ts and imports its
// implementation lazily, so `policygraph --help` starts without loading native modules.
import { Command, CommanderError } from 'commander';
import { resetSettings, settings } from '../app/settings.js';
import { isPolicyGraphError } from '../app/errors.js';
import { applyProcessSettings } from '../app/process-settings.js';
import { registerIngest } from './commands/ingest.js';
import { registerDocuments } from './commands/documents.js';
import { registerExport } from './commands/export.js';
import { registerDelete } from './commands/delete.js';
import { registerServe } from './commands/serve.js';
import { registerMcp } from './commands/mcp.js';
import { registerSearch } from './commands/search.js';
import { registerPrecedents } from './commands/precedents.js';
import { registerAsk } from './commands/ask.js';
import { registerEval } from './commands/eval.js';
import { registerBench } from './commands/bench.js';
import { registerThemes } from './commands/themes.js';
import { registerAgencies } from './commands/agencies.js';
import { registerTargets } from './commands/targets.js';
import { registerWho } from './commands/who.js';

export type CommandRegistrar = (program: Command) => void;

const registrars: CommandRegistrar[] = [registerIngest, registerDocuments, registerExport, registerDelete, registerSearch, registerPrecedents, registerAsk, registerEval, registerBench, registerServe, registerMcp, registerThemes, registerAgencies, registerTargets, registerWho];

export function buildProgram(): Command {
  const program = new Command('policygraph')
    .description('Knowledge graph and semantic search over Chinese government policy clauses')
    .version('0.1.0')
    .exitOverride()
    // commander's own usage errors (unknown option, missing argument) in the same one-line form as ours
    .configureOutput({ outputError: (message, write) => write(`policygraph: ${message.replace(/^error: /, '')}`) });
  for (const register of registrars) register(program);
  return program;
}

/**
 * Exit codes (documented in the README): 0 ok, 1 some inputs skipped, 2 usage or environment error
 * (bad flags, missing files, unreachable store: the user can fix it), 3 internal error (a bug).
 */
export const EXIT = { ok: 0, skipped: 1, usage: 2, internal: 3 } as const;

/** Runs the CLI and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // one run, one reading of the environment (tests run several commands in one process)
  resetSettings();
  const program = buildProgram();
  applyProcessSettings();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return reportError(err);
  }
}

/** Prints one line for a failed command and returns its exit code. */
export function reportError(err: unknown): number {
  // commander exits 0 for --help/--version and 1 for a usage mistake, which here is 2 (it printed the message)
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (isPolicyGraphError(err)) {
    process.stderr.write(`policygraph: ${err.message}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`policygraph: unexpected error: ${message}\n`);
  if (settings().debug) console.error(err);
  return EXIT.internal;
}
