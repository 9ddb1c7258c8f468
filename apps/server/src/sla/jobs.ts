// Timed SLA work, all through JobQueue:
// - the sweep, every minute on the clock grid: logs the breach of each owed target whose time ran
//   out (a ticket nobody touches still gets its sla_breached event, on time to the minute);
// - the recompute after a policy or calendar change (recompute.ts): every ticket that can owe
//   targets is folded again under the new rules, in small batches.
import type { Deps } from '../platform/context.js';
import { transaction } from '../platform/db/index.js';
import { refreshSlaOf } from '../tickets/commands.js';
import type { TicketEvent } from '../tickets/events.js';
import { TicketWrite } from '../tickets/write.js';
import { RECOMPUTE_JOB, startRecompute } from './recompute.js';
import * as repo from './repo.js';

export const SWEEP_JOB = 'sla.sweep';
const SWEEP_MS = 60_000;
const SWEEP_BATCH = 500;
const RECOMPUTE_BATCH = 200;

/** Enqueues the next sweep on the minute grid (once per minute across nodes, by its job id). */
export async function scheduleSweep(deps: Deps, after?: number): Promise<void> {
  const from = Math.max(deps.clock.now(), after ?? 0);
  const at = (Math.floor(from / SWEEP_MS) + 1) * SWEEP_MS;
  await deps.jobs.enqueue(SWEEP_JOB, { at }, { jobId: `sweep:${at}`, delayMs: at - deps.clock.now() });
}

/**
 * Logs every breach due by now that is not logged yet; returns how many. Each batch of tickets is one
 * transaction: the due breaches are claimed with one conditional update (a ticket command that
 * logged one meanwhile has claimed it already), their events and facts written in bulk.
 */
export async function sweepBreaches(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  let logged = 0;
  const numbers = new Set<number>();
  for (;;) {
    const ids = await repo.ticketsWithDueBreaches(deps.db.kysely, now, SWEEP_BATCH);
    if (!ids.length) break;
    await transaction(deps.db, async (trx) => {
      const claimed = await repo.claimDueBreaches(trx, ids, now);
      if (!claimed.length) return;
      const tickets = await repo.ticketVersions(
        trx,
        claimed.map((c) => c.ticket_id),
      );
      const byTicket = new Map<number, TicketEvent[]>();
      for (const c of claimed.sort((a, b) => a.due_at! - b.due_at!)) {
        const t = tickets.get(c.ticket_id)!;
        const data = {
          metric: c.metric,
          cycle: c.cycle,
          policyId: c.policy_id,
          targetMinutes: c.target_minutes,
          dueAt: c.due_at!,
        };
        const event: TicketEvent = {
          type: 'sla_breached',
          data,
          version: t.version,
          at: c.due_at!,
          actorUserId: null,
          actorCustomerId: null,
        };
        byTicket.set(c.ticket_id, [...(byTicket.get(c.ticket_id) ?? []), event]);
        numbers.add(t.number);
      }
      await TicketWrite.appendSystemEvents(trx, byTicket);
      logged += claimed.length;
    });
  }
  if (numbers.size) await deps.bus.publish({ type: 'tickets.changed', data: { numbers: [...numbers] } });
  return logged;
}

/** One step: re-folds up to a batch of tickets after `afterId`; returns the last id, or null at the end. */
export async function recomputeStep(deps: Deps, afterId: number): Promise<number | null> {
  const ids = (await repo.openTicketIds(deps.db.kysely, afterId, RECOMPUTE_BATCH)).map((r) => r.id);
  if (!ids.length) return null;
  const now = deps.clock.now();
  await transaction(deps.db, (trx) => refreshSlaOf(trx, ids, now));
  return ids.at(-1)!;
}

export function registerSlaJobs(deps: Deps): void {
  deps.jobs.register(SWEEP_JOB, async (payload) => {
    try {
      const logged = await sweepBreaches(deps);
      if (logged) deps.log.info({ breaches: logged }, 'sla: breaches logged');
    } finally {
      // From its own grid point: a timer that fires a moment early must not ask for the same minute.
      await scheduleSweep(deps, Number(payload.at) || undefined);
    }
  });
  deps.jobs.register(RECOMPUTE_JOB, async (payload) => {
    const { run, afterId } = payload as { run: number; afterId: number };
    // A newer request started its own run: this one has nothing left to do.
    if ((await repo.counter(deps.db.kysely, repo.RECOMPUTE_REQUESTED)) > run) return;
    const last = await recomputeStep(deps, afterId);
    if (last !== null) await startRecompute(deps, run, last, 20);
    else {
      await repo.setCounter(deps.db.kysely, repo.RECOMPUTE_DONE, run);
      deps.log.info({ run }, 'sla: timers recomputed');
    }
  });
}
