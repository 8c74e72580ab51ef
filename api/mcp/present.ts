// Compact, citation-first views of search results and clauses for MCP tool output.
import type { SearchResult, MatchReason } from '../../search/types.js';
import { clip } from './format.js';

export function whyText(why: MatchReason): string {
  const parts: string[] = [];
  if (why.dense) parts.push(`semantic #${why.dense.rank}`);
  if (why.lexical) parts.push(`keywords #${why.lexical.rank}${why.lexical.terms.length ? ` (${why.lexical.terms.slice(0, 6).join(', ')})` : ''}`);
  for (const g of why.graph) parts.push(`${g.kind} ${g.name}`);
  return parts.join('; ');
}

export function presentResult(r: SearchResult, textChars?: number) {
  return {
    citation: r.citation,
    clause_id: r.clause.id,
    path: r.clause.path,
    heading: r.clause.heading,
    text: clip(r.clause.text, textChars),
    document: { id: r.document.id, title: r.document.title, doc_number: r.document.docNumber, level: r.document.level, region: r.document.region, year: r.document.year },
    score: Math.round(r.score * 1e4) / 1e4,
    why: whyText(r.why),
    themes: r.themes.map((t) => t.name),
    agencies: r.agencies.map((a) => ({ name: a.name, role: a.role, deadline: a.deadline })),
    targets: r.targets.map((t) => ({ metric: t.metric, value: t.value, year: t.year })),
  };
}
