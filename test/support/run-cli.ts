// Runs `policygraph …` in this process through the CLI's main(), capturing what it writes: much
// faster than spawning a process, and the same code path.
import { expect } from 'vitest';
import { main } from '../../api/cli.js';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  process.exitCode = undefined;
  try {
    const status = await main(['node', 'policygraph', ...args]);
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = undefined;
  }
}

/** `cli` runs a command against a data dir; `json` runs it with --json and parses a successful answer. */
export function cliOn(dataDir: () => string) {
  const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir()]);
  const json = async <T>(...args: string[]): Promise<T> => {
    const run = await cli(...args, '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout) as T;
  };
  return { cli, json };
}
