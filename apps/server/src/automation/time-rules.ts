// Time rules: who may see and change them, what a valid one is, and the hourly run that acts on each
// ticket whose hours since created / updated / pending / solved reached the rule's, at most once per
// ticket and period (the moment the hours count from). The run reads what is due from the database,
// so work that fell due while the server was down is done when it next starts; the job id on the
// hour grid makes a run happen on one node of a cluster.
import type { z } from 'zod';
import { customerBriefs } from '../customers/service.js';
import { recordAudit } from '../platform/audit/service.js';
import type { Ctx, Deps } from '../platform/context.js';
import { type Executor, transaction } from '../platform/db/index.js';
import { checkEveryIdOnce, nextPosition, setPositions } from '../platform/db/positions.js';
import type { TicketRow, TimeRuleRow } from '../platform/db/types.js';
import { AppError, fieldError } from '../platform/errors.js';
import { requirePermission } from '../platform/rbac.js';
import { isWorking } from '../sla/calendar.js';
import { calendarsOfTeams } from '../sla/calendars.js';
import { applyTimeRule } from '../tickets/commands.js';
import { rowToDerived } from '../tickets/write.js';
import type { RuleAction } from './actions.js';
import type { Facts } from './conditions.js';
import { compileRule } from './engine.js';
import { audited, checkConditions, checkRuleActions, creatorNames, timeRuleDto } from './rules.js';
import * as repo from './rules-repo.js';
import type { Conditions, CreateTimeRuleBody, UpdateTimeRuleBody } from './rules-schema.js';

type In<T extends z.ZodType> = z.output<T>;

export const TIME_RULES_JOB = 'automation.time_rules';
const HOUR = 3_600_000;
const BATCH = 500;

async function found(db: Executor, id: number): Promise<TimeRuleRow> {
  const row = await repo.findTimeRule(db, id);
  if (!row) throw new AppError('time_rule_not_found');
  return row;
}

async function dtos(db: Executor, rows: TimeRuleRow[]) {
  const names = await creatorNames(db, rows);
  return rows.map((r) => timeRuleDto(r, names));
}

async function nameFree(db: Executor, name: string, exceptId?: number) {
  if (await repo.findByName(db, 'time_rules', name, exceptId)) {
    throw fieldError('name', 'taken', 'time_rule_name_taken');
  }
}

export async function listTimeRules(ctx: Ctx) {
  requirePermission(ctx, 'automation.read');
  const db = ctx.deps.db.kysely;
  return { items: await dtos(db, await repo.listTimeRules(db)) };
}

export async function getTimeRule(ctx: Ctx, id: number) {
  requirePermission(ctx, 'automation.read');
  const db = ctx.deps.db.kysely;
  return { timeRule: (await dtos(db, [await found(db, id)]))[0]! };
}

export async function createTimeRule(ctx: Ctx, input: In<typeof CreateTimeRuleBody>) {
  const actor = requirePermission(ctx, 'automation.manage');
  const now = ctx.deps.clock.now();
  const timeRule = await transaction(ctx.deps.db, async (trx) => {
    await nameFree(trx, input.name);
    const id = await repo.insertTimeRule(trx, {
      name: input.name,
      description: input.description,
      position: await nextPosition(trx, 'time_rules'),
      active: input.active ? 1 : 0,
      conditions: JSON.stringify(await checkConditions(trx, input.conditions, 'time_rule')),
      actions: JSON.stringify(await checkRuleActions(trx, input.actions)),
      since: input.since,
      hours: input.hours,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    const dto = (await dtos(trx, [await found(trx, id)]))[0]!;
    await recordAudit(trx, ctx, {
      action: 'time_rule.created',
      entityType: 'time_rule',
      entityId: id,
      after: audited(dto),
    });
    return dto;
  });
  return { timeRule };
}

export async function updateTimeRule(ctx: Ctx, id: number, input: In<typeof UpdateTimeRuleBody>) {
  requirePermission(ctx, 'automation.manage');
  const timeRule = await transaction(ctx.deps.db, async (trx) => {
    const row = await found(trx, id);
    const before = (await dtos(trx, [row]))[0]!;
    if (input.name !== undefined && input.name !== row.name) await nameFree(trx, input.name, id);
    await repo.updateTimeRule(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      ...(input.conditions !== undefined
        ? { conditions: JSON.stringify(await checkConditions(trx, input.conditions, 'time_rule')) }
        : {}),
      ...(input.actions !== undefined ? { actions: JSON.stringify(await checkRuleActions(trx, input.actions)) } : {}),
      ...(input.since !== undefined ? { since: input.since } : {}),
      ...(input.hours !== undefined ? { hours: input.hours } : {}),
      updated_at: ctx.deps.clock.now(),
    });
    const dto = (await dtos(trx, [await found(trx, id)]))[0]!;
    await recordAudit(trx, ctx, {
      action: 'time_rule.updated',
      entityType: 'time_rule',
      entityId: id,
      before: audited(before),
      after: audited(dto),
    });
    return dto;
  });
  return { timeRule };
}

export async function deleteTimeRule(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx, 'automation.manage');
  await transaction(ctx.deps.db, async (trx) => {
    const dto = (await dtos(trx, [await found(trx, id)]))[0]!;
    await repo.deleteRule(trx, 'time_rules', id);
    const rest = await repo.listTimeRules(trx);
    await setPositions(
      trx,
      'time_rules',
      rest.map((r) => r.id),
      ctx.deps.clock.now(),
    );
    await recordAudit(trx, ctx, {
      action: 'time_rule.deleted',
      entityType: 'time_rule',
      entityId: id,
      before: audited(dto),
    });
  });
}

/** Puts the time rules in this order (every id once): each run goes through them first to last. */
export async function reorderTimeRules(ctx: Ctx, ids: number[]) {
  requirePermission(ctx, 'automation.manage');
  const items = await transaction(ctx.deps.db, async (trx) => {
    const before = (await repo.listTimeRules(trx)).map((r) => r.id);
    checkEveryIdOnce(ids, before, 'every_rule_once');
    await setPositions(trx, 'time_rules', ids, ctx.deps.clock.now());
    await recordAudit(trx, ctx, {
      action: 'time_rule.reordered',
      entityType: 'time_rule',
      entityId: null,
      before: { ids: before },
      after: { ids },
    });
    return dtos(trx, await repo.listTimeRules(trx));
  });
  return { items };
}

// ---------- the hourly run ----------

/** The moment a rule's hours count from on this ticket (null: it has none, e.g. not pending). */
function sinceOf(since: TimeRuleRow['since'], t: TicketRow, pending: Map<number, number> | null): number | null {
  if (since === 'created') return Number(t.created_at);
  if (since === 'updated') return Number(t.updated_at);
  if (since === 'solved') return t.status === 'solved' && t.solved_at !== null ? Number(t.solved_at) : null;
  return t.status === 'pending' ? (pending?.get(t.id) ?? null) : null;
}

/**
 * One run: every active time rule, in order, over the tickets due for it. Each ticket it acts on is
 * its own command (the claim of the period is part of it, so a crash or a second node never makes
 * the rule act twice). Returns how many tickets were acted on.
 */
export async function runTimeRules(deps: Deps): Promise<number> {
  const db = deps.db.kysely;
  const now = deps.clock.now();
  let acted = 0;
  for (const row of await repo.listTimeRules(db, true)) {
    const rule = compileRule('time_rule', row);
    const cutoff = now - row.hours * HOUR;
    const calendarOf = rule.needsHours ? await calendarsOfTeams(db) : null;
    for (let afterId = 0; ; ) {
      const tickets = await repo.timeRuleCandidates(db, row.since, cutoff, afterId, BATCH);
      if (!tickets.length) break;
      afterId = tickets.at(-1)!.id;
      const ids = tickets.map((t) => t.id);
      const pending = row.since === 'pending' ? await repo.pendingSince(db, ids) : null;
      const done = await repo.runsOf(db, row.id, ids);
      const locales = rule.needsLocale
        ? await customerBriefs(
            db,
            tickets.map((t) => t.requester_id),
          )
        : null;
      const factsOf = (t: TicketRow, locale?: 'en' | 'hi'): Facts => {
        const state = rowToDerived(t);
        return {
          state,
          before: state,
          message: null,
          requesterLocale: locale ?? locales?.get(t.requester_id)?.locale ?? 'en',
          working: calendarOf ? isWorking(calendarOf(t.team_id), now) : false,
        };
      };
      for (const t of tickets) {
        const since = sinceOf(row.since, t, pending);
        if (since === null || since > cutoff || done.has(`${t.id}:${since}`) || !rule.test(factsOf(t))) continue;
        const ok = await applyTimeRule(deps, t.id, rule, async (trx, fresh) => {
          // As the ticket is now, inside the command: still due for the same period, still matching.
          const p = row.since === 'pending' ? await repo.pendingSince(trx, [fresh.id]) : null;
          if (sinceOf(row.since, fresh, p) !== since) return false;
          const locale = rule.needsLocale
            ? (await customerBriefs(trx, [fresh.requester_id])).get(fresh.requester_id)?.locale
            : undefined;
          if (!rule.test(factsOf(fresh, locale))) return false;
          return repo.claimRun(trx, row.id, fresh.id, since, now);
        });
        if (ok) acted += 1;
      }
    }
  }
  return acted;
}

/** Enqueues the next run on the hour grid (once per hour across nodes, by its job id). */
export async function scheduleTimeRules(deps: Deps, after?: number): Promise<void> {
  const from = Math.max(deps.clock.now(), after ?? 0);
  const at = (Math.floor(from / HOUR) + 1) * HOUR;
  await deps.jobs.enqueue(TIME_RULES_JOB, { at }, { jobId: `time-rules:${at}`, delayMs: at - deps.clock.now() });
}

export function registerTimeRulesJob(deps: Deps): void {
  deps.jobs.register(TIME_RULES_JOB, async (payload) => {
    try {
      const acted = await runTimeRules(deps);
      if (acted) deps.log.info({ tickets: acted }, 'automation: time rules acted');
    } finally {
      // A run at start-up (no grid point) only catches up: the hourly one is already scheduled.
      if (payload.at !== undefined) await scheduleTimeRules(deps, Number(payload.at));
    }
  });
}

// ---------- demo ----------

export interface TimeRuleSpec {
  name: string;
  description?: string;
  since: TimeRuleRow['since'];
  hours: number;
  conditions: Conditions;
  actions: RuleAction[];
}

/** Writes time rules without an actor (the demo seed); the same checks as the API. */
export async function seedTimeRules(db: Executor, specs: TimeRuleSpec[], now: number): Promise<number[]> {
  const ids: number[] = [];
  for (const spec of specs) {
    await nameFree(db, spec.name);
    ids.push(
      await repo.insertTimeRule(db, {
        name: spec.name,
        description: spec.description ?? '',
        position: await nextPosition(db, 'time_rules'),
        active: 1,
        conditions: JSON.stringify(await checkConditions(db, spec.conditions, 'time_rule')),
        actions: JSON.stringify(await checkRuleActions(db, spec.actions)),
        since: spec.since,
        hours: spec.hours,
        created_by: null,
        created_at: now,
        updated_at: now,
      }),
    );
  }
  return ids;
}
