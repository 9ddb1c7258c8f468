// Calendar arithmetic in the viewer's time zone: periods given as local dates, and the local
// hour / day / week / month a moment falls in. Offsets come from Intl and are cached per UTC hour
// (every zone in use changes its offset on an hour or half-hour boundary at most once a day), so
// bucketing tens of thousands of tickets costs a few hundred Intl calls, not one each.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type TimeUnit = 'hour' | 'day' | 'week' | 'month';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Local wall-clock time minus UTC at moment t, in ms. */
export function offsetAt(tz: string, t: number): number {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(t))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - (t - (t % 1000));
}

/** The UTC moment of local midnight starting date y-m-d (month 1-12) in tz. */
export function localMidnight(tz: string, y: number, m: number, d: number): number {
  const wall = Date.UTC(y, m - 1, d);
  let t = wall - offsetAt(tz, wall);
  // Once more, for a date whose offset differs from the guess's (a DST change in between).
  t = wall - offsetAt(tz, t);
  return t;
}

/** The UTC moment of a local wall-clock hour on a local date in tz. */
export function localWallTime(tz: string, date: string, hour: number): number {
  const [y, m, d] = parseDate(date);
  const wall = Date.UTC(y, m - 1, d, hour);
  let t = wall - offsetAt(tz, wall);
  t = wall - offsetAt(tz, t);
  return t;
}

/** "2026-11-23" → [y, m, d]. */
export function parseDate(s: string): [number, number, number] {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = parseDate(s);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Days from one local date to another (to − from). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseDate(from);
  const [y2, m2, d2] = parseDate(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY);
}

/** Local date `days` after the given one. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A period of whole local days, from the start of `from` to the end of `to`: [start, end). */
export function periodOf(tz: string, from: string, to: string): { start: number; end: number } {
  const [y1, m1, d1] = parseDate(from);
  const [y2, m2, d2] = parseDate(to);
  return { start: localMidnight(tz, y1, m1, d1), end: localMidnight(tz, y2, m2, d2 + 1) };
}

/** Today's local date in tz. */
export function localToday(tz: string, now: number): string {
  return new Date(now + offsetAt(tz, now)).toISOString().slice(0, 10);
}

/** Local fields of moments in one zone, with offsets cached per UTC hour. */
export class LocalClock {
  private readonly offsets = new Map<number, number>();
  constructor(readonly tz: string) {}

  /** A Date whose UTC fields are the local wall-clock fields of t. */
  wall(t: number): Date {
    const h = Math.floor(t / HOUR);
    let off = this.offsets.get(h);
    if (off === undefined) {
      off = offsetAt(this.tz, t);
      // An offset can change within the hour only for zones with half-hour steps; check its end too.
      if (offsetAt(this.tz, h * HOUR + HOUR - 1) === off && offsetAt(this.tz, h * HOUR) === off) {
        this.offsets.set(h, off);
      }
    }
    return new Date(t + off);
  }

  /** The bucket a moment falls in: "2026-11-23T14" (hour), "2026-11-23" (day, week's Monday), "2026-11" (month). */
  bucket(t: number, unit: TimeUnit): string {
    const w = this.wall(t);
    const day = w.toISOString().slice(0, 10);
    switch (unit) {
      case 'hour':
        return `${day}T${String(w.getUTCHours()).padStart(2, '0')}`;
      case 'day':
        return day;
      case 'week':
        return addDays(day, -((w.getUTCDay() + 6) % 7));
      case 'month':
        return day.slice(0, 7);
    }
  }

  /** 1 (Monday) … 7 (Sunday). */
  weekday(t: number): number {
    return ((this.wall(t).getUTCDay() + 6) % 7) + 1;
  }

  /** 0 … 23. */
  hourOfDay(t: number): number {
    return this.wall(t).getUTCHours();
  }
}

/** Every bucket of a period of local dates, in order (so charts show empty days as zero). */
export function bucketsOf(from: string, to: string, unit: TimeUnit): string[] {
  const out: string[] = [];
  if (unit === 'hour') {
    for (let d = from; d <= to; d = addDays(d, 1)) {
      for (let h = 0; h < 24; h++) out.push(`${d}T${String(h).padStart(2, '0')}`);
    }
    return out;
  }
  if (unit === 'day') {
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
    return out;
  }
  if (unit === 'week') {
    const [y, m, d] = parseDate(from);
    const dow = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
    for (let w = addDays(from, -dow); w <= to; w = addDays(w, 7)) out.push(w);
    return out;
  }
  for (let mo = from.slice(0, 7); mo <= to.slice(0, 7); ) {
    out.push(mo);
    const [y, m] = mo.split('-').map(Number) as [number, number];
    mo = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return out;
}
