// Timed SLA work, all through JobQueue:
// - the sweep, every minute on the clock grid: logs the breach of each owed target whose time ran
//   out (a ticket nobody touches still gets its sla_breached event, on time to the minute);
// - the recompute after a policy or calendar change (recompute.ts): every ticket that can owe
//   targets is folded again under the new rules, in small batches.
import type { Deps } from '../platform/context.js';
import { transaction } from '../platform/db/index.js';
import { refreshSlaOf } from '../tickets/service.js';
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
 * Logs every breach due by now that is not logged yet; returns how many. Each batch is one
 * transaction; a breach a ticket command logged meanwhile is skipped (claimBreach).
 */
export async function sweepBreaches(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  let logged = 0;
  const numbers = new Set<number>();
  for (;;) {
    const due = await repo.dueBreaches(deps.db.kysely, now, SWEEP_BATCH);
    if (!due.length) break;
    await transaction(deps.db, async (trx) => {
      for (const d of due) {
        if (!(await repo.claimBreach(trx, d.ticket_id, d.metric, d.cycle))) continue;
        const dueAt = d.due_at!;
        await TicketWrite.appendEvents(trx, d.ticket_id, false, [
          {
            type: 'sla_breached',
            data: { metric: d.metric, cycle: d.cycle, policyId: d.policy_id, targetMinutes: d.target_minutes, dueAt },
            version: d.version,
            at: dueAt,
            actorUserId: null,
            actorCustomerId: null,
          },
        ]);
        numbers.add(d.number);
        logged += 1;
      }
    });
    if (due.length < SWEEP_BATCH) break;
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
