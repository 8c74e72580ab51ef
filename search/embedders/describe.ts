// An embedder as a record another process can rebuild it from: its id, dimension, query prefix and
// (for the built-in embedder) the corpus statistics it was fitted with. Neo4j keeps this record
// beside the vectors, so a stateless API replica — or a Python client calling POST /v1/embed —
// embeds queries exactly as the stored vectors were made, without the data dir.
import { PolicyGraphError } from '../../graph/errors.js';
import type { EmbedderDescription } from '../../graph/store.js';
import type { Embedder } from '../types.js';
import { createEmbedder, isCorpusFitted, settingsFromEmbedderId } from './index.js';

export function describeEmbedder(embedder: Embedder): EmbedderDescription {
  const fitted = isCorpusFitted(embedder);
  const prefix = (embedder as { queryPrefix?: unknown }).queryPrefix;
  return {
    id: embedder.id,
    dimension: embedder.dimension,
    // both PolicyGraph embedders L2-normalise (builtin: feature hashing then L2; transformers: normalize: true)
    normalized: true,
    queryPrefix: typeof prefix === 'string' && prefix ? prefix : null,
    // serialised only when read (Neo4j stores it; the embedded store ignores the description)
    get state() {
      return fitted ? JSON.stringify(embedder.exportState()) : null;
    },
    stateFingerprint: fitted ? embedder.stateFingerprint : null,
  };
}

/** Rebuilds the embedder a record describes; a record this PolicyGraph cannot honour is an INDEX_MISMATCH naming it. */
export async function embedderFromDescription(description: EmbedderDescription, where: string): Promise<Embedder> {
  const settings = settingsFromEmbedderId(description.id);
  if (!settings) {
    throw new PolicyGraphError('INDEX_MISMATCH', `the vectors in ${where} were made by ${description.id}, an embedder this PolicyGraph does not know: re-ingest`);
  }
  const embedder = await createEmbedder({ kind: settings.kind, model: settings.model, dtype: settings.dtype, builtinDimension: settings.builtinDimension });
  if (embedder.dimension !== description.dimension) {
    throw new PolicyGraphError('INDEX_MISMATCH', `the vectors in ${where} have ${description.dimension} dimensions, ${embedder.id} makes ${embedder.dimension}: re-ingest`);
  }
  if (isCorpusFitted(embedder)) {
    if (!description.state) throw new PolicyGraphError('INDEX_MISMATCH', `${where} records ${description.id} without its fitted state: re-ingest`);
    embedder.importState(JSON.parse(description.state));
    if (description.stateFingerprint && embedder.stateFingerprint !== description.stateFingerprint) {
      throw new PolicyGraphError('INDEX_MISMATCH', `the ${description.id} state in ${where} does not match its fingerprint: re-ingest`);
    }
  }
  return embedder;
}
