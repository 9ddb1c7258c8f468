// Agents online by hour of the week: availability intervals (people/presence.ts) folded into the
// time-weighted average number of people online in each weekday × local hour slot of a period.
// Pure: the service hands it the intervals the database selected.
import { LocalClock } from './time.js';

export interface PresenceInterval {
  status: 'online' | 'away';
  start: number;
  /** Null: still going. */
  end: number | null;
}

export interface PresenceCell {
  /** 1 (Monday) … 7 (Sunday), local. */
  weekday: number;
  /** 0 … 23, local. */
  hour_of_day: number;
  /** Average number of people online during this slot's hours of the period; null when it had none. */
  online: number | null;
  away: number | null;
  /** How many hours of the period (up to now) fell in this slot: usually the number of such days. */
  hours: number;
}

const HOUR = 3_600_000;
/**
 * Every time zone in use is offset from UTC by a multiple of 15 minutes and changes its offset on
 * such a boundary, so within each UTC quarter hour the local weekday and hour stay the same: the
 * fold works quarter by quarter, looking each one's slot up once.
 */
const QUARTER = 15 * 60_000;

/**
 * Average people online (and away) per hour-of-week slot over [start, end) in `tz`: the seconds
 * people spent online inside the slot's hours, divided by the length of those hours. Time after
 * `now` has not happened yet, so it counts neither way, and an interval still going runs to `now`.
 * The divisor is the slot's real length in the period, so the hour a DST change repeats counts
 * twice and the hour it skips not at all.
 */
export function presenceByHourOfWeek(
  intervals: readonly PresenceInterval[],
  period: { start: number; end: number; tz: string; now: number },
): PresenceCell[] {
  const start = period.start;
  const end = Math.min(period.end, period.now);
  const exposure = new Float64Array(168);
  const online = new Float64Array(168);
  const away = new Float64Array(168);
  if (end > start) {
    const clock = new LocalClock(period.tz);
    const first = Math.floor(start / QUARTER);
    const slots = new Uint8Array(Math.ceil(end / QUARTER) - first);
    for (let i = 0; i < slots.length; i++) {
      const t = (first + i) * QUARTER;
      slots[i] = (clock.weekday(t) - 1) * 24 + clock.hourOfDay(t);
    }
    /** Adds the milliseconds of [a, b) (inside [start, end)) to each slot they fall in. */
    const add = (acc: Float64Array, a: number, b: number) => {
      for (let q = Math.floor(a / QUARTER); q * QUARTER < b; q++) {
        acc[slots[q - first]!]! += Math.min(b, (q + 1) * QUARTER) - Math.max(a, q * QUARTER);
      }
    };
    add(exposure, start, end);
    for (const iv of intervals) {
      const a = Math.max(iv.start, start);
      const b = Math.min(iv.end ?? period.now, end);
      if (b > a) add(iv.status === 'online' ? online : away, a, b);
    }
  }
  const cells: PresenceCell[] = [];
  for (let i = 0; i < 168; i++) {
    const ms = exposure[i]!;
    cells.push({
      weekday: Math.floor(i / 24) + 1,
      hour_of_day: i % 24,
      online: ms > 0 ? online[i]! / ms : null,
      away: ms > 0 ? away[i]! / ms : null,
      hours: ms / HOUR,
    });
  }
  return cells;
}
