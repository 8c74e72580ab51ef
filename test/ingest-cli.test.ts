// The ingest command end to end, as a user runs it: a fresh data dir, the bundled seeds, bad inputs.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeTinyModel } from './fixtures/tiny-model.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [path.join(ROOT, 'bin/policygraph.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, POLICYGRAPH_EMBEDDER: 'builtin' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'pg-ingest-'));

describe('policygraph ingest', () => {
  let first: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    first = await cli('ingest', '--data-dir', dataDir);
  });

  it('ingests the bundled seeds by default and prints a summary', () => {
    expect(first.stderr).not.toMatch(/\n\s+at /); // never a stack trace
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/ingested 5 file\(s\)/);
    // the word lists in seeds/dictionaries are data for the matchers, not inputs to report as not taken
    expect(first.stderr).not.toMatch(/not taken/);
    expect(first.stdout).toMatch(/documents\s+8/);
    expect(first.stdout).toMatch(/duplicates merged 1 document copies/);
  });

  it('lists documents with the fields researchers cite', async () => {
    const { stdout, code } = await cli('documents', '--data-dir', dataDir, '--json');
    expect(code).toBe(0);
    const docs = JSON.parse(stdout) as Record<string, unknown>[];
    const guideline = docs.find((d) => d.docNumber === '国发〔2017〕40号')!;
    expect(Object.keys(guideline).sort()).toEqual(
      [
        ...['id', 'title', 'docNumber', 'issuers', 'region', 'level', 'year', 'date', 'draft', 'kind', 'inCorpus', 'sources', 'clauseCount'],
        ...['docType', 'subject', 'indexNumber', 'publishedDate', 'effectiveDate', 'edition', 'status', 'history'],
      ].sort(),
    );
    expect(guideline.clauseCount).toBeGreaterThan(70);
    expect(guideline.inCorpus).toBe(true);
  });

  it('exports every node and edge as JSON lines, and re-ingest leaves the graph exactly as it was', async () => {
    const before = await cli('export', '--data-dir', dataDir, '--format', 'jsonl');
    const lines = before.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const clause = lines.find((l) => l.kind === 'node' && l.label === 'Clause');
    expect(Object.keys(clause.properties)).toEqual(expect.arrayContaining(['docId', 'path', 'number', 'heading', 'text', 'sources']));
    for (const type of ['HAS_CLAUSE', 'HAS_CHILD', 'NEXT']) expect(lines.some((l) => l.kind === 'edge' && l.type === type)).toBe(true);
    expect((await cli('ingest', '--data-dir', dataDir)).code).toBe(0);
    const after = await cli('export', '--data-dir', dataDir, '--format', 'jsonl');
    expect(after.stdout).toBe(before.stdout);
  });

  it('skips bad files with one line each, ingests the good ones, keeps what was stored, exits non-zero', async () => {
    const inbox = mkdtempSync(path.join(tmpdir(), 'pg-inbox-'));
    for (const name of ['binary.txt', 'empty.txt', 'english-notes.md', 'gbk-policy.txt']) {
      copyFileSync(path.join(ROOT, 'test/fixtures', name), path.join(inbox, name));
    }
    const result = await cli('ingest', inbox, '--data-dir', dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/skipped .*binary\.txt: binary content/);
    expect(result.stderr).toMatch(/skipped .*empty\.txt: empty file/);
    expect(result.stderr).toMatch(/skipped .*english-notes\.md: no recognisable structure/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const docs = JSON.parse((await cli('documents', '--data-dir', dataDir, '--json')).stdout) as { docNumber: string | null }[];
    expect(docs.map((d) => d.docNumber)).toEqual(expect.arrayContaining(['国发〔2017〕40号', '皖政〔2018〕20号', '某政〔2019〕5号']));
  });

  it('names a path that does not exist', async () => {
    const result = await cli('ingest', path.join(dataDir, 'no-such-dir'), '--data-dir', dataDir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/input path does not exist: .*no-such-dir/);
  });

  it('names a data dir that cannot be used', async () => {
    const notADir = path.join(mkdtempSync(path.join(tmpdir(), 'pg-file-')), 'plain-file');
    writeFileSync(notADir, 'x');
    const result = await cli('ingest', '--data-dir', notADir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/plain-file/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads nested directories recursively', async () => {
    const nested = mkdtempSync(path.join(tmpdir(), 'pg-nested-'));
    mkdirSync(path.join(nested, 'a/b'), { recursive: true });
    copyFileSync(path.join(ROOT, 'test/fixtures/utf16le-policy.txt'), path.join(nested, 'a/b/policy.txt'));
    const target = mkdtempSync(path.join(tmpdir(), 'pg-nested-data-'));
    const result = await cli('ingest', nested, '--data-dir', target);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/documents\s+1/);
  });

  it('embeds with a local transformers.js model when asked, records it in the index, and searches with it', async () => {
    const models = mkdtempSync(path.join(tmpdir(), 'pg-models-'));
    const fixture = path.join(ROOT, 'test/fixtures/gbk-policy.txt');
    const vocabulary = [...new Set('某省人民政府关于推进网络建设的通知加快城区覆盖全省基站达到万个组织领导通信管理局牵头负责'.split(''))].concat(['5g']);
    writeTinyModel(path.join(models, 'local/tiny-zh'), { vocabulary, hidden: 8 });
    const target = mkdtempSync(path.join(tmpdir(), 'pg-tiny-data-'));
    const flags = ['--embedder', 'transformers', '--model', 'local/tiny-zh', '--model-dir', models];
    const result = await cli('ingest', fixture, '--data-dir', target, ...flags);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/embedder\s+transformers:local\/tiny-zh/);
    const search = await run('node', [path.join(ROOT, 'bin/policygraph.js'), 'search', '5G基站', '--data-dir', target, '--json'], {
      cwd: ROOT,
      env: { ...process.env, POLICYGRAPH_EMBEDDER: 'transformers', POLICYGRAPH_MODEL: 'local/tiny-zh', POLICYGRAPH_MODEL_DIR: models },
    });
    const response = JSON.parse(search.stdout);
    expect(response.embedder).toMatch(/^transformers:local\/tiny-zh/);
    expect(response.results[0].clause.text).toContain('5G基站');
  });
});

