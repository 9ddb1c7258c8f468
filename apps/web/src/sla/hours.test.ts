import { describe, expect, it } from 'vitest';
import { copyDay, weekdayName, weekSummary } from './hours';

const day = (weekday: number, from: string, to: string) => ({ weekday, from, to });

describe('working hours in words', () => {
  it('names weekdays from Monday in both languages', () => {
    expect(weekdayName(1, 'en')).toBe('Monday');
    expect(weekdayName(7, 'en', 'short')).toBe('Sun');
    expect(weekdayName(1, 'hi')).toBe('सोमवार');
  });

  it('groups neighbouring days with the same hours', () => {
    const hours = [1, 2, 3, 4, 5, 6].map((d) => day(d, '09:00', '18:00'));
    expect(weekSummary(hours, 'en')).toBe('Mon–Sat 09:00–18:00');
    const split = [
      ...[1, 2, 3, 4, 5].flatMap((d) => [day(d, '14:00', '18:00'), day(d, '09:00', '13:00')]),
      day(6, '10:00', '14:00'),
    ];
    expect(weekSummary(split, 'en')).toBe('Mon–Fri 09:00–13:00, 14:00–18:00 · Sat 10:00–14:00');
    // A gap breaks a group.
    expect(weekSummary([day(1, '09:00', '17:00'), day(3, '09:00', '17:00')], 'en')).toBe(
      'Mon 09:00–17:00 · Wed 09:00–17:00',
    );
    expect(weekSummary([], 'en')).toBe('');
  });

  it("copies one day's intervals to other days, replacing theirs", () => {
    const hours = [
      day(1, '09:00', '13:00'),
      day(1, '14:00', '18:00'),
      day(2, '10:00', '11:00'),
      day(7, '10:00', '12:00'),
    ];
    expect(copyDay(hours, 1, [1, 2, 3])).toEqual([
      day(1, '09:00', '13:00'),
      day(1, '14:00', '18:00'),
      day(2, '09:00', '13:00'),
      day(2, '14:00', '18:00'),
      day(3, '09:00', '13:00'),
      day(3, '14:00', '18:00'),
      day(7, '10:00', '12:00'),
    ]);
  });
});
