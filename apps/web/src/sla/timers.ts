// A ticket's owed SLA targets as the badges show them: the state of each at a moment (the same rule as
// the server's timerState), the most urgent one, and the time left or over in words.
import { intlLocale } from '../i18n/format';
import type { SlaTimer } from '../tickets/api';

type T = (key: string, options?: Record<string, unknown>) => string;

export type SlaState = 'ok' | 'warning' | 'breached' | 'paused';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ms = (iso: string | null): number | null => {
  if (iso === null) return null;
  const value = Date.parse(iso);
  return Number.isNaN(value) ? null : value;
};

/** Breached once it ran out (paused or not); else paused; else a warning in its last quarter; else ok. */
export function slaState(timer: SlaTimer, now: number): SlaState {
  const due = ms(timer.dueAt);
  if (due !== null && due <= now) return 'breached';
  if (timer.paused) return 'paused';
  const warn = ms(timer.warnAt);
  return warn !== null && warn <= now ? 'warning' : 'ok';
}

/**
 * The time that matters for the badge, in ms: over the due time when breached, counting time left
 * when paused (null if the server gave none), else the time until it is due.
 */
export function slaTimeLeft(timer: SlaTimer, now: number): number | null {
  const due = ms(timer.dueAt);
  switch (slaState(timer, now)) {
    case 'breached':
      return now - (due ?? now);
    case 'paused':
      return timer.remainingMs;
    default:
      return due === null ? null : due - now;
  }
}

const SEVERITY: Record<SlaState, number> = { breached: 0, warning: 1, ok: 2, paused: 3 };

/**
 * The target to show when a row has room for one: the worst state first (breached, warning, ok,
 * paused), then the one due soonest (the most overdue among breached ones; least left among paused).
 */
export function mostUrgent(timers: readonly SlaTimer[], now: number): SlaTimer | null {
  let best: SlaTimer | null = null;
  let bestKey: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (const timer of timers) {
    const state = slaState(timer, now);
    const when =
      state === 'paused'
        ? (timer.remainingMs ?? Number.MAX_SAFE_INTEGER)
        : (ms(timer.dueAt) ?? Number.MAX_SAFE_INTEGER);
    const key: [number, number] = [SEVERITY[state], when];
    if (key[0] < bestKey[0] || (key[0] === bestKey[0] && key[1] < bestKey[1])) {
      best = timer;
      bestKey = key;
    }
  }
  return best;
}

/**
 * When the state of any of these targets changes next after `now` (reaching its warning or due
 * time), so a page can redraw at that moment rather than up to a tick later; null if none will.
 */
export function nextChange(timers: readonly SlaTimer[], now: number): number | null {
  let next: number | null = null;
  for (const timer of timers) {
    for (const at of [ms(timer.warnAt), ms(timer.dueAt)]) {
      if (at !== null && at > now && (next === null || at < next)) next = at;
    }
  }
  return next;
}

/**
 * A span of time as at most two units: "2h 15m" / "2 घं 15 मि" (short, for badges) or "2 h 15 min" /
 * "2 घंटे 15 मिनट" (long, for screen readers and sentences). Time left rounds up (a target with 20 s
 * left reads "1m", not "0m"); time over rounds down, and under a minute reads "<1m".
 */
export function formatSlaDuration(
  spanMs: number,
  t: T,
  language: string,
  { style = 'short', round = 'up' }: { style?: 'short' | 'long'; round?: 'up' | 'down' } = {},
): string {
  const n = (value: number) => new Intl.NumberFormat(intlLocale(language)).format(value);
  const unit = (name: 'days' | 'hours' | 'minutes', value: number) => {
    const singular = style === 'long' && value === 1;
    return t(`sla.timers.duration.${style}.${singular ? name.slice(0, -1) : name}`, { n: n(value) });
  };
  const span = Math.max(0, spanMs);
  const minutes = round === 'up' ? Math.ceil(span / MINUTE) : Math.floor(span / MINUTE);
  if (minutes < 1) return t(`sla.timers.duration.${style}.underMinute`);
  if (minutes < 60) return unit('minutes', minutes);
  const total = minutes * MINUTE;
  if (total < DAY) {
    const hours = Math.floor(total / HOUR);
    const rest = minutes % 60;
    return rest ? `${unit('hours', hours)} ${unit('minutes', rest)}` : unit('hours', hours);
  }
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  return hours ? `${unit('days', days)} ${unit('hours', hours)}` : unit('days', days);
}

/** The badge's text: "2h 15m", "overdue 35m", "paused · 3h left". */
export function slaBadgeText(timer: SlaTimer, now: number, t: T, language: string): string {
  const state = slaState(timer, now);
  const left = slaTimeLeft(timer, now);
  if (state === 'breached') {
    return t('sla.timers.badge.overdue', { time: formatSlaDuration(left ?? 0, t, language, { round: 'down' }) });
  }
  if (state === 'paused') {
    return left === null
      ? t('sla.timers.badge.paused')
      : t('sla.timers.badge.pausedLeft', { time: formatSlaDuration(left, t, language) });
  }
  return t('sla.timers.badge.left', { time: formatSlaDuration(left ?? 0, t, language) });
}

/** What a screen reader hears: "First reply due in 2 h 15 min", "Resolution overdue by 35 min". */
export function slaBadgeLabel(timer: SlaTimer, now: number, t: T, language: string): string {
  const state = slaState(timer, now);
  const left = slaTimeLeft(timer, now);
  const target = t(`sla.timers.metric.${timer.metric}`);
  const long = (round: 'up' | 'down') => formatSlaDuration(left ?? 0, t, language, { style: 'long', round });
  switch (state) {
    case 'breached':
      return t('sla.timers.label.overdue', { target, time: long('down') });
    case 'paused':
      return left === null
        ? t('sla.timers.label.paused', { target })
        : t('sla.timers.label.pausedLeft', { target, time: long('up') });
    case 'warning':
      return t('sla.timers.label.dueSoon', { target, time: long('up') });
    default:
      return t('sla.timers.label.due', { target, time: long('up') });
  }
}
