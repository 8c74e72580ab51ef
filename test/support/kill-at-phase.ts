// Runs a `policygraph` command with phase reports on (POLICYGRAPH_REPORT_PHASES=1, graph/phases.ts)
// and SIGKILLs it as soon as it reports `phase`: the crash tests' way to land a kill in each phase.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PHASE_PREFIX } from '../../graph/phases.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'policygraph.js');

/** Whether the kill landed (the process died of it) and the phases it reported before. */
export function runKilledAtPhase(args: string[], phase: string, env: NodeJS.ProcessEnv = {}): Promise<{ killed: boolean; phases: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, POLICYGRAPH_REPORT_PHASES: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const phases: string[] = [];
    let pending = '';
    child.stderr.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith(PHASE_PREFIX)) continue;
        phases.push(line.slice(PHASE_PREFIX.length).trim());
        if (phases.at(-1) === phase) child.kill('SIGKILL');
      }
    });
    child.on('close', (code) => resolve({ killed: code === null, phases }));
  });
}
