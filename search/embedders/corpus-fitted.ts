// Embedders whose vectors depend on statistics of the indexed corpus (the built-in embedder's IDF).
// The index store fits them at index time and persists their state with the index, so vectors
// computed at query time live in the same space as the indexed ones.
import type { Section } from '../binary-sections.js';
import type { Embedder } from '../types.js';

/** A fitted state as the index stores it (embedder-state.bin): a small JSON header and binary sections. */
export interface StateSections {
  header: Record<string, unknown>;
  sections: Record<string, Section>;
}

/** The reading side of a stored state: its header and typed views of its sections. */
export interface StoredStateSections {
  header: Record<string, unknown>;
  strings(name: string): string[];
  u32(name: string): Uint32Array;
  /** A section's bytes as stored (for a digest). */
  raw(name: string): Uint8Array;
}

export interface CorpusFittedEmbedder extends Embedder {
  /** Learns corpus statistics from passage texts (replaces any earlier state). */
  fit(passages: string[]): void;
  /** JSON-serialisable state to persist with the index. */
  exportState(): unknown;
  /** Restores state written by `exportState` (throws PolicyGraphError on foreign data). */
  importState(state: unknown): void;
  /** The state for the index files: opened without parsing JSON or rebuilding tables. */
  exportSections(): StateSections;
  /** Restores state written by `exportSections`, checking that its bytes are the ones written. */
  importSections(stored: StoredStateSections): void;
  /** Short digest of the current state: vectors computed under different fingerprints do not mix. */
  readonly stateFingerprint: string;
}

export function isCorpusFitted(embedder: Embedder): embedder is CorpusFittedEmbedder {
  const candidate = embedder as Partial<CorpusFittedEmbedder>;
  return typeof candidate.fit === 'function' && typeof candidate.exportState === 'function' && typeof candidate.importState === 'function';
}
