// Timed ticket work: closing solved tickets once the configured number of days has passed.
import type { Deps } from '../platform/context.js';
import { readSettingsFor } from '../platform/settings/service.js';
import { closeSolvedTickets } from './commands.js';

export const AUTO_CLOSE_JOB = 'tickets.auto_close';
const HOUR = 3_600_000;
const BATCH = 200;

/** Enqueues a run `delayMs` from now; the job id makes it once per time slot across nodes. */
export function scheduleAutoClose(deps: Deps, delayMs = 0): Promise<void> {
  const at = deps.clock.now() + delayMs;
  const slot = delayMs < HOUR ? `${Math.floor(at / 10_000)}s` : `${Math.floor(at / HOUR)}h`;
  return deps.jobs.enqueue(AUTO_CLOSE_JOB, {}, { jobId: `${AUTO_CLOSE_JOB}:${slot}`, delayMs });
}

export function registerTicketJobs(deps: Deps): void {
  deps.jobs.register(AUTO_CLOSE_JOB, async () => {
    const ctx = { deps, actor: null, authProblem: null, locale: 'en' as const, ip: '', userAgent: 'auto-close' };
    let closed = 0;
    try {
      const { ticketAutoCloseDays } = await readSettingsFor(deps.db.kysely);
      closed = await closeSolvedTickets(ctx, ticketAutoCloseDays, BATCH);
    } finally {
      // One bounded batch per run: a backlog (a restored database, a long outage) is worked off in
      // small steps between requests instead of holding the process for minutes.
      await scheduleAutoClose(deps, closed === BATCH ? 10_000 : HOUR);
    }
  });
}
