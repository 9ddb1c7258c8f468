// Working hours in the editor and in words: the pure parts of the calendar screens.
import type { WorkingHours } from './api';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The weekday's name in a language (1 = Monday), e.g. "Monday" / "सोमवार". */
export function weekdayName(weekday: number, language: string, width: 'long' | 'short' = 'long'): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(language, { weekday: width, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}

/** The intervals of one weekday, in order. */
export function intervalsOf<T extends WorkingHours>(hours: T[], weekday: number): T[] {
  return hours.filter((h) => h.weekday === weekday).sort((a, b) => a.from.localeCompare(b.from));
}

/** Every weekday from Monday to Friday (or the given ones) gets Monday's intervals. */
export function copyDay<T extends WorkingHours>(hours: T[], from: number, to: readonly number[]): T[] {
  const source = intervalsOf(hours, from);
  return [
    ...hours.filter((h) => !to.includes(h.weekday) || h.weekday === from),
    ...to.filter((d) => d !== from).flatMap((weekday) => source.map((h) => ({ ...h, weekday }))),
  ].sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from));
}

/**
 * The week in a few words: days with the same hours grouped, e.g. "Mon–Sat 09:00–18:00" or
 * "Mon–Fri 09:00–13:00, 14:00–18:00 · Sat 10:00–14:00".
 */
export function weekSummary(hours: WorkingHours[], language: string): string {
  const groups: { days: number[]; text: string }[] = [];
  for (const d of WEEKDAYS) {
    const text = intervalsOf(hours, d)
      .map((h) => `${h.from}–${h.to}`)
      .join(', ');
    if (!text) continue;
    const last = groups[groups.length - 1];
    if (last && last.text === text && last.days[last.days.length - 1] === d - 1) last.days.push(d);
    else groups.push({ days: [d], text });
  }
  return groups
    .map((g) => {
      const first = weekdayName(g.days[0]!, language, 'short');
      const days =
        g.days.length === 1 ? first : `${first}–${weekdayName(g.days[g.days.length - 1]!, language, 'short')}`;
      return `${days} ${g.text}`;
    })
    .join(' · ');
}
