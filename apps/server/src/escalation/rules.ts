// Escalation rules: who may change them, what a valid one is, and their order. Evaluating them is
// evaluate.ts.
import type { z } from 'zod';
import { teamBriefs } from '../people/service.js';
import { recordAudit } from '../platform/audit/service.js';
import { iso } from '../platform/auth/dto.js';
import type { Ctx } from '../platform/context.js';
import { type Executor, transaction } from '../platform/db/index.js';
import { checkEveryIdOnce, nextPosition, setPositions } from '../platform/db/positions.js';
import type { EscalationRuleRow } from '../platform/db/types.js';
import { AppError, fieldError } from '../platform/errors.js';
import { requirePermission } from '../platform/rbac.js';
import * as repo from './repo.js';
import type { CreateRuleBody, RuleActions, RuleConditions, UpdateRuleBody } from './schema.js';

export type Conditions = z.output<typeof RuleConditions>;
export type Actions = z.output<typeof RuleActions>;

export interface EscalationRule {
  id: number;
  name: string;
  description: string;
  position: number;
  active: boolean;
  conditions: Conditions;
  actions: Actions;
}

export const parseRule = (row: EscalationRuleRow): EscalationRule => ({
  id: row.id,
  name: row.name,
  description: row.description,
  position: row.position,
  active: row.active === 1,
  conditions: JSON.parse(row.conditions) as Conditions,
  actions: JSON.parse(row.actions) as Actions,
});

const toDto = (row: EscalationRuleRow) => ({
  ...parseRule(row),
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});
type RuleDto = ReturnType<typeof toDto>;

const audited = ({ createdAt: _c, updatedAt: _u, id: _i, ...rest }: RuleDto) => rest;

/** Conditions as stored: empty lists dropped, values once each; teams must exist. */
async function checkConditions(db: Executor, input: Conditions): Promise<Conditions> {
  const out: Conditions = {};
  if (input.priority?.length) out.priority = [...new Set(input.priority)];
  if (input.teamIds?.length) out.teamIds = [...new Set(input.teamIds)];
  if (input.tiers?.length) out.tiers = [...new Set(input.tiers)].sort();
  if (input.unassigned) out.unassigned = true;
  if (input.unassignedForMinutes !== undefined) out.unassignedForMinutes = input.unassignedForMinutes;
  if (input.noReplyForMinutes !== undefined) out.noReplyForMinutes = input.noReplyForMinutes;
  if (input.slaBreached?.length) out.slaBreached = [...new Set(input.slaBreached)];
  if (out.teamIds) {
    const known = await teamBriefs(db, out.teamIds);
    if (out.teamIds.some((id) => !known.has(id))) throw fieldError('conditions.teamIds', 'no_such_team');
  }
  // Without a time condition a rule would act on a ticket the moment it matched: that is a trigger.
  if (out.unassignedForMinutes === undefined && out.noReplyForMinutes === undefined && !out.slaBreached) {
    throw fieldError('conditions', 'rule_needs_timing');
  }
  return out;
}

async function checkActions(db: Executor, input: Actions): Promise<Actions> {
  const out: Actions = {
    notifyLead: input.notifyLead,
    escalate: input.escalate,
    escalateToTeamId: input.escalate ? input.escalateToTeamId : null,
    raisePriorityTo: input.raisePriorityTo,
  };
  if (out.escalateToTeamId !== null && !(await teamBriefs(db, [out.escalateToTeamId])).has(out.escalateToTeamId)) {
    throw fieldError('actions.escalateToTeamId', 'no_such_team');
  }
  if (!out.notifyLead && !out.escalate && out.raisePriorityTo === null)
    throw fieldError('actions', 'rule_needs_action');
  return out;
}

async function found(db: Executor, id: number) {
  const row = await repo.findRule(db, id);
  if (!row) throw new AppError('escalation_rule_not_found');
  return row;
}

async function nameFree(db: Executor, name: string) {
  if (await repo.findRuleByName(db, name)) throw fieldError('name', 'taken', 'escalation_rule_name_taken');
}

export async function listRules(ctx: Ctx) {
  requirePermission(ctx, 'escalation_rules.read');
  return { items: (await repo.listRules(ctx.deps.db.kysely)).map(toDto) };
}

export async function getRule(ctx: Ctx, id: number) {
  requirePermission(ctx, 'escalation_rules.read');
  return { rule: toDto(await found(ctx.deps.db.kysely, id)) };
}

/** A new rule goes last. */
export async function createRule(ctx: Ctx, input: z.output<typeof CreateRuleBody>) {
  requirePermission(ctx, 'escalation_rules.manage');
  const now = ctx.deps.clock.now();
  const rule = await transaction(ctx.deps.db, async (trx) => {
    await nameFree(trx, input.name);
    const id = await repo.insertRule(trx, {
      name: input.name,
      description: input.description,
      position: await nextPosition(trx, 'escalation_rules'),
      active: input.active ? 1 : 0,
      conditions: JSON.stringify(await checkConditions(trx, input.conditions)),
      actions: JSON.stringify(await checkActions(trx, input.actions)),
      created_at: now,
      updated_at: now,
    });
    const dto = toDto(await found(trx, id));
    await recordAudit(trx, ctx, {
      action: 'escalation_rule.created',
      entityType: 'escalation_rule',
      entityId: id,
      after: audited(dto),
    });
    return dto;
  });
  return { rule };
}

export async function updateRule(ctx: Ctx, id: number, input: z.output<typeof UpdateRuleBody>) {
  requirePermission(ctx, 'escalation_rules.manage');
  const rule = await transaction(ctx.deps.db, async (trx) => {
    const row = await found(trx, id);
    const before = toDto(row);
    if (input.name !== undefined && input.name !== row.name) await nameFree(trx, input.name);
    await repo.updateRule(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      ...(input.conditions !== undefined
        ? { conditions: JSON.stringify(await checkConditions(trx, input.conditions)) }
        : {}),
      ...(input.actions !== undefined ? { actions: JSON.stringify(await checkActions(trx, input.actions)) } : {}),
      updated_at: ctx.deps.clock.now(),
    });
    const dto = toDto(await found(trx, id));
    await recordAudit(trx, ctx, {
      action: 'escalation_rule.updated',
      entityType: 'escalation_rule',
      entityId: id,
      before: audited(before),
      after: audited(dto),
    });
    return dto;
  });
  return { rule };
}

/** The rules after it move up one place; escalations it made keep their reason, not its name. */
export async function deleteRule(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx, 'escalation_rules.manage');
  await transaction(ctx.deps.db, async (trx) => {
    const dto = toDto(await found(trx, id));
    await repo.deleteRule(trx, id);
    await setPositions(
      trx,
      'escalation_rules',
      (await repo.listRules(trx)).map((r) => r.id),
      ctx.deps.clock.now(),
    );
    await recordAudit(trx, ctx, {
      action: 'escalation_rule.deleted',
      entityType: 'escalation_rule',
      entityId: id,
      before: audited(dto),
    });
  });
}

/** The rules in the given order (every id once, so a stale screen cannot drop a new rule). */
export async function reorderRules(ctx: Ctx, ids: number[]) {
  requirePermission(ctx, 'escalation_rules.manage');
  const items = await transaction(ctx.deps.db, async (trx) => {
    const before = (await repo.listRules(trx)).map((r) => r.id);
    checkEveryIdOnce(ids, before, 'every_rule_once');
    await setPositions(trx, 'escalation_rules', ids, ctx.deps.clock.now());
    await recordAudit(trx, ctx, {
      action: 'escalation_rule.reordered',
      entityType: 'escalation_rule',
      entityId: null,
      before: { ids: before },
      after: { ids },
    });
    return (await repo.listRules(trx)).map(toDto);
  });
  return { items };
}

export interface RuleSpec {
  name: string;
  description?: string;
  conditions: Conditions;
  actions: Partial<Actions>;
}

/** Writes rules without an actor, in order after any existing: the demo seed. Returns their ids. */
export async function seedEscalationRules(db: Executor, specs: RuleSpec[], now: number): Promise<number[]> {
  const ids: number[] = [];
  for (const spec of specs) {
    ids.push(
      await repo.insertRule(db, {
        name: spec.name,
        description: spec.description ?? '',
        position: await nextPosition(db, 'escalation_rules'),
        active: 1,
        conditions: JSON.stringify(await checkConditions(db, spec.conditions)),
        actions: JSON.stringify(
          await checkActions(db, {
            notifyLead: false,
            escalate: false,
            escalateToTeamId: null,
            raisePriorityTo: null,
            ...spec.actions,
          }),
        ),
        created_at: now,
        updated_at: now,
      }),
    );
  }
  return ids;
}

/** The active rules, in order: for the evaluator. */
export async function activeRules(db: Executor): Promise<EscalationRule[]> {
  return (await repo.listRules(db)).map(parseRule).filter((r) => r.active);
}
