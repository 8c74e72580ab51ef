import { describe, expect, it } from 'vitest';
import { PolicyGraphError } from '../../graph/errors.js';
import { MAX_RESULT_CHARS, clip, decodeCursor, encodeCursor, pageOf } from './format.js';

describe('MCP paging and size caps', () => {
  it('round-trips cursors and rejects foreign or forged ones', () => {
    expect(decodeCursor('list_themes', encodeCursor('list_themes', 40))).toBe(40);
    expect(decodeCursor('list_themes', undefined)).toBe(0);
    expect(() => decodeCursor('list_themes', encodeCursor('compare_targets', 40))).toThrow(PolicyGraphError);
    expect(() => decodeCursor('list_themes', 'garbage')).toThrow(/invalid cursor/);
    expect(() => decodeCursor('list_themes', Buffer.from('{"t":"list_themes","o":-1}').toString('base64url'))).toThrow(PolicyGraphError);
  });

  it('pages through every item exactly once', () => {
    const all = Array.from({ length: 23 }, (_, i) => ({ i }));
    const seen: number[] = [];
    let offset = 0;
    for (;;) {
      const page = pageOf('t', all, offset, 10);
      seen.push(...page.items.map((x) => x.i));
      if (!page.next_cursor) break;
      offset = decodeCursor('t', page.next_cursor);
    }
    expect(seen).toEqual(all.map((x) => x.i));
  });

  it('cuts a page short at the size cap and resumes after the last item shown', () => {
    const big = Array.from({ length: 10 }, (_, i) => ({ i, text: 'x'.repeat(MAX_RESULT_CHARS / 3) }));
    const page = pageOf('t', big, 0, 10);
    expect(page.items.length).toBeLessThan(10);
    expect(JSON.stringify(page.items).length).toBeLessThanOrEqual(MAX_RESULT_CHARS + 100);
    expect(decodeCursor('t', page.next_cursor!)).toBe(page.items.length);
  });

  it('clips long clause text and says how to get the rest', () => {
    expect(clip('短文本')).toBe('短文本');
    const clipped = clip('长'.repeat(2000), 100);
    expect(clipped.startsWith('长'.repeat(100))).toBe(true);
    expect(clipped).toContain('get_clause');
  });
});
