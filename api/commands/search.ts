// `policygraph search "<query>"`: hybrid (or dense, or lexical) search with filters; `--stdin`
// answers JSON lines {"id","query"} with JSON lines {"id","results":[…]}.
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import type { Engines } from '../../app/engines.js';
import { PolicyGraphError, isPolicyGraphError } from '../../app/errors.js';
import { SUGGESTED_THRESHOLD, SearchRequestSchema, searchClauses, type SearchRequest, type SearchResponse, type SearchResult } from '../../app/search.js';
import { DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { withSearch } from './open.js';
import { SchemaOptions } from './schema-options.js';

/** Repeatable, comma-separable option values: --theme 5G --theme 物联网,云计算 */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(/[,，]/).map((v) => v.trim()).filter(Boolean)];
}

/** The request's flags, declared from the search use case's schema (limits, choices, defaults). */
export const SEARCH_OPTIONS = new SchemaOptions(SearchRequestSchema, [
  { flag: '--k', field: 'k' },
  { flag: '--mode', field: 'mode' },
  { flag: '--theme', field: 'filters.theme' },
  { flag: '--agency', field: 'filters.agency' },
  { flag: '--level', field: 'filters.level' },
  { flag: '--region', field: 'filters.region' },
  { flag: '--year-from', field: 'filters.yearFrom' },
  { flag: '--year-to', field: 'filters.yearTo' },
  { flag: '--doc', field: 'filters.doc' },
  { flag: '--kind', field: 'filters.kind' },
  { flag: '--doc-type', field: 'filters.docType' },
  { flag: '--strict', field: 'filterByUnderstood' },
]);

export interface SearchCommandOptions {
  json?: boolean;
  stdin?: boolean;
  dataDir?: string;
  graph?: string;
  embedder?: string;
  [flag: string]: unknown;
}

export function registerSearch(program: Command): void {
  const command = program
    .command('search')
    .description('search the clauses: dense + lexical + graph, fused, with citations and reasons')
    .addArgument(SEARCH_OPTIONS.argument({ flag: '[query]', field: 'query', description: 'the query (Chinese or English); omit with --stdin' }));
  SEARCH_OPTIONS.addTo(command)
    .option('--json', 'print the whole response as JSON')
    .option('--stdin', 'read JSON lines {"id","query"} from standard input, write JSON lines {"id","results"}')
    .option(...DATA_DIR_OPTION)
    .option(...GRAPH_OPTION)
    .option('--embedder <kind>', 'query with this embedder instead of the one the index was built with')
    .action(async (query: string | undefined, opts: SearchCommandOptions) => {
      if (!opts.stdin && !query?.trim()) throw new PolicyGraphError('BAD_REQUEST', 'give a query, or --stdin to read JSON lines');
      await withSearch(opts, async (engines) => {
        if (opts.stdin) await answerLines(engines, opts);
        else {
          const response = await searchClauses(engines, requestFrom(query!, opts));
          process.stdout.write(opts.json ? JSON.stringify(response, null, 2) + '\n' : formatResponse(response));
        }
      });
    });
}

/** The flags as the search use case's request; a JSON line may set its own k and mode. */
function requestFrom(query: string, opts: SearchCommandOptions, line: { k?: unknown; mode?: unknown } = {}): SearchRequest {
  const request = SEARCH_OPTIONS.request(opts, { query });
  if (line.k !== undefined) request.k = line.k;
  if (line.mode !== undefined) request.mode = line.mode;
  return request as SearchRequest;
}

/** The result shape of the JSON-lines protocol. */
function lineResult(r: SearchResult) {
  return { clause: r.clause, document: r.document, citation: r.citation, score: r.score, why: r.why };
}

async function answerLines(engines: Engines, opts: SearchCommandOptions): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (!line.trim()) continue;
    let id: unknown = number;
    try {
      let request: { id?: unknown; query?: unknown; k?: unknown; mode?: unknown };
      try {
        request = JSON.parse(line);
      } catch {
        throw new PolicyGraphError('BAD_REQUEST', `line ${number} is not JSON`);
      }
      id = request.id ?? number;
      if (typeof request.query !== 'string') throw new PolicyGraphError('BAD_REQUEST', `line ${number} has no "query" string`);
      const response = await searchClauses(engines, requestFrom(request.query, opts, request));
      process.stdout.write(JSON.stringify({ id, results: response.results.map(lineResult) }) + '\n');
    } catch (err) {
      // one bad line must not end the stream: report it in place and go on
      if (!isPolicyGraphError(err)) throw err;
      process.stdout.write(JSON.stringify({ id, error: err.message }) + '\n');
    }
  }
}

/** A clause text on one line, cut to `max` characters. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max) + '…' : flat;
}

export function formatReasons(r: SearchResult): string {
  const parts: string[] = [];
  if (r.why.dense) parts.push(`dense #${r.why.dense.rank} (${r.why.dense.score.toFixed(2)})`);
  if (r.why.lexical) parts.push(`lexical #${r.why.lexical.rank}${r.why.lexical.terms.length ? ` [${r.why.lexical.terms.slice(0, 6).join(' ')}]` : ''}`);
  if (r.why.graph.length) parts.push(`graph ${r.why.graph.map((g) => `${g.kind}:${g.name}`).join(', ')}`);
  return parts.join(' · ');
}

export function formatResult(r: SearchResult, index: number): string {
  const doc = [r.document.level, r.document.region, r.document.year].filter(Boolean).join(', ');
  const lines = [`${index + 1}. ${r.citation}   score ${r.score.toFixed(3)}`, `   ${r.document.title} (${doc})`];
  const fragments = r.highlights.length ? r.highlights : [oneLine(r.clause.text, 120)];
  for (const f of fragments) lines.push(`   ${f}`);
  const agencies = r.agencies.map((a) => `${a.name}${a.role === 'lead' ? '（牵头）' : '（配合）'}${a.deadline ? ` ${a.deadline}` : ''}`);
  if (agencies.length) lines.push(`   agencies: ${agencies.join('、')}`);
  // a list question folds near-identical clauses of other documents into this one
  if (r.alsoIn.length) lines.push(`   also in: ${r.alsoIn.map((a) => a.citation).join('；')}`);
  lines.push(`   why: ${formatReasons(r) || '—'}`);
  return lines.join('\n');
}

function formatResponse(response: SearchResponse): string {
  const u = response.understood;
  const understood = [
    ...u.themes.map((t) => `theme ${t.name}${t.surface !== t.name ? ` (${t.surface})` : ''}`),
    ...u.agencies.map((a) => `agency ${a.name}`),
    ...u.regions.map((r) => `region ${r}`),
    ...u.years.map((y) => `year ${y}`),
    ...u.docNumbers.map((d) => `文号 ${d}`),
  ];
  const head = [`${response.results.length} result(s) in ${response.tookMs} ms (${response.embedder})`];
  if (response.closeMatch === false && response.results.length) head.push(`no close match: the best result scores ${response.results[0]?.score.toFixed(2) ?? '0'} (below ${SUGGESTED_THRESHOLD}); these are only look-alikes`);
  if (understood.length) head.push(`understood: ${understood.join('; ')}`);
  if (!response.results.length) head.push('no clause matched: try other words, or fewer filters');
  return [...head, '', ...response.results.map(formatResult)].join('\n') + '\n';
}
