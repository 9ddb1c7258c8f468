// The moment the SLA badges are drawn at: one shared 30-second tick for every badge on the page, and
// a redraw at the exact moment one of the given targets turns (warning, breached), so a badge turns
// without a reload and without waiting for the next tick.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SlaTimer } from '../../tickets/api';
import { nextChange } from '../timers';

const TICK_MS = 30_000;
/** setTimeout cannot wait longer than about 24.8 days; the tick covers anything further off. */
const MAX_WAIT_MS = 2 ** 31 - 1;

let now = Date.now();
const listeners = new Set<() => void>();
let interval: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (interval === null) {
    now = Date.now();
    interval = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && interval !== null) {
      clearInterval(interval);
      interval = null;
    }
  };
}

/** Now, in ms, redrawn every 30 s and when one of `timers` changes state. */
export function useSlaNow(timers: readonly SlaTimer[] = []): number {
  const shared = useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
  const [own, setOwn] = useState(0);
  const next = nextChange(timers, Math.max(shared, own, Date.now()));
  useEffect(() => {
    if (next === null) return;
    // A few ms late, so the state compared at the redraw is the new one.
    const wait = Math.min(MAX_WAIT_MS, Math.max(0, next - Date.now() + 50));
    const handle = setTimeout(() => setOwn(Date.now()), wait);
    return () => clearTimeout(handle);
  }, [next]);
  return Math.max(shared, own);
}
