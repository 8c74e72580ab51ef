// The fitted state of a corpus-fitted embedder (the built-in one's IDF table) beside the indexes:
// embedder-state.bin, a section file opened with one read and a few views (the table stored
// sorted, its fingerprint in the header, the bytes checked against a digest). Indexes built before it carry
// embedder-state.json, which is still read.
import fs from 'node:fs';
import path from 'node:path';
import { PolicyGraphError } from '../graph/errors.js';
import { SectionFile, writeSections } from './binary-sections.js';
import type { CorpusFittedEmbedder } from './embedders/corpus-fitted.js';

export const EMBEDDER_STATE_FILE = 'embedder-state.bin';
/** The JSON state of indexes built before embedder-state.bin. */
export const LEGACY_EMBEDDER_STATE_FILE = 'embedder-state.json';
const STATE_FORMAT = 'policygraph-embedder-state';

/** Writes the embedder's state into `dir` (atomically) and returns the file name the manifest records. */
export function writeEmbedderState(dir: string, embedder: CorpusFittedEmbedder, generation: string): string {
  const { header, sections } = embedder.exportSections();
  writeSections(path.join(dir, EMBEDDER_STATE_FILE), STATE_FORMAT, { ...header, generation }, sections);
  return EMBEDDER_STATE_FILE;
}

/**
 * Restores the state stored in `dir`/`file` into `embedder`; unreadable or foreign files are
 * INDEX_MISMATCH. The caller compares the embedder's fingerprint with the one its manifest recorded.
 */
export function readEmbedderState(dir: string, file: string, embedder: CorpusFittedEmbedder): void {
  const full = path.join(dir, file);
  if (file === LEGACY_EMBEDDER_STATE_FILE) {
    let state: unknown;
    try {
      state = JSON.parse(fs.readFileSync(full, 'utf8'));
    } catch {
      throw new PolicyGraphError('INDEX_MISMATCH', `${full} is missing or unreadable: re-run policygraph ingest`);
    }
    embedder.importState(state);
    return;
  }
  let stored: SectionFile;
  try {
    stored = SectionFile.read(full, STATE_FORMAT);
  } catch {
    throw new PolicyGraphError('INDEX_MISMATCH', `${full} is missing or not an embedder state this PolicyGraph reads: re-run policygraph ingest`);
  }
  embedder.importSections(stored);
}
