// Background work of analytics: computing the KPI facts of tickets that have none (tickets written
// before analytics existed) or facts of an older version (after FACTS_VERSION changed).
import type { Deps } from '../platform/context.js';
import { readSettingsFor } from '../platform/settings/service.js';
import { eventLogs } from '../tickets/service.js';
import { sendAlertDigest } from './alerts-mail.js';
import { rebuildFactsStep } from './facts-store.js';
import { registerScheduleJobs } from './schedules.js';
import { addDays, localToday, periodOf } from './time.js';

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

export const ALERT_DIGEST_JOB = 'analytics.alert_digest';
/** The trend mail goes out at this local hour of the organisation's time zone. */
const DIGEST_HOUR = 8;

/** Enqueues the next daily trend mail (once per day across nodes, by its job id). */
export async function scheduleAlertDigest(deps: Deps): Promise<void> {
  const { defaultTimeZone: tz } = await readSettingsFor(deps.db.kysely);
  const now = deps.clock.now();
  let day = localToday(tz, now);
  let at = periodOf(tz, day, day).start + DIGEST_HOUR * 3_600_000;
  if (at <= now) {
    day = addDays(day, 1);
    at = periodOf(tz, day, day).start + DIGEST_HOUR * 3_600_000;
  }
  await deps.jobs.enqueue(ALERT_DIGEST_JOB, { day }, { jobId: `digest:${day}`, delayMs: at - now });
}

export function registerAnalyticsJobs(deps: Deps): void {
  registerScheduleJobs(deps);
  deps.jobs.register(ALERT_DIGEST_JOB, async () => {
    try {
      const sent = await sendAlertDigest(deps);
      deps.log.info({ sent }, 'analytics: trend mail');
    } finally {
      await scheduleAlertDigest(deps);
    }
  });
  deps.jobs.register(REBUILD_FACTS_JOB, async (payload) => {
    const { run, afterId } = payload as { run: number; afterId: number };
    // Small steps between requests: on a large database this runs for minutes without holding it.
    const last = await rebuildFactsStep(deps.db.kysely, afterId, BATCH, eventLogs);
    if (last !== null) await scheduleFactsRebuild(deps, 20, run, last);
    else deps.log.info({ rebuilt: afterId > 0 }, 'analytics: KPI facts are up to date');
  });
}
