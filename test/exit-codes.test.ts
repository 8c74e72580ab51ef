// Exit codes as the README documents them: 0 ok, 1 some inputs skipped, 2 usage or environment
// error, 3 internal error — each one produced by a real command, with a one-line message.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, reportError } from '../api/cli.js';
import { PolicyGraphError } from '../graph/errors.js';
import { runCli } from './support/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pg-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const oneLine = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe('exit codes', () => {
  it('0 for a command that succeeds', async () => {
    expect((await runCli(['--version'])).status).toBe(EXIT.ok);
    expect((await runCli(['bench', '--list'])).status).toBe(EXIT.ok);
  });

  it('1 when some inputs were skipped', async () => {
    const inbox = path.join(dir, 'inbox');
    rmSync(inbox, { recursive: true, force: true });
    writeFileSync(path.join(dir, 'empty.txt'), '');
    const run = await runCli(['ingest', path.join(dir, 'empty.txt'), '--data-dir', path.join(dir, 'data'), '--embedder', 'builtin', '--no-progress']);
    expect(run.status).toBe(EXIT.skipped);
    expect(run.stderr).toMatch(/empty\.txt/);
  }, 60_000);

  it('2 for a usage or environment mistake', async () => {
    const unknownOption = await runCli(['documents', '--no-such-option']);
    expect(unknownOption.status).toBe(EXIT.usage);
    const badEngine = await runCli(['documents', '--graph', 'mongodb', '--data-dir', dir]);
    expect(badEngine.status).toBe(EXIT.usage);
    expect(badEngine.stderr).toMatch(/unknown graph engine "mongodb"/);
    oneLine(badEngine.stderr);
    const missing = await runCli(['ingest', path.join(dir, 'no-such-file.md'), '--data-dir', path.join(dir, 'data2'), '--embedder', 'builtin']);
    expect(missing.status).toBe(EXIT.usage);
    oneLine(missing.stderr);
  });

  it('3 for an error that is not the user\'s (a bug), still one line', () => {
    const writes: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (writes.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      expect(reportError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(EXIT.internal);
      expect(reportError(new PolicyGraphError('CONFIG', 'bad setting'))).toBe(EXIT.usage);
    } finally {
      process.stderr.write = write;
    }
    expect(writes[0]).toBe("policygraph: unexpected error: Cannot read properties of undefined (reading 'id')\n");
  });
});
