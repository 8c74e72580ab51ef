// Reads the header of a law, regulation or judicial interpretation: the lines that state its history
// ("2018年11月22日 上海市第十五届人民代表大会常务委员会第七次会议通过", "…令第435号公布", "2024年1月1日 施行").
// From them: the events (oldest first), the issuing body, the 令 number, and the adopted/published/effective dates.
import type { DocumentEvent } from '../../graph/model.js';
import { findDates } from './dates.js';
import { citedOrderNumber, lawGenre } from './law-genre.js';

export interface LawHeader {
  history: DocumentEvent[];
  /** Bodies that adopted or promulgated the text (not those that only approved it). */
  issuers: string[];
  /** A 令 number or 文号 the header states (the latest one). */
  docNumber: string | null;
  adopted: string | null;
  published: string | null;
  effective: string | null;
  /** The latest adoption, amendment, revision or promulgation: the edition this text is. */
  edition: string | null;
}

export function readLawHeader(lines: string[]): LawHeader {
  const history = lines.flatMap(eventsOfLine).sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  // the makers of the original text: every adoption or promulgation before the first amendment
  const firstChange = history.findIndex((e) => e.event === 'amended' || e.event === 'revised');
  const original = firstChange < 0 ? history : history.slice(0, firstChange);
  const makers = original.filter((e) => e.event === 'adopted' || e.event === 'promulgated');
  const fallback = history.find((e) => e.event !== 'effective' && e.event !== 'approved');
  const issuers = [...new Set((makers.length ? makers : fallback ? [fallback] : []).flatMap((e) => bodiesOf(e.text)))];
  // dates removed first: "2018年12月18日中华人民共和国国务院令第707号公布" must not start the 令 at 日
  const undated = lines.map((l) => findDates(l).reverse().reduce((t, d) => t.slice(0, d.index) + ' ' + t.slice(d.index + d.length), l));
  const docNumbers = undated.flatMap((l) => lawGenre().docNumbers.flatMap((re) => [...l.matchAll(new RegExp(re, 'g'))].map((m) => m[1].replace(/\s+/g, ''))));
  const dateOf = (...kinds: string[]) => history.filter((e) => kinds.includes(e.event) && e.date).map((e) => e.date!);
  const edition = dateOf('adopted', 'amended', 'revised', 'promulgated').pop() ?? history.find((e) => e.date)?.date ?? null;
  return {
    history,
    issuers,
    docNumber: docNumbers.length ? citedOrderNumber(docNumbers[docNumbers.length - 1]) : null,
    adopted: dateOf('adopted')[0] ?? null,
    published: dateOf('promulgated').pop() ?? null,
    effective: dateOf('effective').pop() ?? null,
    edition,
  };
}

/** A line may hold several events ("…修正  2022年7月28日…修正"): one per date. */
function eventsOfLine(line: string): DocumentEvent[] {
  const dates = findDates(line);
  if (!dates.length) return /[通批公发施修]/.test(line) ? [{ date: null, event: eventKind(line), text: line }] : [];
  const events: DocumentEvent[] = [];
  dates.forEach((d, i) => {
    const text = line.slice(d.index, dates[i + 1]?.index ?? line.length).trim();
    events.push({ date: d.iso, event: eventKind(text), text });
  });
  // "A会议、B会议通过": the first parts take the event of the part that names it
  for (let i = events.length - 2; i >= 0; i--) if (events[i].event === 'other') events[i].event = events[i + 1].event;
  return events;
}

function eventKind(text: string): string {
  const clean = text.replace(/\s+/g, '');
  return lawGenre().events.find((e) => new RegExp(e.pattern).test(clean))?.event ?? 'other';
}

/** "2023年1月3日 最高人民法院审判委员会第1878次会议通过" → [最高人民法院]; "中共中央、国务院发布" → both. */
export function bodiesOf(eventText: string): string[] {
  const genre = lawGenre();
  let text = eventText.replace(/\s+/g, '');
  for (const d of findDates(text).reverse()) text = text.slice(0, d.index) + text.slice(d.index + d.length);
  const bodies: string[] = [];
  for (let part of text.split(/[、，,]/)) {
    for (let changed = true; changed; ) {
      const before = part;
      for (const re of genre.bodyCleanup) part = part.replace(new RegExp(re), '');
      changed = part !== before;
    }
    for (const rule of genre.bodyParents) {
      const m = part.match(new RegExp(rule.pattern));
      if (m) part = rule.parent.replace('$1', m[1]);
    }
    if (part.length >= 2 && !bodies.includes(part)) bodies.push(part);
  }
  return bodies;
}
