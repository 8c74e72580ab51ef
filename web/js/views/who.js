// "Who is responsible for …": the agencies a task or theme is assigned to, with their roles,
// deadlines and the clauses that say so. Uses GET /v1/responsibilities; servers without that
// route answer through POST /v1/ask.
import { ApiError, api, queryString } from '../api.js';
import { h, link, replace } from '../dom.js';
import { label } from '../labels.js';
import { empty, errorLine, loading } from '../states.js';

const EXAMPLES = ['5G商用', '信息消费', '网络安全', '宽带网络'];

async function responsibilityRows(task, signal) {
  try {
    const answer = await api(`/v1/responsibilities${queryString({ task })}`, { signal });
    return answer.rows.map((r) => ({ agency: r.agency.name, successor: r.agency.successor, region: r.document.region, role: r.role, deadline: r.deadline, clauseId: r.clause.id, citation: r.citation }));
  } catch (err) {
    const routeMissing = err instanceof ApiError && err.status === 404 && /no route/.test(err.problem?.detail ?? '');
    if (!routeMissing) throw err;
  }
  const answer = await api('/v1/ask', { method: 'POST', body: { question: `谁负责${task}` }, signal });
  return answer.responsibilities ?? [];
}

/** One row per agency: how often it leads or supports, its deadlines, the clauses as evidence. */
function byAgency(rows) {
  const agencies = new Map();
  for (const r of rows) {
    const a = agencies.get(r.agency) ?? { name: r.agency, successor: r.successor ?? null, region: r.region ?? null, lead: 0, support: 0, deadlines: new Set(), evidence: new Map() };
    a[r.role] += 1;
    if (r.deadline) a.deadlines.add(r.deadline);
    a.evidence.set(r.clauseId, r.citation);
    agencies.set(r.agency, a);
  }
  return [...agencies.values()].sort((x, y) => y.lead - x.lead || y.support - x.support);
}

export async function renderWho(view, { url, signal, navigate }) {
  const task = url.searchParams.get('task') ?? '';
  const box = h('input', { type: 'search', name: 'task', value: task, placeholder: '任务或主题，例如 5G商用', 'aria-label': '任务或主题', 'data-search-box': true });
  const out = h('div', {});
  replace(
    view,
    h('h1', {}, '职责分工：谁负责？'),
    h('form', { class: 'searchbar', onsubmit: (e) => (e.preventDefault(), navigate(`/who${queryString({ task: box.value.trim() })}`)) }, box, h('button', { type: 'submit', class: 'primary' }, '查询')),
    out,
  );
  if (!task.trim()) {
    box.focus();
    return replace(out, h('p', { class: 'state empty' }, '输入一项任务或一个主题，查看牵头与配合单位及其依据。示例：', EXAMPLES.map((t) => [' ', link(`/who?task=${encodeURIComponent(t)}`, t)])));
  }
  replace(out, loading('正在查询责任单位…'));
  let rows;
  try {
    rows = await responsibilityRows(task.trim(), signal);
  } catch (err) {
    if (err.name !== 'AbortError') replace(out, errorLine(err));
    return;
  }
  if (!rows.length) return replace(out, empty(`没有找到为“${task}”指定的责任单位。`));
  const agencies = byAgency(rows);
  replace(
    out,
    h('p', { class: 'summary' }, `${agencies.length} 个单位，${new Set(rows.map((r) => r.clauseId)).size} 条依据`),
    h(
      'table',
      { class: 'stack who' },
      h('thead', {}, h('tr', {}, h('th', {}, '单位'), h('th', {}, '地区'), h('th', {}, '角色'), h('th', {}, '时限'), h('th', {}, '依据'))),
      h(
        'tbody',
        {},
        agencies.map((a) =>
          h(
            'tr',
            {},
            h('td', { 'data-label': '单位' }, a.name, a.successor ? h('span', { class: 'muted small' }, `（现 ${a.successor}）`) : null),
            h('td', { 'data-label': '地区' }, a.region ?? '—'),
            h('td', { 'data-label': '角色' }, [a.lead ? h('span', { class: 'chip lead' }, `${label('roles', 'lead')} ×${a.lead}`) : null, ' ', a.support ? h('span', { class: 'chip support' }, `${label('roles', 'support')} ×${a.support}`) : null]),
            h('td', { 'data-label': '时限' }, [...a.deadlines].join('；') || '—'),
            h('td', { 'data-label': '依据' }, [...a.evidence].map(([id, citation], i) => [i ? '；' : '', link(`/clauses/${encodeURIComponent(id)}`, citation)])),
          ),
        ),
      ),
    ),
  );
}
