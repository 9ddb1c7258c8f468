// Triggers: who may see and change them, what a valid one is (conditions and actions naming what
// exists, no obvious loop), their order, and the preview of which unsolved tickets match now. Running
// them is engine.ts, called by every ticket command (tickets/commands.ts).
import type { z } from 'zod';
import { customerBriefs } from '../customers/service.js';
import { recordAudit } from '../platform/audit/service.js';
import type { Ctx } from '../platform/context.js';
import { type Executor, transaction } from '../platform/db/index.js';
import { checkEveryIdOnce, nextPosition, setPositions } from '../platform/db/positions.js';
import type { TriggerRow } from '../platform/db/types.js';
import { AppError, fieldError } from '../platform/errors.js';
import { requirePermission } from '../platform/rbac.js';
import { isWorking } from '../sla/calendar.js';
import { calendarsOfTeams } from '../sla/calendars.js';
import { visibleSummaries } from '../tickets/service.js';
import { rowToDerived } from '../tickets/write.js';
import type { RuleAction } from './actions.js';
import { CHANGE_FIELDS, compileConditions } from './conditions.js';
import { audited, checkConditions, checkRuleActions, creatorNames, findLoop, loopError, ruleDto } from './rules.js';
import * as repo from './rules-repo.js';
import type { Conditions, CreateTriggerBody, UpdateTriggerBody } from './rules-schema.js';

type In<T extends z.ZodType> = z.output<T>;

async function found(db: Executor, id: number): Promise<TriggerRow> {
  const row = await repo.findTrigger(db, id);
  if (!row) throw new AppError('trigger_not_found');
  return row;
}

async function dtos(db: Executor, rows: TriggerRow[]) {
  const names = await creatorNames(db, rows);
  return rows.map((r) => ruleDto(r, names));
}

async function nameFree(db: Executor, name: string, exceptId?: number) {
  if (await repo.findByName(db, 'triggers', name, exceptId)) throw fieldError('name', 'taken', 'trigger_name_taken');
}

/** 400 when the trigger would loop with itself or with another active trigger. */
async function refuseLoops(
  ctx: Ctx,
  db: Executor,
  rule: { id: number; name: string; conditions: Conditions; actions: RuleAction[] },
) {
  const others = (await repo.listTriggers(db, true)).map((r) => ({
    id: r.id,
    name: r.name,
    conditions: JSON.parse(r.conditions) as Conditions,
    actions: JSON.parse(r.actions) as RuleAction[],
  }));
  const loop = findLoop(rule, others);
  if (loop) throw loopError(loop, ctx.locale);
}

export async function listTriggers(ctx: Ctx) {
  requirePermission(ctx, 'automation.read');
  const db = ctx.deps.db.kysely;
  return { items: await dtos(db, await repo.listTriggers(db)) };
}

export async function getTrigger(ctx: Ctx, id: number) {
  requirePermission(ctx, 'automation.read');
  const db = ctx.deps.db.kysely;
  return { trigger: (await dtos(db, [await found(db, id)]))[0]! };
}

/** A new trigger goes last: it runs after every existing one. */
export async function createTrigger(ctx: Ctx, input: In<typeof CreateTriggerBody>) {
  const actor = requirePermission(ctx, 'automation.manage');
  const now = ctx.deps.clock.now();
  const trigger = await transaction(ctx.deps.db, async (trx) => {
    await nameFree(trx, input.name);
    const conditions = await checkConditions(trx, input.conditions, 'trigger');
    const actions = await checkRuleActions(trx, input.actions);
    if (input.active) await refuseLoops(ctx, trx, { id: 0, name: input.name, conditions, actions });
    const id = await repo.insertTrigger(trx, {
      name: input.name,
      description: input.description,
      position: await nextPosition(trx, 'triggers'),
      active: input.active ? 1 : 0,
      conditions: JSON.stringify(conditions),
      actions: JSON.stringify(actions),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.bumpStamp(trx);
    const dto = (await dtos(trx, [await found(trx, id)]))[0]!;
    await recordAudit(trx, ctx, {
      action: 'trigger.created',
      entityType: 'trigger',
      entityId: id,
      after: audited(dto),
    });
    return dto;
  });
  return { trigger };
}

export async function updateTrigger(ctx: Ctx, id: number, input: In<typeof UpdateTriggerBody>) {
  requirePermission(ctx, 'automation.manage');
  const trigger = await transaction(ctx.deps.db, async (trx) => {
    const row = await found(trx, id);
    const before = (await dtos(trx, [row]))[0]!;
    if (input.name !== undefined && input.name !== row.name) await nameFree(trx, input.name, id);
    const conditions =
      input.conditions !== undefined ? await checkConditions(trx, input.conditions, 'trigger') : before.conditions;
    const actions = input.actions !== undefined ? await checkRuleActions(trx, input.actions) : before.actions;
    const active = input.active ?? before.active;
    if (active) await refuseLoops(ctx, trx, { id, name: input.name ?? row.name, conditions, actions });
    await repo.updateTrigger(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      active: active ? 1 : 0,
      conditions: JSON.stringify(conditions),
      actions: JSON.stringify(actions),
      updated_at: ctx.deps.clock.now(),
    });
    await repo.bumpStamp(trx);
    const dto = (await dtos(trx, [await found(trx, id)]))[0]!;
    await recordAudit(trx, ctx, {
      action: 'trigger.updated',
      entityType: 'trigger',
      entityId: id,
      before: audited(before),
      after: audited(dto),
    });
    return dto;
  });
  return { trigger };
}

/** The triggers after it move up one place. */
export async function deleteTrigger(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx, 'automation.manage');
  await transaction(ctx.deps.db, async (trx) => {
    const dto = (await dtos(trx, [await found(trx, id)]))[0]!;
    await repo.deleteRule(trx, 'triggers', id);
    const rest = await repo.listTriggers(trx);
    await setPositions(
      trx,
      'triggers',
      rest.map((r) => r.id),
      ctx.deps.clock.now(),
    );
    await repo.bumpStamp(trx);
    await recordAudit(trx, ctx, {
      action: 'trigger.deleted',
      entityType: 'trigger',
      entityId: id,
      before: audited(dto),
    });
  });
}

/** Puts the triggers in this order (every id once), first run first. */
export async function reorderTriggers(ctx: Ctx, ids: number[]) {
  requirePermission(ctx, 'automation.manage');
  const items = await transaction(ctx.deps.db, async (trx) => {
    const before = (await repo.listTriggers(trx)).map((r) => r.id);
    checkEveryIdOnce(ids, before, 'every_rule_once');
    await setPositions(trx, 'triggers', ids, ctx.deps.clock.now());
    await repo.bumpStamp(trx);
    await recordAudit(trx, ctx, {
      action: 'trigger.reordered',
      entityType: 'trigger',
      entityId: null,
      before: { ids: before },
      after: { ids },
    });
    return dtos(trx, await repo.listTriggers(trx));
  });
  return { items };
}

const PREVIEW_BATCH = 500;
const PREVIEW_SHOWN = 50;

/**
 * The unsolved tickets that match these conditions now (how many, and the first 50 the caller may
 * see, newest first). Conditions about a change as it happens cannot hold for a resting ticket: they
 * are left out, and named in `ignored`.
 */
export async function previewConditions(ctx: Ctx, conditions: Conditions) {
  requirePermission(ctx, 'automation.manage');
  const db = ctx.deps.db.kysely;
  await checkConditions(db, conditions, 'preview');
  const compiled = compileConditions(conditions, true);
  const calendarOf = compiled.needsHours ? await calendarsOfTeams(db) : null;
  const now = ctx.deps.clock.now();
  const ids: number[] = [];
  let count = 0;
  // Ids are 32-bit integers on PostgreSQL: start just above the largest.
  for (let before = 2_147_483_647; ; ) {
    const rows = await repo.unsolvedTickets(db, before, PREVIEW_BATCH);
    if (!rows.length) break;
    const locales = compiled.needsLocale
      ? await customerBriefs(
          db,
          rows.map((r) => r.requester_id),
        )
      : null;
    for (const row of rows) {
      const state = rowToDerived(row);
      const facts = {
        state,
        before: state,
        message: null,
        requesterLocale: locales?.get(row.requester_id)?.locale ?? 'en',
        working: calendarOf ? isWorking(calendarOf(row.team_id), now) : false,
      };
      if (!compiled.test(facts)) continue;
      count += 1;
      if (ids.length < PREVIEW_SHOWN) ids.push(row.id);
    }
    before = rows.at(-1)!.id;
  }
  const ignored = [...conditions.all, ...conditions.any].filter((c) => CHANGE_FIELDS.has(c.field)).map((c) => c.field);
  return { count, items: await visibleSummaries(ctx, ids), ignored: [...new Set(ignored)] };
}

// ---------- demo ----------

export interface TriggerSpec {
  name: string;
  description?: string;
  conditions: Conditions;
  actions: RuleAction[];
}

/** Writes triggers without an actor, in order after any existing (the demo seed); the same checks as the API. */
export async function seedTriggers(db: Executor, specs: TriggerSpec[], now: number): Promise<number[]> {
  const ids: number[] = [];
  for (const spec of specs) {
    await nameFree(db, spec.name);
    ids.push(
      await repo.insertTrigger(db, {
        name: spec.name,
        description: spec.description ?? '',
        position: await nextPosition(db, 'triggers'),
        active: 1,
        conditions: JSON.stringify(await checkConditions(db, spec.conditions, 'trigger')),
        actions: JSON.stringify(await checkRuleActions(db, spec.actions)),
        created_by: null,
        created_at: now,
        updated_at: now,
      }),
    );
  }
  await repo.bumpStamp(db);
  return ids;
}
