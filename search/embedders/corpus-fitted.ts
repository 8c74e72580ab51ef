// Embedders whose vectors depend on statistics of the indexed corpus (the built-in embedder's IDF).
// The index store fits them at index time and persists their state with the index, so vectors
// computed at query time live in the same space as the indexed ones.
import type { Embedder } from '../types.js';

export interface CorpusFittedEmbedder extends Embedder {
  /** Learns corpus statistics from passage texts (replaces any earlier state). */
  fit(passages: string[]): void;
  /** JSON-serialisable state to persist with the index. */
  exportState(): unknown;
  /** Restores state written by `exportState` (throws PolicyGraphError on foreign data). */
  importState(state: unknown): void;
  /** Short digest of the current state: vectors computed under different fingerprints do not mix. */
  readonly stateFingerprint: string;
}

export function isCorpusFitted(embedder: Embedder): embedder is CorpusFittedEmbedder {
  const candidate = embedder as Partial<CorpusFittedEmbedder>;
  return typeof candidate.fit === 'function' && typeof candidate.exportState === 'function' && typeof candidate.importState === 'function';
}
