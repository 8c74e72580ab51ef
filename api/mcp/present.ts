// Compact, citation-first views of search results and clauses for MCP tool output, each with the
// zod shape its tool declares as outputSchema (the SDK checks structuredContent against it).
import { z } from 'zod';
import type { SearchResult, MatchReason } from '../../search/types.js';
import { clip } from './format.js';

export function whyText(why: MatchReason): string {
  const parts: string[] = [];
  if (why.dense) parts.push(`semantic #${why.dense.rank}`);
  if (why.lexical) parts.push(`keywords #${why.lexical.rank}${why.lexical.terms.length ? ` (${why.lexical.terms.slice(0, 6).join(', ')})` : ''}`);
  for (const g of why.graph) parts.push(`${g.kind} ${g.name}`);
  return parts.join('; ');
}

export const PresentedResult = z.object({
  citation: z.string(),
  clause_id: z.string(),
  path: z.string(),
  heading: z.string().nullable(),
  text: z.string(),
  document: z.object({ id: z.string(), title: z.string(), doc_number: z.string().nullable(), level: z.string(), region: z.string().nullable(), year: z.number().nullable() }),
  score: z.number(),
  why: z.string(),
  themes: z.array(z.string()),
  agencies: z.array(z.object({ name: z.string(), role: z.string(), deadline: z.string().nullable() })),
  targets: z.array(z.object({ metric: z.string(), value: z.string(), year: z.number().nullable() })),
  also_in: z.array(z.object({ citation: z.string(), clause_id: z.string(), document_title: z.string() })).describe('Other documents saying the same near-verbatim (list questions fold them into this result)'),
});

export function presentResult(r: SearchResult, textChars?: number): z.output<typeof PresentedResult> {
  return {
    citation: r.citation,
    clause_id: r.clause.id,
    path: r.clause.path,
    heading: r.clause.heading,
    text: clip(r.clause.text, textChars),
    document: { id: r.document.id, title: r.document.title, doc_number: r.document.docNumber, level: r.document.level, region: r.document.region, year: r.document.year },
    // the score as the use case returned it: the same number on every face
    score: r.score,
    why: whyText(r.why),
    themes: r.themes.map((t) => t.name),
    agencies: r.agencies.map((a) => ({ name: a.name, role: a.role, deadline: a.deadline })),
    targets: r.targets.map((t) => ({ metric: t.metric, value: t.value, year: t.year })),
    also_in: r.alsoIn.map((a) => ({ citation: a.citation, clause_id: a.clauseId, document_title: a.document.title })),
  };
}

export const NextCursor = z.string().nullable().describe('Pass to the same tool as cursor for the next page; null on the last page');
