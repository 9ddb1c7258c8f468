// The facts of one ticket that every KPI is computed from, folded from its event log. The fold is
// pure and incremental: `applyFactEvent(facts, event)` is what the ticket write path runs as events
// arrive (the stored ticket_facts row is its state), and `foldFacts(events)` recomputes the same
// from a whole log. The property test proves both agree, and the KPI functions (kpi.ts) read facts
// only, so "the fast query path" and "the definition" cannot drift apart.
import type { TicketChannel, TicketPriority, TicketStatus, TicketType } from '../platform/db/types.js';
import type { TicketEvent } from '../tickets/events.js';

/** Statuses in which the requester is waiting on us (requester wait time). Pending waits on them. */
export const WAITING_STATUSES: readonly TicketStatus[] = ['new', 'open', 'on_hold'];
export const UNSOLVED_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];

/**
 * Bump when the fold or the facts change meaning, or the activity (activity.ts): the server then
 * recomputes every ticket's facts and activity from its events in the background (analytics/jobs.ts).
 * 2: agent activity added. 3: wait spans. 4: SLA outcomes.
 * 5: CSAT surveys (surveySent, csatScore).
 * 6: NPS surveys attributed to the customer's latest solved ticket (npsSent, npsScore).
 */
export const FACTS_VERSION = 6;

/** An SLA target's outcome in the facts: none yet, met, or breached (a breach wins over an earlier met). */
export const SLA_NONE = 0;
export const SLA_MET = 1;
export const SLA_BREACHED = 2;

export interface TicketFacts {
  createdAt: number;
  // Dimensions: the ticket's current values.
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  channel: TicketChannel;
  assigneeId: number | null;
  teamId: number | null;
  organisationId: number | null;
  tags: string[];
  /** When the current status began. */
  statusSince: number;
  /** First public reply by an agent, and who wrote it. */
  firstReplyAt: number | null;
  firstReplyBy: number | null;
  /** Public replies by agents. */
  replies: number;
  /** The last time it was solved (kept when reopened), and by whom. */
  solvedAt: number | null;
  solvedBy: number | null;
  /** solved → open (or pending, on-hold) transitions. */
  reopens: number;
  /** Time spent in WAITING_STATUSES before the current status began. */
  waitMs: number;
  /**
   * The same time as stretches [from, to), in ms after createdAt (short numbers to store), so it can
   * be counted in business hours; waitMs is their total.
   */
  waitSpans: [number, number][];
  /** Merged into another ticket: a duplicate, not a resolution. */
  mergedAway: boolean;
  /** SLA outcomes from the sla_met / sla_breached events: SLA_NONE, SLA_MET or SLA_BREACHED. */
  slaFirstReply: number;
  slaResolution: number;
  /** Next-reply waits that were met, and that breached. */
  slaNextReplyMet: number;
  slaNextReplyBreached: number;
  /**
   * CSAT of the latest solve. The survey job sends one survey per solve (its `cycle` is the reopen
   * count then), so the facts follow the solve that counts for the `solved` anchor: `surveySent`
   * turns true at a survey_sent event, `csatScore` is the latest survey_answered score while that
   * survey is out (a changed answer replaces the earlier one). A reopen (the same transition that
   * counts in `reopens`) clears both: the earlier solve's opinion does not speak for the next one,
   * and an answer to the old survey while none is out for the new solve is not counted (one that
   * comes after the new survey went out would be: the facts keep no survey ids).
   */
  surveySent: boolean;
  /** 1–5, or null: not answered (or not asked) since the latest reopen. */
  csatScore: number | null;
  /**
   * NPS: an NPS round attributes its survey to the customer's latest solved ticket of the period.
   * `npsSent` turns true at its survey_sent event, `npsScore` is the latest survey_answered score of
   * an NPS survey (a changed answer replaces the earlier one). A reopen clears neither: the question
   * is about the company, not about the solve.
   */
  npsSent: boolean;
  /** 0–10, or null: not answered (or not asked). */
  npsScore: number | null;
}

export function applyFactEvent(f: TicketFacts | null, e: TicketEvent): TicketFacts {
  if (e.type === 'created') {
    const d = e.data;
    return {
      createdAt: e.at,
      status: d.status,
      priority: d.priority,
      type: d.type,
      channel: d.channel,
      assigneeId: d.assigneeId,
      teamId: d.teamId,
      organisationId: d.organisationId,
      tags: [...new Set(d.tags)].sort(),
      statusSince: e.at,
      firstReplyAt: null,
      firstReplyBy: null,
      replies: 0,
      solvedAt: d.status === 'solved' ? e.at : null,
      solvedBy: d.status === 'solved' ? e.actorUserId : null,
      reopens: 0,
      waitMs: 0,
      waitSpans: [],
      mergedAway: false,
      slaFirstReply: SLA_NONE,
      slaResolution: SLA_NONE,
      slaNextReplyMet: 0,
      slaNextReplyBreached: 0,
      surveySent: false,
      csatScore: null,
      npsSent: false,
      npsScore: null,
    };
  }
  if (!f) throw new Error(`event ${e.type} before "created"`);
  const n: TicketFacts = { ...f };
  switch (e.type) {
    case 'status_changed': {
      const { from, to } = e.data;
      if (from === to) break;
      if (WAITING_STATUSES.includes(f.status) && e.at > f.statusSince) {
        n.waitMs += e.at - f.statusSince;
        n.waitSpans = [...f.waitSpans, [f.statusSince - f.createdAt, e.at - f.createdAt]];
      }
      n.status = to;
      n.statusSince = e.at;
      if (to === 'solved') {
        n.solvedAt = e.at;
        n.solvedBy = e.actorUserId;
      }
      if (from === 'solved' && to !== 'closed') {
        n.reopens += 1;
        n.surveySent = false;
        n.csatScore = null;
      }
      break;
    }
    case 'public_reply':
      if (e.actorUserId === null) break;
      n.replies += 1;
      if (n.firstReplyAt === null) {
        n.firstReplyAt = e.at;
        n.firstReplyBy = e.actorUserId;
      }
      break;
    case 'priority_changed':
      n.priority = e.data.to;
      break;
    case 'type_changed':
      n.type = e.data.to;
      break;
    case 'assigned':
      n.assigneeId = e.data.to;
      break;
    case 'team_changed':
      n.teamId = e.data.to;
      break;
    case 'requester_changed':
      n.organisationId = e.data.organisationId;
      break;
    case 'tags_changed': {
      const tags = new Set(f.tags);
      for (const t of e.data.removed) tags.delete(t);
      for (const t of e.data.added) tags.add(t);
      n.tags = [...tags].sort();
      break;
    }
    case 'merged':
      n.mergedAway = true;
      break;
    case 'sla_met':
    case 'sla_breached': {
      const outcome = e.type === 'sla_met' ? SLA_MET : SLA_BREACHED;
      if (e.data.metric === 'first_reply') n.slaFirstReply = Math.max(f.slaFirstReply, outcome);
      else if (e.data.metric === 'resolution') n.slaResolution = Math.max(f.slaResolution, outcome);
      else if (outcome === SLA_MET) n.slaNextReplyMet += 1;
      else n.slaNextReplyBreached += 1;
      break;
    }
    case 'survey_sent':
      if (e.data.kind === 'csat') n.surveySent = true;
      else n.npsSent = true;
      break;
    case 'survey_answered':
      if (e.data.kind === 'csat') {
        if (f.surveySent) n.csatScore = e.data.score;
      } else n.npsScore = e.data.score;
      break;
    default:
      break;
  }
  return n;
}

/** Facts from a whole log, oldest event first. */
export function foldFacts(events: readonly TicketEvent[]): TicketFacts {
  let f: TicketFacts | null = null;
  for (const e of events) f = applyFactEvent(f, e);
  if (!f) throw new Error('a ticket has at least its "created" event');
  return f;
}
