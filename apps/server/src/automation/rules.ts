// What triggers and time rules share: checking conditions and actions on save, their DTOs and audit
// records, and the loop check that refuses triggers which would flip a ticket back and forth.
import { customerBriefs, organisationNames } from '../customers/service.js';
import { teamBriefs, userBriefs } from '../people/service.js';
import { iso } from '../platform/auth/dto.js';
import type { Executor } from '../platform/db/index.js';
import type { TimeRuleRow, TriggerRow } from '../platform/db/types.js';
import { AppError, fieldError, type Locale } from '../platform/errors.js';
import { readSettingsFor } from '../platform/settings/service.js';
import { loadFieldDefs } from '../tickets/fields.js';
import { TicketPriority, TicketStatus, TicketType } from '../tickets/schema.js';
import { checkActions, type RuleAction } from './actions.js';
import { CHANGE_FIELDS } from './conditions.js';
import type { Condition, Conditions } from './rules-schema.js';

/**
 * Conditions as stored: the teams, users, requesters, organisations and custom fields they name must
 * exist; a trigger needs at least one; a time rule may not use conditions about a change as it happens.
 */
export async function checkConditions(
  db: Executor,
  c: Conditions,
  kind: 'trigger' | 'time_rule' | 'preview',
): Promise<Conditions> {
  if (kind === 'trigger' && !c.all.length && !c.any.length) throw fieldError('conditions.all', 'conditions_required');
  const defs = await loadFieldDefs(db);
  for (const list of ['all', 'any'] as const) {
    for (const [i, x] of c[list].entries()) {
      const path = `conditions.${list}.${i}`;
      if (kind === 'time_rule' && CHANGE_FIELDS.has(x.field)) throw fieldError(`${path}.field`, 'trigger_only');
      const ids =
        'value' in x && Array.isArray(x.value) ? x.value.filter((v): v is number => typeof v === 'number') : [];
      if (x.field === 'team' || (x.field === 'changed' && x.key === 'team')) {
        const want = x.field === 'team' ? ids : [x.from, x.to].filter((v): v is number => typeof v === 'number');
        const known = await teamBriefs(db, want);
        if (want.some((id) => !known.has(id))) throw fieldError(`${path}.value`, 'no_such_team');
      }
      if (x.field === 'assignee' || (x.field === 'changed' && x.key === 'assignee')) {
        const want = x.field === 'assignee' ? ids : [x.from, x.to].filter((v): v is number => typeof v === 'number');
        const known = await userBriefs(db, want);
        if (want.some((id) => !known.has(id))) throw fieldError(`${path}.value`, 'no_such_user');
      }
      if (x.field === 'requester') {
        const known = await customerBriefs(db, ids);
        if (ids.some((id) => !known.has(id))) throw fieldError(`${path}.value`, 'no_such_customer');
      }
      if (x.field === 'organisation') {
        const known = await organisationNames(db, ids);
        if (ids.some((id) => !known.has(id))) throw fieldError(`${path}.value`, 'no_such_organisation');
      }
      if (x.field === 'changed') {
        const values = { status: TicketStatus, priority: TicketPriority, type: TicketType }[x.key as 'status'];
        for (const side of ['from', 'to'] as const) {
          const v = x[side];
          if (v === undefined) continue;
          const ok = values ? values.safeParse(v).success : v === null || typeof v === 'number';
          if (!ok) throw fieldError(`${path}.${side}`, 'invalid_value');
        }
      }
      if (x.field === 'custom_field') {
        if (!defs.has(x.key)) throw fieldError(`${path}.key`, 'unknown_field');
        if ((x.op === 'is' || x.op === 'is_not') && x.value === undefined)
          throw fieldError(`${path}.value`, 'required');
      }
    }
  }
  return c;
}

/** Actions as stored, checked as macros' are, plus what only rules may do. */
export async function checkRuleActions(db: Executor, actions: RuleAction[]): Promise<RuleAction[]> {
  const { webhookAllowPrivateTargets } = await readSettingsFor(db);
  return checkActions(db, actions, { rule: true, allowPrivateTargets: webhookAllowPrivateTargets });
}

export async function creatorNames(db: Executor, rows: { created_by: number | null }[]) {
  const users = await userBriefs(
    db,
    rows.flatMap((r) => (r.created_by === null ? [] : [r.created_by])),
  );
  return new Map([...users.values()].map((u) => [u.id, u.name]));
}

export const ruleDto = (row: TriggerRow, names: Map<number, string>) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  position: row.position,
  active: row.active === 1,
  conditions: JSON.parse(row.conditions) as Conditions,
  actions: JSON.parse(row.actions) as RuleAction[],
  createdBy: row.created_by === null ? null : { id: row.created_by, name: names.get(row.created_by) ?? '' },
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

export const timeRuleDto = (row: TimeRuleRow, names: Map<number, string>) => ({
  ...ruleDto(row, names),
  since: row.since,
  hours: row.hours,
});

export const audited = (dto: ReturnType<typeof ruleDto> & { since?: string; hours?: number }) => {
  const { id: _id, createdBy: _c, createdAt: _a, updatedAt: _u, ...rest } = dto;
  return rest;
};

// ---------- the loop check ----------

/** A slot of the ticket a rule reads or sets: "status", "tag:refund", "field:region" … */
type Slot = string;
interface Shape {
  id: number;
  name: string;
  /** What the rule's `all` conditions accept in each slot they look at. */
  requires: Map<Slot, (value: string) => boolean>;
  /** The value the rule's actions give each slot they set. */
  sets: Map<Slot, string>;
}

const str = (v: unknown) => (v === null ? 'null' : typeof v === 'string' ? v : JSON.stringify(v));

function shapeOf(id: number, name: string, conditions: Conditions, actions: RuleAction[]): Shape {
  const requires = new Map<Slot, (value: string) => boolean>();
  const need = (slot: Slot, ok: (v: string) => boolean) => {
    const prev = requires.get(slot);
    requires.set(slot, prev ? (v) => prev(v) && ok(v) : ok);
  };
  for (const c of conditions.all as Condition[]) {
    if (
      c.field === 'status' ||
      c.field === 'priority' ||
      c.field === 'type' ||
      c.field === 'team' ||
      c.field === 'assignee'
    ) {
      const set = new Set((c.value as unknown[]).map(str));
      need(c.field, c.op === 'is' ? (v) => set.has(v) : (v) => !set.has(v));
    } else if (c.field === 'tags') {
      if (c.op === 'contains_all' || (c.op === 'contains_any' && c.value.length === 1)) {
        for (const t of c.value) need(`tag:${t}`, (v) => v === 'present');
      } else if (c.op === 'contains_none') {
        for (const t of c.value) need(`tag:${t}`, (v) => v === 'absent');
      }
    } else if (c.field === 'custom_field' && (c.op === 'is' || c.op === 'is_not')) {
      const want = str(c.value ?? null);
      need(`field:${c.key}`, c.op === 'is' ? (v) => v === want : (v) => v !== want);
    }
  }
  const sets = new Map<Slot, string>();
  for (const a of actions) {
    if (a.type === 'set_status') sets.set('status', a.value);
    if (a.type === 'set_priority') sets.set('priority', a.value);
    if (a.type === 'set_type') sets.set('type', a.value);
    if (a.type === 'set_team') sets.set('team', str(a.value));
    if (a.type === 'set_assignee' && a.value !== 'current_user') sets.set('assignee', str(a.value));
    if (a.type === 'add_tags') for (const t of a.value) sets.set(`tag:${t}`, 'present');
    if (a.type === 'remove_tags') for (const t of a.value) sets.set(`tag:${t}`, 'absent');
    if (a.type === 'set_field') sets.set(`field:${a.key}`, str(a.value));
  }
  return { id, name, requires, sets };
}

/** A's changes make B's conditions (some of them) true. */
const enables = (a: Shape, b: Shape) => [...a.sets].some(([slot, v]) => b.requires.get(slot)?.(v) === true);

export interface Loop {
  otherId: number | null;
  otherName: string | null;
  slot: Slot;
}

/**
 * The obvious loops: a trigger that adds and removes the same tag, or two triggers each of whose
 * changes sets the other off while they set one slot to different values (A: open → pending,
 * B: pending → open), so every change of a ticket would flip it back and forth.
 */
export function findLoop(
  rule: { id: number; name: string; conditions: Conditions; actions: RuleAction[] },
  others: { id: number; name: string; conditions: Conditions; actions: RuleAction[] }[],
): Loop | null {
  const added = new Set(rule.actions.flatMap((a) => (a.type === 'add_tags' ? a.value : [])));
  for (const a of rule.actions) {
    if (a.type === 'remove_tags') {
      const both = a.value.find((t) => added.has(t));
      if (both) return { otherId: null, otherName: null, slot: `tag:${both}` };
    }
  }
  const me = shapeOf(rule.id, rule.name, rule.conditions, rule.actions);
  for (const o of others) {
    if (o.id === rule.id) continue;
    const other = shapeOf(o.id, o.name, o.conditions, o.actions);
    if (!enables(me, other) || !enables(other, me)) continue;
    for (const [slot, v] of me.sets) {
      const w = other.sets.get(slot);
      if (w !== undefined && w !== v) return { otherId: other.id, otherName: other.name, slot };
    }
  }
  return null;
}

const slotText = (slot: Slot, locale: Locale) => {
  const [kind, name] = slot.split(':');
  if (kind === 'tag') return locale === 'hi' ? `टैग "${name}"` : `the tag "${name}"`;
  if (kind === 'field') return locale === 'hi' ? `फ़ील्ड "${name}"` : `the field "${name}"`;
  const hi: Record<string, string> = {
    status: 'स्थिति',
    priority: 'प्राथमिकता',
    type: 'प्रकार',
    team: 'टीम',
    assignee: 'असाइनी',
  };
  return locale === 'hi' ? (hi[slot] ?? slot) : `the ${slot}`;
};

/** 400 trigger_loop, explaining it in the caller's language and naming the other trigger. */
export function loopError(loop: Loop, locale: Locale): AppError {
  const what = slotText(loop.slot, locale);
  const explanation =
    loop.otherId === null
      ? locale === 'hi'
        ? `यह ट्रिगर ${what} को एक साथ जोड़ता और हटाता है।`
        : `This trigger both adds and removes ${what}.`
      : locale === 'hi'
        ? `यह ट्रिगर और ट्रिगर "${loop.otherName}" एक-दूसरे को चालू करते हैं और ${what} को अलग-अलग मान देते हैं: हर बदलाव पर टिकट आगे-पीछे पलटता रहेगा।`
        : `This trigger and the trigger "${loop.otherName}" set each other off and give ${what} different values: every change would flip the ticket back and forth.`;
  return new AppError('trigger_loop', {
    explanation,
    otherTriggerId: loop.otherId,
    otherTriggerName: loop.otherName,
    slot: loop.slot,
  });
}
