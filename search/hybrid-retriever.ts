// Candidate retrieval: dense (HNSW), lexical (BM25 on the query as typed, and on the terms query
// understanding implied) and graph matches (clauses linked to the themes and agencies the query
// names), fused by reciprocal rank fusion, then boosted by the graph. Filters run inside each
// search, so a filtered query still fills its pool.
import type { ClauseCatalog } from './clause-catalog.js';
import { regionKey } from './clause-catalog.js';
import { applyBoosts, reciprocalRankFusion, RRF_K, type GraphBoost, type RankedList } from './fusion.js';
import type { LexicalHit, LexicalIndex } from './lexical-index.js';
import type { ExpansionGroup, UnderstoodQuery } from './query-understanding.js';
import type { PolicyDocument } from '../graph/model.js';
import type { Embedder, MatchReason, PassageRole, SearchMode } from './types.js';
import type { VectorIndex } from './vector-index.js';
import { QueryMass } from './query-mass.js';
import { isStopWord } from './tokenize.js';
import { absoluteScore, ideasHeldBy, similarityScaleFor, type Evidence } from './absolute-score.js';

export interface RetrievalIndexes {
  catalog: ClauseCatalog;
  lexical: LexicalIndex;
  vectors: VectorIndex;
  embedder: Embedder;
}

export interface RetrieveOptions {
  mode: SearchMode;
  /** Candidates wanted (before the graph join). */
  pool: number;
  filter?: (id: string) => boolean;
  understood: UnderstoodQuery;
  /** How the embedder sees the text: a question ('query') or a pasted clause ('passage'). */
  role?: PassageRole;
  /** Ids of the documents the query names (document-names.ts): their clauses score as answering it in part. */
  namedDocuments?: ReadonlySet<string>;
}

export interface Candidate {
  id: string;
  /** Hybrid: absolute relevance in 0..1 (absolute-score.ts); dense: cosine similarity; lexical: BM25. */
  score: number;
  why: MatchReason;
  /** Hybrid: what the score was computed from. */
  evidence?: Evidence;
}

/**
 * Weights of the fused lists. The query as typed counts most. Implied terms count as much as the
 * query relies on them: fully for English (BM25 cannot read it), much for synonyms and everyday
 * phrasings, little when the query only used another name of an entity.
 */
export const FUSION = {
  rrfK: RRF_K,
  dense: 1,
  /** BM25 on the query as typed; plus `lexicalCoverage` × the share of the query's words its best hit holds. */
  lexical: 1,
  lexicalCoverage: 3,
  graph: 0.5,
  /**
   * BM25 on a list question's bigrams that hold a character none of its words holds (orphanBigrams):
   * as much as BM25 on the query when its hit holds the whole query (lexical + lexicalCoverage).
   */
  orphans: 4,
  expanded: { english: 1, indirect: 0.7, alias: 0.3 },
  maxExpansionGroups: 8,
  /** Clauses shorter than this (in characters) are discounted as bare headings. */
  substanceChars: 25,
  /** Divide the implied-terms weight among the groups (else each group gets it whole). */
  splitExpansionWeight: false,
  expandedShare: 3,
};

/** Multipliers for graph evidence; entity links scale with the share of the query's entities a clause carries. */
const BOOST = { entities: 0.15, region: 1.2, national: 1.5, docNumber: 1.5, citesDocNumber: 1.2, year: 1.1 } as const;
/** Boosts never multiply a score by more than this, so they reorder near neighbours only. */
export const MAX_BOOST = 2;

export async function retrieve(indexes: RetrievalIndexes, query: string, options: RetrieveOptions): Promise<Candidate[]> {
  const { mode, pool, filter, understood } = options;
  const role = options.role ?? 'query';
  if (mode === 'lexical') {
    return indexes.lexical.search(query, pool, filter).map((hit, i) => ({
      id: hit.id,
      score: hit.score,
      why: { dense: null, lexical: { rank: i + 1, score: round(hit.score), terms: hit.terms }, graph: [] },
    }));
  }
  if (mode === 'dense') {
    const hits = await denseSearch(indexes, query, role, pool, filter);
    return hits.map((hit, i) => ({ id: hit.id, score: hit.score, why: { dense: { rank: i + 1, score: round(hit.score) }, lexical: null, graph: [] } }));
  }

  const expansions = understood.expansions;
  // The embedder sees the query with the Chinese terms it implies. Of an English sentence it sees
  // only the terms the texts use too (5G, IPv6): other English words are noise to a Chinese model.
  // BM25 always sees the query as typed.
  const queryText = understood.english ? indexes.lexical.analyze(query).words.filter((w) => indexes.lexical.idf(w) > 0).join(' ') : query;
  const dense = await denseSearch(indexes, [queryText, ...expansions].join(' '), role, pool, filter);
  const plain = indexes.lexical.search(query, pool, filter);
  // one BM25 list per implied idea, so an entity with many aliases does not drown a one-word
  // idea, and a clause holding several of the query's ideas collects a vote from each
  const groups = understood.expansionGroups.slice(0, FUSION.maxExpansionGroups);
  const expandedLists = groups.map((g) => indexes.lexical.search(g.terms.join(' '), pool, filter));
  // a list's answers are every clause that says its subject, so the subject's every character counts
  const orphans = understood.enumerating ? orphanBigrams(indexes.lexical, query) : [];
  const orphanList = orphans.length ? indexes.lexical.search(orphans.join(' '), pool, filter) : [];
  const graph = graphMatches(indexes.catalog, understood, filter, [dense.map((h) => h.id), plain.map((h) => h.id), ...expandedLists.map((l) => l.map((h) => h.id))], pool);

  // A BM25 hit that holds every word of the query (a keyword, a pasted clause) is a sure match:
  // it counts for more than the embedder's ranking. Each hit counts by the share of the query it holds.
  const mass = new QueryMass(indexes.lexical, query);
  const lexicalWeights = plain.map((hit) => FUSION.lexical + FUSION.lexicalCoverage * mass.coverage(hit));
  const lists: RankedList[] = [
    { name: 'dense', ids: dense.map((h) => h.id), weight: FUSION.dense },
    { name: 'lexical', ids: plain.map((h) => h.id), weight: Math.max(FUSION.lexical, ...lexicalWeights), weights: lexicalWeights },
    ...expandedLists.map((list, i) => ({
      name: `expanded${i}`,
      ids: list.map((h) => h.id),
      weight: expansionWeight(groups[i], understood, indexes.lexical, mass) / (FUSION.splitExpansionWeight ? expandedLists.length : 1),
    })),
    { name: 'graph', ids: graph, weight: FUSION.graph },
    { name: 'orphans', ids: orphanList.map((h) => h.id), weight: FUSION.orphans },
  ].filter((l) => l.ids.length > 0);
  const boostsOf = graphBoosts(indexes.catalog, understood);
  const boosted = applyBoosts(
    reciprocalRankFusion(lists, FUSION.rrfK),
    (id) => [...boostsOf(id), ...substancePrior(indexes.catalog, id)],
    MAX_BOOST,
    pool,
  );

  const denseById = new Map(dense.map((h, i) => [h.id, { rank: i + 1, score: round(h.score) }]));
  const plainById = new Map(plain.map((h, i) => [h.id, { rank: i + 1, hit: h }]));
  const expandedById = new Map<string, { rank: number; hit: LexicalHit }>();
  for (const list of expandedLists) {
    list.forEach((hit, i) => {
      const seen = expandedById.get(hit.id);
      if (!seen) expandedById.set(hit.id, { rank: i + 1, hit });
      else seen.hit = { ...seen.hit, terms: [...new Set([...seen.hit.terms, ...hit.terms])] };
    });
  }
  const scale = similarityScaleFor(indexes.embedder.id);
  // implied ideas vouch for a clause as far as the query's words implied them: "best pizza in New
  // York" implies 新型 from "new" alone, which must not make a clause about 新型 a good answer
  const ideasSpan = mass.spannedByAll(groups.map((g) => g.surface));
  const ideasOf = ideasHeldBy(groups);
  return boosted.map((c) => {
    const lexicalMatch = plainById.get(c.id) ?? expandedById.get(c.id);
    const terms = [...new Set([...(plainById.get(c.id)?.hit.terms ?? []), ...(expandedById.get(c.id)?.hit.terms ?? [])])];
    const text = indexes.catalog.text(c.id) ?? '';
    const evidence: Evidence = {
      coverage: round(mass.spanned(text)),
      ideas: scaled(ideasOf(text), ideasSpan),
      cosine: denseById.get(c.id)?.score ?? null,
      namedDocument:
        c.boosts.some((b) => b.reason.startsWith('docNumber:') && b.factor === BOOST.docNumber) ||
        (options.namedDocuments?.has(indexes.catalog.documentOf(c.id)?.id ?? '') ?? false),
    };
    return {
      id: c.id,
      score: absoluteScore(evidence, scale, understood.english),
      evidence,
      why: {
        dense: denseById.get(c.id) ?? null,
        lexical: lexicalMatch ? { rank: lexicalMatch.rank, score: round(lexicalMatch.hit.score), terms } : null,
        graph: c.boosts.filter((b) => !b.reason.startsWith('prior:')).map((b) => parseReason(b.reason)),
      },
    };
  });
}


/**
 * The query's bigrams that hold a character none of its words holds. jieba cuts 电子烟 into 电子 and
 * a lone 烟, which the word field drops: BM25 on the query then weighs 电子 (every 电子签名 clause)
 * fully and 子烟 only at the bigram field's weight. Searched on their own they find the clauses that
 * say the compound. Stop words (的, 和) are no one's orphans; a bigram the corpus lacks is no help.
 */
export function orphanBigrams(lexical: LexicalIndex, query: string): string[] {
  const { words, bigrams } = lexical.analyzeQuery(query);
  const inWords = new Set(words.flatMap((w) => [...w]));
  const orphan = (ch: string) => /[\u3400-\u9fff]/.test(ch) && !inWords.has(ch) && !isStopWord(ch);
  return [...new Set(bigrams.filter((b) => [...b].some(orphan) && lexical.bigramIdf(b) > 0))];
}

/**
 * How much one implied idea counts: fully when the query is English (BM25 cannot read it); much
 * when the query's words for it are not the texts' words (网上看病, 手机支付: the texts never say
 * them); little when the texts use those words too (上云, 千兆: BM25 on the query finds them, and
 * the implied terms would only drift) or the query used another name of an entity.
 */
function expansionWeight(group: ExpansionGroup, understood: UnderstoodQuery, lexical: LexicalIndex, mass: QueryMass): number {
  if (group.source === 'alias' || lexical.uses(group.surface)) return FUSION.expanded.alias;
  return (understood.english ? FUSION.expanded.english : FUSION.expanded.indirect) + FUSION.expandedShare * mass.spanned(group.surface);
}

async function denseSearch(indexes: RetrievalIndexes, text: string, role: PassageRole, k: number, filter?: (id: string) => boolean) {
  if (!text.trim()) return [];
  const [vector] = await indexes.embedder.embed([text], { as: role });
  await indexes.vectors.readyFor(vector); // an index opened without its graphs reads them if this query needs them
  return indexes.vectors.search(vector, k, filter);
}

/**
 * Clauses linked (MENTIONS, ASSIGNS) to the entities the query names in other words, most entities
 * first; among equals, the ones the other retrievers ranked higher first.
 */
export function graphMatches(catalog: ClauseCatalog, understood: UnderstoodQuery, filter: ((id: string) => boolean) | undefined, otherLists: string[][], pool: number): string[] {
  // only entities the query names in words the texts do not use (English, synonyms): names and
  // aliases are found by BM25, and the whole theme would only crowd the precise hits
  const indirect = (key: string) => understood.via[key] === 'english' || understood.via[key] === 'synonym';
  const themes = understood.understood.themes.filter((t) => indirect(`theme:${t.name}`));
  const agencies = understood.understood.agencies.filter((a) => indirect(`agency:${a.name}`));
  if (!themes.length && !agencies.length) return [];
  const links = new Map<string, number>();
  const count = (ids: readonly string[]) => ids.forEach((id) => links.set(id, (links.get(id) ?? 0) + 1));
  for (const t of themes) count(catalog.clausesWithTheme(t.name));
  for (const a of agencies) count(catalog.clausesWithAgency(a.name));
  const bestRank = new Map<string, number>();
  for (const list of otherLists) list.forEach((id, i) => bestRank.set(id, Math.min(bestRank.get(id) ?? Infinity, i)));
  return [...links.entries()]
    .filter(([id]) => !filter || filter(id))
    .sort((a, b) => b[1] - a[1] || (bestRank.get(a[0]) ?? Infinity) - (bestRank.get(b[0]) ?? Infinity) || (a[0] < b[0] ? -1 : 1))
    .slice(0, pool)
    .map(([id]) => id);
}

/** Graph evidence for one candidate: the query's entities, region, 文号 and years that this clause carries. */
export function boostsFor(catalog: ClauseCatalog, id: string, understood: UnderstoodQuery): GraphBoost[] {
  return graphBoosts(catalog, understood)(id);
}

/**
 * boostsFor for the candidates of one query (fusion weighs a hundred or more): what depends on the
 * query alone is worked out once, a document's region once, and a candidate reads only what the
 * query can be boosted by (nothing for a query naming no entity, region, 文号 or year).
 */
export function graphBoosts(catalog: ClauseCatalog, understood: UnderstoodQuery): (id: string) => GraphBoost[] {
  const { themes, agencies, regions, docNumbers, years } = understood.understood;
  if (!themes.length && !agencies.length && !regions.length && !docNumbers.length && !years.length) return () => [];
  const wanted = regions.map(regionKey);
  const regionBoosts = new Map<string, GraphBoost | null>();
  const regionBoost = (doc: PolicyDocument): GraphBoost | null => {
    let boost = regionBoosts.get(doc.id);
    if (boost === undefined) {
      const region = catalog.regionOf(doc);
      // "ministries", 部委, 全国: national documents first, ahead of a province's copy of the same task
      const factor = region === '全国' && doc.level === 'national' ? BOOST.national : BOOST.region;
      boost = region && wanted.includes(region) ? { factor, reason: `region:${doc.region ?? region}` } : null;
      regionBoosts.set(doc.id, boost);
    }
    return boost;
  };
  const yearTexts = years.map(String);
  return (id) => {
    const boosts: GraphBoost[] = [];
    const clauseThemes = themes.length ? catalog.themes(id) : null;
    const clauseAgencies = agencies.length ? catalog.agencies(id) : null;
    const linked = [
      ...themes.filter((t) => clauseThemes!.has(t.name)).map((t) => `theme:${t.name}`),
      ...agencies.filter((a) => clauseAgencies!.has(a.name)).map((a) => `agency:${a.name}`),
    ];
    // one factor for all entity links: a long draft naming six themes must not multiply six boosts
    const share = linked.length / (themes.length + agencies.length || 1);
    linked.forEach((reason, i) => boosts.push({ factor: i === 0 ? 1 + BOOST.entities * share : 1, reason }));
    const doc = regions.length || docNumbers.length ? catalog.documentOf(id) : undefined;
    const text = docNumbers.length || years.length ? (catalog.text(id) ?? '') : '';
    if (doc && regions.length) {
      const boost = regionBoost(doc);
      if (boost) boosts.push({ ...boost });
    }
    for (const number of docNumbers) {
      if (doc?.docNumber === number) boosts.push({ factor: BOOST.docNumber, reason: `docNumber:${number}` });
      else if (text.replace(/\s+/g, '').includes(number)) boosts.push({ factor: BOOST.citesDocNumber, reason: `docNumber:${number}` });
    }
    yearTexts.forEach((year, i) => {
      if (text.includes(year)) boosts.push({ factor: BOOST.year, reason: `year:${years[i]}` });
    });
    return boosts;
  };
}

/**
 * A bare heading (中国制造2025与德国工业4.0的比较) shares most of its few characters with a query
 * that names its subject, but says nothing itself: its paragraphs are the answer. Clauses shorter
 * than FUSION.substanceChars lose up to a third of their score.
 */
export function substancePrior(catalog: ClauseCatalog, id: string): GraphBoost[] {
  const text = catalog.text(id);
  const length = text === undefined ? FUSION.substanceChars : substanceUpTo(text, FUSION.substanceChars);
  if (length >= FUSION.substanceChars) return [];
  return [{ factor: 2 / 3 + (length / FUSION.substanceChars) / 3, reason: 'prior:brevity' }];
}

/** Characters of `text` that are not white space, counted up to `limit` (most clauses reach it within their first line). */
export function substanceUpTo(text: string, limit: number): number {
  let count = 0;
  for (let i = 0; i < text.length && count < limit; i++) if (!WHITE_SPACE.test(text[i])) count++;
  return count;
}

const WHITE_SPACE = /\s/;

function parseReason(reason: string): MatchReason['graph'][number] {
  const at = reason.indexOf(':');
  return { kind: reason.slice(0, at) as MatchReason['graph'][number]['kind'], name: reason.slice(at + 1) };
}

function scaled(x: number | null, factor: number): number | null {
  return x === null ? null : round(x * factor);
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
