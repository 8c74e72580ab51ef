// Legal texts end to end: ingested through the CLI from test/fixtures/laws (two editions of one
// regulation and an implementing 办法), listed with their legal metadata, and searched by article.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResponse } from '../search/types.js';
import { ROOT } from './api-helpers.js';
import { cliOn } from './support/run-cli.js';

let dataDir: string;
const { cli, json } = cliOn(() => dataDir);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-law-search-'));
  const run = await cli('ingest', '--embedder', 'builtin', path.join(ROOT, 'test/fixtures/laws'));
  expect(run.status, run.stderr).toBe(0);
}, 180_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

interface ListedDocument {
  title: string;
  docType: string | null;
  edition: string | null;
  status: string | null;
  issuers: string[];
  inCorpus: boolean;
  clauseCount: number;
}

describe('legal texts through the CLI', () => {
  it('lists each edition as its own document with type, issuer and status', async () => {
    const docs = (await json<ListedDocument[]>('documents')).filter((d) => d.inCorpus);
    const editions = docs.filter((d) => d.title === '某省河道管理条例').sort((a, b) => String(a.edition).localeCompare(String(b.edition)));
    expect(editions.map((d) => [d.edition, d.status])).toEqual([
      ['2001-06-20', 'superseded'],
      ['2010-07-13', 'current'],
    ]);
    expect(editions[1]).toMatchObject({ docType: '地方性法规', issuers: ['某省人民代表大会常务委员会'] });
    expect(editions[1].clauseCount).toBe(8);
  });

  it('answers "《X》第N条" and "X第N条" with that article of the current edition first', async () => {
    for (const query of ['《某省河道管理条例》第三条', '河道管理条例第3条有什么要求']) {
      const response = await json<SearchResponse>('search', query, '--k', '3');
      const first = response.results[0];
      expect(first.clause.path, query).toBe('第二章/第三条');
      expect(first.clause.text).toContain('审查同意');
      expect(first.why.graph.some((g) => g.kind === 'article')).toBe(true);
    }
  });

  it('answers an article of a document given as a filter', async () => {
    const docs = await json<{ id: string; title: string; status: string | null }[]>('documents');
    const implementing = docs.find((d) => d.title.startsWith('某省实施'))!;
    const response = await json<SearchResponse>('search', '第二条', '--doc', implementing.id, '--k', '1');
    expect(response.results[0].clause.text).toContain('全面规划');
  });
});
