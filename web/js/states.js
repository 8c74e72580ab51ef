// Loading, empty and error lines shared by every view.
import { h } from './dom.js';

export const loading = (what = '正在加载…') => h('p', { class: 'state loading', role: 'status' }, what);
export const empty = (what) => h('p', { class: 'state empty', role: 'status' }, what);

/** One line from the API's problem+json: its detail, the status and the title. */
export function errorLine(err) {
  const p = err.problem ?? {};
  const status = err.status ? `${err.status} ` : '';
  const title = p.title ? `${p.title}：` : '';
  return h('p', { class: 'state error', role: 'alert' }, `出错了（${status}${title.replace(/：$/, '')}）：${p.detail ?? err.message}`);
}
