// Requests take turns on the event loop, a few milliseconds' worth a turn, so that a busy server
// still accepts new connections. Node's event loop (libuv 1.45 on) accepts one new connection a
// turn; in the same turn's poll phase it reads every connection with a request waiting, and each of
// those requests runs its synchronous part (the session lookup, the SQLite queries, the answer) at
// once, to the end. Under load one turn thus served every waiting request: 32 busy keep-alive
// connections searching (~11 ms each) made turns of ~350 ms, and a browser opening a connection
// waited a turn for each connection that had opened just before it: seconds (bench/RESULTS.md).
//
// Here a request waits for its turn before any of its work. The ones read in the same poll phase
// line up, and a turn runs them in that order until TURN_BUDGET_MS have passed; the rest wait for
// the next turn (setImmediate: a callback queued while the loop runs such callbacks waits for the
// next turn). A turn lasts the budget or one request's synchronous part, whichever is longer, and a
// new connection is accepted after a few requests instead of after all of them. On an idle server a
// request runs in the turn it arrived in, as before. One request a turn, without a budget, cost the
// cheap requests about a fifth of their throughput in one measurement: a turn has a cost of its own.
// What a request does after its first wait (the writer thread's answer, PostgreSQL's) takes no turn:
// those parts are short.
import { performance } from 'node:perf_hooks';

export interface RequestTurns {
  /** Resolves when it is the caller's turn. */
  take(): Promise<void>;
}

/** Requests' synchronous parts run back to back in one turn of the loop until this many ms have passed. */
export const TURN_BUDGET_MS = 4;

export function requestTurns(budgetMs = TURN_BUDGET_MS): RequestTurns {
  const queue: Array<() => void> = [];
  // When the current turn's first request started; -1 between turns.
  let turnStart = -1;
  const endTurn = () => {
    turnStart = -1;
  };
  // One step per waiting request. Steps queued before the loop runs its setImmediate callbacks run
  // in this turn, one after another, each after the request the one before released has run its
  // synchronous part; a step queued while they run waits for the next turn.
  const step = () => {
    const now = performance.now();
    if (turnStart < 0) {
      turnStart = now;
      // Queued now, it runs first in the next turn, before the steps this turn puts off.
      setImmediate(endTurn);
    } else if (now - turnStart >= budgetMs) {
      setImmediate(step);
      return;
    }
    queue.shift()?.();
  };
  return {
    take: () =>
      new Promise<void>((resolve) => {
        queue.push(resolve);
        setImmediate(step);
      }),
  };
}
