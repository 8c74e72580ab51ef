// Targets: one metric compared across documents, regions and years (GET /v1/targets?metric=).
import { api, queryString } from '../api.js';
import { h, link, replace } from '../dom.js';
import { label } from '../labels.js';
import { empty, errorLine, loading } from '../states.js';

const EXAMPLES = ['信息消费规模', '宽带', '用户'];

export async function renderTargets(view, { url, signal, navigate }) {
  const metric = url.searchParams.get('metric') ?? '';
  const box = h('input', { type: 'search', name: 'metric', value: metric, placeholder: '指标名称或其中一部分，例如 信息消费规模', 'aria-label': '指标', 'data-search-box': true });
  const out = h('div', {});
  replace(
    view,
    h('h1', {}, '目标指标对比'),
    h('form', { class: 'searchbar', onsubmit: (e) => (e.preventDefault(), navigate(`/targets${queryString({ metric: box.value.trim() })}`)) }, box, h('button', { type: 'submit', class: 'primary' }, '对比')),
    out,
  );
  if (!metric.trim()) box.focus();
  replace(out, loading('正在读取目标…'));
  let page;
  try {
    page = await api(`/v1/targets${queryString({ metric: metric.trim(), limit: 500 })}`, { signal });
  } catch (err) {
    if (err.name !== 'AbortError') replace(out, errorLine(err));
    return;
  }
  if (!page.items.length) {
    return replace(out, empty(metric ? `没有名为“${metric}”的目标。试试：` : '语料中还没有量化目标。', EXAMPLES.map((m) => [' ', link(`/targets?metric=${encodeURIComponent(m)}`, m)])));
  }
  // one table per metric, its rows by year then document: the comparison the drafter asks for
  const byMetric = new Map();
  for (const t of page.items) byMetric.set(t.metric, [...(byMetric.get(t.metric) ?? []), t]);
  replace(
    out,
    h('p', { class: 'summary' }, `${page.total} 个目标，${byMetric.size} 项指标${page.total > page.items.length ? `（显示前 ${page.items.length} 个）` : ''}`),
    [...byMetric].map(([name, rows]) =>
      h(
        'section',
        { class: 'group' },
        h('h2', {}, name),
        h(
          'table',
          { class: 'stack' },
          h('thead', {}, h('tr', {}, h('th', {}, '年份'), h('th', {}, '目标值'), h('th', {}, '文件'), h('th', {}, '地区'), h('th', {}, '层级'), h('th', {}, '条款'))),
          h(
            'tbody',
            {},
            rows
              .sort((a, b) => (a.year ?? 9999) - (b.year ?? 9999) || a.title.localeCompare(b.title))
              .map((t) =>
                h(
                  'tr',
                  {},
                  h('td', { 'data-label': '年份' }, t.year ?? '—'),
                  h('td', { 'data-label': '目标值' }, h('strong', {}, t.value), t.growth ? ` （${t.growth}）` : ''),
                  h('td', { 'data-label': '文件' }, link(`/documents/${encodeURIComponent(t.docId)}`, `《${t.title}》`), t.docNumber ? ` ${t.docNumber}` : ''),
                  h('td', { 'data-label': '地区' }, t.region ?? '—'),
                  h('td', { 'data-label': '层级' }, label('levels', t.level)),
                  h('td', { 'data-label': '条款' }, link(`/clauses/${encodeURIComponent(t.clauseId)}`, t.path)),
                ),
              ),
          ),
        ),
      ),
    ),
  );
}
