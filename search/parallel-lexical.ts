// The BM25 index of a large new batch, built ahead on the second core: the pipeline starts it as
// soon as the clause texts are parsed, so jieba runs while this thread extracts knowledge and fits
// the embedder (both single-threaded), and the index build takes it instead of tokenising again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { PolicyGraphError } from '../graph/errors.js';
import { clauseIndexText, type IndexableClause } from './index-text.js';
import { LexicalIndex } from './lexical-index.js';
import { normalizeUserWords } from './tokenize.js';

/** Below this many texts the worker's start-up (tsx, jieba's dictionary: ~1 s) costs more than it saves. */
export const PARALLEL_LEXICAL_MIN = 10_000;

const WORKER = new URL('./lexical-build-worker.mjs', import.meta.url);

/** A lexical index being built on another thread for these ids and texts, in this order. */
export interface LexicalAhead {
  /** How many texts, and a digest of the ids and texts in order: the build compares them without a second copy of every text. */
  readonly count: number;
  readonly digest: string;
  /** The user words it was built with (normalised, as the index keeps them). */
  readonly userWords: readonly string[];
  /** The index, or null when the worker failed (the build then tokenises on its own thread). */
  readonly index: Promise<LexicalIndex | null>;
  /** Stops the worker (the build did not need its index). */
  cancel(): void;
}

/**
 * Starts building the lexical index of `clauses` (their indexed texts, as the build takes them) in
 * a worker thread, or returns null when there are too few clauses or no second core.
 */
export function buildLexicalAhead(clauses: readonly IndexableClause[], userWords: Iterable<string>, minimum = PARALLEL_LEXICAL_MIN): LexicalAhead | null {
  if (clauses.length < minimum || os.availableParallelism() < 2) return null;
  const ids = clauses.map((c) => c.id);
  const texts = clauses.map(clauseIndexText);
  const words = normalizeUserWords(userWords);
  const file = path.join(os.tmpdir(), `policygraph-lexical-${process.pid}-${randomUUID()}.bin`);
  const digest = digestOf(ids, texts);
  const worker = new Worker(WORKER, { workerData: { ids, texts, userWords: words, file } });
  worker.unref(); // an abandoned build does not keep the process alive
  const done = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new PolicyGraphError('CONFIG', `the lexical build worker exited with code ${code} before answering`)));
  });
  const index = done.then(
    () => LexicalIndex.load(file),
    () => null,
  ).finally(() => {
    void worker.terminate();
    fs.rmSync(file, { force: true });
  });
  return {
    count: ids.length,
    digest,
    userWords: words,
    index,
    cancel: () => {
      void worker.terminate().finally(() => fs.rmSync(file, { force: true }));
    },
  };
}

/** Whether `ahead` was built from exactly these ids and texts (in order) with these user words. */
export function builtFrom(ahead: LexicalAhead, ids: readonly string[], texts: readonly string[], userWords: readonly string[]): boolean {
  if (ahead.count !== ids.length || ahead.userWords.join('\n') !== userWords.join('\n')) return false;
  return ahead.digest === digestOf(ids, texts);
}

/** SHA-256 over each id and text with its length, so no two different lists give the same input. */
function digestOf(ids: readonly string[], texts: readonly string[]): string {
  const hash = createHash('sha256');
  for (let i = 0; i < ids.length; i++) hash.update(`${ids[i].length}:${ids[i]}${texts[i].length}:`).update(texts[i]);
  return hash.digest('hex');
}
