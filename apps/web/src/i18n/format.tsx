// Dates and times in the user's language (hi-IN / en-IN) and time zone.
import { createContext, type ReactNode, useCallback, useContext } from 'react';
import { useTranslation } from 'react-i18next';

const TimeZoneContext = createContext<string | undefined>(undefined);

export function TimeZoneProvider({ timeZone, children }: { timeZone: string | undefined; children: ReactNode }) {
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
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
