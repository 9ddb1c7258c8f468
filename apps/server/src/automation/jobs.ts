// Jobs of automation: the hourly time rules and the rules' webhooks.
import type { Deps } from '../platform/context.js';
import { registerTimeRulesJob, scheduleTimeRules, TIME_RULES_JOB } from './time-rules.js';
import { registerWebhookJob } from './webhook-job.js';

export function registerAutomationJobs(deps: Deps): void {
  registerTimeRulesJob(deps);
  registerWebhookJob(deps);
}

/** A run at once (work that fell due while the server was down), then the hourly grid. */
export async function startTimeRules(deps: Deps): Promise<void> {
  await deps.jobs.enqueue(TIME_RULES_JOB, {}, { jobId: `time-rules:start:${deps.clock.now()}` });
  await scheduleTimeRules(deps);
}
