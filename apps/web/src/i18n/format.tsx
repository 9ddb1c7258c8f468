// Dates and times in the user's language (hi-IN / en-IN) and time zone.
import { createContext, type ReactNode, useCallback, useContext } from 'react';
import { useTranslation } from 'react-i18next';

const TimeZoneContext = createContext<string | undefined>(undefined);

export function TimeZoneProvider({ timeZone, children }: { timeZone: string | undefined; children: ReactNode }) {
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

/** The user's time zone (undefined: the browser's own). */
export function useTimeZone(): string | undefined {
  return useContext(TimeZoneContext);
}

export function intlLocale(language: string): string {
  return language === 'hi' ? 'hi-IN' : 'en-IN';
}

export function formatDateTime(
  value: string | Date,
  language: string,
  timeZone: string | undefined,
  style: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  try {
    return new Intl.DateTimeFormat(intlLocale(language), { ...style, timeZone }).format(date);
  } catch {
    // An unknown time zone name must not break the page; show the browser's zone instead.
    return new Intl.DateTimeFormat(intlLocale(language), style).format(date);
  }
}

export function useFormatDateTime(): (value: string | null | undefined) => string {
  const { i18n, t } = useTranslation();
  const timeZone = useContext(TimeZoneContext);
  return useCallback(
    (value: string | null | undefined) => (value ? formatDateTime(value, i18n.language, timeZone) : t('common.never')),
    [i18n.language, timeZone, t],
  );
}

export function useFormatNumber(): (value: number) => string {
  const { i18n } = useTranslation();
  return useCallback(
    (value: number) => new Intl.NumberFormat(intlLocale(i18n.language)).format(value),
    [i18n.language],
  );
}

/** Every IANA time zone the browser knows, for pickers. */
export function timeZones(): string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes('UTC') ? zones : ['UTC', ...zones];
  } catch {
    return ['UTC', 'Asia/Kolkata'];
  }
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 minutes ago", "2 दिन पहले": the largest whole unit; under a minute reads as now. */
export function relativeTime(value: string | Date, now: Date, language: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(intlLocale(language), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** Relative time of a moment, with the exact date and time for a tooltip. */
export function useFormatRelative(): (value: string) => { relative: string; exact: string } {
  const { i18n } = useTranslation();
  const timeZone = useContext(TimeZoneContext);
  return useCallback(
    (value: string) => ({
      relative: relativeTime(value, new Date(), i18n.language),
      exact: formatDateTime(value, i18n.language, timeZone),
    }),
    [i18n.language, timeZone],
  );
}
