// What agents did on a ticket, folded from its event log: the input of the productivity metrics
// (replies sent, tickets touched, per agent per day; kpi.ts ACTIVITY_METRICS). Pure, like facts.ts:
// the ticket write path stores `activityOf(newEvents, team)` as events arrive (agent_activity rows,
// added to what is there), the rebuild stores `activityOf(wholeLog)`, and the tests prove both agree.
import type { TicketEvent } from '../tickets/events.js';

/**
 * Rows are per quarter hour: every time zone's offset is a whole number of quarter hours, so a
 * slot never straddles two local days or hours (an hour in UTC would: India is UTC+05:30).
 */
export const SLOT_MS = 15 * 60_000;

/** The kind of work an event is, or null when it is not an agent's work on the ticket. */
export type Act = 'reply' | 'note' | 'action';

/**
 * Which events count as an agent touching the ticket: anything a staff user did to it — a public
 * reply, an internal note, creating it (a phone call taken), changing its status, priority, type,
 * subject, team, requester, tags, fields or return details, (re)assigning it by hand, linking it to a
 * problem, merging it (both tickets). Not counted: the customer's messages (even when an agent keys
 * one in, the words are the customer's), system messages, following or unfollowing (watching is not
 * work), an assignment a rule chose, and whatever happens without a user (auto-close, inbound mail).
 */
export function actOf(e: TicketEvent): Act | null {
  if (e.actorUserId === null) return null;
  switch (e.type) {
    case 'public_reply':
      return 'reply';
    case 'internal_note':
      return 'note';
    case 'assigned':
      return e.data.rule ? null : 'action';
    case 'customer_message':
    case 'system_message':
    case 'follower_added':
    case 'follower_removed':
      return null;
    default:
      return 'action';
  }
}

/** One agent's work on one ticket in one quarter hour. */
export interface AgentActivity {
  userId: number;
  /** UTC ms, a multiple of SLOT_MS. */
  slotStart: number;
  /** The ticket's team at the agent's first act in the slot (for a move, the team it left). */
  teamId: number | null;
  replies: number;
  notes: number;
  actions: number;
}

/**
 * The activity in some events of one ticket, oldest first, by (agent, slot). `team`: the ticket's
 * team before the first of them (irrelevant when they start with "created").
 */
export function activityOf(events: readonly TicketEvent[], team: number | null = null): AgentActivity[] {
  const out = new Map<string, AgentActivity>();
  let current = team;
  for (const e of events) {
    if (e.type === 'created') current = e.data.teamId;
    const act = actOf(e);
    if (act !== null) {
      const slotStart = e.at - (((e.at % SLOT_MS) + SLOT_MS) % SLOT_MS);
      const key = `${e.actorUserId}:${slotStart}`;
      let a = out.get(key);
      if (!a) {
        a = { userId: e.actorUserId!, slotStart, teamId: current, replies: 0, notes: 0, actions: 0 };
        out.set(key, a);
      }
      if (act === 'reply') a.replies += 1;
      else if (act === 'note') a.notes += 1;
      else a.actions += 1;
    }
    if (e.type === 'team_changed') current = e.data.to;
  }
  return sortActivity([...out.values()]);
}

/** `later` added to `earlier` (the activity of the events after): what storing both rows gives. */
export function addActivity(earlier: readonly AgentActivity[], later: readonly AgentActivity[]): AgentActivity[] {
  const out = new Map(earlier.map((a) => [`${a.userId}:${a.slotStart}`, { ...a }]));
  for (const b of later) {
    const a = out.get(`${b.userId}:${b.slotStart}`);
    if (!a) out.set(`${b.userId}:${b.slotStart}`, { ...b });
    else {
      a.replies += b.replies;
      a.notes += b.notes;
      a.actions += b.actions;
    }
  }
  return sortActivity([...out.values()]);
}

function sortActivity(rows: AgentActivity[]): AgentActivity[] {
  return rows.sort((a, b) => a.slotStart - b.slotStart || a.userId - b.userId);
}
