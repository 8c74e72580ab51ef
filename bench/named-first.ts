// Prints, for the document-named questions (kind "named") of judged query sets, how often the first
// result (and each of the first three) comes from the document that holds the judged answer.
//   npx tsx bench/named-first.ts --data-dir <dir> search/eval/queries-laws.json [more sets]
import { withSearchService } from '../search/open-search.js';
import { loadQueries } from '../search/eval/run-eval.js';
import { normalizeForJudging } from '../search/eval/metrics.js';

const args = process.argv.slice(2);
const at = args.indexOf('--data-dir');
const dataDir = at >= 0 ? args[at + 1] : undefined;
const files = args.filter((a, i) => a !== '--data-dir' && i !== at + 1);
if (!dataDir || !files.length) {
  console.error('usage: npx tsx bench/named-first.ts --data-dir <dir> <query set> [more sets]');
  process.exit(2);
}

await withSearchService({ dataDir, engine: 'embedded' }, async (service) => {
  const clauses = [...service.catalog.allClauses()].map((c) => ({ docId: c.docId, text: normalizeForJudging(c.text) }));
  for (const file of files) {
    let judged = 0;
    let first = 0;
    let firstThree = 0;
    for (const q of loadQueries(file).filter((q) => q.kind === 'named')) {
      const needles = q.relevant.map(normalizeForJudging);
      const answering = new Set(clauses.filter((c) => needles.some((n) => c.text.includes(n))).map((c) => c.docId));
      if (!answering.size) continue;
      judged++;
      const ids = (await service.search({ query: q.query, k: 3 })).results.map((r) => r.document.id);
      if (answering.has(ids[0] ?? '')) first++;
      if (ids.length && ids.every((id) => answering.has(id))) firstThree++;
    }
    console.log(`${file}: ${judged} named questions; first result from the named document ${first}/${judged}; all first three ${firstThree}/${judged}`);
  }
});
