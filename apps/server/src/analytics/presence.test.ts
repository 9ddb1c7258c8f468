// Agents online by hour of the week on hand-computed intervals: each expectation below was worked
// out on paper (India is UTC+5:30 all year; London is UTC+0 in winter and UTC+1 in summer).
import { describe, expect, it } from 'vitest';
import { type PresenceCell, type PresenceInterval, presenceByHourOfWeek } from './presence.js';
import { periodOf } from './time.js';

const HOUR = 3_600_000;
const MIN = 60_000;
const KOLKATA = 'Asia/Kolkata';
const LONDON = 'Europe/London';
/** A moment given as India's wall-clock time. */
const ist = (d: string, hm: string) => Date.parse(`${d}T${hm}:00+05:30`);
const utc = (d: string, hm: string) => Date.parse(`${d}T${hm}:00Z`);
const online = (start: number, end: number | null): PresenceInterval => ({ status: 'online', start, end });
const away = (start: number, end: number | null): PresenceInterval => ({ status: 'away', start, end });

function cell(cells: PresenceCell[], weekday: number, hour: number): PresenceCell {
  return cells.find((c) => c.weekday === weekday && c.hour_of_day === hour)!;
}

/** Mon 2 Nov … Sun 8 Nov 2026 in India, seen from long after. */
const week = { ...periodOf(KOLKATA, '2026-11-02', '2026-11-08'), tz: KOLKATA, now: ist('2026-12-01', '00:00') };

describe('presenceByHourOfWeek', () => {
  it('splits an interval at local hour boundaries (India, half an hour off UTC)', () => {
    const cells = presenceByHourOfWeek([online(ist('2026-11-02', '09:30'), ist('2026-11-02', '11:15'))], week);
    expect(cell(cells, 1, 8).online).toBe(0);
    expect(cell(cells, 1, 9).online).toBe(0.5);
    expect(cell(cells, 1, 10).online).toBe(1);
    expect(cell(cells, 1, 11).online).toBe(0.25);
    expect(cell(cells, 1, 12).online).toBe(0);
    // One Monday in the period: each slot is one hour long.
    expect(cell(cells, 1, 9).hours).toBe(1);
    expect(cells).toHaveLength(168);
  });

  it('adds people up and keeps away apart from online', () => {
    const cells = presenceByHourOfWeek(
      [
        online(ist('2026-11-03', '09:00'), ist('2026-11-03', '11:00')),
        online(ist('2026-11-03', '10:00'), ist('2026-11-03', '10:45')),
        away(ist('2026-11-03', '10:00'), ist('2026-11-03', '10:30')),
      ],
      week,
    );
    expect(cell(cells, 2, 9).online).toBe(1);
    expect(cell(cells, 2, 10).online).toBe(1.75);
    expect(cell(cells, 2, 10).away).toBe(0.5);
    expect(cell(cells, 2, 9).away).toBe(0);
  });

  it('carries an interval across midnight into the next weekday', () => {
    const cells = presenceByHourOfWeek([online(ist('2026-11-03', '23:30'), ist('2026-11-04', '00:30'))], week);
    expect(cell(cells, 2, 23).online).toBe(0.5);
    expect(cell(cells, 3, 0).online).toBe(0.5);
  });

  it('averages over every such hour of a longer period', () => {
    // Two Mondays (2 and 9 Nov); online 09:00–10:00 on the first only, 09:00–09:30 on the second.
    const twoWeeks = { ...periodOf(KOLKATA, '2026-11-02', '2026-11-15'), tz: KOLKATA, now: week.now };
    const cells = presenceByHourOfWeek(
      [
        online(ist('2026-11-02', '09:00'), ist('2026-11-02', '10:00')),
        online(ist('2026-11-09', '09:00'), ist('2026-11-09', '09:30')),
      ],
      twoWeeks,
    );
    expect(cell(cells, 1, 9).hours).toBe(2);
    expect(cell(cells, 1, 9).online).toBe(0.75);
  });

  it('clips intervals to the period', () => {
    const cells = presenceByHourOfWeek(
      [
        // From Sunday evening before the period into its first hour.
        online(ist('2026-11-01', '20:00'), ist('2026-11-02', '01:00')),
        // From the period's last hour into the Monday after.
        online(ist('2026-11-08', '23:00'), ist('2026-11-09', '03:00')),
      ],
      week,
    );
    expect(cell(cells, 1, 0).online).toBe(1);
    expect(cell(cells, 1, 1).online).toBe(0);
    expect(cell(cells, 7, 20).online).toBe(0);
    expect(cell(cells, 7, 23).online).toBe(1);
  });

  it('runs a still-open interval to now, and leaves hours after now empty', () => {
    // Now: Wednesday 4 Nov 10:15; online since 09:00 and still.
    const live = { ...week, now: ist('2026-11-04', '10:15') };
    const cells = presenceByHourOfWeek([online(ist('2026-11-04', '09:00'), null)], live);
    expect(cell(cells, 3, 9).online).toBe(1);
    // Only the quarter hour up to now has happened: one person for all of it.
    expect(cell(cells, 3, 10).hours).toBe(0.25);
    expect(cell(cells, 3, 10).online).toBe(1);
    expect(cell(cells, 3, 11)).toMatchObject({ online: null, away: null, hours: 0 });
    expect(cell(cells, 5, 9).online).toBeNull();
    // Hours that have passed without anybody are zero, not unknown.
    expect(cell(cells, 1, 9).online).toBe(0);
  });

  it('gives nothing for a period entirely after now', () => {
    const cells = presenceByHourOfWeek([online(ist('2026-11-02', '09:00'), null)], {
      ...week,
      now: ist('2026-11-01', '12:00'),
    });
    expect(cells.every((c) => c.online === null && c.hours === 0)).toBe(true);
  });

  it('skips the hour the clocks go forward (London, Sunday 29 March 2026)', () => {
    // 00:30 GMT to 02:30 UTC: 00:30–01:00 GMT, then 02:00–03:30 BST.
    const day = { ...periodOf(LONDON, '2026-03-29', '2026-03-29'), tz: LONDON, now: utc('2026-04-30', '00:00') };
    expect(day.end - day.start).toBe(23 * HOUR);
    const cells = presenceByHourOfWeek([online(utc('2026-03-29', '00:30'), utc('2026-03-29', '02:30'))], day);
    expect(cell(cells, 7, 0).online).toBe(0.5);
    expect(cell(cells, 7, 1)).toMatchObject({ online: null, hours: 0 });
    expect(cell(cells, 7, 2).online).toBe(1);
    expect(cell(cells, 7, 3).online).toBe(0.5);
    expect(cell(cells, 7, 4).online).toBe(0);
  });

  it('counts the hour the clocks go back twice (London, Sunday 25 October 2026)', () => {
    // 01:00–02:00 local happens at 00:00–01:00 UTC (BST) and again at 01:00–02:00 UTC (GMT).
    const day = { ...periodOf(LONDON, '2026-10-25', '2026-10-25'), tz: LONDON, now: utc('2026-11-30', '00:00') };
    expect(day.end - day.start).toBe(25 * HOUR);
    const cells = presenceByHourOfWeek(
      [
        online(utc('2026-10-25', '00:00'), utc('2026-10-25', '01:00')),
        away(utc('2026-10-25', '01:30'), utc('2026-10-25', '03:00')),
      ],
      day,
    );
    expect(cell(cells, 7, 1).hours).toBe(2);
    expect(cell(cells, 7, 1).online).toBe(0.5);
    expect(cell(cells, 7, 1).away).toBe(0.25);
    // 03:00 UTC is 03:00 GMT: away 02:00–03:00 local.
    expect(cell(cells, 7, 2).away).toBe(1);
  });

  it('weights a part of an hour by its minutes', () => {
    const cells = presenceByHourOfWeek([online(ist('2026-11-06', '14:10'), ist('2026-11-06', '14:22'))], week);
    expect(cell(cells, 5, 14).online).toBeCloseTo((12 * MIN) / HOUR, 12);
  });
});
