// POST /v1/documents: one uploaded text through the same ingest pipeline (parse, extract, index,
// write) as `policygraph ingest`, embedded with the embedder the existing index was built with;
// then the search service is reopened over the updated indexes. Uploads run one at a time; searches keep being answered by
// the previous service until the new one is ready.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { PolicyGraphError } from '../graph/errors.js';
import { runIngest } from '../ingest/pipeline.js';
import { createEmbedder } from '../search/embedders/index.js';
import { readManifest } from '../search/index-store.js';
import { indexDirFor } from '../search/generations.js';
import type { GraphStore } from '../graph/store.js';
import { embedderForIndex } from '../search/search-service.js';
import type { Embedder, SearchService } from '../search/types.js';
import type { GraphEngine } from './config.js';
import type { UploadedDocument, UploadResult } from './routes/context.js';
import type { Runtime } from './runtime.js';

export interface UploadIngesterOptions {
  dataDir: string;
  engine: GraphEngine;
  runtime: Runtime;
  logger: Logger;
  /** Called with the reopened search service once the upload is indexed. */
  onReindexed: (search: SearchService | null) => void;
}

async function embedderFor(dataDir: string, store: GraphStore): Promise<Embedder> {
  const dir = await indexDirFor(dataDir, store);
  return readManifest(dataDir, dir) ? embedderForIndex(dataDir, dir) : createEmbedder({});
}

export function uploadIngester(options: UploadIngesterOptions): (upload: UploadedDocument) => Promise<UploadResult> {
  let queue: Promise<unknown> = Promise.resolve();
  const ingestOne = async (upload: UploadedDocument): Promise<UploadResult> => {
    // The route accepts bare names only; this keeps any other caller inside the temp dir too.
    if (path.basename(upload.filename) !== upload.filename || /^\.*$/.test(upload.filename)) {
      throw new PolicyGraphError('INPUT_REJECTED', `"${upload.filename}" is not a bare file name`);
    }
    // The pipeline reads files; the upload's name is what its clauses' sources will record.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'policygraph-upload-'));
    const file = path.join(dir, upload.filename);
    writeFileSync(file, upload.content);
    try {
      const summary = await runIngest({
        paths: [file],
        dataDir: options.dataDir,
        engine: options.engine,
        embedder: await embedderFor(options.dataDir, options.runtime.store),
      });
      if (summary.documents === 0) {
        const reason = summary.skipped[0]?.reason ?? 'no document was found in the text';
        throw new PolicyGraphError('INPUT_REJECTED', `the upload was not ingested: ${reason}`);
      }
      options.onReindexed(await options.runtime.reloadSearch());
      const documents = [];
      for (const doc of await options.runtime.store.listDocuments()) {
        if (doc.sources.some((s) => s.file === upload.filename)) {
          documents.push({ id: doc.id, title: doc.title, docNumber: doc.docNumber, clauseCount: doc.clauseCount });
        }
      }
      options.logger.info({ file: upload.filename, documents: summary.documents, clauses: summary.clauses, tookMs: summary.tookMs }, 'upload ingested');
      return { documents, skipped: summary.skipped.map((s) => ({ file: path.basename(s.file), reason: s.reason })) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return (upload) => {
    const run = queue.then(() => ingestOne(upload));
    queue = run.catch(() => undefined);
    return run;
  };
}
