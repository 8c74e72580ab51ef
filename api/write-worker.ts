// What runs in a server's write process (bin/write-worker.js): one write — an uploaded file through
// the ingest use case (app/ingest.ts), or a document's deletion — so the server's event loop never parses, embeds
// or writes, and never holds the graph open for writing.
//
// Embedded store: the server keeps reading its graph file while this process writes, and Ladybug
// lets a read-only reader and a writer share a file without keeping the reader's pages consistent.
// So the write goes to a copy (`graph.staged`), which is closed (closing checkpoints it into one
// file) and renamed over `graph`: the server's open handle keeps the old file until it switches, a
// SIGKILL before the rename leaves the old graph untouched, and one after it leaves the new graph
// whole. An ingest publishes its index generation before the copy's commit names it, as always.
import fs from 'node:fs';
import path from 'node:path';
import { PolicyGraphError, isPolicyGraphError, type ErrorCode } from '../graph/errors.js';
import { openStore } from '../graph/open-store.js';
import type { GraphStore } from '../graph/store.js';
import { deleteStoredDocument } from '../app/documents.js';
import { ingestUpload, type IngestedDocument, type UploadedDocument } from '../app/ingest.js';
import { settings } from '../app/settings.js';
import { useDictionaryDir } from '../dictionaries/dictionaries.js';
import { useEmbedderEnvironment } from '../search/embedders/index.js';
import type { GraphEngine } from './config.js';

export const GRAPH_FILE = 'graph';
/** The copy a write works on before it replaces the graph; a leftover is a killed write's and is removed. */
export const STAGED_GRAPH_FILE = 'graph.staged';

interface JobBase {
  dataDir: string;
  engine: GraphEngine;
}
export type WriteJob =
  | (JobBase & { kind: 'ingest'; upload: UploadedDocument })
  | (JobBase & { kind: 'delete'; documentId: string });

export type WriteFailure = { ok: false; code: ErrorCode | null; message: string };
export type IngestReply = { ok: true; documents: IngestedDocument[]; clauses: number; skipped: { file: string; reason: string }[]; tookMs: number } | WriteFailure;
export type DeleteReply = { ok: true; deleted: boolean } | WriteFailure;
export type WriteReply = IngestReply | DeleteReply;

function fsyncPath(target: string): void {
  const fd = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Removes what a killed write left of its copy. */
export function removeStagedGraph(dataDir: string): void {
  for (const name of [STAGED_GRAPH_FILE, `${STAGED_GRAPH_FILE}.wal`]) fs.rmSync(path.join(dataDir, name), { force: true });
}

/** Copies the graph (and a WAL a killed writer left, which the copy's open replays) to the staged file. */
function stageGraph(dataDir: string): string {
  removeStagedGraph(dataDir);
  const live = path.join(dataDir, GRAPH_FILE);
  const staged = path.join(dataDir, STAGED_GRAPH_FILE);
  if (fs.existsSync(live)) fs.copyFileSync(live, staged, fs.constants.COPYFILE_FICLONE);
  if (fs.existsSync(`${live}.wal`)) fs.copyFileSync(`${live}.wal`, `${staged}.wal`);
  return staged;
}

/** The staged graph, closed and whole, becomes the graph in one rename. */
function publishStaged(dataDir: string, staged: string): void {
  if (fs.existsSync(`${staged}.wal`)) {
    throw new PolicyGraphError('DATA_DIR', `the staged graph ${staged} still has a write-ahead log after closing; the graph was left unchanged`);
  }
  fsyncPath(staged);
  fs.renameSync(staged, path.join(dataDir, GRAPH_FILE));
  fsyncPath(dataDir);
}

async function openStaged(staged: string): Promise<GraphStore> {
  const { EmbeddedStore } = await import('../graph/embedded/embedded-store.js');
  const store = new EmbeddedStore(staged);
  await store.open();
  return store;
}

/**
 * Runs `write` on a staged copy of the embedded graph (`open` opens a handle on it; the copy is
 * published once every handle is closed, when `write` says it changed something).
 */
async function onStagedCopy<T>(dataDir: string, write: (staged: string, open: () => Promise<GraphStore>) => Promise<{ result: T; changed: boolean }>): Promise<T> {
  const staged = stageGraph(dataDir);
  try {
    const { result, changed } = await write(staged, () => openStaged(staged));
    if (changed) publishStaged(dataDir, staged);
    return result;
  } finally {
    removeStagedGraph(dataDir);
  }
}

async function ingest(job: Extract<WriteJob, { kind: 'ingest' }>): Promise<IngestReply> {
  const upload = { filename: job.upload.filename, content: job.upload.content };
  const result =
    job.engine === 'neo4j'
      ? await ingestUpload(upload, { dataDir: job.dataDir, engine: 'neo4j' })
      : await onStagedCopy(job.dataDir, async (staged, open) => {
          // the pipeline opens (and closes) its own handle on the copy; `reader` lists what it wrote
          const reader = await open();
          try {
            return { result: await ingestUpload(upload, { dataDir: job.dataDir, engine: 'embedded', store: reader, openStore: open }), changed: true };
          } finally {
            await reader.close();
          }
        });
  return { ok: true, documents: result.documents, skipped: result.skipped, clauses: result.summary.clauses, tookMs: result.summary.tookMs };
}

/** The graph and both search indexes of the data dir lose the document (a new index generation, app/documents.ts). */
async function deleteFrom(store: GraphStore, dataDir: string, documentId: string): Promise<boolean> {
  try {
    return await deleteStoredDocument(store, dataDir, documentId);
  } finally {
    await store.close();
  }
}

async function remove(job: Extract<WriteJob, { kind: 'delete' }>): Promise<DeleteReply> {
  const deleted =
    job.engine === 'neo4j'
      ? await deleteFrom(await openStore({ dataDir: job.dataDir, engine: 'neo4j', env: settings().env }), job.dataDir, job.documentId)
      : await onStagedCopy(job.dataDir, async (_staged, open) => {
          const found = await deleteFrom(await open(), job.dataDir, job.documentId);
          return { result: found, changed: found };
        });
  return { ok: true, deleted };
}

/** Runs the job and says how it went; never throws. */
export async function runWriteJob(job: WriteJob): Promise<WriteReply> {
  try {
    // the server's environment, passed down: the same dictionaries as the server's ingest would use
    useDictionaryDir(settings().dictionariesDir);
    useEmbedderEnvironment(settings().env);
    return job.kind === 'ingest' ? await ingest(job) : await remove(job);
  } catch (err) {
    if (isPolicyGraphError(err)) return { ok: false, code: err.code, message: err.message };
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    if (settings().debug) process.stderr.write(`${err instanceof Error ? err.stack : message}\n`);
    return { ok: false, code: null, message };
  }
}
