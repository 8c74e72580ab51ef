// Marking terms inside clause text, and the citation line every view shows.
import { h, link } from './dom.js';
import { label } from './labels.js';

/** Text with every occurrence of any term wrapped in <mark> (longest term first, case-insensitive). */
export function marked(text, terms, className) {
  const wanted = [...new Set(terms.filter((t) => t && t.trim().length > 0))].sort((a, b) => b.length - a.length);
  if (!wanted.length) return [text];
  const pattern = new RegExp(wanted.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  const parts = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(h('mark', className ? { class: className } : {}, m[0]));
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** 《title》 · 文号 · clause path, the title linking to the document at the clause's anchor. */
export function citationLine(doc, clausePath, clauseId) {
  const anchor = clausePath ? `#${encodeURIComponent(clausePath)}` : '';
  return h(
    'div',
    { class: 'cite' },
    link(`/documents/${encodeURIComponent(doc.id)}${anchor}`, h('span', { class: 'title' }, `《${doc.title}》`)),
    doc.docNumber ? h('span', { class: 'docno' }, doc.docNumber) : null,
    clausePath ? (clauseId ? link(`/clauses/${encodeURIComponent(clauseId)}`, h('span', { class: 'path' }, clausePath)) : h('span', { class: 'path' }, clausePath)) : null,
    doc.date || doc.year ? h('span', { class: 'date' }, doc.date ?? String(doc.year)) : null,
    doc.level ? h('span', { class: 'chip' }, label('levels', doc.level)) : null,
  );
}

/** The text a researcher pastes into a footnote: 《title》（文号）path. */
export function citationText(doc, clausePath) {
  return `《${doc.title}》${doc.docNumber ? `（${doc.docNumber}）` : ''}${clausePath ? ` ${clausePath}` : ''}`;
}

export function copyButton(getText) {
  const button = h('button', { type: 'button', class: 'copy', title: '复制引用' }, '复制引用');
  button.addEventListener('click', async () => {
    const text = getText();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // clipboard API refused (permissions, old browser): fall back to a selected textarea
      const area = h('textarea', { style: 'position:fixed;opacity:0' }, text);
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    button.textContent = '已复制';
    button.dataset.copied = text;
    setTimeout(() => (button.textContent = '复制引用'), 1500);
  });
  return button;
}
