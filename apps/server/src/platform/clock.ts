// Clock port: all "now" in the app comes from here, so tests can move time.
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock for tests: starts at `start` and only moves when told. */
export function manualClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)): Clock & { advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}
