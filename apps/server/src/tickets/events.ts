// The ticket event log: what each event carries, and the pure fold that derives a ticket's
// denormalised fields from its events. The service writes both in one transaction; the property test
// (events.test.ts) proves that folding the log gives back the row.
import type { SurveyKind, TicketChannel, TicketPriority, TicketStatus, TicketType } from '../platform/db/types.js';
import type { FieldValuesDto, ReturnDto } from './schema.js';

export type FieldValue = FieldValuesDto[string];

/** Event payloads by type. Field names are camelCase; "from"/"to" pairs record both sides. */
export interface EventPayloads {
  created: {
    number: number;
    subject: string;
    status: TicketStatus;
    priority: TicketPriority;
    type: TicketType;
    channel: TicketChannel;
    requesterId: number;
    organisationId: number | null;
    assigneeId: number | null;
    teamId: number | null;
    tags: string[];
    fields: Record<string, FieldValue>;
    returnDetails: ReturnDto | null;
  };
  subject_changed: { from: string; to: string };
  status_changed: { from: TicketStatus; to: TicketStatus };
  priority_changed: { from: TicketPriority; to: TicketPriority };
  type_changed: { from: TicketType; to: TicketType };
  /** `rule` names the automatic assignment that chose the agent, if any. */
  assigned: { from: number | null; to: number | null; rule?: 'round_robin' | 'fewest_open' };
  team_changed: { from: number | null; to: number | null };
  requester_changed: { from: number; to: number; organisationId: number | null };
  tags_changed: { added: string[]; removed: string[] };
  field_changed: { key: string; from: FieldValue; to: FieldValue };
  return_changed: { from: ReturnDto | null; to: ReturnDto | null };
  public_reply: { messageId: number };
  internal_note: { messageId: number; mentions: number[] };
  customer_message: { messageId: number };
  system_message: { messageId: number };
  /** Ticket ids; `toNumber` names the problem for people reading the history. */
  problem_linked: { from: number | null; to: number | null; toNumber?: number | null };
  /** On the ticket that was merged away. */
  merged: { into: number; intoNumber: number; messages: number };
  /** On the ticket that lives on. */
  merged_in: { from: number; fromNumber: number; messages: number };
  follower_added: { userId: number };
  follower_removed: { userId: number };
  /** An agent applied a macro (its own changes and reply are events of the same command). */
  macro_applied: { macroId: number; name: string };
  /**
   * A trigger or a time rule acted on the ticket; the changes it made follow as events of their own
   * (by no person: actor null).
   */
  automation_applied: { kind: 'trigger' | 'time_rule'; ruleId: number; name: string };
  /** The chain of triggers reached its depth bound: these would have run next and did not. */
  automation_stopped: { kind: 'trigger'; depth: number; ruleIds: number[] };
  /**
   * Moved up the support tiers, by a person (with their reason) or by an escalation rule (`ruleId`).
   * A move to another team is also its own team_changed event.
   */
  escalated: {
    fromTier: number | null;
    toTier: number;
    fromTeamId: number | null;
    toTeamId: number | null;
    reason: string;
    ruleId: number | null;
  };
  /**
   * An SLA target was reached in time (`at` is when: the reply, the solve). Written by the SLA
   * domain, never by a person; `cycle` counts next-reply targets (1 for the others).
   */
  sla_met: SlaOutcome;
  /** An SLA target's time ran out (`at` is the moment it did, `dueAt`). */
  sla_breached: SlaOutcome;
  /**
   * A survey went to the customer: CSAT about this solve (`cycle`: the ticket's reopen count then), or
   * an NPS round's, attributed to the customer's latest solved ticket of the round.
   */
  survey_sent: { surveyId: number; kind: SurveyKind; cycle: number; to: string };
  /** The customer answered it (again: `previousScore` is the answer this one replaces). */
  survey_answered: {
    surveyId: number;
    kind: SurveyKind;
    score: number;
    comment: string | null;
    previousScore: number | null;
  };
}

export type SlaMetric = 'first_reply' | 'next_reply' | 'resolution';
export interface SlaOutcome {
  metric: SlaMetric;
  cycle: number;
  policyId: number;
  targetMinutes: number;
  dueAt: number;
}

export type EventType = keyof EventPayloads;
export const eventTypes = [
  'created',
  'subject_changed',
  'status_changed',
  'priority_changed',
  'type_changed',
  'assigned',
  'team_changed',
  'requester_changed',
  'tags_changed',
  'field_changed',
  'return_changed',
  'public_reply',
  'internal_note',
  'customer_message',
  'system_message',
  'problem_linked',
  'merged',
  'merged_in',
  'follower_added',
  'follower_removed',
  'macro_applied',
  'automation_applied',
  'automation_stopped',
  'escalated',
  'sla_met',
  'sla_breached',
  'survey_sent',
  'survey_answered',
] as const satisfies readonly EventType[];

export type TicketEvent = {
  [K in EventType]: {
    type: K;
    data: EventPayloads[K];
    version: number;
    at: number;
    actorUserId: number | null;
    actorCustomerId: number | null;
  };
}[EventType];

/** A stored event row as the fold reads it. */
export function eventOfRow(r: {
  type: string;
  data: string;
  version: number;
  created_at: number;
  actor_user_id: number | null;
  actor_customer_id: number | null;
}): TicketEvent {
  return {
    type: r.type,
    data: JSON.parse(r.data),
    version: r.version,
    at: r.created_at,
    actorUserId: r.actor_user_id,
    actorCustomerId: r.actor_customer_id,
  } as TicketEvent;
}

/** A new event before it is stored. */
export type PendingEvent = { [K in EventType]: { type: K; data: EventPayloads[K] } }[EventType];

/** The ticket fields that are derived from the event log. */
export interface DerivedTicket {
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  channel: TicketChannel;
  requesterId: number;
  organisationId: number | null;
  assigneeId: number | null;
  teamId: number | null;
  tags: string[];
  fields: Record<string, FieldValue>;
  returnDetails: ReturnDto | null;
  problemId: number | null;
  mergedIntoId: number | null;
  version: number;
  messageCount: number;
  replyCount: number;
  reopenCount: number;
  firstReplyAt: number | null;
  lastReplyAt: number | null;
  lastCustomerMessageAt: number | null;
  solvedAt: number | null;
  closedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** Applies one event to the derived state (pure; `state` is null only before "created"). */
export function applyEvent(state: DerivedTicket | null, e: TicketEvent): DerivedTicket {
  if (e.type === 'created') {
    const d = e.data;
    return {
      number: d.number,
      subject: d.subject,
      status: d.status,
      priority: d.priority,
      type: d.type,
      channel: d.channel,
      requesterId: d.requesterId,
      organisationId: d.organisationId,
      assigneeId: d.assigneeId,
      teamId: d.teamId,
      tags: [...d.tags].sort(),
      fields: { ...d.fields },
      returnDetails: d.returnDetails,
      problemId: null,
      mergedIntoId: null,
      version: e.version,
      messageCount: 0,
      replyCount: 0,
      reopenCount: 0,
      firstReplyAt: null,
      lastReplyAt: null,
      lastCustomerMessageAt: null,
      solvedAt: d.status === 'solved' ? e.at : null,
      closedAt: null,
      createdAt: e.at,
      updatedAt: e.at,
    };
  }
  if (!state) throw new Error(`event ${e.type} before "created"`);
  // The SLA's record of what time did to a ticket: neither a change to it nor an update by anyone.
  if (e.type === 'sla_met' || e.type === 'sla_breached') return state;
  // Surveys record what the customer thought of it afterwards: not a change to the ticket either.
  if (e.type === 'survey_sent' || e.type === 'survey_answered') return state;
  const s: DerivedTicket = { ...state, version: Math.max(state.version, e.version), updatedAt: e.at };
  switch (e.type) {
    case 'subject_changed':
      s.subject = e.data.to;
      break;
    case 'status_changed':
      s.status = e.data.to;
      if (e.data.to === 'solved') s.solvedAt = e.at;
      if (e.data.to === 'closed') s.closedAt = e.at;
      if (e.data.from === 'solved' && e.data.to !== 'closed') s.reopenCount += 1;
      break;
    case 'priority_changed':
      s.priority = e.data.to;
      break;
    case 'type_changed':
      s.type = e.data.to;
      break;
    case 'assigned':
      s.assigneeId = e.data.to;
      break;
    case 'team_changed':
      s.teamId = e.data.to;
      break;
    case 'requester_changed':
      s.requesterId = e.data.to;
      s.organisationId = e.data.organisationId;
      break;
    case 'tags_changed': {
      const tags = new Set(s.tags);
      for (const t of e.data.removed) tags.delete(t);
      for (const t of e.data.added) tags.add(t);
      s.tags = [...tags].sort();
      break;
    }
    case 'field_changed': {
      const fields = { ...s.fields };
      if (e.data.to === null) delete fields[e.data.key];
      else fields[e.data.key] = e.data.to;
      s.fields = fields;
      break;
    }
    case 'return_changed':
      s.returnDetails = e.data.to;
      break;
    case 'public_reply':
      s.messageCount += 1;
      s.replyCount += 1;
      s.firstReplyAt ??= e.at;
      s.lastReplyAt = e.at;
      break;
    case 'internal_note':
    case 'system_message':
      s.messageCount += 1;
      break;
    case 'customer_message':
      s.messageCount += 1;
      s.lastCustomerMessageAt = e.at;
      break;
    case 'problem_linked':
      s.problemId = e.data.to;
      break;
    case 'merged':
      // Its conversation moved to the surviving ticket.
      s.mergedIntoId = e.data.into;
      s.messageCount = 0;
      break;
    case 'merged_in':
      s.messageCount += e.data.messages;
      break;
    case 'follower_added':
    case 'follower_removed':
    case 'macro_applied':
    case 'automation_applied':
    case 'automation_stopped':
    case 'escalated':
      break;
  }
  return s;
}

/** Folds a whole log (oldest first) into the derived ticket. */
export function foldEvents(events: readonly TicketEvent[]): DerivedTicket {
  let state: DerivedTicket | null = null;
  for (const e of events) state = applyEvent(state, e);
  if (!state) throw new Error('a ticket has at least its "created" event');
  return state;
}

// ---------- the status machine ----------

/**
 * Which status changes a person may make. "new" is only ever the first status; "closed" is final and
 * reached from "solved" (by hand, or by the auto-close job some days after solving).
 */
export function statusChangeAllowed(from: TicketStatus, to: TicketStatus): boolean {
  if (from === to) return true;
  if (from === 'closed') return false;
  if (to === 'new') return false;
  if (to === 'closed') return from === 'solved';
  return true;
}
