// Every timed job of the server, in one place: what start-up registers and what it schedules. All
// of it goes through JobQueue, and each kind of work reads what is due from the database, so work that
// fell due while the server was down is done at the next start (embedded mode), and in cluster mode a
// job id makes each run happen on one node.
import { registerAnalyticsJobs, scheduleAlertDigest, scheduleFactsRebuild } from './analytics/jobs.js';
import { scheduleTick } from './analytics/schedules.js';
import { registerAutomationJobs, startTimeRules } from './automation/jobs.js';
import { registerOutboundJobs, resumeQueuedReplies } from './channels/email/outbound.js';
import { registerEscalationJobs, scheduleEscalation } from './escalation/jobs.js';
import { registerNpsJobs, scheduleNpsSurveys } from './feedback/nps.js';
import { registerSurveyJobs, scheduleCsatSurveys } from './feedback/surveys.js';
import type { Deps } from './platform/context.js';
import { registerSlaJobs, SWEEP_JOB, scheduleSweep } from './sla/jobs.js';
import { resumeRecompute } from './sla/recompute.js';
import { registerTicketJobs, scheduleAutoClose } from './tickets/jobs.js';

/** Registers the handler of every job (each node, before any job can arrive). */
export function registerJobs(deps: Deps): void {
  registerTicketJobs(deps);
  registerAnalyticsJobs(deps);
  registerSlaJobs(deps);
  registerAutomationJobs(deps);
  registerEscalationJobs(deps);
  registerOutboundJobs(deps);
  registerSurveyJobs(deps);
  registerNpsJobs(deps);
}

/** Schedules the first run of each kind of timed work; each run schedules the next. */
export async function startTimedWork(deps: Deps): Promise<void> {
  await scheduleAutoClose(deps, 60_000);
  await scheduleFactsRebuild(deps, 5_000);
  await scheduleAlertDigest(deps);
  await scheduleTick(deps);
  // At once, not on the next minute: breaches that fell due while the server was down come first.
  await deps.jobs.enqueue(SWEEP_JOB, {}, { jobId: `start:${deps.clock.now()}` });
  await scheduleSweep(deps);
  await startTimeRules(deps);
  await scheduleEscalation(deps);
  await resumeRecompute(deps);
  await resumeQueuedReplies(deps);
  await scheduleCsatSurveys(deps, 30_000);
  await scheduleNpsSurveys(deps, 60_000);
}
