// Timed ticket work: closing solved tickets once the configured number of days has passed.
import type { Deps } from '../platform/context.js';
import { readSettingsFor } from '../platform/settings/service.js';
import { closeSolvedTickets } from './service.js';

export const AUTO_CLOSE_JOB = 'tickets.auto_close';
const HOUR = 3_600_000;

/** Enqueues the run of the current hour; the job id makes it once per hour across nodes. */
export function scheduleAutoClose(deps: Deps, delayMs = 0): Promise<void> {
  const hour = Math.floor((deps.clock.now() + delayMs) / HOUR);
  return deps.jobs.enqueue(AUTO_CLOSE_JOB, {}, { jobId: `${AUTO_CLOSE_JOB}:${hour}`, delayMs });
}

export function registerTicketJobs(deps: Deps): void {
  deps.jobs.register(AUTO_CLOSE_JOB, async () => {
    const ctx = { deps, actor: null, authProblem: null, locale: 'en' as const, ip: '', userAgent: 'auto-close' };
    try {
      const { ticketAutoCloseDays } = await readSettingsFor(deps.db.kysely);
      let closed: number;
      do closed = await closeSolvedTickets(ctx, ticketAutoCloseDays);
      while (closed === 500);
    } finally {
      await scheduleAutoClose(deps, HOUR);
    }
  });
}
