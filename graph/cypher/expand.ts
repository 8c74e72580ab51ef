// Parameters and result decoding of the `expand` statement (see statements.ts): the graph join
// behind every search hit.
import type { Agency, Clause, PolicyDocument, Target, Theme } from '../model.js';
import { PolicyGraphError } from '../errors.js';
import type { AssignedAgency, ClauseContext, ClauseFilters, DocumentRef } from '../store.js';
import { decodeNode, type Row } from './records.js';

function stringList(name: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new PolicyGraphError('BAD_REQUEST', `filter ${name} must be a list of strings (got ${JSON.stringify(value)})`);
  }
  return value;
}

function year(name: string, value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isSafeInteger(value)) throw new PolicyGraphError('BAD_REQUEST', `filter ${name} must be a whole year (got ${JSON.stringify(value)})`);
  return value as number;
}

/** Filter parameters in the shape the statement wants: empty lists and `anyYear` stand for "no filter" (no null parameters). */
export function filterParams(filters: ClauseFilters): Record<string, unknown> {
  const from = year('yearFrom', filters.yearFrom);
  const to = year('yearTo', filters.yearTo);
  if (from !== null && to !== null && from > to) throw new PolicyGraphError('BAD_REQUEST', `filter yearFrom ${from} is after yearTo ${to}`);
  return {
    docs: stringList('doc', filters.doc),
    levels: stringList('level', filters.level),
    kinds: stringList('kind', filters.kind),
    regions: stringList('region', filters.region),
    themes: stringList('theme', filters.theme),
    agencies: stringList('agency', filters.agency),
    anyYear: from === null && to === null,
    yearFrom: from ?? -1_000_000,
    yearTo: to ?? 1_000_000,
  };
}

/** Collected maps of an OPTIONAL MATCH: Ladybug returns null for none, Neo4j a map of nulls. */
function present(value: unknown): Row[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is Row => v !== null && typeof v === 'object' && (v as Row).id != null);
}

function uniqueById<T extends { id: string }>(items: T[]): T[] {
  return [...new Map(items.map((i) => [i.id, i])).values()];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function documentRefs(value: unknown): DocumentRef[] {
  return uniqueById(
    present(value).map((r) => ({
      id: String(r.id),
      title: String(r.title ?? ''),
      docNumber: (r.docNumber as string | null) ?? null,
      inCorpus: r.inCorpus === true,
      evidence: (r.evidence as string | null) ?? null,
    })),
  ).sort((a, b) => byText(a.id, b.id));
}

export function decodeContext(row: Row): ClauseContext {
  const agencies: AssignedAgency[] = present(row.agencies)
    .map((r) => ({
      agency: decodeNode<Agency>('Agency', r),
      role: r.role as AssignedAgency['role'],
      deadline: (r.deadline as string | null) ?? null,
      openEnded: r.openEnded === true,
    }))
    .sort((a, b) => byText(a.role, b.role) || byText(a.agency.name, b.agency.name));
  // SIMILAR_TO is read in both directions; keep each neighbour once, best score first.
  const similar = new Map<string, { id: string; docId: string; score: number }>();
  for (const r of present(row.similar)) {
    const item = { id: String(r.id), docId: String(r.docId), score: Number(r.score) };
    if ((similar.get(item.id)?.score ?? -Infinity) < item.score) similar.set(item.id, item);
  }
  return {
    clause: decodeNode<Clause>('Clause', row, 'c_'),
    document: decodeNode<PolicyDocument>('Document', row, 'd_'),
    parent: row.p_id == null ? null : { id: String(row.p_id), path: String(row.p_path), heading: (row.p_heading as string | null) ?? null },
    themes: uniqueById(present(row.themes).map((r) => decodeNode<Theme>('Theme', r))).sort((a, b) => byText(a.name, b.name)),
    agencies,
    targets: uniqueById(present(row.targets).map((r) => decodeNode<Target>('Target', r))).sort((a, b) => byText(a.id, b.id)),
    cites: documentRefs(row.cites),
    implements: documentRefs(row.implementsDocs),
    similar: [...similar.values()].sort((a, b) => b.score - a.score || byText(a.id, b.id)),
  };
}
