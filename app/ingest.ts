// Use case: ingest uploaded texts — store them, parse, extract, index and write through the same
// pipeline as `policygraph ingest`, embedded with the embedder the existing index was built with.
// A plain function over a data dir: the HTTP upload route calls it in-process, and a child process
// can call it as well (it opens its own store, so nothing here holds the server's state).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PolicyGraphError } from '../graph/errors.js';
import { withStore } from '../graph/open-store.js';
import type { GraphStore } from '../graph/store.js';
import { runIngest, type IngestOptions, type IngestSummary } from '../ingest/pipeline.js';
import type { Embedder } from '../search/types.js';
import { embedderForDataDir } from '../search/index-lifecycle.js';
import { settings } from './settings.js';

export type GraphEngine = 'embedded' | 'neo4j';

/** One uploaded file: its extension picks the reader (.txt, .md, .html, .docx, .pdf). */
/** One uploaded file to ingest; what POST /v1/documents hands to the ingest pipeline. */
export interface UploadedDocument {
  /** Its extension picks the reader (.txt, .md, .html, .docx, .pdf). */
  filename: string;
  /** UTF-8 text, or the file's bytes as uploaded (any format and encoding). */
  content: string | Uint8Array;
}

export interface IngestedDocument {
  id: string;
  title: string;
  docNumber: string | null;
  clauseCount: number;
}

export interface UploadResult {
  documents: IngestedDocument[];
  skipped: { file: string; reason: string }[];
  /** The pipeline's own summary (counts and timings). */
  summary: IngestSummary;
}

export interface IngestUploadOptions {
  dataDir: string;
  engine: GraphEngine;
  /** An open store to read the index generation and the new documents from (a server's); default: opened read-only. */
  store?: GraphStore;
  /** How the pipeline opens the store it writes (an upload child writes a staged copy); default: the configured adapter. */
  openStore?: IngestOptions['openStore'];
  /** The embedder to use; default: the one the data dir's index was built with. */
  embedder?: Embedder;
}

/**
 * Ingests one uploaded file. Fails with INPUT_REJECTED when the name is not a bare file name or
 * when nothing in it could be ingested; the caller reloads its search service afterwards.
 */
export async function ingestUpload(upload: UploadedDocument, options: IngestUploadOptions): Promise<UploadResult> {
  if (path.basename(upload.filename) !== upload.filename || /^\.*$/.test(upload.filename)) {
    throw new PolicyGraphError('INPUT_REJECTED', `"${upload.filename}" is not a bare file name`);
  }
  // the pipeline reads files; the upload's name is what its clauses' sources record
  const dir = mkdtempSync(path.join(os.tmpdir(), 'policygraph-upload-'));
  const file = path.join(dir, upload.filename);
  writeFileSync(file, upload.content);
  try {
    const given = options.store;
    const embedder =
      options.embedder ??
      (given ? await embedderForDataDir(options.dataDir, given) : await withStore({ dataDir: options.dataDir, engine: options.engine, readOnly: true, env: settings().env }, (s) => embedderForDataDir(options.dataDir, s)));
    const summary = await runIngest({
      paths: [file],
      dataDir: options.dataDir,
      engine: options.engine,
      env: settings().env,
      embedder,
      openStore: options.openStore,
    });
    if (summary.documents === 0) {
      const reason = summary.skipped[0]?.reason ?? 'no document was found in the text';
      throw new PolicyGraphError('INPUT_REJECTED', `the upload was not ingested: ${reason}`);
    }
    const documents = given
      ? await documentsFrom(given, upload.filename)
      : await withStore({ dataDir: options.dataDir, engine: options.engine, readOnly: true, env: settings().env }, (s) => documentsFrom(s, upload.filename));
    return { documents, skipped: summary.skipped.map((s) => ({ file: path.basename(s.file), reason: s.reason })), summary };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function documentsFrom(store: GraphStore, filename: string): Promise<IngestedDocument[]> {
  return (await store.listDocuments())
    .filter((d) => d.sources.some((s) => s.file === filename))
    .map((d) => ({ id: d.id, title: d.title, docNumber: d.docNumber, clauseCount: d.clauseCount }));
}
