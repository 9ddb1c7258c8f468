// Keeping each ticket's SLA timers as its events arrive: the ticket write path calls syncTicketSla in
// the command's transaction, which folds the log under the ticket's policy (timers.ts), stores the
// targets still owed, and hands back the met and breached events the log lacks. The sweep writes the
// breach of an owed target when its time runs out, without a command.
import { organisationTiers } from '../customers/service.js';
import type { Executor } from '../platform/db/index.js';
import type { TicketSlaRow } from '../platform/db/types.js';
import type { SlaOutcome, TicketEvent } from '../tickets/events.js';
import { ALWAYS } from './calendar.js';
import { calendarOfTeam } from './calendars.js';
import { slaPolicies } from './policies.js';
import { needsTier, type PolicyTicket, policyFor } from './policy.js';
import * as repo from './repo.js';
import { foldTimers, isLive, loggedOutcomes, newOutcomes, type SlaTimer } from './timers.js';

export interface OutcomeEvent {
  type: 'sla_met' | 'sla_breached';
  at: number;
  data: SlaOutcome;
}

/**
 * Brings the ticket's owed targets in line with its log (`loadLog` gives every event, the ones this
 * command is about to store included) and returns the outcome events to store with it, oldest first.
 * A ticket no policy applies to owes nothing.
 */
export async function syncTicketSla(
  db: Executor,
  ticketId: number,
  ticket: PolicyTicket & { teamId: number | null },
  loadLog: () => Promise<TicketEvent[]>,
  now: number,
  isNew: boolean,
): Promise<OutcomeEvent[]> {
  const policies = await slaPolicies(db);
  const organisationTier =
    ticket.organisationId !== null && needsTier(policies)
      ? ((await organisationTiers(db, [ticket.organisationId])).get(ticket.organisationId) ?? null)
      : null;
  const policy = policyFor(policies, { ...ticket, organisationTier });
  // A new ticket has no rows yet: nothing to read or replace.
  const stored = isNew ? [] : await repo.timersOfTicket(db, ticketId);
  if (!policy) {
    if (stored.length) await repo.replaceTimers(db, ticketId, []);
    return [];
  }
  const calendar = policy.businessHours ? await calendarOfTeam(db, ticket.teamId) : ALWAYS;
  const log = await loadLog();
  const timers = foldTimers(log, { policy, calendar });
  const logged = loggedOutcomes(log);
  const outcomes: OutcomeEvent[] = [];
  for (const o of newOutcomes(timers, logged, now)) {
    const row = stored.find((r) => r.metric === o.metric && r.cycle === o.cycle);
    // The sweep may have written this breach since the log was read: the row decides who writes it.
    if (o.type === 'sla_breached' && row && !(await repo.claimBreach(db, ticketId, o.metric, o.cycle))) continue;
    const { type, at, ...data } = o;
    outcomes.push({ type, at, data: { ...data, policyId: policy.id } });
  }
  const breachLogged = (t: SlaTimer) =>
    logged.has(`sla_breached:${t.metric}:${t.cycle}`) ||
    outcomes.some((o) => o.type === 'sla_breached' && o.data.metric === t.metric && o.data.cycle === t.cycle);
  // One row per kind: its latest instance, while owed.
  const latest = new Map<string, SlaTimer>();
  for (const t of timers) latest.set(t.metric, t);
  const rows = [...latest.values()].filter(isLive).map((t) => ({
    ticket_id: ticketId,
    metric: t.metric,
    cycle: t.cycle,
    policy_id: policy.id,
    target_minutes: t.targetMinutes,
    started_at: t.startedAt,
    paused: t.state === 'paused' ? (1 as const) : (0 as const),
    due_at: t.dueAt,
    remaining_ms: t.remainingMs,
    warn_at: t.warnAt,
    breach_logged: breachLogged(t) ? (1 as const) : (0 as const),
  }));
  if (isNew) await repo.insertTimers(db, rows);
  else if (rows.length || stored.length) await repo.replaceTimers(db, ticketId, rows);
  return outcomes;
}

/** An owed target as the ticket and lists show it (ISO times; the client counts down itself). */
export interface TimerView {
  metric: TicketSlaRow['metric'];
  targetMinutes: number;
  startedAt: string;
  /** Stopped by a pausing status (or, for a reply target, by solving). */
  paused: boolean;
  /** When it runs or ran out; null while paused before that. */
  dueAt: string | null;
  /** From when lists show it as a warning (a quarter of the target left). */
  warnAt: string | null;
  /** Paused before running out: the counting time left, in ms. */
  remainingMs: number | null;
}

export type TimerState = 'ok' | 'warning' | 'breached' | 'paused';

/** ok: counting with more than a quarter left; warning: less; breached: ran out; paused: stopped. */
export function timerState(r: Pick<TicketSlaRow, 'due_at' | 'warn_at' | 'paused'>, now: number): TimerState {
  if (r.due_at !== null && r.due_at <= now) return 'breached';
  if (r.paused) return 'paused';
  return r.warn_at !== null && r.warn_at <= now ? 'warning' : 'ok';
}

const ORDER: TicketSlaRow['metric'][] = ['first_reply', 'next_reply', 'resolution'];
const isoOf = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The owed targets of each ticket, in a fixed order (first reply, next reply, resolution). */
export async function timerViews(db: Executor, ticketIds: number[]): Promise<Map<number, TimerView[]>> {
  const out = new Map<number, TimerView[]>();
  const rows = await repo.timersOfTickets(db, ticketIds);
  rows.sort((a, b) => ORDER.indexOf(a.metric) - ORDER.indexOf(b.metric));
  for (const r of rows) {
    const view: TimerView = {
      metric: r.metric,
      targetMinutes: r.target_minutes,
      startedAt: new Date(r.started_at).toISOString(),
      paused: r.paused === 1,
      dueAt: isoOf(r.due_at),
      warnAt: isoOf(r.warn_at),
      remainingMs: r.remaining_ms,
    };
    out.set(r.ticket_id, [...(out.get(r.ticket_id) ?? []), view]);
  }
  return out;
}
