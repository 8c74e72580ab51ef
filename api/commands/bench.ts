// `policygraph bench [names…]`: runs the benchmark scripts of bench/ (each prints its figures),
// one after another in child processes so one script's memory and native state never skew the next.
import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PolicyGraphError } from '../../app/errors.js';

const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench');

/** Benchmark scripts: bench/*.ts, except helpers (leading underscore, -support.ts) and the runner script. */
export function listBenchmarks(dir = BENCH_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_') && !f.endsWith('.test.ts') && !f.endsWith('-support.ts') && f !== 'run.ts')
    .map((f) => f.slice(0, -3))
    .sort();
}

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('run the benchmarks in bench/ (search latency, ingest throughput, …) and print their figures')
    .argument('[names...]', 'benchmarks to run (default: all); see --list; options after the names go to the scripts (bench search-latency --only seeds)')
    .option('--list', 'list the benchmarks and exit')
    .allowUnknownOption(true)
    .action(async (operands: string[], opts) => {
      const { names, scriptArgs } = splitBenchArgs(operands);
      const available = listBenchmarks();
      if (opts.list) {
        process.stdout.write(available.join('\n') + '\n');
        return;
      }
      const chosen = names.length ? names.map((n) => n.replace(/\.ts$/, '')) : available;
      for (const name of chosen) {
        if (!available.includes(name)) throw new PolicyGraphError('BAD_REQUEST', `unknown benchmark "${name}": choose from ${available.join(', ')}`);
      }
      let failed = 0;
      for (const name of chosen) {
        process.stdout.write(`\n== bench/${name}.ts\n`);
        const code = await runScript(path.join(BENCH_DIR, `${name}.ts`), scriptArgs);
        if (code !== 0) {
          failed++;
          process.stderr.write(`policygraph: bench/${name}.ts exited with code ${code}\n`);
        }
      }
      // a benchmark that fails is a fault, not a skipped input (exit codes: README)
      process.exitCode = failed ? 3 : 0;
    });
}

/** Benchmark names come first; from the first `--option` on, everything is passed to each script as is. */
export function splitBenchArgs(operands: string[]): { names: string[]; scriptArgs: string[] } {
  const cut = operands.findIndex((a) => a.startsWith('-'));
  return cut < 0 ? { names: operands, scriptArgs: [] } : { names: operands.slice(0, cut), scriptArgs: operands.slice(cut) };
}

function runScript(file: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: 'inherit', cwd: path.dirname(BENCH_DIR) });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
}
