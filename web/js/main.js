// The page's router: every page URL is served the same shell; this picks the view by path, handles
// in-page links without reloading, and the keys that work everywhere ("/" focuses the search box).
import { replace } from './dom.js';
import { loadLabels } from './labels.js';
import { errorLine } from './states.js';
import { renderClause } from './views/clause.js';
import { renderDocument } from './views/document.js';
import { renderGraph } from './views/graph.js';
import { renderPrecedents } from './views/precedents.js';
import { renderSearch } from './views/search.js';
import { renderTargets } from './views/targets.js';
import { renderWho } from './views/who.js';

const ROUTES = [
  { pattern: /^\/$/, section: 'search', render: renderSearch },
  { pattern: /^\/documents\/([^/]+)$/, section: 'search', render: renderDocument },
  { pattern: /^\/clauses\/([^/]+)$/, section: 'search', render: renderClause },
  { pattern: /^\/precedents$/, section: 'precedents', render: renderPrecedents },
  { pattern: /^\/who$/, section: 'who', render: renderWho },
  { pattern: /^\/targets$/, section: 'targets', render: renderTargets },
  { pattern: /^\/graph$/, section: 'search', render: renderGraph },
];

const view = document.getElementById('view');
let current = null;

async function route() {
  const url = new URL(location.href);
  const match = ROUTES.map((r) => ({ r, m: url.pathname.match(r.pattern) })).find((x) => x.m);
  current?.abort();
  current = new AbortController();
  for (const a of document.querySelectorAll('nav a[data-section]')) {
    if (a.dataset.section === match?.r.section && (match.r.section !== 'search' || url.pathname === '/')) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (!match) {
    replace(view, errorLine({ status: 404, problem: { title: 'Not found', detail: `没有这个页面：${url.pathname}` } }));
    return;
  }
  const params = match.m.slice(1).map(decodeURIComponent);
  try {
    await match.r.render(view, { url, params, signal: current.signal, navigate });
  } catch (err) {
    if (err.name !== 'AbortError') replace(view, errorLine(err));
  }
}

/** Go to an in-page URL; `replace` updates the address without a new history entry (typing). */
export function navigate(href, { replace: replaceEntry = false, render = true } = {}) {
  if (replaceEntry) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  if (render) route();
}

document.addEventListener('click', (event) => {
  const a = event.target.closest?.('a[data-nav]');
  if (!a || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  const target = new URL(a.href, location.href);
  if (target.origin !== location.origin) return;
  event.preventDefault();
  // same page, other anchor: let the document view scroll instead of re-rendering
  if (target.pathname === location.pathname && target.search === location.search && target.hash) {
    history.pushState(null, '', target.href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    return;
  }
  navigate(target.pathname + target.search + target.hash);
});

document.addEventListener('keydown', (event) => {
  const typing = event.target.closest?.('input, textarea, select, [contenteditable]');
  if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey) {
    const box = document.querySelector('[data-search-box]');
    event.preventDefault();
    if (box) box.focus();
    else navigate('/');
  }
});

window.addEventListener('popstate', route);
await loadLabels().catch(() => null);
route();
