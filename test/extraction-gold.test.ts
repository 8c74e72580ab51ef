// Runs every extractor on the parsed seeds and scores it against the gold facts of
// test/extraction-gold.ts: precision and recall per extractor, printed as a table, with floors so a
// regression fails. Facts the gold names but the parse cannot locate count as misses and are listed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeDocNumber, normalizeTitle } from '../graph/ids.js';
import type { Clause, GraphBatch, PolicyDocument } from '../graph/model.js';
import { extractKnowledge } from '../ingest/extract/index.js';
import { parseCorpus } from '../ingest/parse-corpus.js';
import {
  GOLD_ASSIGNMENTS,
  GOLD_CITATIONS,
  GOLD_ISSUERS,
  GOLD_REGIONS,
  GOLD_REPEATS,
  GOLD_TARGETS,
  GOLD_THEMES,
  type ClauseRef,
  type DocRef,
} from './extraction-gold.js';

const SEEDS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'seeds');
const FLOOR = { precision: 0.8, recall: 0.8 };

interface Score {
  extractor: string;
  gold: number;
  predicted: number;
  truePositives: number;
}

const precision = (s: Score) => (s.predicted ? s.truePositives / s.predicted : 1);
const recall = (s: Score) => (s.gold ? s.truePositives / s.gold : 1);

function score(extractor: string, gold: Set<string>, predicted: Set<string>): Score {
  let truePositives = 0;
  for (const p of predicted) if (gold.has(p)) truePositives++;
  return { extractor, gold: gold.size, predicted: predicted.size, truePositives };
}

class Corpus {
  readonly docs: PolicyDocument[];
  readonly clausesByDoc = new Map<string, Clause[]>();
  readonly names = new Map<string, string>();
  readonly unresolved: string[] = [];

  constructor(readonly batch: GraphBatch) {
    this.docs = batch.documents;
    for (const c of batch.clauses) this.clausesByDoc.set(c.docId, [...(this.clausesByDoc.get(c.docId) ?? []), c]);
    for (const n of [...batch.themes, ...batch.agencies]) this.names.set(n.id, n.name);
  }

  doc(ref: DocRef): PolicyDocument | null {
    if (ref.docNumber) return this.docs.find((d) => d.docNumber && normalizeDocNumber(d.docNumber) === normalizeDocNumber(ref.docNumber!)) ?? null;
    const t = normalizeTitle(ref.title!);
    return (
      this.docs.find((d) => normalizeTitle(d.title) === t) ??
      this.docs.find((d) => normalizeTitle(d.title).startsWith(t)) ??
      this.docs.find((d) => normalizeTitle(d.title).includes(t)) ??
      null
    );
  }

  clause(ref: ClauseRef): Clause | null {
    const doc = this.doc(ref.doc);
    const clauses = doc ? this.clausesByDoc.get(doc.id) ?? [] : [];
    let found: Clause | undefined;
    if (ref.row) found = clauses.find((c) => c.kind === 'table-row' && c.fields?.['序号'] === ref.row);
    else {
      const snippet = ref.snippet!.replace(/\s+/g, '');
      found = clauses
        .filter((c) => c.text.replace(/\s+/g, '').includes(snippet))
        .sort((a, b) => Number(a.kind === 'table-row') - Number(b.kind === 'table-row') || a.text.length - b.text.length)[0];
    }
    if (!found) this.unresolved.push(`${ref.doc.docNumber ?? ref.doc.title} · ${ref.row ? `row ${ref.row}` : ref.snippet}`);
    return found ?? null;
  }

  edges(type: string) {
    return this.batch.edges.filter((e) => e.type === type);
  }
}

describe('extraction against gold facts from the seeds', () => {
  let corpus: Corpus;
  const scores: Score[] = [];
  const attributes: { attribute: string; checked: number; correct: number }[] = [];

  beforeAll(async () => {
    const { batch } = await parseCorpus([SEEDS]);
    extractKnowledge(batch);
    corpus = new Corpus(batch);
  });

  it('themes (MENTIONS) on a sample of clauses', () => {
    const gold = new Set<string>();
    const predicted = new Set<string>();
    for (const g of GOLD_THEMES) {
      const clause = corpus.clause(g.clause);
      const key = clause?.id ?? `missing:${g.clause.snippet ?? g.clause.row}`;
      for (const t of g.themes) gold.add(`${key}|${t}`);
      if (!clause) continue;
      for (const e of corpus.edges('MENTIONS')) if (e.from === clause.id) predicted.add(`${key}|${corpus.names.get(e.to)}`);
    }
    scores.push(score('themes', gold, predicted));
  });

  it('responsibilities (ASSIGNS) from task tables and notes', () => {
    const gold = new Set<string>();
    const goldAttributes = new Map<string, { deadline?: string | null; openEnded?: boolean }>();
    for (const g of GOLD_ASSIGNMENTS) {
      const clause = corpus.clause(g.clause);
      const key = clause?.id ?? `missing:${g.clause.snippet ?? g.clause.row}`;
      for (const [role, list] of [['lead', g.lead], ['support', g.support ?? []]] as const) {
        for (const agency of list) {
          const k = `${key}|${agency}|${role}`;
          gold.add(k);
          goldAttributes.set(k, { deadline: g.deadline, openEnded: role === 'lead' ? g.openEnded : undefined });
        }
      }
    }
    const predicted = new Set<string>();
    const deadline = { attribute: 'ASSIGNS.deadline', checked: 0, correct: 0 };
    const openEnded = { attribute: 'ASSIGNS.openEnded', checked: 0, correct: 0 };
    for (const e of corpus.edges('ASSIGNS')) {
      const k = `${e.from}|${corpus.names.get(e.to)}|${e.properties.role}`;
      predicted.add(k);
      const expected = goldAttributes.get(k);
      if (expected?.deadline !== undefined) {
        deadline.checked++;
        if (e.properties.deadline === expected.deadline) deadline.correct++;
      }
      if (expected?.openEnded !== undefined) {
        openEnded.checked++;
        if (e.properties.openEnded === expected.openEnded) openEnded.correct++;
      }
    }
    scores.push(score('responsibilities', gold, predicted));
    attributes.push(deadline, openEnded);
  });

  it('task-table rows linked to the body clauses they repeat (REPEATS)', () => {
    const gold = new Set<string>();
    for (const g of GOLD_REPEATS) {
      const row = corpus.clause(g.row);
      for (const b of g.body) gold.add(`${row?.id ?? 'missing'}|${corpus.clause(b)?.id ?? `missing:${b.snippet}`}`);
    }
    scores.push(score('repeats', gold, new Set(corpus.edges('REPEATS').map((e) => `${e.from}|${e.to}`))));
  });

  it('targets (SETS): metric, value, year; amount, unit and growth checked on matches', () => {
    const key = (docId: string, metric: string, year: number | null, value: string | null) =>
      `${docId}|${metric}|${year}|${value === null ? '∅' : value.replace(/\s+/g, '')}`;
    const gold = new Map<string, (typeof GOLD_TARGETS)[number]>();
    for (const g of GOLD_TARGETS) gold.set(key(corpus.doc(g.doc)?.id ?? 'missing', g.metric, g.year, g.value), g);
    const clauseDoc = new Map(corpus.batch.clauses.map((c) => [c.id, c.docId]));
    const predicted = new Set<string>();
    const checks = { attribute: 'Target.amount/unit/growth', checked: 0, correct: 0 };
    for (const e of corpus.edges('SETS')) {
      const t = corpus.batch.targets.find((x) => x.id === e.to)!;
      const k = key(clauseDoc.get(e.from)!, t.metric, t.year, t.amount === null ? null : t.value);
      if (predicted.has(k)) continue;
      predicted.add(k);
      const g = gold.get(k);
      if (!g) continue;
      checks.checked++;
      const ok = (g.amount === undefined || g.amount === t.amount) && (g.unit === undefined || g.unit === t.unit) && (g.growth === undefined || g.growth === t.growth);
      if (ok) checks.correct++;
    }
    scores.push(score('targets', new Set(gold.keys()), predicted));
    attributes.push(checks);
  });

  it('citations (CITES, IMPLEMENTS) and documents outside the corpus', () => {
    const resolveCited = (to: { docNumber?: string; titles?: string[] }) =>
      to.docNumber
        ? corpus.doc({ docNumber: to.docNumber })
        : corpus.docs.find((d) => to.titles!.some((t) => [d.title, ...d.aliases].some((x) => normalizeTitle(x) === normalizeTitle(t)))) ?? null;
    const cites = new Set<string>();
    const implementsGold = new Set<string>();
    const inCorpus = { attribute: 'cited Document.inCorpus', checked: 0, correct: 0 };
    for (const g of GOLD_CITATIONS) {
      const from = corpus.doc(g.from);
      const to = resolveCited(g.to);
      const k = `${from?.id ?? 'missing'}|${to?.id ?? `missing:${g.to.docNumber ?? g.to.titles![0]}`}`;
      cites.add(k);
      if (g.implements) implementsGold.add(k);
      if (to) {
        inCorpus.checked++;
        if (to.inCorpus === g.inCorpus) inCorpus.correct++;
      }
    }
    scores.push(score('citations', cites, new Set(corpus.edges('CITES').map((e) => `${e.from}|${e.to}`))));
    scores.push(score('implements', implementsGold, new Set(corpus.edges('IMPLEMENTS').map((e) => `${e.from}|${e.to}`))));
    attributes.push(inCorpus);
    // every piece of evidence is text of the citing document
    for (const e of corpus.edges('CITES')) {
      const texts = (corpus.clausesByDoc.get(e.from) ?? []).map((c) => c.text);
      expect(texts.some((t) => t.includes(String(e.properties.evidence))), String(e.properties.evidence)).toBe(true);
    }
  });

  it('issuers (ISSUED_BY) and regions (APPLIES_TO)', () => {
    const issuers = new Set<string>();
    for (const g of GOLD_ISSUERS) for (const i of g.issuers) issuers.add(`${corpus.doc(g.doc)?.id ?? 'missing'}|${i}`);
    scores.push(score('issuers', issuers, new Set(corpus.edges('ISSUED_BY').map((e) => `${e.from}|${corpus.names.get(e.to)}`))));
    const regions = new Set(GOLD_REGIONS.map((g) => `${corpus.doc(g.doc)?.id ?? 'missing'}|${g.region}`));
    scores.push(score('regions', regions, new Set(corpus.edges('APPLIES_TO').map((e) => `${e.from}|${e.to}`))));
  });

  it('meets the precision and recall floors (and prints the table)', () => {
    const rows = scores.map((s) => ({
      extractor: s.extractor,
      gold: s.gold,
      predicted: s.predicted,
      correct: s.truePositives,
      precision: precision(s).toFixed(3),
      recall: recall(s).toFixed(3),
    }));
    console.log('\nExtraction vs gold facts (test/extraction-gold.ts)');
    console.table(rows);
    console.table(attributes.map((a) => ({ ...a, accuracy: a.checked ? (a.correct / a.checked).toFixed(3) : '—' })));
    if (corpus.unresolved.length) console.log('gold clauses not found in the parse:\n  ' + [...new Set(corpus.unresolved)].join('\n  '));
    expect(scores.map((s) => s.extractor)).toEqual(['themes', 'responsibilities', 'repeats', 'targets', 'citations', 'implements', 'issuers', 'regions']);
    for (const s of scores) {
      expect(precision(s), `${s.extractor} precision`).toBeGreaterThanOrEqual(FLOOR.precision);
      expect(recall(s), `${s.extractor} recall`).toBeGreaterThanOrEqual(FLOOR.recall);
    }
    for (const a of attributes) expect(a.correct / Math.max(1, a.checked), a.attribute).toBeGreaterThanOrEqual(0.9);
  });
});
