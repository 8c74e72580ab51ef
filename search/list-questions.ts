// Whether a query asks for a list of provisions (哪些…, 有哪些措施, what measures): a genre rule on its
// question words (search/data/complete-answers.json, "enumerating"). Query understanding marks such
// queries; complete-answers.ts shapes their results.
import data from './data/complete-answers.json' with { type: 'json' };

const ENUMERATING = data.enumerating.map((w) => w.toLowerCase());

export function isEnumerating(query: string): boolean {
  const q = query.toLowerCase();
  return ENUMERATING.some((w) => q.includes(w));
}
