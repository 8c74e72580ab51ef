// Search: one box with instant results, facet filters, sort, and the query and filters in the URL
// (so a search can be bookmarked). Facet counts are over the returned results, like the API's own.
import { api, queryString } from '../api.js';
import { h, link, replace } from '../dom.js';
import { label } from '../labels.js';
import { empty, errorLine, loading } from '../states.js';
import { citationLine, citationText, copyButton, marked } from '../text.js';

/** How many results the page asks for: enough for facet counts to say something. */
const PAGE_K = 50;
const LIST_FILTERS = ['theme', 'agency', 'region', 'level', 'doc', 'docType'];
const EXAMPLES = ['5G商用', '信息消费规模目标', '国发〔2017〕40号', '哪些部门负责网络安全', 'broadband in rural areas'];

function stateFromUrl(url) {
  const p = url.searchParams;
  const state = { q: p.get('q') ?? '', sort: p.get('sort') === 'date' ? 'date' : 'relevance', yearFrom: p.get('yearFrom') ?? '', yearTo: p.get('yearTo') ?? '' };
  for (const key of LIST_FILTERS) state[key] = p.getAll(key);
  return state;
}

function urlFromState(state) {
  const params = { q: state.q.trim() };
  for (const key of LIST_FILTERS) params[key] = state[key];
  params.yearFrom = state.yearFrom;
  params.yearTo = state.yearTo;
  if (state.sort === 'date') params.sort = 'date';
  return `/${queryString(params)}`;
}

export async function renderSearch(view, { url, signal, navigate }) {
  const state = stateFromUrl(url);
  const box = h('input', { type: 'search', name: 'q', value: state.q, placeholder: '输入关键词、文号或《标题》第N条（按 / 聚焦）', 'aria-label': '检索', 'data-search-box': true, autocomplete: 'off' });
  const sort = h('select', { name: 'sort', 'aria-label': '排序' }, h('option', { value: 'relevance' }, '按相关度'), h('option', { value: 'date' }, '按日期（新→旧）'));
  sort.value = state.sort;
  const summary = h('p', { class: 'summary', role: 'status' });
  const filters = h('details', { class: 'filters', open: window.innerWidth > 760 });
  const results = h('div', { class: 'results-area' });
  replace(
    view,
    h('form', { class: 'searchbar', role: 'search', onsubmit: (e) => (e.preventDefault(), commit(false)) }, box, sort, h('button', { type: 'submit', class: 'primary' }, '检索')),
    summary,
    h('div', { class: 'layout' }, filters, results),
  );
  if (!state.q) box.focus();

  let controller = null;
  let typingTimer = null;
  // leaving the page cancels the search in flight
  signal.addEventListener('abort', () => controller?.abort(), { once: true });

  // push: a new history entry (Enter, a filter); otherwise replace it (typing)
  function commit(replaceEntry) {
    state.q = box.value;
    state.sort = sort.value;
    navigate(urlFromState(state), { replace: replaceEntry, render: false });
    run();
  }

  box.addEventListener('input', () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => commit(true), 250);
  });
  box.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      results.querySelector('.result')?.focus();
    }
  });
  sort.addEventListener('change', () => {
    commit(false);
  });
  results.addEventListener('keydown', (e) => {
    const item = e.target.closest('.result');
    if (!item || e.target !== item) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = e.key === 'ArrowDown' ? item.nextElementSibling : item.previousElementSibling;
      if (next) next.focus();
      else if (e.key === 'ArrowUp') box.focus();
    } else if (e.key === 'Enter') {
      item.querySelector('a.open')?.click();
    } else if (e.key === 'Escape') box.focus();
  });

  async function run() {
    clearTimeout(typingTimer);
    controller?.abort();
    controller = new AbortController();
    const q = state.q.trim();
    if (!q) {
      summary.textContent = '';
      replace(filters);
      replace(results, intro());
      return;
    }
    replace(results, loading('正在检索…'));
    const params = { q, k: PAGE_K, theme: state.theme, agency: state.agency, region: state.region, level: state.level, doc: state.doc, docType: state.docType, yearFrom: state.yearFrom, yearTo: state.yearTo };
    let response;
    try {
      response = await api(`/v1/search${queryString(params)}`, { signal: controller.signal });
    } catch (err) {
      if (err.name === 'AbortError') return;
      summary.textContent = '';
      // keep the year range editable: a bad range is the usual cause
      replace(filters, h('summary', {}, '筛选'), yearFacet([], state, () => commit(false)));
      replace(results, errorLine(err));
      return;
    }
    show(response);
  }

  function show(response) {
    const kept = [...response.results];
    if (state.sort === 'date') kept.sort((a, b) => (b.document.date ?? String(b.document.year ?? '')).localeCompare(a.document.date ?? String(a.document.year ?? '')));
    // the API says when its best hit only looks like the query (an off-topic question)
    const looseNote = response.closeMatch === false && kept.length ? ' · 没有真正相符的条款，以下仅为相近结果' : '';
    summary.textContent = `${kept.length} 条结果 · ${response.tookMs} ms${understoodNote(response.understood)}${looseNote}`;
    const chosen = LIST_FILTERS.reduce((n, key) => n + state[key].length, 0) + (state.yearFrom ? 1 : 0) + (state.yearTo ? 1 : 0);
    replace(filters, h('summary', {}, chosen ? `筛选（已选 ${chosen} 项）` : '筛选'), facetGroups(response, state, () => commit(false)));
    if (!kept.length) {
      replace(results, empty(`没有找到与“${response.query}”相符的条款。试试更短的关键词，或去掉一些筛选条件。`));
      return;
    }
    const terms = highlightTerms(response);
    replace(results, h('ol', { class: 'results', 'aria-label': '检索结果' }, kept.map((r) => resultItem(r, terms))));
  }

  await run();
}

function understoodNote(u) {
  const parts = [...u.themes.map((t) => `主题 ${t.name}`), ...u.agencies.map((a) => `机关 ${a.name}`), ...u.regions.map((r) => `地区 ${r}`), ...u.docNumbers.map((d) => `文号 ${d}`), ...u.years.map((y) => `${y}年`)];
  return parts.length ? ` · 识别到：${parts.join('、')}` : '';
}

function highlightTerms(response) {
  const u = response.understood;
  return [response.query, ...u.expandedTerms, ...u.themes.map((t) => t.surface), ...u.agencies.map((a) => a.surface), ...u.docNumbers];
}

function resultItem(r, queryTerms) {
  const terms = [...queryTerms, ...(r.why.lexical?.terms ?? []).filter((t) => t.length > 1 || /[a-z0-9]/i.test(t))];
  const text = r.highlights[0] ?? r.clause.text;
  return h(
    'li',
    { class: 'result', tabindex: 0, 'data-clause': r.clause.id },
    citationLine(r.document, r.clause.path, r.clause.id),
    h('p', { class: 'text' }, marked(text, terms)),
    whyLine(r),
    h(
      'div',
      { class: 'actions' },
      copyButton(() => citationText(r.document, r.clause.path)),
      openLink(r),
      link(`/precedents?text=${encodeURIComponent(r.clause.text.slice(0, 400))}`, '类案'),
      link(`/graph?id=${encodeURIComponent(r.clause.id)}`, '图谱'),
    ),
  );
}

function openLink(r) {
  const a = link(`/clauses/${encodeURIComponent(r.clause.id)}`, '条款详情');
  a.classList.add('open');
  return a;
}

function whyLine(r) {
  const why = r.why;
  const parts = [];
  if (why.lexical?.terms?.length) parts.push(h('span', {}, `命中词：${why.lexical.terms.slice(0, 6).join('、')}`));
  for (const g of why.graph) parts.push(h('span', { class: 'chip' }, `${label('why', g.kind)}：${g.name}`));
  if (why.dense) parts.push(h('span', {}, `语义相近 第${why.dense.rank}`));
  for (const a of r.agencies.slice(0, 4)) parts.push(h('span', { class: `chip ${a.role}` }, `${label('roles', a.role)} ${a.name}`));
  return h('div', { class: 'why', 'aria-label': '匹配原因' }, h('span', {}, '为何匹配：'), parts);
}

function intro() {
  return h(
    'div',
    { class: 'state empty' },
    h('p', {}, '检索政策与法规条款：可输入中文或英文关键词、文号（如 国发〔2017〕40号）或《标题》第N条。'),
    h('p', {}, '示例：', EXAMPLES.map((q) => [link(`/?q=${encodeURIComponent(q)}`, q), ' '])),
    h('p', { class: 'small' }, '快捷键：/ 聚焦检索框，↓↑ 在结果间移动，Enter 打开条款。'),
  );
}

/** Facet groups with counts; ticking a value adds it to the URL and searches again. */
function facetGroups(response, state, changed) {
  const results = response.results;
  const counted = (values) => {
    const counts = new Map();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]).map(([value, count]) => ({ value, count }));
  };
  const groups = [
    { key: 'theme', items: response.facets.themes.map((f) => ({ value: f.name, count: f.count })) },
    { key: 'agency', items: counted(results.flatMap((r) => [...new Set(r.agencies.map((a) => a.name))])) },
    { key: 'region', items: counted(results.map((r) => r.document.region).filter(Boolean)) },
    { key: 'level', items: response.facets.levels.map((f) => ({ value: f.level, count: f.count, text: label('levels', f.level) })) },
    { key: 'doc', items: response.facets.documents.map((f) => ({ value: f.id, count: f.count, text: f.title })) },
    // documents without a known type are not offered: the filter could not select them
    { key: 'docType', items: counted(results.map((r) => r.document.docType).filter(Boolean)) },
  ];
  const years = counted(results.map((r) => r.document.year).filter(Boolean)).sort((a, b) => b.value - a.value);
  return [
    groups.map((g) => facet(g, state, changed)),
    yearFacet(years, state, changed),
  ];
}

function facet({ key, items }, state, changed) {
  const selected = new Set(state[key]);
  // a ticked value stays visible even when the filtered results no longer count it
  for (const value of selected) if (!items.some((i) => i.value === value)) items.push({ value, count: 0 });
  if (!items.length) return null;
  return h(
    'fieldset',
    { class: 'facet', 'data-facet': key },
    h('h3', {}, label('facets', key)),
    items.slice(0, 12).map((item) =>
      h(
        'label',
        {},
        h('input', {
          type: 'checkbox',
          value: item.value,
          checked: selected.has(item.value),
          onchange: (e) => {
            state[key] = e.target.checked ? [...state[key], item.value] : state[key].filter((v) => v !== item.value);
            changed();
          },
        }),
        h('span', { class: 'name' }, item.text ?? item.value),
        h('span', { class: 'count' }, String(item.count)),
      ),
    ),
  );
}

function yearFacet(years, state, changed) {
  const from = h('input', { type: 'number', name: 'yearFrom', min: 1900, max: 2100, value: state.yearFrom, placeholder: '起', 'aria-label': '起始年份' });
  const to = h('input', { type: 'number', name: 'yearTo', min: 1900, max: 2100, value: state.yearTo, placeholder: '止', 'aria-label': '截止年份' });
  const apply = () => {
    state.yearFrom = from.value;
    state.yearTo = to.value;
    changed();
  };
  from.addEventListener('change', apply);
  to.addEventListener('change', apply);
  return h(
    'fieldset',
    { class: 'facet', 'data-facet': 'year' },
    h('h3', {}, label('facets', 'year')),
    h('div', { class: 'years' }, from, '–', to),
    h('div', { class: 'small muted' }, years.map((y) => `${y.value}（${y.count}）`).join(' ')),
  );
}
