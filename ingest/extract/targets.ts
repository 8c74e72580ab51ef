// Clause-SETS->Target: quantitative and dated goals.
//   到2020年，信息消费规模达到6万亿元，年均增长11%以上 → {metric 信息消费规模, value 6万亿元, amount 6e12,
//     unit 元, year 2020, growth 11%以上}
//   98%的行政村实现光纤通达 / 实现98%的行政村通光纤 → metric 行政村光纤通达 (metrics.json rules make one
//     metric comparable across documents and regions)
//   力争2020年启动商用 (in a sentence about 5G) → {metric 5G商用, value 启动商用, amount null, year 2020}
// Statements of the past (2015年…达到17.1万亿元, 已超过…) are not goals. Task-table rows repeat body
// clauses, so they are left to the body.
import type { Dictionaries } from '../../dictionaries/dictionaries.js';
import { targetId } from '../../graph/ids.js';
import type { Clause, Target } from '../../graph/model.js';
import { FactSet } from './facts.js';
import { compact, findQuantities, originalSlice, type Quantity } from './quantities.js';

const GOAL_YEAR = /(?:到|至|截至|截止|力争到|力争|争取到|争取|确保到|确保|预计到)((?:19|20)\d{2})年(?:底|末)?|((?:19|20)\d{2})年(?:底|末)?(?:前|以前)/g;
const BARE_YEAR = /(?<![-—～~至到\d])((?:19|20)\d{2})年(?![底末]?前)(?![-—～~])/g;
const GOAL_WORDS = /力争|确保|争取|预计|目标/;
const PAST_WORDS = /已经|已超过|已达到|已达|已有|已建成|至今|目前已|现已|累计已/;
/** Verbs that introduce the quantity of a goal. */
const VERB = /(达到|达|超过|超|突破|提高到|提高至|提升到|提升至|增加到|增至|不低于|不少于|保持在|实现|提供|开展|建设发展|建设|建成|新增|培育和认定|培育|认定|打造|创建|发展)$/;
/** Words that say how or where, not what: dropped from metric names. */
const FILLER = /到?(?:19|20)\d{2}年(?:底|末)?|力争|确保|争取|预计|全省|全国|全市|我省|基本|重点|累计|实现|其中|均|的$/g;
/** Qualitative goal verbs: the value of a dated goal without a number is written from here on. */
const GOAL_VERB = /全覆盖|全面|广泛|启动|实现|完成|建成|建立|覆盖/;
const GROWTH = /(?:年均|年平均|每年|同比)?增长(?:率)?(?:达到|保持在|超过)?(\d+(?:\.\d+)?%(?:以上|左右)?)/g;
const PHRASE_BREAK = /[，,：:]/;

interface Phrase {
  /** Offsets into the clause's compact text. */
  start: number;
  end: number;
  text: string;
}

interface ClauseState {
  year: number | null;
  past: boolean;
  /** A heading such as 发展目标 makes the whole clause a statement of goals. */
  goalSection: boolean;
}

export function extractTargets(clauses: Clause[], dicts: Dictionaries): FactSet {
  const facts = new FactSet();
  const ordered = [...clauses].sort((a, b) => a.docId.localeCompare(b.docId) || a.ordinal - b.ordinal);
  let previous: Clause | null = null;
  let previousYear: number | null = null;
  for (const clause of ordered) {
    if (clause.kind === 'table-row') continue;
    // a clause that starts in the middle of a sentence (the previous one ended in ；or ，) keeps its year
    const continues = previous?.docId === clause.docId && /[；;，,：:]\s*$/.test(previous.text);
    const { targets, year } = targetsWithYear(clause, dicts, continues ? previousYear : null);
    for (const target of targets) {
      facts.addTarget(target);
      facts.addEdge('SETS', clause.id, target.id);
    }
    previous = clause;
    previousYear = year;
  }
  return facts;
}

export function targetsInClause(clause: Pick<Clause, 'id' | 'text' | 'heading'>, dicts: Dictionaries, carriedYear: number | null = null): Target[] {
  return targetsWithYear(clause, dicts, carriedYear).targets;
}

function targetsWithYear(clause: Pick<Clause, 'id' | 'text' | 'heading'>, dicts: Dictionaries, carriedYear: number | null): { targets: Target[]; year: number | null } {
  const original = clause.text;
  const c = compact(original);
  const state: ClauseState = { year: carriedYear, past: false, goalSection: /目标/.test(clause.heading ?? '') };
  const laterGoalYear = firstGoalYear(c.text);
  const out: Target[] = [];
  for (const sentence of sentencesOf(c.text)) {
    const sentenceTargets: Target[] = [];
    const sentencePast = PAST_WORDS.test(sentence.text);
    for (const phrase of phrasesOf(sentence)) {
      updateYear(phrase.text, state);
      if (state.past || sentencePast) continue;
      const year = state.year ?? laterGoalYear;
      const context = c.text.slice(sentence.start, phrase.end);
      const growthSpans: [number, number][] = [];
      for (const g of phrase.text.matchAll(GROWTH)) {
        growthSpans.push([g.index!, g.index! + g[0].length]);
        const last = sentenceTargets[sentenceTargets.length - 1];
        if (last && !last.growth) last.growth = g[1];
      }
      const quantities = findQuantities(phrase.text).filter((q) => !growthSpans.some(([s, e]) => q.start >= s && q.end <= e));
      let found = 0;
      const respective = respectiveMetrics(phrase.text, quantities, dicts);
      for (const [i, q] of quantities.entries()) {
        for (const t of respective ? [{ metric: respective[i] }] : quantitativeTargets(phrase, q, context, year, dicts)) {
          const value = originalSlice(original, c, phrase.start + q.start, phrase.start + q.end);
          sentenceTargets.push(makeTarget(clause.id, t.metric, value, q.amount, q.unit, year));
          found++;
        }
      }
      if (found === 0 && growthSpans.length === 0 && (state.year !== null || state.goalSection || GOAL_WORDS.test(phrase.text))) {
        const qualitative = qualitativeTarget(phrase, sentence.text, dicts);
        if (qualitative) {
          const value = originalSlice(original, c, phrase.start + qualitative.valueStart, phrase.end);
          for (const metric of qualitative.metrics) sentenceTargets.push(makeTarget(clause.id, metric, value, null, null, year));
        }
      }
    }
    out.push(...sentenceTargets);
  }
  const seen = new Set<string>();
  return { targets: out.filter((t) => !seen.has(t.id) && seen.add(t.id)), year: state.past ? null : state.year };
}

function makeTarget(clauseId: string, metric: string, value: string, amount: number | null, unit: string | null, year: number | null): Target {
  return { id: targetId(clauseId, metric, value), metric, value, amount, unit, year, growth: null };
}

/** 城市和农村家庭宽带接入能力分别达到1000Mbps和100Mbps: one metric per quantity, in order. */
function respectiveMetrics(text: string, quantities: Quantity[], dicts: Dictionaries): string[] | null {
  if (quantities.length < 2) return null;
  const lead = /^(.*?)分别(?:达到|达|为|超过|突破|提高到|提升至|不低于|不少于)?$/.exec(text.slice(0, quantities[0].start));
  if (!lead) return null;
  const conjuncts = clean(lead[1]).split(/和|、|及|与/).filter(Boolean);
  if (conjuncts.length !== quantities.length) return null;
  // parallel modifiers share the head of the last conjunct: 城市 + (农村)家庭宽带接入能力
  const last = conjuncts[conjuncts.length - 1];
  return conjuncts.map((c, i) => {
    const raw = i < conjuncts.length - 1 && c.length < last.length ? c + last.slice(c.length) : c;
    return dicts.metricFor(raw) ?? raw;
  });
}

/** The metric(s) a quantity measures, or none when the phrase does not state a goal. */
function quantitativeTargets(phrase: Phrase, q: Quantity, context: string, year: number | null, dicts: Dictionaries): { metric: string }[] {
  const before = phrase.text.slice(0, q.start);
  const after = phrase.text.slice(q.end).replace(/^的/, '');
  // 98%的行政村实现光纤通达和4G网络覆盖: the share of an entity reaching a state, one metric per state
  if (q.unit === '%' && after && !/^[，。；]/.test(after)) {
    const split = /^(.*?)实现(.+)$/.exec(after);
    const subject = split ? split[1] : '';
    const states = split ? split[2].split(/和|及|与/) : [after];
    return states
      .map((state) => clean(subject + state))
      .filter(Boolean)
      .map((raw) => ({ metric: dicts.metricFor(raw) ?? raw }));
  }
  const verb = VERB.exec(before);
  const subject = clean(verb ? before.slice(0, verb.index) : before);
  const object = clean(after.replace(/^(以上|以下|左右)/, ''));
  if (!verb && object) return []; // 其余13个市 … : a count, not a goal
  const raw = object ? (verb && subject ? subject + object : object) : subject;
  if (!raw) return [];
  const metric = dicts.metricFor(object || subject) ?? dicts.metricFor(raw) ?? dicts.metricFor(context);
  // a quantity without a verb (新增上云企业15万家) is a goal only when a metric rule knows it
  if (!verb && !metric) return [];
  if (!verb && year === null) return [];
  return [{ metric: metric ?? raw }];
}

/**
 * A dated goal without a number, named by metric rules: 5G实现广泛商用, 力争2020年启动商用. One phrase may
 * name several (全省行政村实现光纤宽带和4G网络深度覆盖 → 行政村光纤通达, 行政村4G网络覆盖).
 */
function qualitativeTarget(phrase: Phrase, sentence: string, dicts: Dictionaries): { metrics: string[]; valueStart: number } | null {
  const goal = GOAL_VERB.exec(phrase.text);
  if (!goal) return null;
  let metrics = dicts.metricsFor(phrase.text);
  if (metrics.length === 0 && clean(phrase.text.slice(0, goal.index)) === '') {
    // the phrase may leave its subject to the sentence (加快第五代移动通信（5G）…，力争2020年启动商用)
    const subjectThemes = dicts.match(sentence, { kinds: ['theme'] }).map((m) => m.entity.name).join(' ');
    metrics = dicts.metricsFor(`${phrase.text} ${subjectThemes}`).slice(0, 1);
  }
  return metrics.length ? { metrics, valueStart: goal.index } : null;
}

function clean(raw: string): string {
  return raw
    .replace(FILLER, '')
    .replace(/^[，。；、和及与的]+|[，。；、和及与]+$/g, '')
    .trim();
}

function updateYear(text: string, state: ClauseState): void {
  let goal: number | null = null;
  for (const m of text.matchAll(GOAL_YEAR)) goal = Number(m[1] ?? m[2]);
  if (goal !== null) {
    state.year = goal;
    state.past = false;
    return;
  }
  // 2015年信息产业收入规模达到17.1万亿元: a year without 到 or 力争 dates a fact, not a goal
  if (new RegExp(BARE_YEAR.source).test(text)) {
    state.past = !GOAL_WORDS.test(text);
    if (state.past) state.year = null;
  }
}

function firstGoalYear(text: string): number | null {
  for (const m of text.matchAll(GOAL_YEAR)) return Number(m[1] ?? m[2]);
  return null;
}

function sentencesOf(text: string): Phrase[] {
  const out: Phrase[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || /[。；;！？\n]/.test(text[i])) {
      if (i > start) out.push({ start, end: i, text: text.slice(start, i) });
      start = i + 1;
    }
  }
  return out;
}

function phrasesOf(sentence: Phrase): Phrase[] {
  const out: Phrase[] = [];
  let start = 0;
  const text = sentence.text;
  let depth = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '（' || ch === '(') depth++;
    else if (ch === '）' || ch === ')') depth = Math.max(0, depth - 1);
    if (i === text.length || (depth === 0 && PHRASE_BREAK.test(ch))) {
      if (i > start) out.push({ start: sentence.start + start, end: sentence.start + i, text: text.slice(start, i) });
      start = i + 1;
    }
  }
  return out;
}
