// Runs the snippet-judged query set against a SearchService in each mode and tabulates nDCG@10,
// Recall@10 and MRR per query kind, lexical (plain BM25), dense and hybrid side by side.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PolicyGraphError } from '../../graph/errors.js';
import type { SearchMode } from '../types.js';
import type { SearchService } from '../service.js';
import { meanScores, normalizeForJudging, QUERY_KINDS, scoreRanking, type JudgedQuery, type QueryKind, type QueryScores } from './metrics.js';

export const EVAL_MODES: SearchMode[] = ['lexical', 'dense', 'hybrid'];

const EVAL_DIR = path.dirname(fileURLToPath(import.meta.url));

export function defaultQueriesFile(): string {
  return path.join(EVAL_DIR, 'queries.json');
}

/** The judged sets shipped in search/eval/, the seeds' then the laws'; `eval` runs every one by default. */
export const BUNDLED_QUERY_SETS = ['queries.json', 'queries-holdout.json', 'queries-research.json', 'queries-laws.json', 'queries-laws-holdout.json', 'queries-laws-holdout2.json', 'queries-laws-holdout3.json', 'queries-laws-holdout4.json'];

export function bundledQueryFiles(): string[] {
  return BUNDLED_QUERY_SETS.map((name) => path.join(EVAL_DIR, name));
}

export function loadQueries(file = defaultQueriesFile()): JudgedQuery[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new PolicyGraphError('INPUT_NOT_FOUND', `cannot read the query set ${file}: ${(err as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new PolicyGraphError('INPUT_REJECTED', `${file} must hold a JSON array of {id, kind, query, relevant}`);
  return parsed.map((q, i) => {
    const { id, kind, query, relevant } = (q ?? {}) as Partial<JudgedQuery>;
    if (typeof query !== 'string' || !query.trim() || !Array.isArray(relevant) || !relevant.length || !relevant.every((s) => typeof s === 'string' && s.trim())) {
      throw new PolicyGraphError('INPUT_REJECTED', `${file}: entry ${i + 1} needs a query and a non-empty list of relevant snippets`);
    }
    if (!QUERY_KINDS.includes(kind as QueryKind)) {
      throw new PolicyGraphError('INPUT_REJECTED', `${file}: entry ${i + 1} has kind "${kind}"; use ${QUERY_KINDS.join(', ')}`);
    }
    return { id: String(id ?? i + 1), kind: kind as QueryKind, query, relevant };
  });
}

export interface QueryResult {
  id: string;
  kind: QueryKind;
  query: string;
  mode: SearchMode;
  relevantInCorpus: number;
  scores: QueryScores;
}

export interface EvalReport {
  modes: SearchMode[];
  /** Mean scores per kind (and "all") and mode. */
  summary: { kind: QueryKind | 'all'; queries: number; scores: Record<string, QueryScores> }[];
  queries: QueryResult[];
  /** Queries none of whose snippets occurs in the corpus (they are left out of the means). */
  unjudgeable: string[];
}

export interface EvalOptions {
  service: SearchService;
  /** Every clause text of the corpus, to count the relevant clauses of each query. */
  corpus: { text: string }[];
  queries: JudgedQuery[];
  modes?: SearchMode[];
}

/** How many clauses of the corpus each query's snippets judge relevant (0: the query cannot be judged here). */
export function relevantCounts(queries: JudgedQuery[], corpus: { text: string }[]): Map<string, number> {
  const texts = corpus.map((c) => normalizeForJudging(c.text));
  const counts = new Map<string, number>();
  for (const q of queries) {
    const needles = q.relevant.map(normalizeForJudging);
    counts.set(q.id, texts.filter((t) => needles.some((n) => t.includes(n))).length);
  }
  return counts;
}

/** A set written for another corpus (the laws' on the seeds) judges fewer than half its queries here. */
export function setFitsCorpus(counts: Map<string, number>): boolean {
  const judged = [...counts.values()].filter((n) => n > 0).length;
  return judged > 0 && judged * 2 >= counts.size;
}

export async function runEvaluation(options: EvalOptions & { relevant?: Map<string, number> }): Promise<EvalReport> {
  const modes = options.modes ?? EVAL_MODES;
  const results: QueryResult[] = [];
  const unjudgeable: string[] = [];
  const counts = options.relevant ?? relevantCounts(options.queries, options.corpus);
  for (const q of options.queries) {
    const relevantInCorpus = counts.get(q.id) ?? 0;
    if (!relevantInCorpus) {
      unjudgeable.push(q.id);
      continue;
    }
    for (const mode of modes) {
      const response = await options.service.search({ query: q.query, k: 10, mode });
      // a collapsed result shows the near-identical clauses of other documents with it: judged in its place
      const texts = response.results.flatMap((r) => [r.clause.text, ...r.alsoIn.map((a) => options.service.catalog.clause(a.clauseId)?.text ?? '')]);
      results.push({ id: q.id, kind: q.kind, query: q.query, mode, relevantInCorpus, scores: scoreRanking(texts, q.relevant, relevantInCorpus) });
    }
  }
  const kinds = QUERY_KINDS.filter((kind) => results.some((r) => r.kind === kind));
  const summary = [...kinds, 'all' as const].map((kind) => {
    const rows = results.filter((r) => kind === 'all' || r.kind === kind);
    const scores: Record<string, QueryScores> = {};
    for (const mode of modes) scores[mode] = meanScores(rows.filter((r) => r.mode === mode).map((r) => r.scores));
    return { kind, queries: new Set(rows.map((r) => r.id)).size, scores };
  });
  return { modes, summary, queries: results, unjudgeable };
}

/** The side-by-side table `policygraph eval` prints. */
export function formatReport(report: EvalReport): string {
  const f = (x: number) => x.toFixed(3);
  const header = ['kind       ', '  n', ...report.modes.map((m) => `${m.padEnd(7)} nDCG@10  R@10   MRR  H@1  H@10`)].join(' │ ');
  const lines = [header, '─'.repeat(header.length)];
  for (const row of report.summary) {
    const cells = report.modes.map((m) => {
      const s = row.scores[m];
      return `${' '.repeat(8)}${f(s.ndcg10)}  ${f(s.recall10)} ${f(s.mrr)} ${s.hit1.toFixed(2)} ${s.hit10.toFixed(2)}`;
    });
    lines.push([row.kind.padEnd(11), String(row.queries).padStart(3), ...cells].join(' │ '));
  }
  if (report.unjudgeable.length) lines.push(`not judged (no snippet occurs in the corpus): ${report.unjudgeable.join(', ')}`);
  return lines.join('\n') + '\n';
}
