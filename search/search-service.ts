// The SearchService the use cases (app/) call: query understanding → hybrid retrieval (dense +
// lexical + graph, RRF, graph boosts) → graph join → results with evidence. Precedents and ask
// (app/precedents.ts, app/ask.ts) build on the same pieces.
import { PolicyGraphError } from '../graph/errors.js';
import { citationOf, normalizeDocNumber } from '../graph/ids.js';
import { DOCUMENT_KINDS, DOCUMENT_LEVELS, type DocumentKind, type Level, type PolicyDocument } from '../graph/model.js';
import type { ClauseFilters, GraphStore, OutlineEntry } from '../graph/store.js';
import { nonIncreasing, SUGGESTED_THRESHOLD } from './absolute-score.js';
import { articlePath, documentsNamedIn, parseArticleReference } from './article-reference.js';
import { normalizeQuery } from './query-normalization.js';
import { DocumentNames, type NamedDocument } from './document-names.js';
import { retrieveNamed } from './named-documents.js';
import { expandHeadings } from './heading-children.js';
import { withoutQuestionFrame } from './question-frames.js';
import { collapseNearDuplicates, diversify, isEnumerating, type Collapsed } from './complete-answers.js';
import { loadDictionaries } from '../dictionaries/dictionaries.js';
import { servedCatalogOf } from './index-delta.js';
import { ClauseCatalog } from './clause-catalog.js';
import { retrieve, type Candidate, type RetrieveOptions } from './hybrid-retriever.js';
import { loadIndexes } from './index-store.js';
import type { GraphLoading } from './vector-index.js';
import { indexDirFor } from './generations.js';
import { loadQueryLexicon } from './query-lexicon.js';
import { QueryUnderstander, type QueryLexicon, type UnderstoodQuery } from './query-understanding.js';
import { ContextCache, DEFAULT_CONTEXT_CACHE, facetsOf, joinWithGraph, resultsFromCatalog, termsToHighlight, type JoinedResult } from './result-builder.js';
import { embedderForIndex } from './index-lifecycle.js';
import { openNeo4jRetrieval, type Retrieval } from './neo4j-search.js';
import { checkRetrievalMode, type RetrievalMode } from './retrieval-mode.js';

/** Moved to index-lifecycle.ts; kept here for callers not yet updated. */
export { embedderForIndex };
import { MAX_K, MAX_QUERY_CHARS } from './limits.js';
import type { AlsoIn, Embedder, SearchMode, SearchRequest, SearchResponse, SearchResult } from './types.js';
import type { SearchService } from './service.js';

export interface SearchServiceOptions {
  dataDir: string;
  store: GraphStore;
  /** The embedder to query with; by default the one the index was built with. */
  embedder?: Embedder;
  /** Query lexicon; by default built from the curated dictionaries. */
  lexicon?: QueryLexicon;
  /** Close the store when the service closes (the CLI hands its store over). */
  ownsStore?: boolean;
  /**
   * Warm the context cache at start (servers, benchmarks): as many contexts as fit, for at most
   * WARM_BUDGET_MS, so start-up stays bounded however large the graph; the rest are read on demand.
   */
  preloadContexts?: boolean;
  /** Clause contexts kept in memory (default 20,000; servers and commands pass POLICYGRAPH_CONTEXT_CACHE from app/settings.ts). */
  contextCacheSize?: number;
  /** Where candidates come from: the data dir's indexes (local, the default) or Neo4j's own (neo4j: faces pass POLICYGRAPH_RETRIEVAL from app/settings.ts). */
  retrieval?: RetrievalMode;
  /**
   * When the HNSW graphs are read (search/vector-index.ts): on demand (default: when a query the
   * bucket lists cannot answer exactly first needs them) or in the background from the start. On the
   * shared 2-core machine the background read (two shards on libuv's threads) slowed the opening
   * itself by 2–3 s (laws, 102,552 clauses, load 5–7): readiness comes first.
   */
  vectorGraphs?: Exclude<GraphLoading, 'now'>;
}

/** Longest a service may spend warming its context cache at start. */
const WARM_BUDGET_MS = 2_000;
const MODES: SearchMode[] = ['hybrid', 'dense', 'lexical'];
const LEVELS: readonly Level[] = DOCUMENT_LEVELS;
const KINDS: readonly DocumentKind[] = DOCUMENT_KINDS;

export async function createSearchService(options: SearchServiceOptions): Promise<SearchService> {
  if (checkRetrievalMode(options.retrieval ?? 'local', options.store.engine) === 'neo4j') {
    // no data dir: the embedder, the catalog and both indexes are Neo4j's (search/neo4j-search.ts)
    const { retrieval, embedder, catalog } = await openNeo4jRetrieval(options.store, options.embedder);
    return assembleService(options, retrieval, embedder, catalog);
  }
  // the generation the graph names, never a newer folder an ingest is still building (search/generations.ts)
  const dir = await indexDirFor(options.dataDir, options.store);
  const embedder = options.embedder ?? (await embedderForIndex(options.dataDir, dir));
  const indexes = loadIndexes(options.dataDir, embedder, dir, options.vectorGraphs ?? 'on-demand');
  // as ingest stored it beside the indexes; a data dir from before catalog.bin reads the graph once.
  // A one-shot command reads a row's text and facts when a query needs it (most of the file is
  // texts); a server (preloadContexts) reads the file whole: its warm queries then read no file
  const columns = servedCatalogOf(dir, indexes.manifest, indexes, { positional: !options.preloadContexts });
  const catalog = columns ? new ClauseCatalog(columns) : await ClauseCatalog.fromStore(options.store);
  const retrieval: Retrieval = {
    retrieve: (query, retrieveOptions) => retrieve({ catalog, lexical: indexes.lexical, vectors: indexes.vectors, embedder }, query, retrieveOptions),
    queryWords: (query) => indexes.lexical.analyze(query).words,
    calibrated: true,
    close: () => indexes.vectors.dispose(),
  };
  const service = await assembleService(options, retrieval, embedder, catalog);
  // a server's first query must not run the hot loops (posting decoding, BM25 scoring and top-k,
  // the bucket-list scan) still uncompiled: ~60 ms of it on 102k law clauses. One query of its own
  // at open, on common words of legal prose (no particular query's), costs the same ~60 ms once.
  if (options.preloadContexts) await service.search({ query: WARM_UP_QUERY, k: 10 });
  return service;
}

/** The query a server asks itself at open (see createSearchService). */
const WARM_UP_QUERY = '依法履行监督管理职责';

async function assembleService(options: SearchServiceOptions, retrieval: Retrieval, embedder: Embedder, catalog: ClauseCatalog): Promise<SearchService> {
  const understander = new QueryUnderstander(options.lexicon ?? loadQueryLexicon());
  const contexts = new ContextCache(options.store, options.contextCacheSize ?? DEFAULT_CONTEXT_CACHE);
  // servers warm the cache within a bounded time: a newcomer's first search must not wait on the graph
  // (a catalog with result facts answers searches without it: only ask and precedents read contexts)
  if (options.preloadContexts && !catalog.hasFacts) await contexts.warm((function* () { for (const c of catalog.allClauses()) yield c.id; })(), WARM_BUDGET_MS);
  const service = new HybridSearchService(options.store, retrieval, embedder, catalog, understander, contexts, options.ownsStore ?? false);
  // the document-name matcher is built at open, not by the first query (every hybrid query consults it)
  await service.loadDocumentNames();
  return service;
}

class HybridSearchService implements SearchService {
  readonly embedderId: string;
  /** Documents (the catalog's, as the graph lists them), taken on the first query that names an article or a document. */
  private documentList: PolicyDocument[] | null = null;
  private documentNames: DocumentNames | null = null;

  constructor(
    readonly store: GraphStore,
    private readonly retrieval: Retrieval,
    readonly queryEmbedder: Embedder,
    readonly catalog: ClauseCatalog,
    readonly understander: QueryUnderstander,
    private readonly contexts: ContextCache,
    private readonly ownsStore: boolean,
  ) {
    this.embedderId = queryEmbedder.id;
    this.scoresAreAbsolute = retrieval.calibrated;
  }

  readonly scoresAreAbsolute: boolean;

  async search(request: SearchRequest): Promise<SearchResponse> {
    const started = performance.now();
    const validated = validateRequest(request);
    const { k, mode } = validated;
    const query = normalizeQuery(validated.query);
    const understood = this.understander.understand(query);
    if (request.filters?.doc?.length) await this.loadDocumentNames();
    const filters = this.resolveFilters(request.filters, request.filterByUnderstood ? understood : null);
    const named = mode === 'hybrid' ? await this.namedDocuments(query, understood) : [];
    // retrieval reads the subject, not the question's frame (法律法规对…有哪些规定)
    const retrieved = await retrieveNamed((q, o) => this.retrieve(q, o), this.catalog, withoutQuestionFrame(query), { mode, pool: poolFor(k), filter: this.catalog.predicate(filters), understood }, named);
    const article = mode === 'hybrid' ? await this.articleCandidate(query, filters, retrieved[0]?.score ?? 1) : null;
    const ranked = article ? [article, ...retrieved.filter((c) => c.id !== article.id)] : retrieved;
    // a list question over the corpus (not inside named documents) wants every document's provisions
    const listQuestion = mode === 'hybrid' && !named.length && !article && isEnumerating(query);
    const diversified = listQuestion ? diversify(ranked, this.catalog, poolFor(k)) : ranked;
    const expanded = mode === 'hybrid' ? await expandHeadings(diversified, this.catalog, (docId) => this.outlineOf(docId), k) : diversified;
    const candidates = listQuestion ? collapseNearDuplicates(expanded, this.catalog, poolFor(k)) : expanded;
    const shaped = await this.results(candidates, k, filters, understood);
    const alsoInOf = new Map(candidates.map((c) => [c.id, 'alsoIn' in c ? (c as Collapsed).alsoIn : []]));
    // every face reports these scores: capped along the ranking so a threshold keeps a prefix
    const capped = nonIncreasing(shaped.map((r) => r.score));
    const results = shaped.map((r, i) => ({ ...r, score: capped[i], alsoIn: this.alsoIn(alsoInOf.get(r.clause.id) ?? []) }));
    const queryWords = this.retrieval.queryWords(query);
    return {
      query: validated.query,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      embedder: this.embedderId,
      understood: { ...understood.understood, expandedTerms: [...new Set([...queryWords, ...understood.expansions])] },
      results,
      closeMatch: mode === 'hybrid' && this.retrieval.calibrated ? (results[0]?.score ?? 0) >= SUGGESTED_THRESHOLD : null,
      facets: facetsOf(results),
    };
  }

  /** The documents a collapsed result also stands for, cited from the catalog (no graph read). */
  private alsoIn(ids: string[]): AlsoIn[] {
    return ids.flatMap((id) => {
      const clause = this.catalog.clause(id);
      const document = clause && this.catalog.document(clause.docId);
      if (!clause || !document) return [];
      const { title, docNumber, level, region, year } = document;
      return [{ clauseId: id, citation: citationOf(document, clause.path), document: { id: document.id, title, docNumber, level, region, year } }];
    });
  }

  /** Clause outlines of documents, read once each (a heading's children come from it). */
  private readonly outlines = new Map<string, Promise<OutlineEntry[]>>();

  private outlineOf(docId: string): Promise<OutlineEntry[]> {
    let outline = this.outlines.get(docId);
    if (!outline) {
      outline = this.store.outline(docId);
      this.outlines.set(docId, outline);
    }
    return outline;
  }

  /** Documents the query names by title, alias, short name (document-names.ts) or 文号. */
  /** A document filter value as ids: an id or 文号 stays; a title or short name becomes the documents it names. */
  private documentIdsFor(value: string): string[] {
    if (this.catalog.document(value) || this.catalog.documentsNumbered([value]).size) return [value];
    const named = this.documentNames?.named(value).map((d) => d.id) ?? [];
    return named.length ? named : [value];
  }

  async loadDocumentNames(): Promise<DocumentNames> {
    this.documentList ??= this.catalog.documentList();
    this.documentNames ??= new DocumentNames(this.documentList, loadDictionaries());
    return this.documentNames;
  }

  private async namedDocuments(query: string, understood: UnderstoodQuery): Promise<NamedDocument[]> {
    const documentNames = await this.loadDocumentNames();
    const byNumber = [...this.catalog.documentsNumbered(understood.understood.docNumbers)]
      .map((id) => this.catalog.document(id))
      .filter((d): d is NonNullable<typeof d> => !!d && d.inCorpus)
      .map((document) => ({ document, surface: document.docNumber ?? '', explicit: true }));
    return [...byNumber, ...documentNames.find(query)];
  }

  /** "《X法》第N条": that article of the named document (or of the filtered one), first and exactly. */
  private async articleCandidate(query: string, filters: ClauseFilters | undefined, topScore: number): Promise<Candidate | null> {
    const reference = parseArticleReference(query);
    if (!reference) return null;
    this.documentList ??= this.catalog.documentList();
    const documents = reference.titles.length
      ? reference.titles.flatMap((t) => documentsNamedIn(t, this.documentList!))
      : this.documentList.filter((d) => filters?.doc?.some((f) => f === d.id || (d.docNumber && normalizeDocNumber(d.docNumber) === f)));
    for (const document of documents.slice(0, 5)) {
      const outline = await this.store.outline(document.id);
      const path = articlePath(outline.map((o) => o.path), reference.article);
      const entry = path ? outline.find((o) => o.path === path) : undefined;
      if (entry) return { id: entry.id, score: Math.max(1, topScore), why: { dense: null, lexical: null, graph: [{ kind: 'article', name: `${document.title} ${reference.article}` }] } };
    }
    return null;
  }

  retrieve(query: string, options: RetrieveOptions): Promise<Candidate[]> {
    return this.retrieval.retrieve(query, options);
  }

  /**
   * The results of a search: from the catalog when it holds every row's facts and nothing is
   * filtered (no graph read: a cold store's join costs ~10 ms a clause), else joined with the graph.
   */
  private async results(candidates: Candidate[], k: number, filters: ClauseFilters | undefined, understood: UnderstoodQuery): Promise<SearchResult[]> {
    const terms = (c: Candidate) => termsToHighlight(c, understood);
    if (!filters && this.catalog.hasFacts) return resultsFromCatalog(this.catalog, candidates, k, terms);
    return (await this.join(candidates, k, filters, understood)).map((j) => j.result);
  }

  join(candidates: Candidate[], k: number, filters: ClauseFilters | undefined, understood: UnderstoodQuery): Promise<JoinedResult[]> {
    return joinWithGraph(this.contexts, candidates, k, filters, (c) => termsToHighlight(c, understood));
  }

  async close(): Promise<void> {
    this.retrieval.close?.();
    if (this.ownsStore) await this.store.close();
  }

  /**
   * Filters with canonical names (aliases and English names resolved through the dictionaries,
   * 文号 normalised), plus the entities the query names when the caller asked for that.
   */
  resolveFilters(filters: ClauseFilters | undefined, understood: UnderstoodQuery | null): ClauseFilters | undefined {
    const f: ClauseFilters = { ...(filters ?? {}) };
    const canonical = (kind: 'theme' | 'agency' | 'region', values: string[] | undefined) =>
      values?.map((v) => this.understander.resolve(kind, v)?.name ?? v.trim());
    if (f.theme) f.theme = canonical('theme', f.theme);
    if (f.agency) f.agency = canonical('agency', f.agency);
    if (f.region) f.region = canonical('region', f.region);
    if (f.doc) f.doc = f.doc.map((d) => (/[〔\[［(（【]\s*\d{4}/.test(d) ? normalizeDocNumber(d) : d.trim()));
    // a title or short name (doc=上海市生活垃圾管理条例) stands for the documents it names
    if (f.doc) f.doc = f.doc.flatMap((d) => this.documentIdsFor(d));
    // a filter naming nothing the graph knows would silently answer nothing: say so instead
    for (const d of f.doc ?? []) {
      if (!this.catalog.document(d) && this.catalog.documentsNumbered([d]).size === 0) {
        throw new PolicyGraphError('NOT_FOUND', `unknown document "${d}": give a document id, 文号 or title (policygraph documents lists them)`);
      }
    }
    for (const t of f.theme ?? []) {
      if (!this.understander.resolve('theme', t) && this.catalog.clausesWithTheme(t).length === 0) {
        throw new PolicyGraphError('BAD_REQUEST', `unknown theme "${t}": policygraph themes lists them`);
      }
    }
    // the same rule for every named filter value: one neither the dictionaries nor the corpus know is an error
    for (const r of f.region ?? []) {
      if (!this.understander.resolve('region', r) && !this.catalog.knowsRegion(r)) {
        throw new PolicyGraphError('BAD_REQUEST', `unknown region "${r}": no document of the corpus is from it (policygraph documents lists them)`);
      }
    }
    for (const a of f.agency ?? []) {
      if (!this.understander.resolve('agency', a) && !this.catalog.knowsAgency(a)) {
        throw new PolicyGraphError('BAD_REQUEST', `unknown agency "${a}": no clause or document of the corpus names it (policygraph agencies lists them)`);
      }
    }
    if (f.level) for (const level of f.level) if (!LEVELS.includes(level)) throw new PolicyGraphError('BAD_REQUEST', `unknown level "${level}": use ${LEVELS.join(', ')}`);
    if (f.kind) for (const kind of f.kind) if (!KINDS.includes(kind)) throw new PolicyGraphError('BAD_REQUEST', `unknown document kind "${kind}": use ${KINDS.join(' or ')}`);
    if (f.yearFrom !== undefined && f.yearTo !== undefined && f.yearFrom > f.yearTo) {
      throw new PolicyGraphError('BAD_REQUEST', `yearFrom ${f.yearFrom} is after yearTo ${f.yearTo}`);
    }
    if (understood) {
      const u = understood.understood;
      const add = (current: string[] | undefined, values: string[]) => (values.length ? [...new Set([...(current ?? []), ...values])] : current);
      f.theme = add(f.theme, u.themes.map((t) => t.name));
      f.agency = add(f.agency, u.agencies.map((a) => a.name));
      f.region = add(f.region, u.regions.filter((r) => r !== '全国'));
      f.doc = add(f.doc, u.docNumbers);
    }
    const empty = Object.values(f).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
    return empty ? undefined : f;
  }
}

function validateRequest(request: SearchRequest): { query: string; k: number; mode: SearchMode } {
  if (!request || typeof request.query !== 'string' || !request.query.trim()) {
    throw new PolicyGraphError('BAD_REQUEST', 'the search query is empty');
  }
  const query = request.query.trim();
  if (query.length > MAX_QUERY_CHARS) throw new PolicyGraphError('BAD_REQUEST', `the search query is ${query.length} characters long; the limit is ${MAX_QUERY_CHARS}`);
  const k = request.k ?? 10;
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw new PolicyGraphError('BAD_REQUEST', `k must be an integer from 1 to ${MAX_K}, got ${request.k}`);
  const mode = request.mode ?? 'hybrid';
  if (!MODES.includes(mode)) throw new PolicyGraphError('BAD_REQUEST', `unknown search mode "${mode}": use hybrid, dense or lexical`);
  return { query, k, mode };
}

/** Candidates fetched per retriever: enough for fusion to reorder, and spare for the join's filters. */
export function poolFor(k: number): number {
  return Math.max(50, k * 4);
}
