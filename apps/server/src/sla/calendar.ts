// Business time: how much working time of a calendar lies between two moments, and when a span of
// working time that starts at a moment ends. Pure functions; SLA due times and the `_bh` KPIs use them.
//
// A calendar is a time zone, working intervals per ISO weekday in local wall-clock minutes, and
// holidays (one-off dates, or month-days every year) that are not worked at all. A moment is working
// time when its local wall clock falls into an interval of its local day and that day is no holiday.
// Around a daylight saving change this is exactly what a clock on the wall says: the hour that does
// not exist in spring is not worked, the hour that happens twice in autumn is worked twice.
//
// The arithmetic splits time into pieces of one UTC offset (found once per zone and week, cached),
// and within a piece walks local days: the cost grows with the days spanned, not with minutes.
import { offsetAt } from '../analytics/time.js';

export interface WorkInterval {
  /** Local minutes after midnight, 0–1439. */
  from: number;
  /** Local minutes after midnight, from+1–1440 (24:00 is the end of the day). */
  to: number;
}

export interface BusinessCalendar {
  timeZone: string;
  /** Index 1 = Monday … 7 = Sunday; index 0 is unused. Intervals sorted and not overlapping. */
  week: WorkInterval[][];
  /** One-off holidays as YYYY-MM-DD. */
  holidays: ReadonlySet<string>;
  /** Holidays every year as MM-DD. */
  yearlyHolidays: ReadonlySet<string>;
}

const MIN = 60_000;
const DAY = 1440 * MIN;
/** Offset changes are looked for once per zone and UTC week (no zone changes twice in a week). */
const WEEK = 7 * DAY;

/** A calendar that is always working: what a team without a calendar counts in. */
export const ALWAYS: BusinessCalendar = {
  timeZone: 'UTC',
  week: [[], ...Array.from({ length: 7 }, () => [{ from: 0, to: 1440 }])],
  holidays: new Set(),
  yearlyHolidays: new Set(),
};

// ---------- UTC offsets, by week ----------

type Piece = { start: number; end: number; offset: number };
const weekCache = new Map<string, Piece[]>();
const WEEK_CACHE_MAX = 50_000;

/** The constant-offset pieces of UTC week `k` (ms since the epoch / WEEK) in a zone. */
function weekPieces(tz: string, k: number): Piece[] {
  const key = `${tz}|${k}`;
  const hit = weekCache.get(key);
  if (hit) return hit;
  const start = k * WEEK;
  const end = start + WEEK;
  const pieces: Piece[] = [];
  let from = start;
  let offset = offsetAt(tz, from);
  // Each change inside the week: binary search to the minute (zones change on whole minutes).
  while (from < end) {
    const last = offsetAt(tz, end - MIN);
    if (last === offset) {
      pieces.push({ start: from, end, offset });
      break;
    }
    let lo = from;
    let hi = end - MIN; // offset(lo) === offset, offset(hi) !== offset
    while (hi - lo > MIN) {
      const mid = lo + Math.floor((hi - lo) / 2 / MIN) * MIN;
      if (offsetAt(tz, mid) === offset) lo = mid;
      else hi = mid;
    }
    pieces.push({ start: from, end: hi, offset });
    from = hi;
    offset = offsetAt(tz, hi);
  }
  if (weekCache.size >= WEEK_CACHE_MAX) weekCache.clear();
  weekCache.set(key, pieces);
  return pieces;
}

/** The constant-offset pieces covering [a, b). */
function* piecesOf(tz: string, a: number, b: number): Generator<Piece> {
  for (let k = Math.floor(a / WEEK); k * WEEK < b; k++) {
    for (const p of weekPieces(tz, k)) {
      const start = Math.max(p.start, a);
      const end = Math.min(p.end, b);
      if (start < end) yield { start, end, offset: p.offset };
    }
  }
}

// ---------- naive wall-clock time (no offset changes) ----------

/** ISO weekday (1–7) of a naive day number (days since 1970-01-01, a Thursday). */
const weekdayOf = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;

/** "YYYY-MM-DD" of a naive day number, remembered: the same days come up for ticket after ticket. */
const dates = new Map<number, string>();
function dateOf(day: number): string {
  let d = dates.get(day);
  if (d === undefined) {
    d = new Date(day * DAY).toISOString().slice(0, 10);
    if (dates.size >= 100_000) dates.clear();
    dates.set(day, d);
  }
  return d;
}

function isHoliday(cal: BusinessCalendar, day: number): boolean {
  if (cal.holidays.size === 0 && cal.yearlyHolidays.size === 0) return false;
  const date = dateOf(day);
  return cal.holidays.has(date) || cal.yearlyHolidays.has(date.slice(5));
}

/** Working ms in the naive wall-clock range [x, y). */
function naiveWorking(cal: BusinessCalendar, x: number, y: number): number {
  let total = 0;
  for (let day = Math.floor(x / DAY); day * DAY < y; day++) {
    const intervals = cal.week[weekdayOf(day)]!;
    if (intervals.length === 0 || isHoliday(cal, day)) continue;
    const base = day * DAY;
    for (const iv of intervals) {
      const s = Math.max(x, base + iv.from * MIN);
      const e = Math.min(y, base + iv.to * MIN);
      if (s < e) total += e - s;
    }
  }
  return total;
}

/** The naive moment in [x, y) at which `ms` of working time counted from x is used up, or how much was found. */
function naiveAdvance(cal: BusinessCalendar, x: number, y: number, ms: number): { at: number } | { used: number } {
  let left = ms;
  for (let day = Math.floor(x / DAY); day * DAY < y; day++) {
    const intervals = cal.week[weekdayOf(day)]!;
    if (intervals.length === 0 || isHoliday(cal, day)) continue;
    const base = day * DAY;
    for (const iv of intervals) {
      const s = Math.max(x, base + iv.from * MIN);
      const e = Math.min(y, base + iv.to * MIN);
      if (s >= e) continue;
      if (e - s >= left) return { at: s + left };
      left -= e - s;
    }
  }
  return { used: ms - left };
}

// ---------- the public arithmetic ----------

/** Working ms of the calendar between a and b (0 when b ≤ a). */
export function businessMsBetween(cal: BusinessCalendar, a: number, b: number): number {
  if (b <= a) return 0;
  let total = 0;
  for (const p of piecesOf(cal.timeZone, a, b)) total += naiveWorking(cal, p.start + p.offset, p.end + p.offset);
  return total;
}

/** How far ahead `addBusinessMs` looks before it gives up (a calendar always has working time). */
const HORIZON = 3 * 366 * DAY;

/**
 * The moment at which `ms` of working time counted from `start` is used up. With ms = 0 it is
 * `start` itself, even outside working hours.
 */
export function addBusinessMs(cal: BusinessCalendar, start: number, ms: number): number {
  if (ms <= 0) return start;
  let left = ms;
  for (const p of piecesOf(cal.timeZone, start, start + HORIZON)) {
    const r = naiveAdvance(cal, p.start + p.offset, p.end + p.offset, left);
    if ('at' in r) return r.at - p.offset;
    left -= r.used;
  }
  throw new Error('no working time within three years');
}

/** Whether the moment is working time. */
export function isWorking(cal: BusinessCalendar, t: number): boolean {
  return businessMsBetween(cal, t, t + 1) === 1;
}

// ---------- building one ----------

export interface CalendarSpec {
  timeZone: string;
  /** Local "HH:MM" pairs per ISO weekday (1 = Monday). */
  hours: { weekday: number; from: string; to: string }[];
  holidays: { date: string; yearly: boolean }[];
}

/** "09:30" → 570; "24:00" → 1440. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** A calendar from its stored form (checked on save: intervals valid and not overlapping). */
export function buildCalendar(spec: CalendarSpec): BusinessCalendar {
  const week: WorkInterval[][] = Array.from({ length: 8 }, () => []);
  for (const h of spec.hours) week[h.weekday]!.push({ from: minutesOf(h.from), to: minutesOf(h.to) });
  for (const day of week) day.sort((x, y) => x.from - y.from);
  return {
    timeZone: spec.timeZone,
    week,
    holidays: new Set(spec.holidays.filter((h) => !h.yearly).map((h) => h.date)),
    yearlyHolidays: new Set(spec.holidays.filter((h) => h.yearly).map((h) => h.date.slice(5))),
  };
}
