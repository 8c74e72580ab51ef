// Structure-aware results: a heading, 专栏 or section title that matches the query ("信息化重大工程")
// says nothing itself; its children (宽带中国, 物联网应用推广 …) are the answer. A matched bare
// heading is replaced, where it ranked, by its children in document order (the graph's clause
// tree, GraphStore.outline), so no bare heading is ever a result.
import type { OutlineEntry } from '../graph/store.js';
import type { ClauseCatalog } from './clause-catalog.js';
import type { Candidate } from './hybrid-retriever.js';

/** A clause with at most this many characters of its own (no white space) and children is a bare heading. */
export const BARE_HEADING_CHARS = 25;
/** Children shown for one heading: a 专栏 of eight projects fits, a whole chapter does not flood the page. */
export const MAX_CHILDREN = 10;
/**
 * A heading scoring this much (absolute-score.ts) names what the query asks for, and its children
 * answer; one scoring less matched in passing ("附件 重点任务分工方案（…截至2020年）" for a question
 * about 2020) and is left out rather than flooding the page with its children.
 */
export const HEADING_MATCH = 0.5;

export type OutlineOf = (docId: string) => Promise<OutlineEntry[]>;

/**
 * Replaces bare headings among the first `window` candidates by their children (at most
 * MAX_CHILDREN, in document order) when they match well, else drops them; a child ranked
 * elsewhere moves up to its heading's place.
 */
export async function expandHeadings(candidates: Candidate[], catalog: ClauseCatalog, outlineOf: OutlineOf, window: number): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const placed = new Set<string>();
  const byId = new Map(candidates.map((c) => [c.id, c]));
  for (const [i, c] of candidates.entries()) {
    if (placed.has(c.id)) continue;
    const children = i < window && isShort(catalog, c.id) ? await childrenOf(catalog, outlineOf, c.id) : [];
    if (!children.length) {
      out.push(c);
      placed.add(c.id);
      continue;
    }
    placed.add(c.id);
    if (c.score < HEADING_MATCH) continue;
    for (const child of children) {
      if (placed.has(child)) continue;
      placed.add(child);
      // a child keeps its own score when it was retrieved; else it answers as well as its heading did
      out.push(byId.get(child) ?? { ...c, id: child });
    }
  }
  return out;
}

function isShort(catalog: ClauseCatalog, id: string): boolean {
  return (catalog.clause(id)?.text.replace(/\s+/g, '').length ?? Infinity) <= BARE_HEADING_CHARS;
}

async function childrenOf(catalog: ClauseCatalog, outlineOf: OutlineOf, id: string): Promise<string[]> {
  const clause = catalog.clause(id);
  if (!clause) return [];
  const prefix = `${clause.path}/`;
  const outline = await outlineOf(clause.docId);
  return outline
    .filter((o) => o.path.startsWith(prefix) && o.id !== id)
    .sort((a, b) => a.ordinal - b.ordinal)
    .slice(0, MAX_CHILDREN)
    .map((o) => o.id);
}
