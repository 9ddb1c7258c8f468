// SLA targets in the editor and in words: the pure parts of the policy screens.
import type { TicketPriority } from '../tickets/api';
import { SLA_METRICS, type SlaMetric, type SlaPolicy } from './api';

const HOUR = 60;
const DAY = 24 * HOUR;

/** Hours and minutes of a target, for the editor's two inputs. */
export function splitMinutes(minutes: number): { hours: number; minutes: number } {
  return { hours: Math.floor(minutes / HOUR), minutes: minutes % HOUR };
}

/**
 * The minutes the editor's inputs say; `undefined` when both are empty (no target). Whatever was
 * typed is sent as it is, so the server's message explains a zero or a fraction.
 */
export function joinMinutes(hours: number | '', minutes: number | ''): number | undefined {
  if (hours === '' && minutes === '') return undefined;
  return (hours === '' ? 0 : hours) * HOUR + (minutes === '' ? 0 : minutes);
}

export type DurationPart = { unit: 'days' | 'hours' | 'minutes'; n: number };

/**
 * A target as a person says it: whole days from two days up ("3 days"), else hours and minutes
 * ("24 h", "1 h 30 min", "45 min").
 */
export function durationParts(minutes: number): DurationPart[] {
  if (minutes >= 2 * DAY && minutes % DAY === 0) return [{ unit: 'days', n: minutes / DAY }];
  const { hours, minutes: rest } = splitMinutes(minutes);
  const parts: DurationPart[] = [];
  if (hours) parts.push({ unit: 'hours', n: hours });
  if (rest || !hours) parts.push({ unit: 'minutes', n: rest });
  return parts;
}

/** Most pressing first, as the list shows them. */
const BY_URGENCY: TicketPriority[] = ['urgent', 'high', 'normal', 'low'];

export interface TargetLine {
  /** `null`: the same targets for every priority. */
  priority: TicketPriority | null;
  targets: { metric: SlaMetric; minutes: number }[];
}

/** The policy's targets line by line: one line when every priority has the same, else one per priority. */
export function targetLines(targets: SlaPolicy['targets']): TargetLine[] {
  const lineOf = (priority: TicketPriority) =>
    SLA_METRICS.flatMap((metric) => {
      const minutes = targets[priority]?.[metric];
      return minutes === undefined ? [] : [{ metric, minutes }];
    });
  const lines = BY_URGENCY.map((priority) => ({ priority, targets: lineOf(priority) }));
  const first = JSON.stringify(lines[0]!.targets);
  if (lines[0]!.targets.length && lines.every((l) => JSON.stringify(l.targets) === first)) {
    return [{ priority: null, targets: lines[0]!.targets }];
  }
  return lines.filter((l) => l.targets.length > 0);
}
