// Evaluating escalation rules: each active rule, in order, picks the unsolved tickets its conditions
// hold for and that it has not acted on yet (once per ticket, or once per SLA breach), and acts on
// each in one ticket command by no person: the claim of the run, the events and the notices commit
// together or not at all.
import { teamLadder } from '../people/service.js';
import type { Ctx, Deps } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import type { TicketRow } from '../platform/db/types.js';
import { AppError } from '../platform/errors.js';
import { type EscalationPlan, escalationCommand } from '../tickets/commands.js';
import * as repo from './repo.js';
import { activeRules, type EscalationRule } from './rules.js';
import { higherPriority, nextTier, recordEscalation } from './service.js';

const BATCH = 200;
const UNSOLVED = new Set(['new', 'open', 'pending', 'on_hold']);

/** What the rule does to this ticket, after claiming its run; null: it already ran, or nothing to do. */
async function planFor(
  trx: Executor,
  rule: EscalationRule,
  row: TicketRow,
  key: string,
  now: number,
): Promise<EscalationPlan | null> {
  if (!UNSOLVED.has(row.status)) return null;
  if (!(await repo.claimRun(trx, rule.id, row.id, key, now))) return null;
  const ladder = await teamLadder(trx);
  const a = rule.actions;
  let move: ReturnType<typeof nextTier> | null = null;
  if (a.escalate) {
    try {
      move = nextTier(ladder, row, a.escalateToTeamId);
    } catch (err) {
      // Already at the top (or the chosen team is not above it): the rule's other actions still run.
      if (!(err instanceof AppError)) throw err;
    }
  }
  const priority = a.raisePriorityTo ? higherPriority(row.priority, a.raisePriorityTo) : row.priority;
  const notify = new Set<number>();
  if (move?.to.leadId) notify.add(move.to.leadId);
  if (a.notifyLead) {
    const lead = ladder.find((t) => t.id === row.team_id)?.leadId;
    if (lead) notify.add(lead);
  }
  if (!move && priority === row.priority && !notify.size) return null;
  return {
    escalated: move
      ? {
          fromTier: move.fromTier,
          toTier: move.to.tier,
          fromTeamId: row.team_id,
          toTeamId: move.to.id,
          reason: rule.description || rule.name,
          ruleId: rule.id,
        }
      : null,
    ...(move ? { teamId: move.to.id } : {}),
    ...(priority !== row.priority ? { priority } : {}),
    notify: [...notify],
  };
}

/** Runs every active rule once over the tickets due for it; returns how many tickets it acted on. */
export async function runEscalationRules(deps: Deps): Promise<number> {
  const ctx: Ctx = { deps, actor: null, authProblem: null, locale: 'en', ip: '', userAgent: 'escalation rules' };
  let acted = 0;
  for (const rule of await activeRules(deps.db.kysely)) {
    const now = deps.clock.now();
    const due = await repo.ruleCandidates(deps.db.kysely, { ruleId: rule.id, now, ...rule.conditions, limit: BATCH });
    for (const { ticketId, key } of due) {
      const row = await escalationCommand(
        ctx,
        { actor: null, ticketId },
        (trx, row) => planFor(trx, rule, row, key, now),
        (trx, row, plan, at) => recordEscalation(trx, row, plan, at, null),
      );
      if (row !== null) acted++;
    }
  }
  return acted;
}
