// Knowledge extraction: adds to the parser's batch what makes PolicyGraph a knowledge graph —
// themes (MENTIONS), agencies (ISSUED_BY, ASSIGNS), regions (APPLIES_TO), targets (SETS), cited
// documents (CITES, IMPLEMENTS; inCorpus:false documents for those outside the corpus) and the
// task-table rows that repeat body clauses (REPEATS). Deterministic: dictionaries and patterns,
// no model; every edge keeps the text it came from.
import { loadDictionaries, type Dictionaries } from '../../dictionaries/dictionaries.js';
import type { EdgeType, GraphBatch } from '../../graph/model.js';
import { extractCitations } from './citations.js';
import { FactSet } from './facts.js';
import { extractIssuers } from './issuers.js';
import { extractRegions } from './regions.js';
import { extractResponsibilities } from './responsibilities.js';
import { extractTargets } from './targets.js';
import { extractThemes } from './themes.js';

export interface ExtractionReport {
  /** Nodes and edges added to the batch, by kind. */
  added: {
    documents: number;
    themes: number;
    agencies: number;
    regions: number;
    targets: number;
    edges: Partial<Record<EdgeType, number>>;
  };
  /** Agencies named in tables or notes that no dictionary entry knows (candidates for agencies.json). */
  unknownAgencies: string[];
}

export interface ExtractOptions {
  dictionaries?: Dictionaries;
}

export function extractKnowledge(batch: GraphBatch, options: ExtractOptions = {}): ExtractionReport {
  const dicts = options.dictionaries ?? loadDictionaries();
  const inCorpus = batch.documents.filter((d) => d.inCorpus);
  const citations = extractCitations(batch.clauses, inCorpus, dicts);
  const cited = [...citations.documents.values()];
  const facts = new FactSet()
    .merge(extractThemes(batch.clauses, inCorpus, dicts))
    .merge(extractResponsibilities(batch.clauses, inCorpus, dicts))
    .merge(extractTargets(batch.clauses, dicts))
    .merge(citations)
    // cited documents get issuers and regions too (川府发〔2018〕32号 → 四川省人民政府, 四川省)
    .merge(extractIssuers([...inCorpus, ...cited], dicts))
    .merge(extractRegions([...inCorpus, ...cited], dicts));

  const before = counts(batch);
  facts.applyTo(batch);
  const after = counts(batch);
  const edges: Partial<Record<EdgeType, number>> = {};
  for (const [type, n] of Object.entries(after.edges)) {
    const added = n - (before.edges[type as EdgeType] ?? 0);
    if (added) edges[type as EdgeType] = added;
  }
  const known = new Set(dicts.agencies.map((a) => a.id));
  return {
    added: {
      documents: after.documents - before.documents,
      themes: after.themes - before.themes,
      agencies: after.agencies - before.agencies,
      regions: after.regions - before.regions,
      targets: after.targets - before.targets,
      edges,
    },
    unknownAgencies: [...facts.agencies.values()].filter((a) => !known.has(a.id)).map((a) => a.name),
  };
}

function counts(batch: GraphBatch) {
  const edges: Partial<Record<EdgeType, number>> = {};
  for (const e of batch.edges) edges[e.type] = (edges[e.type] ?? 0) + 1;
  return {
    documents: batch.documents.length,
    themes: batch.themes.length,
    agencies: batch.agencies.length,
    regions: batch.regions.length,
    targets: batch.targets.length,
    edges,
  };
}
