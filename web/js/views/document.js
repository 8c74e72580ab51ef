// Document view: metadata, the outline as a collapsible tree, every clause with a stable anchor
// (/documents/:id#三、/（十一）), its themes and agencies, and the documents it cites and is cited by.
import { api } from '../api.js';
import { h, link, replace } from '../dom.js';
import { label } from '../labels.js';
import { empty, loading } from '../states.js';
import { citationText, copyButton } from '../text.js';

const PAGE = 500;

async function allClauses(id, signal) {
  const items = [];
  for (let offset = 0; offset !== null; ) {
    const page = await api(`/v1/documents/${encodeURIComponent(id)}/clauses?limit=${PAGE}&offset=${offset}`, { signal });
    items.push(...page.items);
    offset = page.nextOffset;
  }
  return items;
}

export async function renderDocument(view, { params, signal }) {
  const [id] = params;
  replace(view, loading('正在打开文件…'));
  const [detail, clauses, citations] = await Promise.all([
    api(`/v1/documents/${encodeURIComponent(id)}`, { signal }),
    allClauses(id, signal),
    api(`/v1/documents/${encodeURIComponent(id)}/citations`, { signal }),
  ]);
  const doc = detail.document;
  document.title = `${doc.title} · PolicyGraph`;
  replace(
    view,
    h('h1', {}, doc.title),
    h('div', { class: 'actions' }, copyButton(() => citationText(doc, '')), link(`/graph?id=${encodeURIComponent(doc.id)}`, '关系图谱'), link(`/?q=${encodeURIComponent(doc.docNumber ?? doc.title)}&doc=${encodeURIComponent(doc.id)}`, '在本文件内检索')),
    metadata(doc, detail.clauseCount),
    entitySummary(clauses),
    h(
      'div',
      { class: 'doc-layout' },
      h('nav', { class: 'outline', 'aria-label': '目录' }, h('strong', {}, '目录'), outlineTree(detail.outline)),
      h('div', { class: 'body' }, clauses.length ? clauses.map((c) => clauseSection(doc, c)) : empty('这份文件只是被引用，语料中没有它的正文。'), references(citations)),
    ),
  );
  const onHash = () => goToAnchor(view);
  window.addEventListener('hashchange', onHash);
  signal.addEventListener('abort', () => window.removeEventListener('hashchange', onHash), { once: true });
  goToAnchor(view);
}

function goToAnchor(view) {
  const path = decodeURIComponent(location.hash.slice(1));
  for (const el of view.querySelectorAll('.clause.target')) el.classList.remove('target');
  if (!path) return;
  const target = document.getElementById(path);
  if (!target) return;
  target.classList.add('target');
  // open the outline branches down to it
  for (let d = document.querySelector(`.outline a[href="#${CSS.escape(encodeURIComponent(path))}"]`)?.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}

function metadata(doc, clauseCount) {
  const rows = [
    ['文号', doc.docNumber],
    ['发文机关', doc.issuers?.join('、')],
    ['成文日期', doc.date],
    ['发布日期', doc.publishedDate],
    ['施行日期', doc.effectiveDate],
    ['地区', doc.region],
    ['层级', label('levels', doc.level)],
    ['文件类型', doc.docType],
    ['主题分类', doc.subject],
    ['索引号', doc.indexNumber],
    ['版本', doc.edition],
    ['效力', doc.status ? label('status', doc.status) : null],
    ['性质', [label('kinds', doc.kind), doc.draft ? '征求意见稿' : null].filter(Boolean).join(' · ')],
    ['条款数', String(clauseCount)],
    ['历史', doc.history?.map((e) => `${e.date ?? ''} ${label('historyEvents', e.event)}`).join('；')],
  ].filter(([, v]) => v);
  return h('dl', { class: 'meta' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function entitySummary(clauses) {
  const themes = [...new Set(clauses.flatMap((c) => c.themes.map((t) => t.name)))];
  const agencies = [...new Set(clauses.flatMap((c) => c.agencies.map((a) => a.name)))];
  if (!themes.length && !agencies.length) return null;
  return h(
    'div',
    { class: 'why', style: 'margin:.6rem 0' },
    themes.length ? [h('span', {}, '主题：'), themes.map((t) => link(`/?q=${encodeURIComponent(t)}&theme=${encodeURIComponent(t)}`, h('span', { class: 'chip' }, t)))] : null,
    agencies.length ? [h('span', {}, ' 责任单位：'), agencies.slice(0, 20).map((a) => link(`/who?task=${encodeURIComponent(a)}`, h('span', { class: 'chip' }, a)))] : null,
  );
}

const parentOf = (path) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : null);

function outlineTree(outline) {
  const children = new Map();
  for (const entry of outline) {
    const parent = parentOf(entry.path);
    const key = parent !== null && outline.some((e) => e.path === parent) ? parent : '';
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(entry);
  }
  const branch = (key) =>
    h(
      'ul',
      {},
      (children.get(key) ?? []).map((entry) => {
        const a = h('a', { href: `#${encodeURIComponent(entry.path)}` }, entry.heading ? `${entry.number ?? ''} ${entry.heading}`.trim() : entry.path.split('/').pop());
        return h('li', {}, children.has(entry.path) ? h('details', { open: entry.depth === 0 && outline.length < 80 }, h('summary', {}, a), branch(entry.path)) : a);
      }),
    );
  return branch('');
}

/** A heading clause's text is often just its number and heading again: show it once. */
const squeeze = (s) => (s ?? '').replace(/\s+/g, '');
const hasOwnText = (c) => Boolean(c.text) && squeeze(c.text) !== squeeze(c.heading) && squeeze(c.text) !== squeeze(`${c.number ?? ''}${c.heading ?? ''}`);

function clauseSection(doc, c) {
  return h(
    'section',
    { class: `clause depth-${Math.min(c.depth, 3)}`, id: c.path, tabindex: -1, 'data-clause': c.id },
    h(
      'div',
      { class: 'head' },
      h('a', { class: 'anchor', href: `#${encodeURIComponent(c.path)}`, title: '本条链接' }, c.path),
      c.heading ? h('strong', {}, c.heading) : null,
      c.themes.map((t) => h('span', { class: 'chip' }, t.name)),
      c.agencies.map((a) => h('span', { class: `chip ${a.role}` }, `${label('roles', a.role)} ${a.name}${a.deadline ? `（${a.deadline}）` : ''}`)),
      c.targets.map((t) => h('span', { class: 'chip' }, `目标 ${t.metric} ${t.value}${t.year ? `（${t.year}）` : ''}`)),
    ),
    hasOwnText(c) ? h('p', {}, c.text) : null,
    h('div', { class: 'actions small' }, link(`/clauses/${encodeURIComponent(c.id)}`, '条款详情'), copyButton(() => citationText(doc, c.path))),
  );
}

function references(citations) {
  const list = (title, refs) =>
    h(
      'div',
      {},
      h('h3', {}, title),
      refs.length
        ? h('ul', {}, refs.map((r) => h('li', {}, r.inCorpus ? link(`/documents/${encodeURIComponent(r.id)}`, `《${r.title}》`) : `《${r.title}》`, r.docNumber ? ` ${r.docNumber}` : '', r.inCorpus ? '' : h('span', { class: 'muted small' }, '（语料外）'))))
        : h('p', { class: 'muted small' }, '无'),
    );
  return h(
    'section',
    { 'aria-label': '引用关系' },
    h('h2', {}, '引用关系'),
    h('div', { class: 'refs' }, list('本文件引用 / 落实', [...citations.cites, ...citations.implements]), list('引用 / 落实本文件', [...citations.citedBy, ...citations.implementedBy])),
  );
}
