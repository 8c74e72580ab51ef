// Graph view: the neighbourhood of a document, clause, theme or agency drawn by cytoscape.js
// (bundled from npm, served by the server); clicking a node opens its view.
import { api, queryString } from '../api.js';
import { h, link, replace } from '../dom.js';
import { label } from '../labels.js';
import { empty, loading } from '../states.js';

const COLOURS = { Document: '#a8322d', Clause: '#1f5fa8', Theme: '#2e7d32', Agency: '#8a5a00', Target: '#6a3d9a', Region: '#00838f' };

let loadingLibrary = null;
function cytoscapeLibrary() {
  loadingLibrary ??= new Promise((resolve, reject) => {
    const script = h('script', { src: '/assets/vendor/cytoscape.min.js' });
    script.onload = () => resolve(window.cytoscape);
    script.onerror = () => reject(new Error('无法加载图谱组件 /assets/vendor/cytoscape.min.js'));
    document.head.append(script);
  });
  return loadingLibrary;
}

/** Where a click on a node leads. */
function hrefOf(node) {
  switch (node.label) {
    case 'Document': return `/documents/${encodeURIComponent(node.id)}`;
    case 'Clause': return `/clauses/${encodeURIComponent(node.id)}`;
    case 'Theme': return `/?q=${encodeURIComponent(node.name)}&theme=${encodeURIComponent(node.name)}`;
    case 'Agency': return `/who?task=${encodeURIComponent(node.name)}`;
    case 'Target': return `/targets?metric=${encodeURIComponent(node.name)}`;
    default: return `/graph?id=${encodeURIComponent(node.id)}`;
  }
}

export async function renderGraph(view, { url, signal, navigate }) {
  const id = url.searchParams.get('id') ?? '';
  const depth = url.searchParams.get('depth') === '2' ? 2 : 1;
  if (!id) return replace(view, h('h1', {}, '关系图谱'), empty('从文件或条款页面点“关系图谱”进入。'));
  const depthSelect = h('select', { 'aria-label': '层数' }, h('option', { value: '1' }, '一层邻居'), h('option', { value: '2' }, '两层邻居'));
  depthSelect.value = String(depth);
  depthSelect.addEventListener('change', () => navigate(`/graph${queryString({ id, depth: depthSelect.value })}`));
  const canvas = h('div', { id: 'graph', role: 'img', 'aria-label': '关系图谱' });
  const list = h('details', { class: 'small' });
  replace(view, h('h1', {}, '关系图谱'), h('div', { class: 'row actions' }, depthSelect, h('span', { class: 'muted small' }, '点击节点打开；拖动、滚轮缩放。')), loading('正在读取邻居节点…'));
  const [hood, cytoscape] = await Promise.all([api(`/v1/graph/neighbourhood${queryString({ id, depth })}`, { signal }), cytoscapeLibrary()]);
  const centre = hood.nodes.find((n) => n.id === id);
  replace(
    view,
    h('h1', {}, '关系图谱', centre ? `：${centre.name}` : ''),
    h('div', { class: 'row actions' }, depthSelect, centre ? link(hrefOf(centre), `打开${label('nodeLabels', centre.label)}`) : null, h('span', { class: 'muted small' }, `${hood.nodes.length} 个节点、${hood.edges.length} 条边 · 点击节点打开`)),
    h('div', { class: 'legend' }, Object.entries(COLOURS).map(([k, c]) => h('span', {}, h('i', { style: `background:${c}` }), label('nodeLabels', k)))),
    canvas,
    list,
  );
  // the same nodes as a list, for keyboards and screen readers
  replace(list, h('summary', {}, '节点列表'), h('ul', {}, hood.nodes.map((n) => h('li', {}, `${label('nodeLabels', n.label)}：`, link(hrefOf(n), n.name)))));
  const short = (s) => (s.length > 18 ? `${s.slice(0, 17)}…` : s);
  const graph = cytoscape({
    container: canvas,
    elements: [
      ...hood.nodes.map((n) => ({ data: { id: n.id, name: short(n.name), kind: n.label, colour: COLOURS[n.label] ?? '#555', centre: n.id === id ? 1 : 0 } })),
      ...hood.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.from, target: e.to, type: label('edgeTypes', e.type) } })),
    ],
    style: [
      { selector: 'node', style: { 'background-color': 'data(colour)', label: 'data(name)', 'font-size': 10, color: '#1d2329', 'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18 } },
      { selector: 'node[centre = 1]', style: { width: 30, height: 30, 'border-width': 3, 'border-color': '#1d2329' } },
      { selector: 'edge', style: { width: 1, 'line-color': '#b8c0c8', 'target-arrow-color': '#b8c0c8', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', label: 'data(type)', 'font-size': 8, color: '#5f6b76' } },
    ],
    layout: { name: 'cose', animate: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 70 },
  });
  graph.on('tap', 'node', (event) => {
    const node = hood.nodes.find((n) => n.id === event.target.id());
    if (node) navigate(hrefOf(node));
  });
  canvas.dataset.nodes = String(graph.nodes().length);
  signal.addEventListener('abort', () => graph.destroy(), { once: true });
}
