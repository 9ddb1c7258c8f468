// SLA policies: the rules (who may change them, what a valid one is), their order, and the parsed
// policies other domains match tickets against (matching itself is policy.ts).
import type { z } from 'zod';
import { organisationNames } from '../customers/service.js';
import { recordAudit } from '../platform/audit/service.js';
import { iso } from '../platform/auth/dto.js';
import type { Ctx } from '../platform/context.js';
import { type Executor, groupMemo } from '../platform/db/index.js';
import { checkEveryIdOnce, nextPosition, setPositions } from '../platform/db/positions.js';
import type { SlaPolicyRow, TicketPriority } from '../platform/db/types.js';
import { AppError, fieldError } from '../platform/errors.js';
import { requirePermission } from '../platform/rbac.js';
import type { Conditions, PausingStatus, SlaPolicy, Targets } from './policy.js';
import { changeRules } from './recompute.js';
import * as repo from './repo.js';
import type { CreatePolicyBody, PolicyConditions, PolicyTargets, UpdatePolicyBody } from './schema.js';

const PRIORITIES: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
const PAUSING: PausingStatus[] = ['pending', 'on_hold'];
const METRICS = ['firstReply', 'nextReply', 'resolution'] as const;
const CONDITIONS = ['priority', 'channel', 'type', 'tags', 'organisationIds', 'organisationTiers'] as const;

const parse = (row: SlaPolicyRow): SlaPolicy => ({
  id: row.id,
  name: row.name,
  position: row.position,
  active: row.active === 1,
  conditions: JSON.parse(row.conditions) as Conditions,
  targets: JSON.parse(row.targets) as SlaPolicy['targets'],
  businessHours: row.business_hours === 1,
  pauseOn: JSON.parse(row.pause_on) as PausingStatus[],
});

const toDto = (row: SlaPolicyRow) => ({
  ...parse(row),
  description: row.description,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});
type PolicyDto = ReturnType<typeof toDto>;

const audited = (dto: PolicyDto) => ({
  name: dto.name,
  description: dto.description,
  position: dto.position,
  active: dto.active,
  conditions: dto.conditions,
  targets: dto.targets,
  businessHours: dto.businessHours,
  pauseOn: dto.pauseOn,
});

/**
 * Conditions as stored: empty lists dropped (they hold for every ticket), values once each. The
 * organisations must exist: 400 naming conditions.organisationIds otherwise.
 */
async function checkConditions(db: Executor, input: z.output<typeof PolicyConditions>): Promise<Conditions> {
  const out: Record<string, unknown[]> = {};
  for (const key of CONDITIONS) {
    const values = input[key] as unknown[] | undefined;
    if (!values?.length) continue;
    // Tiers are one tier whatever their case: the first spelling given stays.
    out[key] =
      key === 'organisationTiers'
        ? (values as string[]).filter((t, i, all) => all.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i)
        : [...new Set(values)];
  }
  const orgIds = out.organisationIds as number[] | undefined;
  if (orgIds) {
    const known = await organisationNames(db, orgIds);
    if (orgIds.some((id) => !known.has(id))) throw fieldError('conditions.organisationIds', 'no_such_organisation');
  }
  return out as Conditions;
}

/** Targets as stored: priorities and metrics in a fixed order, priorities without any target dropped. */
function cleanTargets(input: z.output<typeof PolicyTargets>): SlaPolicy['targets'] {
  const out: SlaPolicy['targets'] = {};
  for (const priority of PRIORITIES) {
    const given = input[priority];
    const targets: Targets = {};
    for (const metric of METRICS) if (given?.[metric] !== undefined) targets[metric] = given[metric];
    if (Object.keys(targets).length) out[priority] = targets;
  }
  return out;
}

const cleanPauseOn = (statuses: PausingStatus[]) => PAUSING.filter((s) => statuses.includes(s));

async function found(db: Executor, id: number) {
  const row = await repo.findPolicy(db, id);
  if (!row) throw new AppError('sla_policy_not_found');
  return row;
}

async function nameFree(db: Executor, name: string) {
  if (await repo.findPolicyByName(db, name)) throw fieldError('name', 'taken', 'sla_policy_name_taken');
}

export async function listPolicies(ctx: Ctx) {
  requirePermission(ctx, 'sla.read');
  return { items: (await repo.listPolicies(ctx.deps.db.kysely)).map(toDto) };
}

export async function getPolicy(ctx: Ctx, id: number) {
  requirePermission(ctx, 'sla.read');
  return { policy: toDto(await found(ctx.deps.db.kysely, id)) };
}

/** A new policy goes last: it applies only to tickets no earlier policy matches. */
export async function createPolicy(ctx: Ctx, input: z.output<typeof CreatePolicyBody>) {
  requirePermission(ctx, 'sla.manage');
  const now = ctx.deps.clock.now();
  const policy = await changeRules(ctx, async (trx) => {
    await nameFree(trx, input.name);
    const id = await repo.insertPolicy(trx, {
      name: input.name,
      description: input.description,
      position: await nextPosition(trx, 'sla_policies'),
      active: input.active ? 1 : 0,
      conditions: JSON.stringify(await checkConditions(trx, input.conditions)),
      targets: JSON.stringify(cleanTargets(input.targets)),
      business_hours: input.businessHours ? 1 : 0,
      pause_on: JSON.stringify(cleanPauseOn(input.pauseOn)),
      created_at: now,
      updated_at: now,
    });
    const dto = toDto(await found(trx, id));
    await recordAudit(trx, ctx, {
      action: 'sla_policy.created',
      entityType: 'sla_policy',
      entityId: id,
      after: audited(dto),
    });
    return dto;
  });
  return { policy };
}

export async function updatePolicy(ctx: Ctx, id: number, input: z.output<typeof UpdatePolicyBody>) {
  requirePermission(ctx, 'sla.manage');
  const policy = await changeRules(ctx, async (trx) => {
    const row = await found(trx, id);
    const before = toDto(row);
    if (input.name !== undefined && input.name !== row.name) await nameFree(trx, input.name);
    await repo.updatePolicy(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      ...(input.conditions !== undefined
        ? { conditions: JSON.stringify(await checkConditions(trx, input.conditions)) }
        : {}),
      ...(input.targets !== undefined ? { targets: JSON.stringify(cleanTargets(input.targets)) } : {}),
      ...(input.businessHours !== undefined ? { business_hours: input.businessHours ? 1 : 0 } : {}),
      ...(input.pauseOn !== undefined ? { pause_on: JSON.stringify(cleanPauseOn(input.pauseOn)) } : {}),
      updated_at: ctx.deps.clock.now(),
    });
    const dto = toDto(await found(trx, id));
    await recordAudit(trx, ctx, {
      action: 'sla_policy.updated',
      entityType: 'sla_policy',
      entityId: id,
      before: audited(before),
      after: audited(dto),
    });
    return dto;
  });
  return { policy };
}

/** The policies after it move up one place. */
export async function deletePolicy(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx, 'sla.manage');
  await changeRules(ctx, async (trx) => {
    const dto = toDto(await found(trx, id));
    await repo.deletePolicy(trx, id);
    const rest = await repo.listPolicies(trx);
    await setPositions(
      trx,
      'sla_policies',
      rest.map((r) => r.id),
      ctx.deps.clock.now(),
    );
    await recordAudit(trx, ctx, {
      action: 'sla_policy.deleted',
      entityType: 'sla_policy',
      entityId: id,
      before: audited(dto),
    });
  });
}

/**
 * Puts the policies in the given order (positions 1…n). The list must name every policy once, so a
 * screen that missed another manager's new policy cannot drop it to an arbitrary place.
 */
export async function reorderPolicies(ctx: Ctx, ids: number[]) {
  requirePermission(ctx, 'sla.manage');
  const items = await changeRules(ctx, async (trx) => {
    const before = (await repo.listPolicies(trx)).map((r) => r.id);
    checkEveryIdOnce(ids, before, 'every_policy_once');
    await setPositions(trx, 'sla_policies', ids, ctx.deps.clock.now());
    await recordAudit(trx, ctx, {
      action: 'sla_policy.reordered',
      entityType: 'sla_policy',
      entityId: null,
      before: { ids: before },
      after: { ids },
    });
    return (await repo.listPolicies(trx)).map(toDto);
  });
  return { items };
}

export interface PolicySpec {
  name: string;
  description?: string;
  conditions: z.output<typeof PolicyConditions>;
  targets: z.output<typeof PolicyTargets>;
  businessHours: boolean;
  pauseOn?: PausingStatus[];
}

/** Writes policies without an actor, in order after any existing: the demo seed. Returns their ids. */
export async function seedSlaPolicies(db: Executor, specs: PolicySpec[], now: number): Promise<number[]> {
  const ids: number[] = [];
  for (const spec of specs) {
    ids.push(
      await repo.insertPolicy(db, {
        name: spec.name,
        description: spec.description ?? '',
        position: await nextPosition(db, 'sla_policies'),
        active: 1,
        conditions: JSON.stringify(await checkConditions(db, spec.conditions)),
        targets: JSON.stringify(cleanTargets(spec.targets)),
        business_hours: spec.businessHours ? 1 : 0,
        pause_on: JSON.stringify(cleanPauseOn(spec.pauseOn ?? PAUSING)),
        created_at: now,
        updated_at: now,
      }),
    );
  }
  return ids;
}

/**
 * Every policy, parsed, in matching order: for other domains to match tickets with policyFor(). Read
 * once for a commit group's ticket commands (groupMemo), so the list is shared: read only.
 */
export function slaPolicies(db: Executor): Promise<SlaPolicy[]> {
  return groupMemo(db, 'sla-policies', async () => (await repo.listPolicies(db)).map(parse));
}
