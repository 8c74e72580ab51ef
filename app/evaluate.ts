// Use case: evaluate retrieval on judged query sets (the CLI's `eval`): the evaluator (search/eval)
// and, for --corpus, an ingest into a temporary data dir. Both load on call: they pull in the
// search service and the ingest pipeline.
export type { SearchMode } from '../search/types.js';

export const loadEvaluator = () => import('../search/eval/run-eval.js');

export const loadFreshIngest = () => import('../search/eval/fresh-ingest.js');
