// Changes to the SLA rules (policies, calendars) and the recompute they call for. The request is a
// counter in the database written with the change, so a restart in the middle of a run (or before
// it began) picks it up again; the run itself is sla/jobs.ts.
import type { Ctx, Deps } from '../platform/context.js';
import { type Executor, transaction } from '../platform/db/index.js';
import * as repo from './repo.js';

export const RECOMPUTE_JOB = 'sla.recompute';

/**
 * Runs a change to the SLA rules (policies, calendars) in one transaction that also records the
 * request to recompute, and starts the recompute once it commits.
 */
export async function changeRules<T>(ctx: Ctx, fn: (trx: Executor) => Promise<T>): Promise<T> {
  let run = 0;
  const result = await transaction(ctx.deps.db, async (trx) => {
    const r = await fn(trx);
    // Later than any run before, even within one millisecond: each change gets a run of its own.
    run = Math.max(ctx.deps.clock.now(), (await repo.counter(trx, repo.RECOMPUTE_REQUESTED)) + 1);
    await repo.setCounter(trx, repo.RECOMPUTE_REQUESTED, run);
    return r;
  });
  await startRecompute(ctx.deps, run);
  return result;
}

/** Enqueues the first step of a recompute run (one run per request across nodes, by its job id). */
export function startRecompute(deps: Deps, run: number, afterId = 0, delayMs = 0): Promise<void> {
  return deps.jobs.enqueue(RECOMPUTE_JOB, { run, afterId }, { jobId: `${run}:${afterId}`, delayMs });
}

/** At start-up: goes on with a recompute that a restart cut short (or that never began). */
export async function resumeRecompute(deps: Deps): Promise<void> {
  const db = deps.db.kysely;
  const requested = await repo.counter(db, repo.RECOMPUTE_REQUESTED);
  if (requested > (await repo.counter(db, repo.RECOMPUTE_DONE))) await startRecompute(deps, requested);
}
