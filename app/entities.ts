// Use cases over themes and agencies: the listings, and one of each (by id, name or alias) with
// what the graph links to it.
import type { GraphStore, AgencySummary, ThemeSummary } from '../graph/store.js';
import type { Engines } from './engines.js';
import { clauseBriefs, type ClauseBrief } from './clauses.js';

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export async function resolveTheme(store: GraphStore, key: string): Promise<ThemeSummary | null> {
  const themes = await store.listThemes();
  return themes.find((t) => t.id === key) ?? themes.find((t) => same(t.name, key) || t.aliases.some((a) => same(a, key))) ?? null;
}

export async function resolveAgency(store: GraphStore, key: string): Promise<AgencySummary | null> {
  const agencies = await store.listAgencies();
  return agencies.find((a) => a.id === key) ?? agencies.find((a) => same(a.name, key) || a.aliases.some((x) => same(x, key))) ?? null;
}

export interface ThemeDetail {
  theme: ThemeSummary;
  clauses: ClauseBrief[];
}

/** The theme and the clauses that mention it, in document order. */
export async function themeDetail(store: GraphStore, theme: ThemeSummary): Promise<ThemeDetail> {
  const hood = await store.neighbourhood(theme.id, 1);
  const ids = [...new Set(hood.edges.filter((e) => e.type === 'MENTIONS' && e.to === theme.id).map((e) => e.from))];
  const briefs = await clauseBriefs(store, ids);
  briefs.sort((a, b) => a.citation.localeCompare(b.citation, 'zh'));
  return { theme, clauses: briefs };
}

export interface AgencyTask extends ClauseBrief {
  role: 'lead' | 'support';
  deadline: string | null;
  openEnded: boolean;
}

export interface AgencyDetail {
  agency: AgencySummary;
  tasks: AgencyTask[];
  issued: { id: string; title: string }[];
}

/** The agency, the tasks assigned to it (with its role and deadline in each) and the documents it issued. */
export async function agencyDetail(store: GraphStore, agency: AgencySummary): Promise<AgencyDetail> {
  const hood = await store.neighbourhood(agency.id, 1);
  const clauseIds = [...new Set(hood.edges.filter((e) => e.type === 'ASSIGNS' && e.to === agency.id).map((e) => e.from))];
  const contexts = clauseIds.length ? await store.expand(clauseIds) : [];
  const roleOf = new Map(contexts.flatMap((ctx) => ctx.agencies.filter((a) => a.agency.id === agency.id).map((a) => [ctx.clause.id, a] as const)));
  const briefs = await clauseBriefs(store, clauseIds);
  const tasks = briefs.map((b) => {
    const assigned = roleOf.get(b.id);
    return { ...b, role: assigned?.role ?? 'support', deadline: assigned?.deadline ?? null, openEnded: assigned?.openEnded ?? false };
  });
  tasks.sort((a, b) => (a.role === b.role ? a.citation.localeCompare(b.citation, 'zh') : a.role === 'lead' ? -1 : 1));
  const issued = hood.edges
    .filter((e) => e.type === 'ISSUED_BY' && e.to === agency.id)
    .map((e) => ({ id: e.from, title: hood.nodes.find((n) => n.id === e.from)?.name ?? e.from }));
  return { agency, tasks, issued };
}

/** Every theme, most mentioned first (ties by name): the one order of every face. */
export async function listThemes(engines: Pick<Engines, 'store'>): Promise<ThemeSummary[]> {
  return (await engines.store.listThemes()).sort((a, b) => b.clauseCount - a.clauseCount || a.name.localeCompare(b.name, 'zh') || a.id.localeCompare(b.id));
}

/** Every agency, busiest first (tasks led or supported, then documents issued, then name). */
export async function listAgencies(engines: Pick<Engines, 'store'>): Promise<AgencySummary[]> {
  return (await engines.store.listAgencies()).sort(
    (a, b) => b.leadCount + b.supportCount - (a.leadCount + a.supportCount) || b.issuedCount - a.issuedCount || a.name.localeCompare(b.name, 'zh') || a.id.localeCompare(b.id),
  );
}
