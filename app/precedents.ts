// Use case: precedents for a pasted draft clause — the most similar clauses from other documents, spread
// across documents (a document's second hit counts half, its third a quarter…), each with the
// phrases it shares with the draft and its document's level and year.
import { z } from 'zod';
import { PolicyGraphError } from '../graph/errors.js';
import { normalizeDocNumber } from '../graph/ids.js';
import type { Level } from '../graph/model.js';
import type { Candidate } from '../search/hybrid-retriever.js';
import { MAX_PRECEDENTS } from '../search/limits.js';
import { sharedPhrases } from '../search/shared-phrases.js';
import type { SearchResult } from '../search/types.js';
import type { SearchService } from '../search/service.js';
import { requireSearch, type Engines } from './engines.js';
import { DEFAULT_K, DocumentKey, DraftText, MAX_DRAFT_CHARS } from './fields.js';

export { MAX_PRECEDENTS };
/** Score multiplier for each clause already taken from the same document. */
export const SAME_DOCUMENT_DECAY = 0.5;

export const PrecedentsRequestSchema = z
  .object({
    text: DraftText.describe('the draft clause'),
    k: z.number().int().min(1).max(MAX_PRECEDENTS).default(DEFAULT_K).describe('number of precedents'),
    excludeDoc: DocumentKey.optional().describe('leave out this document (id or 文号), e.g. the one being drafted'),
  })
  .strict();

export type PrecedentsRequest = z.input<typeof PrecedentsRequestSchema>;

export interface Precedent extends SearchResult {
  /** Phrases the precedent shares with the draft. */
  sharedPhrases: string[];
  documentLevel: Level;
  documentYear: number | null;
}

export async function findPrecedents(engines: Engines, request: PrecedentsRequest): Promise<Precedent[]> {
  // messages kept from the engine-level checks these replace: callers and tests read them
  const text = typeof request?.text === 'string' ? request.text.trim() : '';
  if (!text) throw new PolicyGraphError('BAD_REQUEST', 'the draft clause is empty: pass its text');
  if (text.length > MAX_DRAFT_CHARS) throw new PolicyGraphError('BAD_REQUEST', `the draft is ${text.length} characters long; the limit is ${MAX_DRAFT_CHARS}`);
  const parsedK = PrecedentsRequestSchema.shape.k.safeParse(request.k);
  if (!parsedK.success) throw new PolicyGraphError('BAD_REQUEST', `k must be an integer from 1 to ${MAX_PRECEDENTS}, got ${request.k}`);
  const k = parsedK.data;
  const backend = requireSearch(engines);

  const excluded = excludedDocuments(backend, request.excludeDoc);
  const filter = excluded.size ? (id: string) => !excluded.has(backend.catalog.clause(id)?.docId ?? '') : undefined;
  const understood = backend.understander.understand(text);
  // a pasted clause is compared as a passage with passages (no query prefix for the embedder)
  const candidates = await backend.retrieve(text, { mode: 'hybrid', pool: Math.max(100, k * 10), filter, understood, role: 'passage' });
  const chosen = diversify(candidates, k * 2, (id) => backend.catalog.clause(id)?.docId ?? id);
  const joined = await backend.join(chosen, k, undefined, understood);
  return joined.map(({ result, context }) => ({
    ...result,
    sharedPhrases: sharedPhrases(text, context.clause.text),
    documentLevel: context.document.level,
    documentYear: context.document.year,
  }));
}

/** Documents to leave out: by id, or by 文号. */
function excludedDocuments(backend: SearchService, excludeDoc: string | undefined): Set<string> {
  if (!excludeDoc?.trim()) return new Set();
  const value = excludeDoc.trim();
  const ids = backend.catalog.documentsNumbered([normalizeDocNumber(value)]);
  if (backend.catalog.document(value)) ids.add(value);
  if (!ids.size) throw new PolicyGraphError('NOT_FOUND', `no document with id or 文号 "${value}" to exclude`);
  return ids;
}

/**
 * Greedy selection where each pick lowers the score of the rest of its document by
 * SAME_DOCUMENT_DECAY: the best clause of every relevant document comes before a document's
 * second-best, unless that second one is much better.
 */
export function diversify(candidates: Candidate[], n: number, documentOf: (id: string) => string): Candidate[] {
  const remaining = [...candidates];
  const taken = new Map<string, number>();
  const chosen: Candidate[] = [];
  while (chosen.length < n && remaining.length) {
    let best = 0;
    let bestScore = -Infinity;
    remaining.forEach((c, i) => {
      const effective = c.score * SAME_DOCUMENT_DECAY ** (taken.get(documentOf(c.id)) ?? 0);
      if (effective > bestScore) {
        bestScore = effective;
        best = i;
      }
    });
    const [pick] = remaining.splice(best, 1);
    const doc = documentOf(pick.id);
    taken.set(doc, (taken.get(doc) ?? 0) + 1);
    chosen.push(pick);
  }
  return chosen;
}
