// Clause-MENTIONS {surface}->Theme: dictionary surfaces found in a clause's heading and text (for a
// task-table row, in its task cells only, not in its agency columns).
import type { Dictionaries } from '../../dictionaries/dictionaries.js';
import type { Clause, PolicyDocument } from '../../graph/model.js';
import { documentRegion } from './document-region.js';
import { FactSet } from './facts.js';
import { readTableRow } from './table-columns.js';

export function clauseThemeText(clause: Clause): string {
  const row = readTableRow(clause);
  if (row) return row.task;
  const heading = clause.heading && !clause.text.includes(clause.heading) ? `${clause.heading}\n` : '';
  return heading + clause.text;
}

export function extractThemes(clauses: Clause[], documents: PolicyDocument[], dicts: Dictionaries): FactSet {
  const facts = new FactSet();
  const regionOf = regionLookup(documents, dicts);
  for (const clause of clauses) {
    // agencies are matched too, so a theme alias inside an agency name (国家知识产权局) is not a mention
    const matches = dicts.match(clauseThemeText(clause), { region: regionOf(clause.docId) });
    for (const m of matches) {
      if (m.entity.kind !== 'theme') continue;
      facts.addTheme(m.entity);
      facts.addEdge('MENTIONS', clause.id, m.entity.id, { surface: m.surface });
    }
  }
  return facts;
}

export function regionLookup(documents: PolicyDocument[], dicts: Dictionaries): (docId: string) => string | null {
  const regions = new Map(documents.map((d) => [d.id, documentRegion(d, dicts)?.name ?? null]));
  return (docId) => regions.get(docId) ?? null;
}
