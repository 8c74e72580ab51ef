import { describe, expect, it } from 'vitest';
import { createFairTurns } from './fair-turns.js';

const nextLoopTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('fair turns', () => {
  it('lets one waiter through per event-loop turn, in arrival order', async () => {
    const turns = createFairTurns();
    const started: string[] = [];
    for (const name of ['a', 'b', 'c']) void turns.next().then(() => started.push(name));
    expect(turns.waiting).toBe(3);
    await nextLoopTurn();
    expect(started).toEqual(['a']);
    await nextLoopTurn();
    expect(started).toEqual(['a', 'b']);
    await nextLoopTurn();
    expect(started).toEqual(['a', 'b', 'c']);
    expect(turns.waiting).toBe(0);
  });
});
