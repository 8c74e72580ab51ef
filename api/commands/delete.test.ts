import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../graph/embedded/embedded-store.js';
import { DOC_GUOFA, fixtureBatch } from '../../test/support/graph-store-fixture.js';
import { cliOn } from '../../test/support/run-cli.js';

let dataDir = '';
const { cli, json } = cliOn(() => dataDir);

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-delete-'));
  const store = new EmbeddedStore(path.join(dataDir, 'graph'));
  await store.open();
  await store.write(fixtureBatch());
  await store.close();
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('policygraph delete', () => {
  it('deletes a document named by its 文号 in another bracket style, with its clauses', async () => {
    const guofa = fixtureBatch().clauses.filter((c) => c.docId === DOC_GUOFA).length;
    const result = await json<{ deleted: { id: string; clauses: number } }>('delete', '国发[2017]40号');
    expect(result.deleted).toMatchObject({ id: DOC_GUOFA, clauses: guofa });
    const store = new EmbeddedStore(path.join(dataDir, 'graph'), { readOnly: true });
    await store.open();
    try {
      expect(await store.getDocument(DOC_GUOFA)).toBeNull();
      expect((await store.allClauses()).some((c) => c.docId === DOC_GUOFA)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('an unknown document is a one-line NOT_FOUND error and deletes nothing', async () => {
    const run = await cli('delete', '国发〔1999〕1号');
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('no document "国发〔1999〕1号"');
    expect((await json<unknown[]>('documents')).length).toBe(fixtureBatch().documents.length);
  });
});
