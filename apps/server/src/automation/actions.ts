// The action vocabulary of automation: what a macro (and later a trigger) may do to a ticket, its
// schema, the checks of the names it refers to, and its translation into the ticket's own changes.
import { z } from 'zod';
import { teamBriefs, userBriefs } from '../people/service.js';
import type { Executor } from '../platform/db/index.js';
import { AppError, type FieldMessageKey, fieldError } from '../platform/errors.js';
import { checkFieldValues, loadFieldDefs } from '../tickets/fields.js';
import { FieldValues, Tags, TicketPriority, TicketStatus, TicketType } from '../tickets/schema.js';
import type { TicketChanges } from '../tickets/service.js';

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

/** What makes two actions set the same thing (tags add up, so they never collide). */
const slotOf = (a: Action) =>
  a.type === 'set_field' ? `field:${a.key}` : a.type === 'add_tags' || a.type === 'remove_tags' ? null : a.type;

/**
 * Actions as stored: each thing set once, the users, teams and custom fields they name existing and
 * usable, values valid for their field. Errors name the action (`actions.2.value`).
 */
export async function checkActions(db: Executor, actions: Action[]): Promise<Action[]> {
  const seen = new Set<string>();
  const defs = await loadFieldDefs(db);
  const out: Action[] = [];
  for (const [i, a] of actions.entries()) {
    const slot = slotOf(a);
    if (slot !== null) {
      if (seen.has(slot)) throw fieldError(`actions.${i}`, 'action_repeated');
      seen.add(slot);
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
        out.push({ ...a, value });
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
      out.push({ ...a, value: [...new Set(a.value)] });
      continue;
    }
    out.push(a);
  }
  return out;
}

/** The ticket changes the actions stand for, for the agent applying them. */
export function changesOf(actions: Action[], agentId: number): TicketChanges {
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
        changes.assigneeId = a.value === 'current_user' ? agentId : a.value;
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
    }
  }
  return changes;
}
