// The CLI runs a transpiled copy of the sources (bin/source-cache.js): it must run what the sources
// say now (an edited source is transpiled again, a removed one is gone), and paths beside a module
// (JSON imports, files found through import.meta.url) must resolve as they do beside the source.
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript beside the CLI entry, no declarations
import { transpiledEntry } from '../bin/source-cache.js';

function tree(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pg-source-cache-'));
  mkdirSync(path.join(root, 'src', 'data'), { recursive: true });
  writeFileSync(path.join(root, 'src', 'data', 'words.json'), JSON.stringify({ word: '数字乡村' }));
  writeFileSync(path.join(root, 'src', 'beside.txt'), 'next to the source');
  writeFileSync(path.join(root, 'src', 'value.ts'), 'export const value: number = 1;\n');
  writeFileSync(
    path.join(root, 'src', 'entry.ts'),
    [
      "import fs from 'node:fs';",
      "import words from './data/words.json' with { type: 'json' };",
      "import { value } from './value.js';",
      'class Box { constructor(readonly inner: number) {} }',
      "export const read = () => ({ value: new Box(value).inner, word: words.word, beside: fs.readFileSync(new URL('./beside.txt', import.meta.url), 'utf8') });",
      "export const later = () => import('./value.js');",
    ].join('\n'),
  );
  return root;
}

async function load(root: string): Promise<{ read: () => { value: number; word: string; beside: string } }> {
  const url = await transpiledEntry('src/entry.ts', { root, dirs: ['src'], cache: path.join(root, 'cache') });
  expect(url).toMatch(/cache\/src\/entry\.js$/);
  return import(`${url}?v=${Math.random()}`);
}

describe('the CLI transpiled copy of the sources', () => {
  it('runs the sources as written: imports, JSON beside them, files found through import.meta.url', async () => {
    const root = tree();
    expect((await load(root)).read()).toEqual({ value: 1, word: '数字乡村', beside: 'next to the source' });
  });

  it('transpiles an edited source again and drops a removed one', async () => {
    const root = tree();
    await load(root);
    const value = path.join(root, 'src', 'value.ts');
    writeFileSync(value, 'export const value: number = 22;\n');
    utimesSync(value, new Date(), new Date(Date.now() + 5_000));
    const url = await transpiledEntry('src/entry.ts', { root, dirs: ['src'], cache: path.join(root, 'cache') });
    // the module cache keeps value.js once imported: read the new copy in a fresh module graph
    const { execFileSync } = await import('node:child_process');
    const printed = execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); console.log(m.read().value)`], { encoding: 'utf8' });
    expect(printed.trim()).toBe('22');
    rmSync(value);
    expect(await transpiledEntry('src/value.ts', { root, dirs: ['src'], cache: path.join(root, 'cache') })).toBeNull();
    expect(existsSync(path.join(root, 'cache', 'src', 'value.js'))).toBe(false);
  });
});
