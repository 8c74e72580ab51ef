import { describe, expect, it } from 'vitest';
import { Field } from './lexical-postings.js';

describe('lexical posting lists', () => {
  it('round-trip through their varint encoding, large slot gaps and term frequencies included', () => {
    const field = new Field();
    field.add(0, ['a', 'b']);
    field.add(127, ['a', 'a']);
    field.add(128, Array(300).fill('a'));
    field.add(300_000, ['a', 'b', 'b']);
    const stored = field.serialize();
    expect(stored.terms).toEqual(['a', 'b']); // sorted, for the binary search of a loaded field
    const restored = new Field(stored);
    expect(Array.from(restored.get('a')!.data.subarray(0, restored.get('a')!.length))).toEqual([0, 1, 127, 2, 128, 300, 300_000, 1]);
    expect(Array.from(restored.get('b')!.data)).toEqual([0, 1, 300_000, 2]);
    expect(restored.get('c')).toBeUndefined();
    expect(restored.totalLength).toBe(field.totalLength);
    expect(restored.lengths[300_000]).toBe(3);
    // terms never touched are written back as their stored bytes
    const twice = new Field(new Field(stored).serialize());
    expect(Array.from(twice.get('b')!.data)).toEqual([0, 1, 300_000, 2]);
  });

  it('keep accepting postings after a load, in slot order', () => {
    const field = new Field();
    field.add(5, ['x']);
    const restored = new Field(field.serialize());
    restored.add(9, ['x']);
    const list = restored.get('x')!;
    expect(Array.from(list.data.subarray(0, list.length))).toEqual([5, 1, 9, 1]);
    expect(list.has(9)).toBe(true);
    expect(list.has(6)).toBe(false);
  });
});
