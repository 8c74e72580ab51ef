// Editions of one law: documents with the same title and different edition dates. Each newer edition
// SUPERSEDES the one before it; the newest is current, the others superseded.
import type { Edge, PolicyDocument } from '../../graph/model.js';
import { normalizeTitle } from '../../graph/ids.js';

export function linkEditions(documents: PolicyDocument[]): Edge[] {
  const byTitle = new Map<string, PolicyDocument[]>();
  for (const doc of documents) {
    if (!doc.edition) continue;
    const key = normalizeTitle(doc.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), doc]);
  }
  const edges: Edge[] = [];
  for (const editions of byTitle.values()) {
    editions.sort((a, b) => a.edition!.localeCompare(b.edition!));
    editions.forEach((doc, i) => {
      doc.status ??= i === editions.length - 1 ? 'current' : 'superseded';
      if (i > 0) edges.push({ type: 'SUPERSEDES', from: doc.id, to: editions[i - 1].id, properties: { evidence: `${doc.edition} / ${editions[i - 1].edition}` } });
    });
  }
  return edges;
}
