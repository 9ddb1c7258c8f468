// Request and response schemas of escalation: the manual escalate action, the escalations view and
// escalation rules.
import { z } from 'zod';
import { Tier } from '../people/schema.js';
import { TicketEnvelope, TicketPriority } from '../tickets/schema.js';

const Id = z.number().int().positive();

// ---------- escalate a ticket ----------

export const EscalateBody = z.object({
  /** The ticket version the agent read: a stale one gets 409. */
  version: z.number().int().positive(),
  /** Why, for the next tier (3–500 characters). */
  reason: z.string({ error: 'reason_length' }).trim().min(3, 'reason_length').max(500, 'reason_length'),
  /** A team of a higher tier than the ticket's; default: a team of the next tier up. */
  teamId: Id.optional(),
  /** Optionally a new priority at the same time. */
  priority: TicketPriority.optional(),
});
export const EscalateResponse = TicketEnvelope;

// ---------- the escalations view ----------

export const EscalationListQuery = z.object({
  /** open: unsolved tickets only (default); all: solved and closed ones too. */
  status: z.enum(['open', 'all']).default('open'),
  /** Only tickets that now sit with this team. */
  teamId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
const Ref = z.object({ id: z.number(), name: z.string() });
export const EscalationItem = z.object({
  ticketNumber: z.number(),
  subject: z.string(),
  status: z.string(),
  priority: TicketPriority,
  /** The team it sits with now, and its assignee. */
  teamId: z.number().nullable(),
  assigneeId: z.number().nullable(),
  /** The latest escalation: when, how long ago (seconds), from and to which tier and team, and why. */
  escalatedAt: z.string(),
  ageSeconds: z.number(),
  fromTier: z.number().nullable(),
  toTier: z.number(),
  fromTeamId: z.number().nullable(),
  toTeamId: z.number().nullable(),
  reason: z.string(),
  /** Who escalated, or the rule that did (one of them is null). */
  actor: Ref.nullable(),
  rule: Ref.nullable(),
  /** How many times the ticket was escalated in all. */
  count: z.number(),
});
export const EscalationList = z.object({ items: z.array(EscalationItem), nextCursor: z.string().nullable() });

// ---------- escalation rules ----------

export const SlaMetric = z.enum(['first_reply', 'next_reply', 'resolution']);
const Minutes = z.number().int('target_minutes').min(1, 'target_minutes').max(525_600, 'target_minutes');

/** Every condition given must hold; at least one of the timed ones (the last three) is required. */
export const RuleConditions = z.strictObject({
  priority: z.array(TicketPriority).max(4).optional(),
  /** The ticket sits with one of these teams. */
  teamIds: z.array(Id).max(200).optional(),
  /** Its team has one of these tiers (a ticket without a team counts as tier 1). */
  tiers: z.array(Tier).max(9).optional(),
  /** Nobody is assigned (now). */
  unassigned: z.boolean().optional(),
  /** Nobody has been assigned for at least this many minutes (since created or since unassigned). */
  unassignedForMinutes: Minutes.optional(),
  /** Created at least this many minutes ago and no agent has replied yet. */
  noReplyForMinutes: Minutes.optional(),
  /** An SLA target of one of these kinds ran out (the rule acts once per breach). */
  slaBreached: z.array(SlaMetric).max(3).optional(),
});
export const RuleActions = z.strictObject({
  /** Tell the lead of the ticket's team (after the move, when it escalates). */
  notifyLead: z.boolean().default(false),
  /** Move the ticket up: to `escalateToTeamId`, or a team of the next tier. */
  escalate: z.boolean().default(false),
  escalateToTeamId: Id.nullable().default(null),
  /** Raise the priority to this one (never lowers it). */
  raisePriorityTo: TicketPriority.nullable().default(null),
});

const ruleFields = {
  name: z.string().trim().min(1, 'required').max(100),
  description: z.string().trim().max(1000),
  active: z.boolean(),
  conditions: RuleConditions,
  actions: RuleActions,
};
export const CreateRuleBody = z.object({
  ...ruleFields,
  description: ruleFields.description.default(''),
  active: ruleFields.active.default(true),
});
export const UpdateRuleBody = z.object(ruleFields).partial();
export const ReorderRulesBody = z.object({ ids: z.array(Id).min(1).max(1000) });

export const Rule = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  /** 1 = evaluated first. */
  position: z.number(),
  active: z.boolean(),
  conditions: z.object({
    priority: z.array(TicketPriority).optional(),
    teamIds: z.array(z.number()).optional(),
    tiers: z.array(z.number()).optional(),
    unassigned: z.boolean().optional(),
    unassignedForMinutes: z.number().optional(),
    noReplyForMinutes: z.number().optional(),
    slaBreached: z.array(SlaMetric).optional(),
  }),
  actions: z.object({
    notifyLead: z.boolean(),
    escalate: z.boolean(),
    escalateToTeamId: z.number().nullable(),
    raisePriorityTo: TicketPriority.nullable(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const RuleEnvelope = z.object({ rule: Rule });
export const RuleList = z.object({ items: z.array(Rule) });
