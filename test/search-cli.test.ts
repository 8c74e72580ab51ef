// The search commands (search, precedents, ask, eval, bench) over a data dir ingested from the
// seeds: in-process through the CLI's main() (fast), and `search --stdin` as a spawned process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalReport } from '../search/eval/run-eval.js';
import type { AskAnswer } from '../app/ask.js';
import type { Precedent } from '../app/precedents.js';
import type { SearchResponse } from '../search/types.js';
import { BIN, ROOT, sharedSeededDataDir } from './api-helpers.js';
import { cliOn, runCli } from './support/run-cli.js';

let dataDir: string;
let scratch: string;

const { cli, json } = cliOn(() => dataDir);

beforeAll(async () => {
  dataDir = await sharedSeededDataDir();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-search-cli-'));
}, 180_000);
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('policygraph search', () => {
  it('prints cited results with their reasons', async () => {
    const run = await cli('search', '5G什么时候启动商用', '--k', '3');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^3 result\(s\) in /);
    expect(run.stdout).toMatch(/1\. \S+.* · /);
    expect(run.stdout).toMatch(/why: dense #\d+/);
  });

  it('applies filters given as flags, names resolved through the dictionaries', async () => {
    const response = await json<SearchResponse>('search', '信息消费规模', '--level', 'provincial', '--year-from', '2018', '--k', '5');
    expect(response.results.length).toBeGreaterThan(0);
    for (const r of response.results) {
      expect(r.document.level).toBe('provincial');
      expect(r.document.year).toBeGreaterThanOrEqual(2018);
    }
    const byTheme = await json<SearchResponse>('search', '建设', '--theme', 'fifth-generation mobile', '--k', '5');
    expect(byTheme.results.length).toBeGreaterThan(0);
    expect(byTheme.results.every((r) => r.themes.some((t) => t.name === '5G'))).toBe(true);
  });

  it('--strict turns the region the query names into a filter', async () => {
    const response = await json<SearchResponse>('search', '四川 信息消费规模', '--strict', '--k', '5');
    expect(response.understood.regions).toContain('四川省');
    expect(response.results.length).toBeGreaterThan(0);
    expect(response.results.every((r) => r.document.region === '四川省')).toBe(true);
  });

  it('answers JSON lines on standard input, one line per query, errors in place', () => {
    const input = ['{"id":"q1","query":"网上看病"}', 'not json', '{"id":3,"query":"IPv6","k":2}'].join('\n') + '\n';
    const run = spawnSync(process.execPath, [BIN, 'search', '--stdin', '--k', '1', '--data-dir', dataDir], { cwd: ROOT, input, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['q1', 2, 3]);
    expect(lines[0].results).toHaveLength(1);
    expect(Object.keys(lines[0].results[0]).sort()).toEqual(['citation', 'clause', 'document', 'score', 'why']);
    expect(Object.keys(lines[0].results[0].clause).sort()).toEqual(['heading', 'id', 'path', 'text']);
    expect(Object.keys(lines[0].results[0].document).sort()).toEqual(['date', 'docNumber', 'docType', 'id', 'level', 'region', 'title', 'year']);
    expect(lines[0].results[0].clause.text).toMatch(/在线|就医|医疗/);
    expect(lines[1].error).toMatch(/line 2 is not JSON/);
    expect(lines[2].results).toHaveLength(2);
  });

  it('fails with a one-line message on bad input', async () => {
    const empty = await cli('search', '   ');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/^policygraph: .*\n$/);
    const badK = await cli('search', '5G', '--k', 'ten');
    expect(badK.status).toBe(2);
    expect(badK.stderr).toContain('--k must be an integer');
  });
});

describe('policygraph precedents, ask, eval, bench', () => {
  it('precedents from a file, spread over documents, excluding one by 文号', async () => {
    const draft = path.join(scratch, 'draft.txt');
    fs.writeFileSync(draft, '严格落实企业加强个人信息保护的责任，全面规范个人信息采集、存储、使用等行为，防范个人信息泄露和滥用。');
    const precedents = await json<Precedent[]>('precedents', '--file', draft, '--k', '5', '--exclude-doc', '皖政〔2018〕20号');
    expect(precedents.length).toBe(5);
    expect(precedents.some((p) => p.document.docNumber === '皖政〔2018〕20号')).toBe(false);
    expect(new Set(precedents.map((p) => p.document.id)).size).toBeGreaterThanOrEqual(3);
    expect(precedents[0].sharedPhrases.join('')).toContain('个人信息');
    const both = await cli('precedents', '--text', 'x', '--file', draft);
    expect(both.stderr).toContain('not both');
  });

  it('ask compares targets across documents', async () => {
    const answer = await json<AskAnswer>('ask', '到2020年全国信息消费规模目标是多少？');
    expect(answer.kind).toBe('targets');
    expect(answer.targets!.length).toBeGreaterThanOrEqual(3);
    expect(answer.targets![0]).toMatchObject({ value: '6万亿元', year: 2020 });
    expect(answer.evidence.length).toBeGreaterThan(0);
  });

  it('eval prints the per-kind table for a query set', async () => {
    const queries = path.join(scratch, 'queries.json');
    fs.writeFileSync(
      queries,
      JSON.stringify([
        { id: 'a', kind: 'keyword', query: '共享车间', relevant: ['共享车间'] },
        { id: 'b', kind: 'english', query: 'cross-border e-commerce', relevant: ['跨境电子商务'] },
      ]),
    );
    const report = await json<EvalReport>('eval', '--queries', queries);
    expect(report.summary.map((r) => r.kind)).toEqual(['english', 'keyword', 'all']);
    expect(report.summary[1].scores.hybrid.ndcg10).toBeGreaterThan(0.5);
    const table = await cli('eval', '--queries', queries);
    expect(table.stdout).toMatch(/lexical nDCG@10 +R@10 +MRR +H@1 +H@10 │ dense +nDCG@10/);
    const bad = await cli('eval', '--queries', path.join(scratch, 'missing.json'));
    expect(bad.status).toBe(2);
  });

  it('bench lists the benchmark scripts', async () => {
    const listed = await runCli(['bench', '--list']);
    expect(listed.status).toBe(0);
    expect(listed.stdout.split('\n')).toEqual(expect.arrayContaining(['ingest', 'search-latency']));
    expect(listed.stdout).not.toContain('search-bench-support');
    const unknown = await runCli(['bench', 'no-such-bench']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown benchmark "no-such-bench"');
  });
});
