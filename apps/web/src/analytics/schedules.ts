// Scheduled reports: when one goes out in words, the editor's form and the body it saves, and the
// recipients' addresses as the form checks them before the server does.
import type { Schedule, ScheduleBody, ScheduleFrequency, SchedulePeriod } from './api';
import { hourName, weekdayName } from './format';

type T = (key: string, options?: Record<string, unknown>) => string;

type When = Pick<ScheduleBody, 'frequency' | 'weekday' | 'dayOfMonth' | 'hour' | 'timeZone'>;

/** "Every Monday at 08:00 (Asia/Kolkata)", "Monthly on day 1 at 08:00 (Asia/Kolkata)". */
export function whenLabel(when: When, t: T, language: string): string {
  const time = hourName(when.hour, language);
  return when.frequency === 'weekly'
    ? t('analytics.schedules.when.weekly', {
        weekday: weekdayName(when.weekday, language),
        time,
        timeZone: when.timeZone,
      })
    : t('analytics.schedules.when.monthly', { day: when.dayOfMonth, time, timeZone: when.timeZone });
}

/** What a mail covers unless the owner says otherwise: the week or month before, after the frequency. */
export function defaultSchedulePeriod(frequency: ScheduleFrequency): SchedulePeriod {
  return frequency === 'weekly' ? 'previous_week' : 'previous_month';
}

/** The same rough check the browser's type=email does: something@domain.tld, no spaces. */
export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@.]+$/.test(value);
}

/** The addresses as typed, trimmed and without repeats (whatever their case). */
export function cleanRecipients(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    const key = value.toLowerCase();
    if (!value || seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

export const MAX_RECIPIENTS = 20;

/** What is wrong with the recipients before asking the server, or null. */
export function recipientsProblem(values: readonly string[], t: T): string | null {
  const recipients = cleanRecipients(values);
  if (recipients.length === 0) return t('analytics.schedules.recipientsRequired');
  const invalid = recipients.filter((r) => !isEmail(r));
  if (invalid.length) return t('analytics.schedules.recipientsInvalid', { addresses: invalid.join(', ') });
  if (recipients.length > MAX_RECIPIENTS) return t('analytics.schedules.recipientsTooMany', { max: MAX_RECIPIENTS });
  return null;
}

/**
 * The server's message about the recipients (`recipients`, or one address as `recipients.2`), naming
 * the address it is about.
 */
export function recipientsFieldError(fields: Record<string, string>, sent: readonly string[]): string | undefined {
  if (fields.recipients) return fields.recipients;
  for (const [key, message] of Object.entries(fields)) {
    const match = /^recipients\.(\d+)$/.exec(key);
    if (!match) continue;
    const address = sent[Number(match[1])];
    return address ? `${address}: ${message}` : message;
  }
  return undefined;
}

/** The editor's fields. */
export type ScheduleForm = ScheduleBody;

interface Defaults {
  timeZone: string;
  locale: 'en' | 'hi';
  reportId: number | null;
  name?: string;
}

/** The form of a saved schedule, or of a new one: every Monday at 08:00 in my zone and language. */
export function scheduleFormOf(schedule: Schedule | null, defaults: Defaults): ScheduleForm {
  if (schedule) {
    const { name, reportId, frequency, weekday, dayOfMonth, hour, timeZone, locale, period, recipients, enabled } =
      schedule;
    return { name, reportId, frequency, weekday, dayOfMonth, hour, timeZone, locale, period, recipients, enabled };
  }
  return {
    name: defaults.name ?? '',
    reportId: defaults.reportId,
    frequency: 'weekly',
    weekday: 1,
    dayOfMonth: 1,
    hour: 8,
    timeZone: defaults.timeZone,
    locale: defaults.locale,
    period: 'previous_week',
    recipients: [],
    enabled: true,
  };
}

/** The body the form saves: the name and addresses tidied, everything else as chosen. */
export function schedulePayload(form: ScheduleForm): ScheduleBody {
  return { ...form, name: form.name.trim(), recipients: cleanRecipients(form.recipients) };
}

/** The content choice of a schedule in a Select: "overview" or the report's id. */
export const OVERVIEW = 'overview';

export function contentValue(reportId: number | null): string {
  return reportId === null ? OVERVIEW : String(reportId);
}

export function reportIdOf(value: string | null): number | null {
  if (!value || value === OVERVIEW) return null;
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : null;
}
