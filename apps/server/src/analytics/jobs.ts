// Background work of analytics: computing the KPI facts of tickets that have none (tickets written
// before analytics existed) or facts of an older version (after FACTS_VERSION changed).
import type { Deps } from '../platform/context.js';
import { eventLogs } from '../tickets/service.js';
import { rebuildFactsStep } from './facts-store.js';

export const REBUILD_FACTS_JOB = 'analytics.rebuild_facts';
const BATCH = 500;

/**
 * Enqueues a step of a rebuild run. The job id (run, position) makes each step run once across
 * nodes; `run` (the minute the run began) keeps a later run from colliding with an earlier one's ids.
 */
export function scheduleFactsRebuild(deps: Deps, delayMs = 0, run?: number, afterId = 0): Promise<void> {
  const r = run ?? Math.floor(deps.clock.now() / 60_000);
  return deps.jobs.enqueue(REBUILD_FACTS_JOB, { run: r, afterId }, { jobId: `${r}:${afterId}`, delayMs });
}

export function registerAnalyticsJobs(deps: Deps): void {
  deps.jobs.register(REBUILD_FACTS_JOB, async (payload) => {
    const { run, afterId } = payload as { run: number; afterId: number };
    // Small steps between requests: on a large database this runs for minutes without holding it.
    const last = await rebuildFactsStep(deps.db.kysely, afterId, BATCH, eventLogs);
    if (last !== null) await scheduleFactsRebuild(deps, 20, run, last);
    else deps.log.info({ rebuilt: afterId > 0 }, 'analytics: KPI facts are up to date');
  });
}
