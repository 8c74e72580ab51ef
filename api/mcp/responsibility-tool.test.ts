import { describe, expect, it } from 'vitest';
import { groupByAgency } from './responsibility-tool.js';

const a = (agency: string, role: 'lead' | 'support', clauseId: string, weight: number, deadline: string | null = null) => ({
  agency,
  role,
  deadline,
  clauseId,
  citation: `国发〔2017〕40号 · 附件/${clauseId}`,
  text: `任务 ${clauseId}`,
  weight,
});

describe('who_is_responsible grouping', () => {
  it('puts agencies that lead the best-matching tasks first and counts each clause once', () => {
    const grouped = groupByAgency([
      a('省通信管理局', 'lead', '7', 1, '2020年底前'),
      a('省经济和信息化委', 'support', '7', 1, '2020年底前'),
      a('工业和信息化部', 'lead', '12', 0.9),
      a('工业和信息化部', 'lead', '12', 0.9),
      a('工业和信息化部', 'support', '11', 0.85),
    ]);
    expect(grouped.map((g) => g.agency)).toEqual(['省通信管理局', '工业和信息化部', '省经济和信息化委']);
    expect(grouped[1]).toMatchObject({ lead_in: 1, support_in: 1 });
    expect(grouped[0]!.deadlines).toEqual(['2020年底前']);
    expect(grouped[0]!.evidence[0]).toMatchObject({ clause_id: '7', role: 'lead', citation: '国发〔2017〕40号 · 附件/7' });
  });
});
