// The request fields the use cases share, each declared once with its limits and default. The
// faces derive their own input schemas from these (HTTP query strings coerce them, MCP tools
// rename them snake_case), so a limit changes in one place.
import { z } from 'zod';
import { PolicyGraphError } from '../graph/errors.js';
import { DOCUMENT_KINDS, DOCUMENT_LEVELS } from '../graph/model.js';
import { DEFAULT_K, MAX_DRAFT_CHARS, MAX_FILTER_VALUES, MAX_ID_CHARS, MAX_K, MAX_NAME_CHARS, MAX_QUERY_CHARS } from '../search/limits.js';

export { DEFAULT_K, MAX_DRAFT_CHARS, MAX_ID_CHARS, MAX_K, MAX_NAME_CHARS, MAX_QUERY_CHARS };

export const QueryText = z.string().trim().min(1, 'is empty').max(MAX_QUERY_CHARS);
export const DraftText = z.string().trim().min(1, 'is empty').max(MAX_DRAFT_CHARS);
export const Name = z.string().trim().min(1, 'is empty').max(MAX_NAME_CHARS);
export const DocumentKey = z.string().trim().min(1, 'is empty').max(MAX_ID_CHARS);
export const TopK = z.number().int().min(1).max(MAX_K);
export const Year = z.number().int().min(1900).max(2100);
export const DocumentLevelSchema = z.enum(DOCUMENT_LEVELS);
export const DocumentKindSchema = z.enum(DOCUMENT_KINDS);
export const SearchModeSchema = z.enum(['hybrid', 'dense', 'lexical']);

const names = z.array(Name).max(MAX_FILTER_VALUES);

/** Search filters: any of the values of each list, all of the lists. */
export const FiltersSchema = z
  .object({
    theme: names.optional().describe('only clauses that mention one of these themes (name, alias or English)'),
    agency: names.optional().describe('only clauses assigned to, or documents issued by, one of these agencies'),
    region: names.optional().describe('only documents of one of these regions, e.g. 四川省'),
    level: z.array(DocumentLevelSchema).max(DOCUMENT_LEVELS.length).optional().describe('only documents of one of these levels'),
    yearFrom: Year.optional().describe('only documents from this year on'),
    yearTo: Year.optional().describe('only documents up to this year'),
    doc: z.array(DocumentKey).max(MAX_FILTER_VALUES).optional().describe('only these documents, by id, 文号 or title'),
    kind: z.array(DocumentKindSchema).max(DOCUMENT_KINDS.length).optional().describe('only documents of one of these kinds'),
    docType: names.optional().describe('only documents of one of these types, e.g. 法律, 地方性法规'),
  })
  .strict();

export type Filters = z.output<typeof FiltersSchema>;

/** Drops empty lists and unset values; undefined when nothing is left. */
export function compactFilters(filters: Filters | undefined): Filters | undefined {
  if (!filters) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && !(Array.isArray(value) && value.length === 0)) out[key] = value;
  return Object.keys(out).length ? (out as Filters) : undefined;
}

/**
 * Parses a use case's request, or fails with one line naming the field (faces that validate
 * first never reach this; the CLI and programmatic callers do).
 */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : 'request';
  throw new PolicyGraphError('BAD_REQUEST', `${what}: ${field} ${issue.message}`);
}
