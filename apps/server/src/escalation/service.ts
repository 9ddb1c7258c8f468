// Escalation: moving a ticket up the support tiers (by an agent, with a reason, or by a rule), who is
// told, and the escalations view for leads and managers.
import { z } from 'zod';
import { teamIdsOfUser, teamLadder } from '../people/service.js';
import type { Actor, Ctx, Deps } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import type { TicketPriority, TicketRow } from '../platform/db/types.js';
import { AppError, fieldError } from '../platform/errors.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { can, requirePermission } from '../platform/rbac.js';
import { type EscalationPlan, escalationCommand } from '../tickets/commands.js';
import { ticketAfterCommand } from '../tickets/service.js';
import * as repo from './repo.js';
import type { EscalateBody, EscalationListQuery } from './schema.js';

type Team = Awaited<ReturnType<typeof teamLadder>>[number];

const PRIORITY_ORDER: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];
/** The higher of two priorities (escalation never lowers one). */
export const higherPriority = (a: TicketPriority, b: TicketPriority) =>
  PRIORITY_ORDER.indexOf(a) >= PRIORITY_ORDER.indexOf(b) ? a : b;

/**
 * Where a ticket goes up to: the named team, which must be of a higher tier, or else the first team
 * of the next tier up. A ticket without a team counts as first line (tier 1). 400 naming teamId
 * when there is no higher tier, or the named team is not higher.
 */
export function nextTier(ladder: Team[], row: Pick<TicketRow, 'team_id'>, teamId?: number | null) {
  const current = row.team_id === null ? undefined : ladder.find((t) => t.id === row.team_id);
  const fromTier = current?.tier ?? null;
  const base = fromTier ?? 1;
  let to: Team | undefined;
  if (teamId !== undefined && teamId !== null) {
    to = ladder.find((t) => t.id === teamId);
    if (!to) throw fieldError('teamId', 'no_such_team');
    if (to.tier <= base) throw fieldError('teamId', 'not_higher_tier');
  } else {
    to = ladder.find((t) => t.tier > base);
    if (!to) throw fieldError('teamId', 'no_higher_tier');
  }
  return { from: current ?? null, fromTier, to };
}

/** Stores the ticket's latest escalation for the view, with the escalated event. */
export async function recordEscalation(
  trx: Executor,
  row: TicketRow,
  plan: EscalationPlan,
  now: number,
  actorUserId: number | null,
) {
  const e = plan.escalated;
  if (!e) return;
  await repo.putEscalation(trx, {
    ticket_id: row.id,
    escalated_at: now,
    from_tier: e.fromTier,
    to_tier: e.toTier,
    from_team_id: e.fromTeamId,
    to_team_id: e.toTeamId,
    reason: e.reason,
    rule_id: e.ruleId,
    actor_user_id: actorUserId,
  });
}

/** A person's escalation: up to the chosen or next tier, with their reason; that team's lead is told. */
function byPerson(
  actor: Actor,
  number: number,
  input: Omit<z.output<typeof EscalateBody>, 'version'>,
  version?: number,
) {
  return [
    { actor, number, ...(version !== undefined ? { version } : {}) },
    async (trx: Executor, row: TicketRow): Promise<EscalationPlan> => {
      const { fromTier, to } = nextTier(await teamLadder(trx), row, input.teamId);
      return {
        escalated: {
          fromTier,
          toTier: to.tier,
          fromTeamId: row.team_id,
          toTeamId: to.id,
          reason: input.reason,
          ruleId: null,
        },
        teamId: to.id,
        ...(input.priority ? { priority: input.priority } : {}),
        notify: to.leadId !== null ? [to.leadId] : [],
      };
    },
    (trx: Executor, row: TicketRow, plan: EscalationPlan, now: number) =>
      recordEscalation(trx, row, plan, now, actor.userId),
  ] as const;
}

/** An agent escalates a ticket they can see, saying why; the target team's lead is told. */
export async function escalateTicket(ctx: Ctx, number: number, input: z.output<typeof EscalateBody>) {
  const actor = requirePermission(ctx, 'tickets.work');
  // A person's plan always acts (or the command refuses with an error): the row is there.
  const row = await escalationCommand(ctx, ...byPerson(actor, number, input, input.version));
  return ticketAfterCommand(ctx, row!);
}

/**
 * An agent's escalation at a given moment, without a request: the demo seed's. False when the
 * ticket cannot go higher.
 */
export async function escalateAsOf(deps: Deps, at: number, userId: number, number: number, reason: string) {
  const actor: Actor = {
    userId,
    role: 'agent',
    locale: 'en',
    via: 'session',
    scope: 'write',
    sessionId: null,
    tokenId: null,
  };
  const ctx: Ctx = {
    deps: { ...deps, clock: { now: () => at } },
    actor,
    authProblem: null,
    locale: 'en',
    ip: '',
    userAgent: 'demo seed',
  };
  try {
    return (await escalationCommand(ctx, ...byPerson(actor, number, { reason }))) !== null;
  } catch (err) {
    if (err instanceof AppError) return false;
    throw err;
  }
}

// ---------- the view ----------

const Cursor = z.object({ at: z.number(), id: z.number().int() });

/**
 * Escalated tickets, oldest escalation first. Admins and managers see all; a lead sees those that
 * sit with, or were escalated from or to, a team of theirs; agents may not (403).
 */
export async function listEscalations(ctx: Ctx, query: z.output<typeof EscalationListQuery>) {
  const actor = requirePermission(ctx, 'escalations.read');
  const db = ctx.deps.db.kysely;
  const now = ctx.deps.clock.now();
  const scope = can(actor, 'tickets.see_all') ? null : await teamIdsOfUser(db, actor.userId);
  const rows = await repo.listEscalations(db, {
    open: query.status === 'open',
    scopeTeamIds: scope,
    teamId: query.teamId,
    after: query.cursor ? decodeCursor(query.cursor, Cursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      ticketNumber: r.number,
      subject: r.subject,
      status: r.status,
      priority: r.priority,
      teamId: r.team_id,
      assigneeId: r.assignee_id,
      escalatedAt: new Date(r.escalated_at).toISOString(),
      ageSeconds: Math.max(0, Math.floor((now - r.escalated_at) / 1000)),
      fromTier: r.from_tier,
      toTier: r.to_tier,
      fromTeamId: r.from_team_id,
      toTeamId: r.to_team_id,
      reason: r.reason,
      actor: r.actor_user_id !== null ? { id: r.actor_user_id, name: r.actor_name ?? '' } : null,
      rule: r.rule_id !== null ? { id: r.rule_id, name: r.rule_name ?? '' } : null,
      count: r.escalation_count,
    })),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ at: Number(last.escalated_at), id: last.ticket_id }) : null,
  };
}
