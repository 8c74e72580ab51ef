// Clause view: where it sits (parents, siblings, children), what it assigns (lead / support agencies,
// deadlines) and sets (targets), and similar clauses in other documents (precedents).
import { api } from '../api.js';
import { h, link, replace } from '../dom.js';
import { label } from '../labels.js';
import { errorLine, loading } from '../states.js';
import { citationLine, citationText, copyButton, marked } from '../text.js';

const docAnchor = (docId, path) => `/documents/${encodeURIComponent(docId)}#${encodeURIComponent(path)}`;

export async function renderClause(view, { params, signal }) {
  const [id] = params;
  replace(view, loading('正在打开条款…'));
  const d = await api(`/v1/clauses/${encodeURIComponent(id)}`, { signal });
  document.title = `${d.citation} · PolicyGraph`;
  const precedents = h('div', {}, loading('正在查找类案…'));
  replace(
    view,
    h('p', { class: 'crumbs' }, link(`/documents/${encodeURIComponent(d.document.id)}`, `《${d.document.title}》`), d.parents.map((p) => link(docAnchor(d.document.id, p.path), p.heading ?? p.path.split('/').pop())), h('span', {}, '')),
    h('h1', {}, d.citation),
    citationLine(d.document, d.clause.path),
    h('div', { class: 'quote' }, d.clause.heading ? h('strong', {}, `${d.clause.heading} `) : null, d.clause.text),
    h(
      'div',
      { class: 'actions' },
      copyButton(() => citationText(d.document, d.clause.path)),
      link(docAnchor(d.document.id, d.clause.path), '在原文中查看'),
      link(`/graph?id=${encodeURIComponent(d.clause.id)}`, '关系图谱'),
      link(`/precedents?text=${encodeURIComponent(d.clause.text.slice(0, 400))}`, '类案比对'),
    ),
    d.themes.length ? h('div', { class: 'why', style: 'margin-top:.5rem' }, '主题：', d.themes.map((t) => link(`/?q=${encodeURIComponent(t.name)}&theme=${encodeURIComponent(t.name)}`, h('span', { class: 'chip' }, t.name)))) : null,
    h('h2', {}, '责任分工'),
    responsibilities(d.agencies, d.citation),
    h('h2', {}, '目标指标'),
    targets(d.targets),
    h('h2', {}, '同级条款'),
    outlineList(d.document.id, d.siblings),
    d.children.length ? [h('h2', {}, '下级条款'), outlineList(d.document.id, d.children)] : null,
    h('h2', {}, '其他文件中的相似条款（类案）'),
    precedents,
  );
  try {
    const found = await api('/v1/precedents', { method: 'POST', body: { text: d.clause.text.slice(0, 4000), k: 8, excludeDoc: d.document.id }, signal });
    replace(precedents, precedentList(found.results, d.similar));
  } catch (err) {
    if (err.name !== 'AbortError') replace(precedents, errorLine(err));
  }
}

function responsibilities(agencies, citation) {
  if (!agencies.length) return h('p', { class: 'muted' }, '本条未指定责任单位。');
  return h(
    'table',
    { class: 'stack' },
    h('thead', {}, h('tr', {}, h('th', {}, '单位'), h('th', {}, '角色'), h('th', {}, '时限'), h('th', {}, '依据'))),
    h(
      'tbody',
      {},
      agencies.map((a) =>
        h('tr', {}, h('td', { 'data-label': '单位' }, link(`/who?task=${encodeURIComponent(a.agency.name)}`, a.agency.name)), h('td', { 'data-label': '角色' }, label('roles', a.role)), h('td', { 'data-label': '时限' }, a.deadline ?? (a.openEnded ? '长期' : '—')), h('td', { 'data-label': '依据' }, citation)),
      ),
    ),
  );
}

function targets(list) {
  if (!list.length) return h('p', { class: 'muted' }, '本条没有量化目标。');
  return h(
    'table',
    { class: 'stack' },
    h('thead', {}, h('tr', {}, h('th', {}, '指标'), h('th', {}, '目标值'), h('th', {}, '年份'), h('th', {}, '增速'))),
    h('tbody', {}, list.map((t) => h('tr', {}, h('td', { 'data-label': '指标' }, link(`/targets?metric=${encodeURIComponent(t.metric)}`, t.metric)), h('td', { 'data-label': '目标值' }, t.value), h('td', { 'data-label': '年份' }, t.year ?? '—'), h('td', { 'data-label': '增速' }, t.growth ?? '—')))),
  );
}

function outlineList(docId, entries) {
  if (!entries.length) return h('p', { class: 'muted' }, '无');
  return h('ul', {}, entries.map((e) => h('li', {}, link(docAnchor(docId, e.path), e.path), e.heading ? ` ${e.heading}` : '')));
}

function precedentList(results, similar) {
  const seen = new Set(results.map((r) => r.clause.id));
  const extra = similar.filter((s) => !seen.has(s.id));
  if (!results.length && !extra.length) return h('p', { class: 'muted' }, '其他文件中没有找到相似条款。');
  return h(
    'ol',
    { class: 'results' },
    results.map((r) => h('li', { class: 'result' }, citationLine(r.document, r.clause.path, r.clause.id), h('p', { class: 'text' }, marked(r.clause.text, r.sharedPhrases, 'shared')), r.sharedPhrases.length ? h('div', { class: 'why' }, `共有表述：${r.sharedPhrases.join('、')}`) : null)),
    extra.map((s) => h('li', { class: 'result' }, h('div', { class: 'cite' }, link(`/clauses/${encodeURIComponent(s.id)}`, s.citation), h('span', { class: 'muted' }, `相似度 ${s.score.toFixed(2)}`)), h('p', { class: 'text' }, s.text))),
  );
}
