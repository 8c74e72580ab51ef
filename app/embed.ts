// Use case: embed texts exactly as the stored clause vectors were made (the same embedder, its
// query prefix, normalisation and fitted state), so a client in another language — neo4j-graphrag's
// VectorRetriever in Python — can embed its queries for PolicyGraph's vector index.
import { z } from 'zod';
import { PolicyGraphError } from '../graph/errors.js';
import { requireSearch, type Engines } from './engines.js';
import { MAX_QUERY_CHARS, parseRequest } from './fields.js';

/** Texts per request: a retriever embeds one query at a time; a small batch keeps a request short. */
export const MAX_EMBED_TEXTS = 64;

export const EmbedRequestSchema = z
  .object({
    texts: z.array(z.string().trim().min(1, 'is empty').max(MAX_QUERY_CHARS)).min(1, 'is empty').max(MAX_EMBED_TEXTS),
    /** "query" adds the embedder's query prefix (bge's retrieval instruction); "passage" embeds as clauses were. */
    as: z.enum(['query', 'passage']).default('query'),
  })
  .strict();

export type EmbedRequest = z.input<typeof EmbedRequestSchema>;

export interface EmbedResult {
  embedder: string;
  dimension: number;
  as: 'query' | 'passage';
  /** Vectors are L2-normalised: cosine and dot product agree. */
  normalized: boolean;
  vectors: number[][];
}

export async function embedTexts(engines: Engines, request: EmbedRequest): Promise<EmbedResult> {
  const r = parseRequest(EmbedRequestSchema, request, 'embed');
  const embedder = requireSearch(engines).queryEmbedder;
  if (!embedder) throw new PolicyGraphError('INDEX_MISSING', 'this search service cannot embed texts: restart the server over an ingested data dir');
  const vectors = await embedder.embed(r.texts, { as: r.as });
  // float32 as JSON numbers: Python's float (float64) holds each exactly
  return { embedder: embedder.id, dimension: embedder.dimension, as: r.as, normalized: true, vectors: vectors.map((v: Float32Array) => Array.from(v)) };
}
