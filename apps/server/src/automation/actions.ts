// The action vocabulary of automation: what a macro, a trigger or a time rule may do to a ticket, its
// schema, the checks of the names it refers to, and its translation into the ticket's own changes.
// Triggers and time rules also notify, email the requester and call webhooks (side effects that run
// after the commit: see engine.ts and webhooks.ts).
import { z } from 'zod';
import { teamBriefs, userBriefs } from '../people/service.js';
import type { Executor } from '../platform/db/index.js';
import { AppError, type FieldMessageKey, fieldError } from '../platform/errors.js';
import type { TicketChanges } from '../tickets/commands.js';
import { checkFieldValues, loadFieldDefs } from '../tickets/fields.js';
import { FieldValues, Tags, TicketPriority, TicketStatus, TicketType } from '../tickets/schema.js';
import { unknownPlaceholders } from './placeholders.js';
import { webhookUrlProblem } from './webhook-target.js';

const Id = z.number().int().positive();
const FieldValue = FieldValues.valueType;

export const Action = z.discriminatedUnion('type', [
  /** "new" is only ever a first status and "closed" follows solving: neither is set by an action. */
  z.strictObject({ type: z.literal('set_status'), value: TicketStatus.exclude(['new', 'closed']) }),
  z.strictObject({ type: z.literal('set_priority'), value: TicketPriority }),
  z.strictObject({ type: z.literal('set_type'), value: TicketType }),
  /** A user id, "current_user" (the agent applying it) or null (unassign). */
  z.strictObject({ type: z.literal('set_assignee'), value: z.union([z.literal('current_user'), Id, z.null()]) }),
  /** A team id, or null (no team). */
  z.strictObject({ type: z.literal('set_team'), value: Id.nullable() }),
  z.strictObject({ type: z.literal('add_tags'), value: Tags.min(1) }),
  z.strictObject({ type: z.literal('remove_tags'), value: Tags.min(1) }),
  /** A custom field by key; null clears it. */
  z.strictObject({ type: z.literal('set_field'), key: z.string().min(1).max(60), value: FieldValue }),
]);
export type Action = z.output<typeof Action>;
export const Actions = z.array(Action).max(30);
export const ACTION_TYPES = Action.options.map((o) => o.shape.type.value);

const MailSubject = z.string().trim().max(200);
const MailBody = z.string().max(10_000);

/** What only triggers and time rules do: side effects, run after the ticket's change is committed. */
export const RuleAction = z.discriminatedUnion('type', [
  ...Action.options,
  /** An in-app notification (and email, as each user prefers) to the assignee, the team's lead, named users. */
  z.strictObject({
    type: z.literal('notify'),
    recipients: z.array(z.enum(['assignee', 'team_lead'])).max(2),
    userIds: z.array(Id).max(20),
  }),
  /** An email to the requester in their language (the other one when theirs is empty), with {{placeholders}}. */
  z.strictObject({
    type: z.literal('send_email'),
    subjectEn: MailSubject,
    bodyEn: MailBody,
    subjectHi: MailSubject,
    bodyHi: MailBody,
  }),
  /** POSTs the ticket as JSON to an http(s) URL (private addresses only when an admin allows them). */
  z.strictObject({ type: z.literal('webhook'), url: z.string().trim().min(1).max(2000) }),
]);
export type RuleAction = z.output<typeof RuleAction>;
export const RuleActions = z.array(RuleAction).min(1, 'actions_required').max(30);
export type RuleActionType = RuleAction['type'];

/** What makes two actions set the same thing (tags add up and side effects repeat, so they never collide). */
const slotOf = (a: RuleAction) =>
  a.type === 'set_field'
    ? `field:${a.key}`
    : a.type === 'add_tags' || a.type === 'remove_tags' || a.type === 'notify' || a.type === 'webhook'
      ? null
      : a.type;

export interface RuleCheck {
  /** Rules run with nobody at the keyboard: "current_user" means no one. */
  rule: boolean;
  /** The admin setting that lets webhooks reach loopback and private addresses. */
  allowPrivateTargets: boolean;
}

/**
 * Actions as stored: each thing set once, the users, teams and custom fields they name existing and
 * usable, values valid for their field. Errors name the action (`actions.2.value`).
 */
export async function checkActions<T extends RuleAction>(
  db: Executor,
  actions: T[],
  rule: RuleCheck = { rule: false, allowPrivateTargets: false },
): Promise<T[]> {
  const seen = new Set<string>();
  const defs = await loadFieldDefs(db);
  const out: T[] = [];
  for (const [i, a] of actions.entries()) {
    const slot = slotOf(a);
    if (slot !== null) {
      if (seen.has(slot)) throw fieldError(`actions.${i}`, 'action_repeated');
      seen.add(slot);
    }
    if (a.type === 'set_assignee' && a.value === 'current_user' && rule.rule) {
      throw fieldError(`actions.${i}.value`, 'no_current_user');
    }
    if (a.type === 'notify') {
      if (!a.recipients.length && !a.userIds.length) throw fieldError(`actions.${i}.recipients`, 'notify_nobody');
      const users = await userBriefs(db, a.userIds);
      if (a.userIds.some((id) => users.get(id)?.active !== 1)) throw fieldError(`actions.${i}.userIds`, 'no_such_user');
      out.push({ ...a, recipients: [...new Set(a.recipients)], userIds: [...new Set(a.userIds)] });
      continue;
    }
    if (a.type === 'send_email') {
      const en = a.subjectEn && a.bodyEn.trim();
      const hi = a.subjectHi && a.bodyHi.trim();
      if (!en && !hi) throw fieldError(`actions.${i}.bodyEn`, 'email_empty');
      for (const key of ['subjectEn', 'bodyEn', 'subjectHi', 'bodyHi'] as const) {
        if (unknownPlaceholders(a[key]).length) throw fieldError(`actions.${i}.${key}`, 'unknown_placeholder');
      }
    }
    if (a.type === 'webhook') {
      const problem = webhookUrlProblem(a.url, rule.allowPrivateTargets);
      if (problem) throw fieldError(`actions.${i}.url`, problem);
    }
    if (a.type === 'set_assignee' && typeof a.value === 'number') {
      const user = (await userBriefs(db, [a.value])).get(a.value);
      if (user?.active !== 1) throw fieldError(`actions.${i}.value`, 'no_such_user');
    }
    if (a.type === 'set_team' && a.value !== null && !(await teamBriefs(db, [a.value])).has(a.value)) {
      throw fieldError(`actions.${i}.value`, 'no_such_team');
    }
    if (a.type === 'set_field') {
      try {
        const value = checkFieldValues(defs, { [a.key]: a.value })[a.key] ?? null;
        out.push({ ...a, value } as T);
        continue;
      } catch (err) {
        // The ticket's own path (fields.<key>) means nothing here: name the action instead.
        if (err instanceof AppError && err.code === 'validation_failed') {
          const fields = err.details?.fields as Record<string, FieldMessageKey>;
          const key = Object.values(fields)[0] ?? 'invalid_value';
          throw fieldError(
            `actions.${i}.${key === 'unknown_field' || key === 'field_inactive' ? 'key' : 'value'}`,
            key,
          );
        }
        throw err;
      }
    }
    if (a.type === 'add_tags' || a.type === 'remove_tags') {
      out.push({ ...a, value: [...new Set(a.value)] } as T);
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The ticket changes the actions stand for, for the agent applying them (none for a rule: null). */
export function changesOf(actions: RuleAction[], agentId: number | null): TicketChanges {
  const changes: TicketChanges = {};
  for (const a of actions) {
    switch (a.type) {
      case 'set_status':
        changes.status = a.value;
        break;
      case 'set_priority':
        changes.priority = a.value;
        break;
      case 'set_type':
        changes.type = a.value;
        break;
      case 'set_assignee':
        if (a.value !== 'current_user') changes.assigneeId = a.value;
        else if (agentId !== null) changes.assigneeId = agentId;
        break;
      case 'set_team':
        changes.teamId = a.value;
        break;
      case 'add_tags':
        changes.addTags = [...(changes.addTags ?? []), ...a.value];
        break;
      case 'remove_tags':
        changes.removeTags = [...(changes.removeTags ?? []), ...a.value];
        break;
      case 'set_field':
        changes.fields = { ...changes.fields, [a.key]: a.value };
        break;
      default:
        // notify, send_email, webhook: side effects, not changes (engine.ts).
        break;
    }
  }
  return changes;
}
