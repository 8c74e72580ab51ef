// Document-ISSUED_BY->Agency, and document.issuers rewritten to canonical agency names. Issuers come
// from the parser (as written), the 文号 prefix (工信部联信软 → 工业和信息化部, 皖政 → 安徽省人民政府)
// and a title that starts with its issuer (国务院关于…).
import type { Dictionaries } from '../../dictionaries/dictionaries.js';
import type { PolicyDocument } from '../../graph/model.js';
import { agenciesInList, type NamedAgency } from './agency-names.js';
import { documentRegion } from './document-region.js';
import { FactSet } from './facts.js';

export function issuingAgencies(doc: PolicyDocument, dicts: Dictionaries): NamedAgency[] {
  const region = documentRegion(doc, dicts)?.name ?? null;
  const found: NamedAgency[] = [];
  for (const written of doc.issuers) found.push(...agenciesInList(written, dicts, region, doc.level));
  if (doc.docNumber) {
    const byNumber = dicts.agencyByDocNumber(doc.docNumber);
    if (byNumber) found.push({ agency: byNumber, surface: doc.docNumber, start: 0, end: 0 });
  }
  const about = doc.title.indexOf('关于');
  if (about > 0) {
    const head = doc.title.slice(0, about).replace(/^.*印发/, '');
    // only when the words before 关于 are agency names and nothing else (not 两部委关于…)
    const named = dicts.match(head, { kinds: ['agency'], region });
    if (named.length && named.map((m) => m.surface).join('').length >= head.replace(/[、，,和\s]/g, '').length) {
      found.push(...named.map((m) => ({ agency: m.entity as NamedAgency['agency'], surface: m.surface, start: m.start, end: m.end })));
    }
  }
  const seen = new Set<string>();
  return found.filter((f) => !seen.has(f.agency.id) && seen.add(f.agency.id));
}

/** ISSUED_BY edges for every document given; rewrites their `issuers` to canonical names. */
export function extractIssuers(documents: PolicyDocument[], dicts: Dictionaries): FactSet {
  const facts = new FactSet();
  for (const doc of documents) {
    const agencies = issuingAgencies(doc, dicts);
    if (agencies.length === 0) continue;
    for (const { agency } of agencies) {
      facts.addAgency(agency);
      facts.addEdge('ISSUED_BY', doc.id, agency.id);
    }
    doc.issuers = agencies.map((a) => a.agency.name);
  }
  return facts;
}
