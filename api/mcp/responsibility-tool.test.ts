import { describe, expect, it } from 'vitest';
import type { ResponsibilityAnswer, ResponsibilityRow } from '../../app/responsibilities.js';
import { agenciesOf } from './responsibility-tool.js';

const agency = (name: string) => ({ id: `ag_${name}`, name, level: 'central', region: null, successor: null });
const row = (name: string, role: 'lead' | 'support', clause: string, deadline: string | null = null): ResponsibilityRow => ({
  agency: agency(name),
  role,
  deadline,
  openEnded: false,
  clause: { id: clause, path: `附件/${clause}`, kind: 'table-row', text: `任务 ${clause}` },
  document: { id: 'doc', title: 't', docNumber: '国发〔2017〕40号', region: null, level: 'national', year: 2017 },
  citation: `国发〔2017〕40号 · 附件/${clause}`,
  via: 'task',
  repeats: null,
});

describe('who_is_responsible presents the responsibilities use case', () => {
  it('keeps the use case order of agencies and shows each one its lead clauses first', () => {
    const rows = [row('工业和信息化部', 'support', '11'), row('工业和信息化部', 'lead', '12', '2020年'), row('科学技术部', 'support', '12')];
    const answer: ResponsibilityAnswer = {
      query: '5G商用',
      themes: ['5G'],
      task: '5G商用',
      rows,
      agencies: [
        { agency: agency('工业和信息化部'), lead: 1, support: 1, deadlines: ['2020年'], citations: [] },
        { agency: agency('科学技术部'), lead: 0, support: 1, deadlines: [], citations: [] },
      ],
    };
    const shown = agenciesOf(answer);
    expect(shown.map((a) => a.agency)).toEqual(['工业和信息化部', '科学技术部']);
    expect(shown[0]).toMatchObject({ lead_in: 1, support_in: 1, deadlines: ['2020年'] });
    expect(shown[0]!.evidence.map((e) => [e.clause_id, e.role])).toEqual([['12', 'lead'], ['11', 'support']]);
    expect(shown[1]!.evidence[0]).toMatchObject({ clause_id: '12', role: 'support', citation: '国发〔2017〕40号 · 附件/12' });
  });
});
