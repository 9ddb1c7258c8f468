// A ticket's SLA timers, folded from its event log under one policy and one calendar: pure, so the
// write path, the recompute after a policy change, imports and the tests all agree.
//
// The clock of a target counts while the ticket is in a status the policy does not pause on and is
// not solved or closed; in business hours it counts only the calendar's working time. A target is
// due at the moment its counted time reaches the target. Three kinds:
// - first_reply: from creation to the first public reply by an agent;
// - next_reply: from a customer's message (after the first reply, while no next reply is owed) to
//   the agent's next public reply; each such wait is a cycle of its own;
// - resolution: from creation to solved. Reopening the ticket lets the same clock count on, so a
//   ticket solved in time and reopened can still breach later.
// Solving stops the reply clocks without a verdict; a reply target is judged only by a reply (or by
// running out). The targets are those of the ticket's priority now: raising the priority measures
// the whole wait against the stricter target, as a customer would.
import type { TicketStatus } from '../platform/db/types.js';
import type { SlaMetric, TicketEvent } from '../tickets/events.js';
import { addBusinessMs, type BusinessCalendar, businessMsBetween } from './calendar.js';
import { type SlaPolicy, targetsFor } from './policy.js';

export const SLA_METRICS: readonly SlaMetric[] = ['first_reply', 'next_reply', 'resolution'];
const TARGET_KEY = { first_reply: 'firstReply', next_reply: 'nextReply', resolution: 'resolution' } as const;
const MIN = 60_000;

/**
 * running: counting now; paused: stopped by a pausing status (or, for reply targets, by the ticket
 * being solved: `stopped`); met: done in time; missed: done after it breached.
 */
export type TimerState = 'running' | 'paused' | 'stopped' | 'met' | 'missed';

export interface SlaTimer {
  metric: SlaMetric;
  cycle: number;
  targetMinutes: number;
  startedAt: number;
  state: TimerState;
  /**
   * When the target runs (or ran) out: the moment of the breach when it happened, else where the
   * clock reaches the target if it counts on from now (running) or from completion (met). Null
   * while paused or stopped before breaching.
   */
  dueAt: number | null;
  /** Paused or stopped before breaching: the counting time left, in ms. */
  remainingMs: number | null;
  /** The reply or the solve that ended it. */
  completedAt: number | null;
  /** Running: when a quarter of the target is left (lists show a warning from then). */
  warnAt: number | null;
}

/** The share of a target after which a running timer warns. */
export const WARN_SHARE = 0.75;

/** What decides a ticket's clocks besides its events. */
export interface TimerRules {
  policy: Pick<SlaPolicy, 'targets' | 'pauseOn'>;
  /** The ticket team's calendar for business-hours policies; `ALWAYS` for calendar hours. */
  calendar: BusinessCalendar;
}

/** One stretch of the ticket's life in one status; `to` is Infinity for the current one. */
interface Stretch {
  from: number;
  to: number;
  status: TicketStatus;
}

function stretchesOf(events: readonly TicketEvent[]): Stretch[] {
  const out: Stretch[] = [];
  for (const e of events) {
    if (e.type === 'created') out.push({ from: e.at, to: Number.POSITIVE_INFINITY, status: e.data.status });
    else if (e.type === 'status_changed' && e.data.from !== e.data.to && out.length) {
      out[out.length - 1]!.to = e.at;
      out.push({ from: e.at, to: Number.POSITIVE_INFINITY, status: e.data.to });
    }
  }
  return out;
}

const DONE: readonly TicketStatus[] = ['solved', 'closed'];

/** The first working moment at or after `t` (the calendar's working time starts there). */
const firstWorking = (cal: BusinessCalendar, t: number) => addBusinessMs(cal, t, 1) - 1;

/**
 * Walks the counting stretches of [start, end) and returns the breach moment if the counted time
 * reaches `targetMs` in them, else the counted time. Reaching the target exactly as the clock stops
 * is a breach when a pausing status stops it, and not (yet) when the reply at `end` or a solve does:
 * a reply exactly at the due time is in time. Should the clock count again after that (a reopen), the
 * target runs out at its first working moment.
 */
function walk(
  stretches: readonly Stretch[],
  counts: (s: TicketStatus) => boolean,
  cal: BusinessCalendar,
  start: number,
  end: number,
  targetMs: number,
): { breachAt: number } | { counted: number } {
  let counted = 0;
  for (const [k, s] of stretches.entries()) {
    const a = Math.max(s.from, start);
    const b = Math.min(s.to, end);
    if (b <= a || !counts(s.status)) continue;
    const left = targetMs - counted;
    // An open stretch (b infinite) always reaches the target: that is its due time.
    if (b === Number.POSITIVE_INFINITY)
      return { breachAt: left > 0 ? addBusinessMs(cal, a, left) : firstWorking(cal, a) };
    const here = businessMsBetween(cal, a, b);
    if (left === 0) {
      if (here > 0) return { breachAt: firstWorking(cal, a) };
      continue;
    }
    if (here > left) return { breachAt: addBusinessMs(cal, a, left) };
    if (here === left) {
      // Used up within the stretch: in time only if the reply or the solve comes at that very moment.
      const at = addBusinessMs(cal, a, left);
      const completes = b === end || DONE.includes(stretches[k + 1]?.status ?? 'open');
      if (!completes || at < b) return { breachAt: at };
    }
    counted += here;
  }
  return { counted };
}

/** Every target instance of the ticket, oldest first; empty when the policy sets none for its priority. */
export function foldTimers(events: readonly TicketEvent[], rules: TimerRules): SlaTimer[] {
  if (!events.length || events[0]!.type !== 'created') return [];
  let priority = events[0]!.data.priority;
  for (const e of events) if (e.type === 'priority_changed') priority = e.data.to;
  const targets = targetsFor(rules.policy, priority);
  const pausing = new Set<TicketStatus>(rules.policy.pauseOn);
  const stretches = stretchesOf(events);
  const current = stretches.at(-1)!.status;
  const counts = (s: TicketStatus) => !pausing.has(s) && !DONE.includes(s);

  // Each instance: its start, and its end (the reply) or null while it is owed.
  const instances: { metric: SlaMetric; cycle: number; start: number; end: number | null }[] = [];
  const createdAt = events[0]!.at;
  let firstReplyAt: number | null = null;
  let owedSince: number | null = null;
  let cycle = 0;
  const nextReplies: { cycle: number; start: number; end: number | null }[] = [];
  for (const e of events) {
    if (e.type === 'public_reply' && e.actorUserId !== null) {
      if (firstReplyAt === null) firstReplyAt = e.at;
      else if (owedSince !== null) nextReplies[nextReplies.length - 1]!.end = e.at;
      owedSince = null;
    } else if (e.type === 'customer_message' && firstReplyAt !== null && owedSince === null) {
      owedSince = e.at;
      cycle += 1;
      nextReplies.push({ cycle, start: e.at, end: null });
    }
  }
  if (targets.firstReply) instances.push({ metric: 'first_reply', cycle: 1, start: createdAt, end: firstReplyAt });
  if (targets.nextReply) for (const n of nextReplies) instances.push({ metric: 'next_reply', ...n });

  const out: SlaTimer[] = [];
  for (const i of instances) {
    const targetMinutes = targets[TARGET_KEY[i.metric]]!;
    const targetMs = targetMinutes * MIN;
    const base = { metric: i.metric, cycle: i.cycle, targetMinutes, startedAt: i.start };
    const r = walk(stretches, counts, rules.calendar, i.start, i.end ?? Number.POSITIVE_INFINITY, targetMs);
    if (i.end !== null) {
      if ('breachAt' in r)
        out.push({ ...base, state: 'missed', dueAt: r.breachAt, remainingMs: null, completedAt: i.end, warnAt: null });
      else {
        const dueAt = addBusinessMs(rules.calendar, i.end, targetMs - r.counted);
        out.push({ ...base, state: 'met', dueAt, remainingMs: null, completedAt: i.end, warnAt: null });
      }
    } else if ('breachAt' in r) {
      // Breached (or, counting now, due): running when the clock counts at present.
      const state = counts(current) ? 'running' : DONE.includes(current) ? 'stopped' : 'paused';
      out.push({ ...base, state, dueAt: r.breachAt, remainingMs: null, completedAt: null, warnAt: null });
    } else {
      const state = DONE.includes(current) ? 'stopped' : 'paused';
      out.push({ ...base, state, dueAt: null, remainingMs: targetMs - r.counted, completedAt: null, warnAt: null });
    }
  }

  if (targets.resolution) {
    const targetMinutes = targets.resolution;
    const base = { metric: 'resolution' as const, cycle: 1, targetMinutes, startedAt: createdAt };
    const r = walk(stretches, counts, rules.calendar, createdAt, Number.POSITIVE_INFINITY, targetMinutes * MIN);
    if (DONE.includes(current)) {
      // Solved now: when it was solved last (closing later does not move it).
      const solvedAt = [...stretches].reverse().find((s) => s.status === 'solved')?.from ?? stretches.at(-1)!.from;
      if ('breachAt' in r && r.breachAt <= solvedAt) {
        out.push({
          ...base,
          state: 'missed',
          dueAt: r.breachAt,
          remainingMs: null,
          completedAt: solvedAt,
          warnAt: null,
        });
      } else {
        const counted = 'counted' in r ? r.counted : targetMinutes * MIN;
        const dueAt = addBusinessMs(rules.calendar, solvedAt, targetMinutes * MIN - counted);
        out.push({ ...base, state: 'met', dueAt, remainingMs: null, completedAt: solvedAt, warnAt: null });
      }
    } else if ('breachAt' in r) {
      out.push({
        ...base,
        state: counts(current) ? 'running' : 'paused',
        dueAt: r.breachAt,
        remainingMs: null,
        completedAt: null,
        warnAt: null,
      });
    } else {
      out.push({
        ...base,
        state: 'paused',
        dueAt: null,
        remainingMs: targetMinutes * MIN - r.counted,
        completedAt: null,
        warnAt: null,
      });
    }
  }
  for (const t of out) {
    if (t.state !== 'running') continue;
    const w = walk(
      stretches,
      counts,
      rules.calendar,
      t.startedAt,
      Number.POSITIVE_INFINITY,
      t.targetMinutes * MIN * WARN_SHARE,
    );
    t.warnAt = 'breachAt' in w ? w.breachAt : null;
  }
  return out;
}

/** Still owed: the timers a ticket shows and the sweep watches. */
export const isLive = (t: SlaTimer) => t.state === 'running' || t.state === 'paused';

/** Whether the target has run out by `now` (a met target never has). */
export const hasBreached = (t: SlaTimer, now: number) => t.state !== 'met' && t.dueAt !== null && t.dueAt <= now;

export interface Outcome {
  type: 'sla_met' | 'sla_breached';
  at: number;
  metric: SlaMetric;
  cycle: number;
  targetMinutes: number;
  dueAt: number;
}

/**
 * The outcome events the timers call for by `now` that the log does not hold yet: a breach at the
 * moment it happened, a met target at its reply or solve. Oldest first.
 */
export function newOutcomes(timers: readonly SlaTimer[], logged: ReadonlyMap<string, number>, now: number): Outcome[] {
  const out: Outcome[] = [];
  for (const t of timers) {
    const base = { metric: t.metric, cycle: t.cycle, targetMinutes: t.targetMinutes, dueAt: t.dueAt! };
    const met = logged.get(outcomeKey('sla_met', t.metric, t.cycle));
    const breached = logged.has(outcomeKey('sla_breached', t.metric, t.cycle));
    // What the log says stands: a target met stays met even if a stricter policy would now say it
    // ran out before (only a resolution reopened after it was met can still breach, later).
    if (hasBreached(t, now) && !breached && (met === undefined || t.dueAt! > met)) {
      out.push({ type: 'sla_breached', at: t.dueAt!, ...base });
    }
    if (t.state === 'met' && met === undefined && !breached) out.push({ type: 'sla_met', at: t.completedAt!, ...base });
  }
  return out.sort((a, b) => a.at - b.at);
}

export const outcomeKey = (type: string, metric: SlaMetric, cycle: number) => `${type}:${metric}:${cycle}`;

/** The outcomes already in a log: `outcomeKey` → when (the first of each). */
export function loggedOutcomes(events: readonly TicketEvent[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'sla_met' && e.type !== 'sla_breached') continue;
    const key = outcomeKey(e.type, e.data.metric, e.data.cycle);
    if (!out.has(key)) out.set(key, e.at);
  }
  return out;
}
