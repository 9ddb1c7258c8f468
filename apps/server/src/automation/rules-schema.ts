// Request and response schemas of triggers and time rules, and their conditions.
import { z } from 'zod';
import { IsoTime } from '../platform/auth/schema.js';
import {
  FieldValues,
  Tags,
  TicketChannel,
  TicketPriority,
  TicketStatus,
  TicketSummary,
  TicketType,
} from '../tickets/schema.js';
import { RuleActions } from './actions.js';

const Id = z.number().int().positive();
const Is = z.enum(['is', 'is_not']);
const Contains = z.enum(['contains', 'not_contains']);
const Text = z.string().trim().min(1).max(200);
const ChangeValue = z.union([z.string().max(60), Id, z.null()]);

/**
 * One condition. Lists mean "is one of" (is) or "is none of" (is_not); null names no team, no
 * assignee or no organisation. `update`, `changed` and `message` are about the change as it happens,
 * so only triggers use them.
 */
export const Condition = z.discriminatedUnion('field', [
  z.strictObject({ field: z.literal('status'), op: Is, value: z.array(TicketStatus).min(1).max(6) }),
  z.strictObject({ field: z.literal('priority'), op: Is, value: z.array(TicketPriority).min(1).max(4) }),
  z.strictObject({ field: z.literal('type'), op: Is, value: z.array(TicketType).min(1).max(5) }),
  z.strictObject({ field: z.literal('channel'), op: Is, value: z.array(TicketChannel).min(1).max(7) }),
  z.strictObject({ field: z.literal('team'), op: Is, value: z.array(Id.nullable()).min(1).max(50) }),
  z.strictObject({ field: z.literal('assignee'), op: Is, value: z.array(Id.nullable()).min(1).max(50) }),
  z.strictObject({ field: z.literal('requester'), op: Is, value: z.array(Id).min(1).max(50) }),
  z.strictObject({ field: z.literal('organisation'), op: Is, value: z.array(Id.nullable()).min(1).max(50) }),
  /** The requester's language. */
  z.strictObject({
    field: z.literal('requester_locale'),
    op: Is,
    value: z
      .array(z.enum(['en', 'hi']))
      .min(1)
      .max(2),
  }),
  z.strictObject({
    field: z.literal('tags'),
    op: z.enum(['contains_any', 'contains_all', 'contains_none']),
    value: Tags.min(1),
  }),
  z.strictObject({
    field: z.literal('custom_field'),
    key: z.string().min(1).max(60),
    op: z.enum(['is', 'is_not', 'is_set', 'is_not_set']),
    value: FieldValues.valueType.optional(),
  }),
  /** Words in the subject (case does not matter). */
  z.strictObject({ field: z.literal('subject'), op: Contains, value: Text }),
  /** Words in the message this change adds (none added: "contains" fails, "not_contains" holds). */
  z.strictObject({ field: z.literal('message'), op: Contains, value: Text }),
  /** The ticket is being created, or an existing one updated. */
  z.strictObject({ field: z.literal('update'), op: z.literal('is'), value: z.enum(['created', 'updated']) }),
  /** The field changed in this change (optionally from and/or to a value). */
  z.strictObject({
    field: z.literal('changed'),
    key: z.enum(['status', 'priority', 'type', 'assignee', 'team']),
    from: ChangeValue.optional(),
    to: ChangeValue.optional(),
  }),
  /** Now is (or is not) within the working hours of the ticket team's business calendar. */
  z.strictObject({ field: z.literal('business_hours'), op: Is }),
]);
export type Condition = z.output<typeof Condition>;
export const CONDITION_FIELDS = Condition.options.map((o) => o.shape.field.value);

/** Every condition of `all` holds, and (when `any` has some) at least one of `any`. */
export const Conditions = z.strictObject({
  all: z.array(Condition).max(30).default([]),
  any: z.array(Condition).max(30).default([]),
});
export type Conditions = z.output<typeof Conditions>;

const ruleFields = {
  name: z.string().trim().min(1, 'required').max(100),
  description: z.string().trim().max(500),
  active: z.boolean(),
  conditions: Conditions,
  actions: RuleActions,
};
export const CreateTriggerBody = z.object({
  ...ruleFields,
  description: ruleFields.description.default(''),
  active: ruleFields.active.default(true),
});
export const UpdateTriggerBody = z.object(ruleFields).partial().strict();
export const ReorderRulesBody = z.object({ ids: z.array(Id).min(1).max(1000) });

export const Since = z.enum(['created', 'updated', 'pending', 'solved']);
const timeRuleFields = {
  ...ruleFields,
  /** The moment the hours count from: created, last updated, became pending, solved. */
  since: Since,
  /** Whole hours since then, at least (1 to a year). */
  hours: z.number().int().min(1).max(8760),
};
export const CreateTimeRuleBody = z.object({
  ...timeRuleFields,
  description: timeRuleFields.description.default(''),
  active: timeRuleFields.active.default(true),
});
export const UpdateTimeRuleBody = z.object(timeRuleFields).partial().strict();

export const PreviewBody = z.object({ conditions: Conditions });

// ---------- responses ----------

const ActionResponse = z.looseObject({ type: z.string() });
const ConditionResponse = z.looseObject({ field: z.string() });
const ConditionsResponse = z.object({ all: z.array(ConditionResponse), any: z.array(ConditionResponse) });
const ruleResponse = {
  id: z.number(),
  name: z.string(),
  description: z.string(),
  /** Order of running, 1 first. */
  position: z.number(),
  active: z.boolean(),
  conditions: ConditionsResponse,
  actions: z.array(ActionResponse),
  createdBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
};
export const Trigger = z.object(ruleResponse);
export const TriggerEnvelope = z.object({ trigger: Trigger });
export const TriggerList = z.object({ items: z.array(Trigger) });
export const TimeRule = z.object({ ...ruleResponse, since: Since, hours: z.number() });
export const TimeRuleEnvelope = z.object({ timeRule: TimeRule });
export const TimeRuleList = z.object({ items: z.array(TimeRule) });
export const PreviewResponse = z.object({
  /** How many unsolved tickets match now. */
  count: z.number(),
  /** The first 50 of them, newest first. */
  items: z.array(TicketSummary),
  /** Conditions about a change as it happens (update, changed, message) were left out of the preview. */
  ignored: z.array(z.string()),
});
