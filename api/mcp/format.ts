// Keeps MCP tool results small enough for a model's context: clause text is clipped, pages are
// bounded, and every list carries an opaque cursor for the next page.
import { PolicyGraphError } from '../../graph/errors.js';

/** Most characters of clause text a list result carries (get_clause returns the full text). */
export const CLIP_CHARS = 600;
/** Upper bound on one tool result's text, in characters. */
export const MAX_RESULT_CHARS = 24_000;

export function clip(text: string, max = CLIP_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}…（已截断 / truncated; call get_clause for the full text）`;
}

/** Cursors are opaque to the model: base64url of the next offset, tied to the tool that issued it. */
export function encodeCursor(tool: string, offset: number): string {
  return Buffer.from(JSON.stringify({ t: tool, o: offset })).toString('base64url');
}

export function decodeCursor(tool: string, cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t?: unknown; o?: unknown };
    if (parsed.t === tool && typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw new PolicyGraphError('BAD_REQUEST', `invalid cursor for ${tool}: pass the next_cursor value of a previous ${tool} result unchanged`);
}

export interface Page<T> {
  items: T[];
  total: number | null;
  next_cursor: string | null;
}

/**
 * One page of `all` from `offset`, at most `limit` items and at most MAX_RESULT_CHARS of JSON; when
 * the size cap cuts the page short, the cursor resumes right after the last item returned.
 */
export function pageOf<T>(tool: string, all: T[], offset: number, limit: number, hasMore = false): Page<T> {
  const items: T[] = [];
  let size = 0;
  for (const item of all.slice(offset, offset + limit)) {
    const itemSize = JSON.stringify(item).length;
    if (items.length > 0 && size + itemSize > MAX_RESULT_CHARS) break;
    items.push(item);
    size += itemSize;
  }
  const next = offset + items.length;
  const more = next < all.length || hasMore;
  return { items, total: hasMore ? null : all.length, next_cursor: more && items.length > 0 ? encodeCursor(tool, next) : null };
}

export interface ToolText {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  isError?: boolean;
}

/**
 * The payload as structured content (for clients that read it, checked against the tool's outputSchema
 * where it declares one) and as compact JSON text: the size cap counts what is sent.
 */
export function asToolResult(payload: Record<string, unknown>): ToolText {
  return { content: [{ type: 'text', text: JSON.stringify(payload) }], structuredContent: payload };
}

export function toolError(message: string): ToolText {
  return { content: [{ type: 'text', text: message }], isError: true };
}
