// Business-time arithmetic (apps/server/src/sla/calendar.ts): how long `businessMsBetween` and
// `addBusinessMs` take per call, for the `_bh` KPIs (one call per ticket in a query) and for SLA due
// times. Spans like real tickets': minutes to weeks, in a zone with daylight saving and one without.
// Usage: node --import tsx bench/business-hours.mjs [--calls 200000] [--rounds 5]
import { performance } from 'node:perf_hooks';
import { addBusinessMs, buildCalendar, businessMsBetween } from '../apps/server/src/sla/calendar.ts';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const CALLS = arg('calls', 200_000);
const ROUNDS = arg('rounds', 5);
const HOUR = 3_600_000;

const calendars = {
  'Asia/Kolkata Mon–Sat 09–18, 8 holidays': buildCalendar({
    timeZone: 'Asia/Kolkata',
    hours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '09:00', to: '18:00' })),
    holidays: ['01-26', '08-15', '10-02', '12-25']
      .map((d) => ({ date: `2026-${d}`, yearly: true }))
      .concat(['2026-03-04', '2026-03-21', '2026-10-20', '2026-11-08'].map((date) => ({ date, yearly: false }))),
  }),
  'America/New_York Mon–Fri 08–12, 13–17:30': buildCalendar({
    timeZone: 'America/New_York',
    hours: [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, from: '08:00', to: '12:00' },
      { weekday, from: '13:00', to: '17:30' },
    ]),
    holidays: [],
  }),
};

// A fixed pseudo-random sequence: start within a year, span log-uniform from 1 minute to 3 weeks.
let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const starts = Array.from({ length: CALLS }, () => Date.UTC(2026, 0, 1) + Math.floor(rnd() * 365 * 24) * HOUR);
const spans = Array.from({ length: CALLS }, () => Math.round(60_000 * Math.exp(rnd() * Math.log(21 * 24 * 60))));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
for (const [name, cal] of Object.entries(calendars)) {
  for (const [what, fn] of [
    ['businessMsBetween', (i) => businessMsBetween(cal, starts[i], starts[i] + spans[i])],
    ['addBusinessMs', (i) => addBusinessMs(cal, starts[i], Math.min(spans[i], 40 * HOUR))],
  ]) {
    const perCall = [];
    let sink = 0;
    for (let r = 0; r < ROUNDS + 1; r++) {
      const t0 = performance.now();
      for (let i = 0; i < CALLS; i++) sink += fn(i);
      const us = ((performance.now() - t0) * 1000) / CALLS;
      if (r > 0) perCall.push(us); // the first round warms the JIT and the offset cache
    }
    results.push({ calendar: name, fn: what, medianMicrosPerCall: Number(median(perCall).toFixed(2)), sink: sink > 0 });
  }
}
console.table(results);
