import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFixtureService } from '../test/support/search-fixture.js';
import { answerQuestion, classifyQuestion } from './ask.js';
import { findResponsibleAgencies } from './responsibilities.js';

let fixture: Awaited<ReturnType<typeof openFixtureService>>;
beforeAll(async () => {
  fixture = await openFixtureService();
});
afterAll(() => fixture?.close());
const ask = (question: string) => answerQuestion({ store: fixture.store, search: fixture.service }, { question });

describe('classifyQuestion', () => {
  it.each([
    ['5G商用由哪个部门牵头？', 'responsibility'],
    ['Which ministries lead 5G commercialisation?', 'responsibility'],
    ['到2020年全国信息消费规模目标是多少？', 'targets'],
    ['What is the information consumption target?', 'targets'],
    ['如何保护个人信息', 'passages'],
  ])('%s → %s', (question, kind) => {
    expect(classifyQuestion(question)).toBe(kind);
  });
});

describe('ask', () => {
  it('answers who is responsible with agencies, roles and deadlines, and the evidence clause', async () => {
    const answer = await ask('Which ministries lead 5G commercialisation?');
    expect(answer.kind).toBe('responsibility');
    const first = answer.responsibilities!.filter((r) => r.clauseId === answer.responsibilities![0].clauseId);
    expect(first).toContainEqual(expect.objectContaining({ agency: '工业和信息化部', role: 'lead', deadline: '2020年' }));
    expect(first).toContainEqual(expect.objectContaining({ agency: '国家发展和改革委员会', role: 'support' }));
    expect(answer.summary).toContain('牵头：工业和信息化部');
    expect(answer.evidence.map((e) => e.clause.id)).toContain(answer.responsibilities![0].clauseId);
  });

  it('answers who only from clauses about the task, each agency with its evidence clause', async () => {
    const answer = await ask('哪些部门负责5G商用');
    expect(answer.kind).toBe('responsibility');
    for (const e of answer.evidence) expect(e.clause.text).toMatch(/5G/);
    const evidence = new Set(answer.evidence.map((e) => e.clause.id));
    for (const r of answer.responsibilities!) expect(evidence.has(r.clauseId)).toBe(true);
  });

  it('names no agency for a task no clause is about (the closest passages instead)', async () => {
    const answer = await ask('谁负责火星探测');
    expect(answer.kind).toBe('passages');
    expect(answer.responsibilities).toBeUndefined();
  });

  it('answers who from the one "who": its clauses, ranked by the question', async () => {
    const question = '5G商用由哪个部门牵头？';
    const who = await findResponsibleAgencies({ store: fixture.store }, { task: question });
    expect(who.rows.length).toBeGreaterThan(0);
    const answer = await ask(question);
    expect(answer.kind).toBe('responsibility');
    const whoClauses = new Set(who.rows.map((r) => r.clause.id));
    for (const r of answer.responsibilities!) expect(whoClauses.has(r.clauseId), r.citation).toBe(true);
    const whoAgencies = new Set(who.rows.map((r) => `${r.agency.name}|${r.role}|${r.clause.id}`));
    for (const r of answer.responsibilities!) expect(whoAgencies.has(`${r.agency}|${r.role}|${r.clauseId}`)).toBe(true);
  });

  it('compares targets for a metric across documents, the year asked about first', async () => {
    const answer = await ask('到2020年全国信息消费规模目标是多少？');
    expect(answer.kind).toBe('targets');
    const rows = answer.targets!;
    expect(rows.map((t) => t.value).sort()).toEqual(['5000亿元', '6000亿元', '6万亿元', '6万亿元']);
    expect(rows[0]).toMatchObject({ value: '6万亿元', year: 2020 });
    expect(rows[rows.length - 1]).toMatchObject({ value: '6000亿元', year: 2022 });
    expect(answer.summary).toMatch(/^信息消费规模：6万亿元/);
    expect(new Set(answer.evidence.map((e) => e.clause.id))).toEqual(new Set(rows.map((t) => t.clauseId)));
  });

  it('falls back to passages with evidence when the graph holds no structured answer', async () => {
    const answer = await ask('如何保护个人信息');
    expect(answer.kind).toBe('passages');
    expect(answer.evidence.length).toBeGreaterThan(0);
    expect(answer.evidence[0].clause.text).toContain('个人信息');
    expect(answer.summary).toContain(answer.evidence[0].citation);
  });

  it('rejects an empty question', async () => {
    await expect(ask('')).rejects.toThrow(/question is empty/);
  });
});
