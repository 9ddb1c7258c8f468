// Turns at the write lock of one SQLite file, shared by its connections on different threads (the
// main thread's and the writer thread's, platform/writer.ts). SQLite lets one connection write at a
// time and makes the others wait in its busy handler, which sleeps the waiting thread (1, 2, 5, 10 …
// ms) and then tries again: the main thread would stop serving requests while it waits, and it could
// keep missing the short gaps between the writer thread's transactions. So every commit group first
// takes a turn here: turns are served in the order they were taken, and waiting for one is a promise
// (Atomics.waitAsync), not a blocked thread. The lock itself is then free when the group begins.
//
// A ticket lock over a SharedArrayBuffer: [0] the next ticket to hand out, [1] the ticket now
// served, [2] the party whose turn it is (0 when none). The first two wrap around together, and only
// equality is compared. A thread that stops during its turn would stop everyone: whoever started it
// ends its turn for it (endTurnOf).

// In Node since 16; in TypeScript's library from es2024 on.
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      cells: Int32Array,
      index: number,
      value: number,
      timeoutMs?: number,
    ): { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
  }
).waitAsync;

/** How long a group waits for its turn before it fails: only a thread that died holding one takes this long. */
const WAIT_MS = 30_000;

export interface WriteTurns {
  /** Resolves when it is the caller's turn; release() ends it. */
  take(): Promise<void>;
  release(): void;
  /**
   * A turn for writes outside the commit groups, taken while holding the party's connection (a
   * single statement, a transaction of a script): resolves with what ends it. If one of the party's
   * own groups comes to hold the turn meanwhile, that turn is shared instead: such a group waits for
   * the connection the caller holds, so nothing of it runs until the caller is done, and waiting for
   * a turn of one's own behind it would wait forever.
   */
  hold(): Promise<() => void>;
  /** Ends the turn of `party` if it has one (the party's thread stopped during it). */
  endTurnOf(party: number): void;
  /** To hand to another thread's writeTurns(). */
  readonly buffer: SharedArrayBuffer;
}

/** The parties: the main thread's connection, and the writer thread's (platform/writer.ts). */
export const MAIN_PARTY = 1;
export const WRITER_PARTY = 2;

/** `party`: whose connection takes turns here (MAIN_PARTY, WRITER_PARTY). */
export function writeTurns(party: number, buffer = new SharedArrayBuffer(12)): WriteTurns {
  const cells = new Int32Array(buffer);
  // This thread's side: whether one of its take() turns is being held, and who waits to share it.
  let held = false;
  const sharers = new Set<() => void>();
  const served = () => {
    Atomics.store(cells, 2, party);
    held = true;
    for (const share of sharers) share();
    sharers.clear();
  };
  const end = () => {
    held = false;
    release(cells);
  };
  // The ticket is still in the queue: when it comes, pass it on at once, or those after it wait forever.
  const passOn = (mine: number) => void reached(cells, mine, Number.POSITIVE_INFINITY).then(() => release(cells));
  const noTurn = () => new Error('database: no turn at the write lock in 30 s');
  return {
    buffer,
    async take() {
      const mine = Atomics.add(cells, 0, 1);
      if (await reached(cells, mine, Date.now() + WAIT_MS)) return served();
      passOn(mine);
      throw noTurn();
    },
    release: end,
    async hold() {
      if (held) return () => undefined;
      const mine = Atomics.add(cells, 0, 1);
      let share = () => {};
      const shared = new Promise<'shared'>((resolve) => {
        share = () => resolve('shared');
        sharers.add(share);
      });
      const outcome = await Promise.race([
        reached(cells, mine, Date.now() + WAIT_MS).then((ok) => (ok ? 'mine' : 'none')),
        shared,
      ]);
      sharers.delete(share);
      if (outcome === 'mine') {
        served();
        return end;
      }
      passOn(mine);
      if (outcome === 'none') throw noTurn();
      return () => undefined;
    },
    endTurnOf(other) {
      if (Atomics.compareExchange(cells, 2, other, 0) === other) release(cells);
    },
  };
}

/** Whether ticket `mine` came to be served before `until`. */
async function reached(cells: Int32Array, mine: number, until: number): Promise<boolean> {
  for (;;) {
    const serving = Atomics.load(cells, 1);
    if (serving === mine) return true;
    const left = until - Date.now();
    if (left <= 0) return false;
    const wait = waitAsync(cells, 1, serving, Number.isFinite(left) ? left : undefined);
    if (wait.async) await wait.value;
  }
}

function release(cells: Int32Array) {
  Atomics.store(cells, 2, 0);
  Atomics.add(cells, 1, 1);
  Atomics.notify(cells, 1);
}
