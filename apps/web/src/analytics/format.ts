// Dates of analytics: periods and time buckets in the UI language. Buckets are calendar values already
// in the viewer's time zone (the server made them), so they are formatted as UTC dates, never shifted.
import { intlLocale } from '../i18n/format';
import type { Period } from './filters';

type T = (key: string, options?: Record<string, unknown>) => string;

function utcDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d ?? 1));
}

function format(date: Date, language: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(intlLocale(language), { ...options, timeZone: 'UTC' }).format(date);
}

/** "1 Nov 2026 – 30 Nov 2026"; one date when the period is one day. */
export function formatPeriod(period: Period, language: string): string {
  const style: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeZone: 'UTC' };
  const formatter = new Intl.DateTimeFormat(intlLocale(language), style);
  if (period.from === period.to) return formatter.format(utcDate(period.from));
  return formatter.formatRange(utcDate(period.from), utcDate(period.to));
}

export function formatDate(date: string, language: string): string {
  return format(utcDate(date), language, { dateStyle: 'medium' });
}

/** Monday is 1, as the API counts. 2024-01-01 was a Monday. */
export function weekdayName(weekday: number, language: string, width: 'long' | 'short' = 'long'): string {
  return format(new Date(Date.UTC(2024, 0, weekday)), language, { weekday: width });
}

/** 14 → "14:00". */
export function hourName(hour: number, language: string): string {
  return format(new Date(Date.UTC(2024, 0, 1, hour)), language, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

/** A time bucket on a chart's axis: "23 Nov", "14:00", "Nov 2026". */
export function bucketLabel(dimension: string, value: string, language: string): string {
  switch (dimension) {
    case 'hour':
      return hourName(Number(value.slice(11, 13)), language);
    case 'day':
    case 'week':
      return format(utcDate(value), language, { day: 'numeric', month: 'short' });
    case 'month':
      return format(utcDate(`${value}-01`), language, { month: 'short', year: 'numeric' });
    default:
      return value;
  }
}

/** A time bucket in full, for tooltips and tables: "23 Nov 2026", "Week of 16 Nov 2026", "14:00, 23 Nov 2026". */
export function bucketTitle(dimension: string, value: string, t: T, language: string): string {
  switch (dimension) {
    case 'hour':
      return t('analytics.buckets.hourOf', {
        hour: hourName(Number(value.slice(11, 13)), language),
        date: formatDate(value.slice(0, 10), language),
      });
    case 'day':
      return formatDate(value, language);
    case 'week':
      return t('analytics.buckets.weekOf', { date: formatDate(value, language) });
    case 'month':
      return format(utcDate(`${value}-01`), language, { month: 'long', year: 'numeric' });
    default:
      return value;
  }
}
