// Starts CPU-heavy requests (search, precedents, ask, Dify, MCP) a few per event-loop turn.
//
// Why: Node runs a loop turn's ready requests back to back, and it accepts only about one waiting
// connection per turn. Under load a turn holds 30–50 searches (100–200 ms), so a client that
// connects while the server is busy waits seconds for its first answer while the connections
// already open keep being served (measured: a few late connections starved for 2–3 s at 50
// connections). Starting at most `perTurn` requests per turn (setImmediate) lets the poll phase
// accept connections and read requests every few searches, so requests are served in arrival
// order. One request per turn cost about 10 % of the throughput in loop turns; four per turn
// (about 15 ms of searching) measured as fast as no scheduling at all.
import type { MiddlewareHandler } from 'hono';

export interface FairTurns {
  /** Resolves when it is this caller's turn: at most `perTurn` callers per event-loop turn. */
  next(): Promise<void>;
  /** Callers waiting for a turn. */
  readonly waiting: number;
}

export function createFairTurns(perTurn = 4): FairTurns {
  const queue: (() => void)[] = [];
  let scheduled = false;
  const step = () => {
    scheduled = false;
    for (let i = 0; i < perTurn && queue.length; i++) queue.shift()!();
    if (queue.length) schedule();
  };
  const schedule = () => {
    scheduled = true;
    setImmediate(step);
  };
  return {
    next() {
      return new Promise<void>((resolve) => {
        queue.push(resolve);
        if (!scheduled) schedule();
      });
    },
    get waiting() {
      return queue.length;
    },
  };
}

export function fairTurn(turns: FairTurns): MiddlewareHandler {
  return async (_c, next) => {
    await turns.next();
    await next();
  };
}
