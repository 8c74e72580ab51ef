// Lucene query text for db.index.fulltext.queryNodes from a user's query: every character the
// classic query parser treats as syntax is escaped and the operator words are lower-cased, so a
// query such as 《网络安全法》第21条 (AND/OR…) is searched as words, never parsed as an expression
// (a stray quote or colon would otherwise be a Neo4j error). Terms are ORed, as the parser does by default.

const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const OPERATOR_WORD = /\b(AND|OR|NOT|TO)\b/g;

/** The query as Lucene terms, or null when nothing searchable is left (only punctuation or spaces). */
export function luceneQuery(text: string): string | null {
  const escaped = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(OPERATOR_WORD, (w) => w.toLowerCase())
    .replace(SPECIAL, (c) => `\\${c}`);
  return /[\p{L}\p{N}]/u.test(escaped) ? escaped : null;
}
