import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { bucketLabel, bucketTitle, formatPeriod, hourName, weekdayName } from './format';

const en = i18n.getFixedT('en');

describe('analytics dates', () => {
  it('names weekdays from Monday = 1, in both languages', () => {
    expect(weekdayName(1, 'en')).toBe('Monday');
    expect(weekdayName(7, 'en', 'short')).toBe('Sun');
    expect(weekdayName(1, 'hi')).toBe('सोमवार');
  });

  it('writes hours of the day on the 24-hour clock', () => {
    expect(hourName(0, 'en')).toBe('00:00');
    expect(hourName(14, 'en')).toBe('14:00');
  });

  it('formats buckets as calendar values, never shifted by a time zone', () => {
    expect(bucketLabel('day', '2026-11-01', 'en')).toBe('1 Nov');
    expect(bucketLabel('hour', '2026-11-23T14', 'en')).toBe('14:00');
    expect(bucketTitle('week', '2026-11-16', en, 'en')).toBe('Week of 16 Nov 2026');
    expect(bucketTitle('month', '2026-11', en, 'en')).toBe('November 2026');
  });

  it('writes a period as a range, or one date for one day', () => {
    expect(formatPeriod({ from: '2026-10-25', to: '2026-11-23' }, 'en')).toMatch(/^25 Oct.*23 Nov 2026$/);
    expect(formatPeriod({ from: '2026-11-23', to: '2026-11-23' }, 'en')).toBe('23 Nov 2026');
    expect(formatPeriod({ from: '2026-10-25', to: '2026-11-23' }, 'hi')).toMatch(/[\u0900-\u097F]/);
  });
});
