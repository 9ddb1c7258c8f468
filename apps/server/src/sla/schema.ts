// Request and response schemas of business calendars and SLA policies.
import { z } from 'zod';
import { TimeZone } from '../platform/auth/schema.js';
import { csv } from '../platform/http/csv.js';
import { Tag, TicketChannel, TicketPriority, TicketSummary, TicketType } from '../tickets/schema.js';

const Clock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time as HH:MM (00:00–24:00)');
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

export const WorkingHours = z.object({
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  from: Clock,
  to: Clock,
});
export const Holiday = z.object({
  date: LocalDate,
  name: z.string().trim().max(100).default(''),
  /** On the same month and day every year (the year of `date` is then ignored). */
  yearly: z.boolean().default(false),
});

const calendarFields = {
  name: z.string().trim().min(1).max(100),
  /** Default: the organisation's. */
  timeZone: TimeZone,
  /** Several intervals a day are allowed; they may not overlap. At least one in the week. */
  hours: z.array(WorkingHours).max(70),
  holidays: z.array(Holiday).max(400),
  /** Used by teams without a calendar of their own. At most one calendar is the default. */
  isDefault: z.boolean(),
  /** The teams that count in this calendar (a team counts in one: it leaves any other). */
  teamIds: z.array(z.number().int().positive()).max(200),
};
export const CreateCalendarBody = z.object({
  ...calendarFields,
  timeZone: calendarFields.timeZone.optional(),
  holidays: calendarFields.holidays.default([]),
  isDefault: calendarFields.isDefault.default(false),
  teamIds: calendarFields.teamIds.default([]),
});
export const UpdateCalendarBody = z.object(calendarFields).partial();

export const Calendar = z.object({
  id: z.number(),
  name: z.string(),
  timeZone: z.string(),
  hours: z.array(z.object({ weekday: z.number(), from: z.string(), to: z.string() })),
  holidays: z.array(z.object({ date: z.string(), name: z.string(), yearly: z.boolean() })),
  isDefault: z.boolean(),
  /** Working hours in a week (holidays aside), for lists. */
  weeklyHours: z.number(),
  /** Teams that count in it. */
  teamIds: z.array(z.number()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const CalendarEnvelope = z.object({ calendar: Calendar });
export const CalendarList = z.object({ items: z.array(Calendar) });

// ---------- SLA policies ----------

/** The ticket statuses that may pause an SLA clock. */
export const PausingStatus = z.enum(['pending', 'on_hold']);
/** A target in minutes: whole, at least one, at most a year. */
const Minutes = z.number().int('target_minutes').min(1, 'target_minutes').max(525_600, 'target_minutes');
export const PolicyTarget = z.strictObject({
  /** Created → first public reply by an agent. */
  firstReply: Minutes.optional(),
  /** A customer's message → the agent's next public reply. */
  nextReply: Minutes.optional(),
  /** Created → solved. */
  resolution: Minutes.optional(),
});
/** Targets per ticket priority; a priority without targets has no SLA under this policy. */
export const PolicyTargets = z.strictObject({
  low: PolicyTarget.optional(),
  normal: PolicyTarget.optional(),
  high: PolicyTarget.optional(),
  urgent: PolicyTarget.optional(),
});
/** Each list given must hold (any of its values); an empty or missing list holds for every ticket. */
export const PolicyConditions = z.strictObject({
  priority: z.array(TicketPriority).max(10).optional(),
  channel: z.array(TicketChannel).max(20).optional(),
  type: z.array(TicketType).max(20).optional(),
  /** The ticket carries one of these tags (or more). */
  tags: z.array(Tag).max(50).optional(),
  /** The ticket's organisation is one of these. */
  organisationIds: z.array(z.number().int().positive()).max(200).optional(),
  /** The ticket's organisation has one of these tiers (ignoring case). */
  organisationTiers: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
});

const policyFields = {
  name: z.string().trim().min(1, 'required').max(100),
  description: z.string().trim().max(1000),
  /** Inactive policies are kept but never match. */
  active: z.boolean(),
  conditions: PolicyConditions,
  targets: PolicyTargets,
  /** True: targets count in the working hours of the ticket team's calendar; false: around the clock. */
  businessHours: z.boolean(),
  /** The statuses in which the clock stops. */
  pauseOn: z.array(PausingStatus).max(2),
};
export const CreatePolicyBody = z.object({
  ...policyFields,
  description: policyFields.description.default(''),
  active: policyFields.active.default(true),
  conditions: policyFields.conditions.default({}),
  businessHours: policyFields.businessHours.default(true),
  pauseOn: policyFields.pauseOn.default(['pending', 'on_hold']),
});
export const UpdatePolicyBody = z.object(policyFields).partial();
/** The new order: every policy's id exactly once, first to match first. */
export const ReorderPoliciesBody = z.object({ ids: z.array(z.number().int().positive()).min(1).max(1000) });

const TargetResponse = z.object({
  firstReply: z.number().optional(),
  nextReply: z.number().optional(),
  resolution: z.number().optional(),
});
export const Policy = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  /** 1 = matched first. */
  position: z.number(),
  active: z.boolean(),
  conditions: z.object({
    priority: z.array(z.string()).optional(),
    channel: z.array(z.string()).optional(),
    type: z.array(z.string()).optional(),
    tags: z.array(z.string()).optional(),
    organisationIds: z.array(z.number()).optional(),
    organisationTiers: z.array(z.string()).optional(),
  }),
  targets: z.object({
    low: TargetResponse.optional(),
    normal: TargetResponse.optional(),
    high: TargetResponse.optional(),
    urgent: TargetResponse.optional(),
  }),
  businessHours: z.boolean(),
  pauseOn: z.array(PausingStatus),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const PolicyEnvelope = z.object({ policy: Policy });
export const PolicyList = z.object({ items: z.array(Policy) });

// ---------- at risk now ----------

export const AtRiskQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Only tickets of these teams. */
  teamId: csv(z.coerce.number().int().positive()).optional(),
});
export const AtRiskList = z.object({
  /** Most overdue first; each carries its owed timers. */
  items: z.array(TicketSummary),
  /** The server's now, to count down from. */
  at: z.string(),
});
