// Precedents for drafters: paste a draft clause, see similar clauses from other documents grouped by
// document, level or year, with the phrases they share with the draft marked.
import { api, queryString } from '../api.js';
import { h, replace } from '../dom.js';
import { label } from '../labels.js';
import { empty, errorLine, loading } from '../states.js';
import { citationLine, citationText, copyButton, marked } from '../text.js';

const GROUPS = {
  doc: { name: '按文件', key: (r) => r.document.id, title: (r) => `《${r.document.title}》${r.document.docNumber ? ` ${r.document.docNumber}` : ''}` },
  level: { name: '按层级', key: (r) => r.documentLevel, title: (r) => label('levels', r.documentLevel) },
  year: { name: '按年份', key: (r) => String(r.documentYear ?? '年份不详'), title: (r) => (r.documentYear ? `${r.documentYear}年` : '年份不详') },
};

export async function renderPrecedents(view, { url, signal, navigate }) {
  const text = url.searchParams.get('text') ?? '';
  const group = GROUPS[url.searchParams.get('group')] ? url.searchParams.get('group') : 'doc';
  const area = h('textarea', { name: 'text', 'aria-label': '起草中的条款', placeholder: '粘贴起草中的条款，例如：加快5G网络建设，力争2020年启动商用。（Ctrl+Enter 查找）' }, text);
  const grouping = h('select', { name: 'group', 'aria-label': '分组' }, Object.entries(GROUPS).map(([k, g]) => h('option', { value: k }, g.name)));
  grouping.value = group;
  const out = h('div', { class: 'precedent-results' });
  const submit = () => navigate(`/precedents${queryString({ text: area.value.trim(), group: grouping.value })}`);
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) (e.preventDefault(), submit());
  });
  grouping.addEventListener('change', submit);
  replace(
    view,
    h('h1', {}, '类案比对'),
    h('p', { class: 'muted' }, '粘贴正在起草的条款，查找其他文件中的相似表述；绿色标出与草稿相同的短语。'),
    h('form', { class: 'draft', onsubmit: (e) => (e.preventDefault(), submit()) }, area, h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, '查找类案'), grouping)),
    out,
  );
  if (!text.trim()) {
    area.focus();
    return;
  }
  replace(out, loading('正在查找类案…'));
  let found;
  try {
    found = await api('/v1/precedents', { method: 'POST', body: { text: text.trim(), k: 20 }, signal });
  } catch (err) {
    if (err.name !== 'AbortError') replace(out, errorLine(err));
    return;
  }
  if (!found.results.length) return replace(out, empty('没有找到相似条款。'));
  const by = GROUPS[group];
  const groups = new Map();
  for (const r of found.results) {
    const key = by.key(r);
    if (!groups.has(key)) groups.set(key, { title: by.title(r), items: [] });
    groups.get(key).items.push(r);
  }
  const ordered = [...groups.values()];
  if (group === 'year') ordered.sort((a, b) => b.title.localeCompare(a.title));
  replace(
    out,
    h('p', { class: 'summary' }, `${found.results.length} 条相似条款，来自 ${new Set(found.results.map((r) => r.document.id)).size} 份文件 · ${found.tookMs} ms`),
    ordered.map((g) =>
      h(
        'section',
        { class: 'group' },
        h('h2', {}, `${g.title}（${g.items.length}）`),
        h(
          'ol',
          { class: 'results' },
          g.items.map((r) =>
            h(
              'li',
              { class: 'result' },
              citationLine(r.document, r.clause.path, r.clause.id),
              h('p', { class: 'text' }, marked(r.clause.text, r.sharedPhrases, 'shared')),
              h('div', { class: 'why' }, r.sharedPhrases.length ? `共有表述：${r.sharedPhrases.join('、')}` : '语义相近，无逐字相同的短语', ` · 相似度 ${r.score.toFixed(2)}`),
              h('div', { class: 'actions' }, copyButton(() => citationText(r.document, r.clause.path))),
            ),
          ),
        ),
      ),
    ),
  );
}
