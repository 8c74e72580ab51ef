// `policygraph search "<query>"`: hybrid (or dense, or lexical) search with filters; `--stdin`
// answers JSON lines {"id","query"} with JSON lines {"id","results":[…]}.
import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import type { Engines } from '../../app/engines.js';
import { DEFAULT_K, MAX_K, type Filters } from '../../app/fields.js';
import { searchClauses, type SearchRequest } from '../../app/search.js';
import { DATA_DIR_OPTION, GRAPH_OPTION } from '../config.js';
import { PolicyGraphError, isPolicyGraphError } from '../../graph/errors.js';
import type { SearchResponse, SearchResult } from '../../search/types.js';
import { SUGGESTED_THRESHOLD } from '../../search/absolute-score.js';
import { withSearch } from './open.js';

/** Repeatable, comma-separable option values: --theme 5G --theme 物联网,云计算 */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(/[,，]/).map((v) => v.trim()).filter(Boolean)];
}

export function parseInteger(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n)) throw new PolicyGraphError('BAD_REQUEST', `${name} must be an integer, got "${value}"`);
    return n;
  };
}

export interface SearchCommandOptions {
  k?: number;
  mode?: string;
  theme?: string[];
  agency?: string[];
  level?: string[];
  region?: string[];
  yearFrom?: number;
  yearTo?: number;
  doc?: string[];
  kind?: string[];
  strict?: boolean;
  json?: boolean;
  stdin?: boolean;
  dataDir?: string;
  graph?: string;
  embedder?: string;
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('search the clauses: dense + lexical + graph, fused, with citations and reasons')
    .argument('[query]', 'the query (Chinese or English); omit with --stdin')
    .option('--k <n>', `number of results (1-${MAX_K}, default ${DEFAULT_K})`, parseInteger('--k'))
    .option('--mode <mode>', 'hybrid (default), dense or lexical (plain BM25)')
    .option('--theme <name>', 'only clauses that mention this theme (name, alias or English; repeatable)', collect)
    .option('--agency <name>', 'only clauses assigned to, or documents issued by, this agency (repeatable)', collect)
    .option('--level <level>', 'only documents of this level: national, provincial, municipal (repeatable)', collect)
    .option('--region <name>', 'only documents of this region, e.g. 四川省 (repeatable)', collect)
    .option('--year-from <year>', 'only documents from this year on', parseInteger('--year-from'))
    .option('--year-to <year>', 'only documents up to this year', parseInteger('--year-to'))
    .option('--doc <id>', 'only this document, by id or 文号 (repeatable)', collect)
    .option('--kind <kind>', 'only documents of this kind: policy or commentary (repeatable)', collect)
    .option('--strict', 'use the themes, agencies, regions and 文号 the query names as filters, not just boosts')
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

/** The flags as the search use case's request (its schema checks the values: levels, kinds, years). */
export function filtersFrom(opts: SearchCommandOptions): Filters | undefined {
  const filters = {
    theme: opts.theme,
    agency: opts.agency,
    level: opts.level,
    region: opts.region,
    yearFrom: opts.yearFrom,
    yearTo: opts.yearTo,
    doc: opts.doc,
    kind: opts.kind,
  } as Filters;
  for (const key of Object.keys(filters) as (keyof Filters)[]) if (filters[key] === undefined) delete filters[key];
  return Object.keys(filters).length ? filters : undefined;
}

function requestFrom(query: string, opts: SearchCommandOptions, k = opts.k, mode = opts.mode): SearchRequest {
  return { query, k, mode: mode as SearchRequest['mode'], filters: filtersFrom(opts), filterByUnderstood: opts.strict };
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
      const response = await searchClauses(
        engines,
        requestFrom(request.query, opts, typeof request.k === 'number' ? request.k : opts.k, typeof request.mode === 'string' ? request.mode : opts.mode),
      );
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
