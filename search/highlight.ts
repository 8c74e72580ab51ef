// Display helpers for search results: the fragments of a clause that show why it matched (the
// citation string lives once, in graph/ids.ts).

export interface HighlightOptions {
  /** Characters of context on each side of a match. */
  context?: number;
  maxFragments?: number;
}

/**
 * Fragments of `text` around occurrences of `terms`, longest terms first, merged when they
 * overlap, in text order. Terms that do not occur are ignored; ASCII terms match case-blind.
 */
export function highlightFragments(text: string, terms: Iterable<string>, options: HighlightOptions = {}): string[] {
  const context = options.context ?? 18;
  const maxFragments = options.maxFragments ?? 3;
  const lower = text.toLowerCase();
  const spans: [number, number][] = [];
  const unique = [...new Set([...terms].map((t) => t.trim()).filter((t) => t.length >= 2 || /[\u3400-\u9fff]/.test(t)))];
  unique.sort((a, b) => b.length - a.length);
  for (const term of unique) {
    const needle = term.toLowerCase();
    let from = 0;
    for (let hits = 0; hits < 3; hits++) {
      const at = lower.indexOf(needle, from);
      if (at < 0) break;
      spans.push([at, at + needle.length]);
      from = at + needle.length;
    }
  }
  if (!spans.length) return [];
  // weight spans by how many matches a window would hold, so the densest windows are kept
  const windows = spans
    .map(([start, end]) => [Math.max(0, start - context), Math.min(text.length, end + context)] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const merged: { start: number; end: number; hits: number }[] = [];
  for (const [start, end] of windows) {
    const last = merged[merged.length - 1];
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      last.hits++;
    } else merged.push({ start, end, hits: 1 });
  }
  const kept = [...merged].sort((a, b) => b.hits - a.hits || a.start - b.start).slice(0, maxFragments);
  kept.sort((a, b) => a.start - b.start);
  return kept.map(({ start, end }) => `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`);
}
