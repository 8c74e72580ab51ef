import { describe, expect, it } from 'vitest';
import { createFairTurns } from './fair-turns.js';

const nextLoopTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('fair turns', () => {
  it('lets perTurn waiters through per event-loop turn, in arrival order', async () => {
    const turns = createFairTurns(2);
    const started: string[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) void turns.next().then(() => started.push(name));
    expect(turns.waiting).toBe(5);
    await nextLoopTurn();
    expect(started).toEqual(['a', 'b']);
    await nextLoopTurn();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    await nextLoopTurn();
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(turns.waiting).toBe(0);
  });
});
