// Business time against hand-computed cases and, for random calendars and moments in zones with and
// without daylight saving, against a slow reference that walks minute by minute and asks the zone
// for every minute's local time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetAt } from '../analytics/time.js';
import {
  addBusinessMs,
  type BusinessCalendar,
  buildCalendar,
  businessMsBetween,
  isWorking,
  type WorkInterval,
} from './calendar.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Monday–Saturday 09:00–18:00 in Kolkata, Republic Day every year, one Diwali date. */
const kolkata = buildCalendar({
  timeZone: 'Asia/Kolkata',
  hours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '09:00', to: '18:00' })),
  holidays: [
    { date: '2000-01-26', yearly: true },
    { date: '2026-11-09', yearly: false },
  ],
});
/** IST wall time → UTC ms. */
const ist = (iso: string) => Date.parse(`${iso}+05:30`);

describe('business time by hand', () => {
  it('counts only working hours of working days', () => {
    // Monday 2026-11-23 10:00 → 17:00 the same day: 7 hours.
    expect(businessMsBetween(kolkata, ist('2026-11-23T10:00'), ist('2026-11-23T17:00'))).toBe(7 * HOUR);
    // Monday 17:00 → Tuesday 10:00: 1 h + 1 h.
    expect(businessMsBetween(kolkata, ist('2026-11-23T17:00'), ist('2026-11-24T10:00'))).toBe(2 * HOUR);
    // Saturday 17:00 → Monday 10:00 (Sunday off): 1 h + 1 h.
    expect(businessMsBetween(kolkata, ist('2026-11-28T17:00'), ist('2026-11-30T10:00'))).toBe(2 * HOUR);
    // Night only: nothing.
    expect(businessMsBetween(kolkata, ist('2026-11-23T19:00'), ist('2026-11-24T08:59'))).toBe(0);
    // Backwards: nothing.
    expect(businessMsBetween(kolkata, ist('2026-11-24T10:00'), ist('2026-11-23T10:00'))).toBe(0);
  });

  it('skips one-off and yearly holidays', () => {
    // Sunday 2026-11-08 → Tuesday 2026-11-10 10:00: Monday the 9th is a holiday, so 1 hour.
    expect(businessMsBetween(kolkata, ist('2026-11-08T12:00'), ist('2026-11-10T10:00'))).toBe(HOUR);
    // 26 January is off every year: Tuesday 2027-01-26 counts nothing.
    expect(businessMsBetween(kolkata, ist('2027-01-26T00:00'), ist('2027-01-27T00:00'))).toBe(0);
    expect(businessMsBetween(kolkata, ist('2027-01-27T00:00'), ist('2027-01-28T00:00'))).toBe(9 * HOUR);
  });

  it('finds when a span of working time ends', () => {
    // 8 working hours from Saturday 16:00: 2 h Saturday, Monday 09:00 + 6 h = 15:00.
    expect(addBusinessMs(kolkata, ist('2026-11-28T16:00'), 8 * HOUR)).toBe(ist('2026-11-30T15:00'));
    // A span that ends exactly at closing time ends then, not the next morning.
    expect(addBusinessMs(kolkata, ist('2026-11-23T09:00'), 9 * HOUR)).toBe(ist('2026-11-23T18:00'));
    // Started at night: the clock starts at opening.
    expect(addBusinessMs(kolkata, ist('2026-11-23T02:00'), HOUR)).toBe(ist('2026-11-23T10:00'));
    expect(addBusinessMs(kolkata, ist('2026-11-23T02:00'), 0)).toBe(ist('2026-11-23T02:00'));
    expect(isWorking(kolkata, ist('2026-11-23T09:00'))).toBe(true);
    expect(isWorking(kolkata, ist('2026-11-23T18:00'))).toBe(false);
  });

  it('follows the wall clock across daylight saving changes', () => {
    const london = buildCalendar({
      timeZone: 'Europe/London',
      hours: [7].map((weekday) => ({ weekday, from: '00:00', to: '24:00' })),
      holidays: [],
    });
    // Sunday 2026-03-29 has 23 hours, Sunday 2026-10-25 has 25.
    expect(businessMsBetween(london, Date.parse('2026-03-28T12:00Z'), Date.parse('2026-03-30T12:00Z'))).toBe(23 * HOUR);
    expect(businessMsBetween(london, Date.parse('2026-10-24T12:00Z'), Date.parse('2026-10-26T12:00Z'))).toBe(25 * HOUR);
    // 01:00–02:00 local happens twice on 25 October: both are worked.
    const night = buildCalendar({
      timeZone: 'Europe/London',
      hours: [{ weekday: 7, from: '01:00', to: '02:00' }],
      holidays: [],
    });
    expect(businessMsBetween(night, Date.parse('2026-10-24T12:00Z'), Date.parse('2026-10-26T12:00Z'))).toBe(2 * HOUR);
    // 01:00–02:00 local does not exist on 29 March: nothing is worked.
    const spring = buildCalendar({
      timeZone: 'Europe/London',
      hours: [{ weekday: 7, from: '01:00', to: '02:00' }],
      holidays: [],
    });
    expect(businessMsBetween(spring, Date.parse('2026-03-28T12:00Z'), Date.parse('2026-03-30T12:00Z'))).toBe(0);
  });
});

// ---------- the reference ----------

/** The zone's offset at every minute, remembered across cases (the cases revisit the same weeks). */
const seen = new Map<string, number>();
function offsetEveryMinute(tz: string, t: number): number {
  const key = `${tz}|${t}`;
  let o = seen.get(key);
  if (o === undefined) {
    o = offsetAt(tz, t);
    seen.set(key, o);
  }
  return o;
}

function referenceWorking(cal: BusinessCalendar, t: number): boolean {
  const local = t + offsetEveryMinute(cal.timeZone, t);
  const day = Math.floor(local / DAY);
  const date = new Date(day * DAY).toISOString().slice(0, 10);
  if (cal.holidays.has(date) || cal.yearlyHolidays.has(date.slice(5))) return false;
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
  const minute = Math.floor((local - day * DAY) / MIN);
  return cal.week[weekday]!.some((iv) => iv.from <= minute && minute < iv.to);
}

function referenceBetween(cal: BusinessCalendar, a: number, b: number): number {
  let total = 0;
  for (let t = a; t < b; t += MIN) if (referenceWorking(cal, t)) total += MIN;
  return total;
}

function referenceAdd(cal: BusinessCalendar, start: number, ms: number): number {
  let left = ms;
  let t = start;
  while (left > 0) {
    if (referenceWorking(cal, t)) left -= MIN;
    t += MIN;
  }
  // The span ends at the end of its last working minute.
  return t;
}

const ZONES = ['Asia/Kolkata', 'Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
/** Moments near this year's offset changes in those zones, and ordinary ones. */
const AROUND = [
  '2026-03-08T06:00Z',
  '2026-03-29T00:30Z',
  '2026-04-04T15:00Z',
  '2026-10-03T15:30Z',
  '2026-10-25T00:30Z',
  '2026-11-01T05:30Z',
  '2026-11-23T04:00Z',
].map(Date.parse);

const interval = fc
  .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 600 }))
  .map(([from, len]): WorkInterval => ({ from, to: Math.min(1440, from + len) }));
/** Up to three intervals a day, merged where they would overlap. */
const dayHours = fc.array(interval, { maxLength: 3 }).map((ivs) => {
  const sorted = [...ivs].sort((x, y) => x.from - y.from);
  const out: WorkInterval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.from <= last.to) last.to = Math.max(last.to, iv.to);
    else out.push({ ...iv });
  }
  return out;
});
const calendar = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    days: fc.array(dayHours, { minLength: 7, maxLength: 7 }),
    holidays: fc.array(fc.integer({ min: -3, max: 10 }), { maxLength: 3 }),
    yearly: fc.boolean(),
    base: fc.constantFrom(...AROUND),
  })
  .filter((r) => r.days.some((d) => d.length > 0))
  .map((r): { cal: BusinessCalendar; base: number } => {
    const dates = r.holidays.map((d) => new Date(r.base + d * DAY).toISOString().slice(0, 10));
    return {
      base: r.base,
      cal: {
        timeZone: r.timeZone,
        week: [[], ...r.days],
        holidays: new Set(r.yearly ? [] : dates),
        yearlyHolidays: new Set(r.yearly ? dates.map((d) => d.slice(5)) : []),
      },
    };
  });

describe('business time against a minute-by-minute walk', () => {
  it('agrees on the working time between two moments', () => {
    fc.assert(
      fc.property(
        calendar,
        fc.integer({ min: -2 * 1440, max: 2 * 1440 }),
        fc.integer({ min: 0, max: 4 * 1440 }),
        ({ cal, base }, startMin, lengthMin) => {
          const a = base + startMin * MIN;
          const b = a + lengthMin * MIN;
          expect(businessMsBetween(cal, a, b)).toBe(referenceBetween(cal, a, b));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('agrees on when a span of working time ends, and that span holds exactly that much', () => {
    fc.assert(
      fc.property(
        calendar,
        fc.integer({ min: -2 * 1440, max: 2 * 1440 }),
        fc.integer({ min: 1, max: 20 * 60 }),
        ({ cal, base }, startMin, spanMin) => {
          // A span must end within the three years addBusinessMs looks ahead: a calendar of one
          // working minute a week cannot hold 20 hours of it (158 weeks). Two years, with room.
          const weekly = cal.week.reduce((sum, day) => sum + day.reduce((m, iv) => m + iv.to - iv.from, 0), 0);
          fc.pre(weekly * 104 >= spanMin);
          const start = base + startMin * MIN;
          const end = addBusinessMs(cal, start, spanMin * MIN);
          expect(end).toBe(referenceAdd(cal, start, spanMin * MIN));
          expect(businessMsBetween(cal, start, end)).toBe(spanMin * MIN);
        },
      ),
      { numRuns: 60 },
    );
  });
});
