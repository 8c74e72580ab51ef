// What the search indexes read of a clause (both index builds, the BM25 worker and the benchmarks
// take it from here, so they index the same text).
import type { Clause } from '../graph/model.js';

export type IndexableClause = Pick<Clause, 'id' | 'heading' | 'text'>;

/** The text indexed for a clause: its heading (unless the text already starts with it) and its text. */
export function clauseIndexText(clause: IndexableClause): string {
  const heading = clause.heading?.trim();
  const text = clause.text.trim();
  if (!heading || text.startsWith(heading)) return text;
  return `${heading}\n${text}`;
}
