import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import lbug from '@ladybugdb/core';
import { EmbeddedStore } from './embedded-store.js';
import { storeContract } from '../../test/support/graph-store-suite.js';
import { fixtureBatch } from '../../test/support/graph-store-fixture.js';
import { META_ID } from '../schema.js';
import { writeMeta } from '../cypher/statements.js';
import { policyGraphFailure as failure } from '../../test/support/errors.js';

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-embedded-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

storeContract('embedded (Ladybug)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-contract-'));
  const dbPath = path.join(dir, 'graph');
  let store = new EmbeddedStore(dbPath);
  await store.open();
  return {
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = new EmbeddedStore(dbPath);
      await store.open();
      return store;
    },
    async recordSchemaVersion(version: number) {
      await store.close();
      const db = new lbug.Database(dbPath);
      const conn = new lbug.Connection(db);
      await conn.execute(await conn.prepare(writeMeta.text), { id: META_ID, version });
      await conn.close();
      await db.close();
    },
    async dispose() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});


describe('EmbeddedStore: data dir, sharing and read-only mode', () => {
  it('refuses a data dir that is a file, naming it', async () => {
    const file = path.join(tempDir(), 'not-a-dir');
    fs.writeFileSync(file, 'x');
    const err = await failure(new EmbeddedStore(path.join(file, 'graph')).open());
    expect(err).toEqual({ code: 'DATA_DIR', message: expect.stringContaining(file) });
    expect(err.message).toContain('not a directory');
  });

  it('refuses a data dir it cannot create', async () => {
    const file = path.join(tempDir(), 'file');
    fs.writeFileSync(file, 'x');
    const dir = path.join(file, 'deeper', 'data');
    const err = await failure(new EmbeddedStore(path.join(dir, 'graph')).open());
    expect(err.code).toBe('DATA_DIR');
    expect(err.message).toContain(dir);
  });

  it('refuses a database file it did not create', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'graph'), 'not a database');
    const err = await failure(new EmbeddedStore(path.join(dir, 'graph')).open());
    expect(err.code).toBe('DATA_DIR');
    expect(err.message).toContain(path.join(dir, 'graph'));
  });

  it('read-only: no graph yet is a clear error; an existing graph reads but refuses writes', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'graph');
    const missing = await failure(new EmbeddedStore(dbPath, { readOnly: true }).open());
    expect(missing.code).toBe('DATA_DIR');
    expect(missing.message).toContain('policygraph ingest');
    expect(fs.existsSync(dbPath)).toBe(false);

    const writer = new EmbeddedStore(dbPath);
    await writer.open();
    await writer.write(fixtureBatch());
    await writer.close();

    const reader = new EmbeddedStore(dbPath, { readOnly: true });
    await reader.open();
    try {
      expect((await reader.listDocuments()).length).toBe(fixtureBatch().documents.length);
      const refused = await failure(reader.write(fixtureBatch()));
      expect(refused.code).toBe('DATA_DIR');
      expect(refused.message).toContain('read-only');
    } finally {
      await reader.close();
    }
  });

  it('stores on one file in one process share a handle; other processes are locked out while it is open for writing', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'graph');
    const a = new EmbeddedStore(dbPath);
    const b = new EmbeddedStore(dbPath);
    await a.open();
    await b.open();
    try {
      await Promise.all([a.write(fixtureBatch()), b.write(fixtureBatch())]); // queued, not colliding
      expect((await b.listDocuments()).length).toBe(fixtureBatch().documents.length);

      const probe = (readOnly: boolean) =>
        spawnSync(process.execPath, ['--input-type=module', '-e', childOpen(dbPath, readOnly)], { encoding: 'utf8', cwd: process.cwd() });
      const writer = probe(false);
      expect(writer.stdout.trim()).toMatch(/^error: .*lock/i);
      const reader = probe(true);
      expect(reader.stdout.trim()).toBe(`documents: ${fixtureBatch().documents.length}`);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

/** A second process opening the same file directly with Ladybug. */
function childOpen(dbPath: string, readOnly: boolean): string {
  return `
    import lbug from '@ladybugdb/core';
    try {
      const db = new lbug.Database(${JSON.stringify(dbPath)}, 0, true, ${readOnly});
      const conn = new lbug.Connection(db);
      const rows = await (await conn.query('MATCH (d:Document) RETURN count(*) AS n')).getAll();
      console.log('documents: ' + rows[0].n);
    } catch (e) { console.log('error: ' + e.message.split('\\n')[0]); }
  `;
}
