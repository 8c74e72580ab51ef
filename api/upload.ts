// A server's writes: POST /v1/documents (one uploaded text through the same ingest pipeline as
// `policygraph ingest`) and document deletions, each run by a child process (api/write-process.ts)
// so the server keeps answering meanwhile. Once the child has committed, the server opens the new
// graph and its indexes and switches to them in one step; until then, and for good if the child
// fails, the previous graph and indexes keep being served. Writes run one at a time, in order.
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { GraphStore } from '../graph/store.js';
import type { GraphEngine, UploadSettings } from './config.js';
import type { UploadedDocument, UploadResult } from './routes/context.js';
import type { Runtime } from './runtime.js';
import { runWriteProcess, writeFailure } from './write-process.js';
import { GRAPH_FILE, type DeleteReply, type IngestReply, type WriteJob, type WriteReply } from './write-worker.js';

export interface ServerWriterOptions {
  dataDir: string;
  engine: GraphEngine;
  runtime: Runtime;
  logger: Logger;
  settings: Pick<UploadSettings, 'timeoutMs'>;
  /** Called once the runtime has switched to the graph and indexes that hold a write. */
  onSwitched: (runtime: Runtime) => void;
  /** Called with each write process's pid (tests kill it). */
  onChildStart?: (pid: number) => void;
}

export interface ServerWriter {
  ingest(upload: UploadedDocument): Promise<UploadResult>;
  /** Deletes a document by id in a write process; false when the graph has no such document. */
  deleteDocument(id: string): Promise<boolean>;
  /** `store` with deleteDocument going through the write process (the server's own handle is read-only). */
  writableView(store: GraphStore): GraphStore;
}

/** Which file the graph path names now: a write that committed replaced it by rename. */
function graphIdentity(dataDir: string): string | null {
  try {
    const stat = fs.statSync(path.join(dataDir, GRAPH_FILE));
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return null;
  }
}

export function serverWriter(options: ServerWriterOptions): ServerWriter {
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  /** Runs the job in a child; switches to what it committed, even when it died right after committing. */
  const write = async <R extends WriteReply>(job: WriteJob): Promise<R | Extract<WriteReply, { ok: false }>> => {
    const before = graphIdentity(options.dataDir);
    const reply = await runWriteProcess<R>(job, { timeoutMs: options.settings.timeoutMs, onStart: options.onChildStart });
    const replaced = options.engine === 'neo4j' ? reply.ok : graphIdentity(options.dataDir) !== before;
    if (replaced) {
      await options.runtime.reopen();
      options.onSwitched(options.runtime);
    }
    if (!reply.ok) options.logger.warn({ job: job.kind, detail: reply.message, switched: replaced }, 'write failed');
    return reply;
  };

  const ingestOne = async (upload: UploadedDocument): Promise<UploadResult> => {
    const reply = await write<IngestReply>({ kind: 'ingest', dataDir: options.dataDir, engine: options.engine, upload });
    if (!reply.ok) throw writeFailure(reply, 'the upload');
    options.logger.info({ file: upload.filename, documents: reply.documents.length, clauses: reply.clauses, tookMs: reply.tookMs }, 'upload ingested');
    return { documents: reply.documents, skipped: reply.skipped };
  };

  const deleteOne = async (documentId: string): Promise<boolean> => {
    const reply = await write<DeleteReply>({ kind: 'delete', dataDir: options.dataDir, engine: options.engine, documentId });
    if (!reply.ok) throw writeFailure(reply, `deleting ${documentId}`);
    return reply.deleted;
  };

  const writer: ServerWriter = {
    ingest: (upload) => serialised(() => ingestOne(upload)),
    deleteDocument: (id) => serialised(() => deleteOne(id)),
    writableView(store) {
      // Neo4j too: the write process also publishes the data dir's index generation without the document
      return new Proxy(store, {
        get(target, property) {
          if (property === 'deleteDocument') return writer.deleteDocument;
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  };
  return writer;
}
