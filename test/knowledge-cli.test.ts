// The knowledge commands (themes, agencies, targets, who) and export over a data dir ingested from the
// seeds: in-process through the CLI's main() (fast), and once as a spawned `policygraph` process.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliOn } from './support/run-cli.js';
import type { ExportRecord } from '../graph/model.js';
import type { ResponsibilityAnswer } from '../app/responsibilities.js';
import type { AgencySummary, TargetRow, ThemeSummary } from '../graph/store.js';
import { BIN, ROOT, sharedSeededDataDir } from './api-helpers.js';

let dataDir: string;

const { cli, json } = cliOn(() => dataDir);

describe('knowledge commands over the ingested seeds', () => {
  beforeAll(async () => {
    dataDir = await sharedSeededDataDir();
  });

  it('themes: each with the clauses and documents that mention it', async () => {
    const themes = await json<ThemeSummary[]>('themes');
    const fiveG = themes.find((t) => t.name === '5G')!;
    expect(fiveG.aliases).toContain('第五代移动通信');
    expect(fiveG.documentCount).toBeGreaterThanOrEqual(4);
    expect(themes.length).toBeGreaterThanOrEqual(30);
  });

  it('agencies: canonical names, provincial commissions apart from the national one, renamed agencies', async () => {
    const agencies = await json<AgencySummary[]>('agencies');
    const byName = new Map(agencies.map((a) => [a.name, a]));
    expect(byName.get('国家发展和改革委员会')).toMatchObject({ level: 'central' });
    expect(byName.get('安徽省发展和改革委员会')).toMatchObject({ level: 'provincial', region: '安徽省' });
    expect(byName.get('安徽省发展和改革委员会')!.supportCount).toBeGreaterThan(0);
    expect(byName.get('农业部')?.successor).toBe('农业农村部');
    expect(byName.get('工业和信息化部')!.issuedCount).toBeGreaterThanOrEqual(1);
    expect(byName.has('工信部')).toBe(false);
  });

  it('targets --metric: one metric compared across documents and regions, whatever phrase asks for it', async () => {
    const rows = await json<TargetRow[]>('targets', '--metric', '行政村通光纤');
    expect(new Set(rows.map((r) => r.metric))).toEqual(new Set(['行政村光纤通达']));
    expect(rows.map((r) => r.region)).toEqual(expect.arrayContaining(['全国', '安徽省', '四川省']));
    expect(rows.find((r) => r.region === '安徽省')).toMatchObject({ value: '100%', year: 2020, docNumber: '皖政〔2018〕20号' });
    expect((await cli('targets', '--metric', '信息消费规模')).stdout).toMatch(/6万亿元 \(年均增长11%以上, = 6000000000000 元\)  2020  全国/);
  });

  it('who: responsible agencies with roles, deadlines and evidence clauses', async () => {
    const answer = await json<ResponsibilityAnswer>('who', '5G商用');
    expect(answer.themes).toEqual(['5G']);
    const row = (agency: string) => answer.rows.find((r) => r.agency.name === agency)!;
    expect(row('工业和信息化部')).toMatchObject({ role: 'lead', deadline: '截至2020年', openEnded: true, citation: '国发〔2017〕40号 · 附件/12' });
    expect(row('安徽省通信管理局')).toMatchObject({ role: 'lead', deadline: '2020年底前' });
    expect(row('安徽省经济和信息化委员会')).toMatchObject({ role: 'support' });
    // a colloquial or English query reaches the same theme
    expect((await json<ResponsibilityAnswer>('who', 'connected vehicles')).agencies.map((a) => a.agency.name)).toContain('交通运输部');
    const text = await cli('who', '谁负责推进农业物联网区域试验工程？');
    expect(text.stdout).toMatch(/农业部 \(now 农业农村部\)  牵头 1/);
    expect(text.stdout).toMatch(/国发〔2017〕40号 · 附件\/2/);
  });

  it('who without a query fails with one line (as a spawned process)', () => {
    const run = spawnSync(process.execPath, [BIN, 'who', '  ', '--data-dir', dataDir], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/say what task or theme/);
  });

  it('export carries every extracted node and edge kind', () => {
    const run = spawnSync(process.execPath, [BIN, 'export', '--data-dir', dataDir], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.status).toBe(0);
    const records = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as ExportRecord);
    const labels = new Set(records.filter((r) => r.kind === 'node').map((r) => (r as { label: string }).label));
    const types = new Set(records.filter((r) => r.kind === 'edge').map((r) => (r as { type: string }).type));
    for (const label of ['Theme', 'Agency', 'Region', 'Target']) expect(labels, label).toContain(label);
    for (const type of ['MENTIONS', 'ISSUED_BY', 'ASSIGNS', 'SETS', 'CITES', 'IMPLEMENTS', 'APPLIES_TO', 'REPEATS']) expect(types, type).toContain(type);
    const assigns = records.find((r) => r.kind === 'edge' && r.type === 'ASSIGNS')!;
    expect(Object.keys(assigns.properties).sort()).toEqual(['deadline', 'evidence', 'openEnded', 'role']);
    expect(records.some((r) => r.kind === 'node' && r.label === 'Document' && r.properties.inCorpus === false && r.properties.docNumber === '川府发〔2018〕32号')).toBe(true);
  });
});
