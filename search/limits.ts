// Request limits, declared once: the use-case schemas (app/) and the engine's own guards read them.
/** Results one search may return. */
export const MAX_K = 100;
export const DEFAULT_K = 10;
/** Longest query or question, in characters (Dify's longer queries are cut to it, not refused). */
export const MAX_QUERY_CHARS = 1_000;
/** Longest pasted draft clause for precedents. */
export const MAX_DRAFT_CHARS = 4_000;
/** Precedents one call may return. */
export const MAX_PRECEDENTS = 50;
export const MAX_ID_CHARS = 300;
/** Longest filter value (a theme, agency or region name). */
export const MAX_NAME_CHARS = 200;
/** Values one list filter may hold. */
export const MAX_FILTER_VALUES = 50;
