// The minute job of escalation rules, on the same grid as the SLA sweep (once per minute across
// nodes, by its job id). It logs due SLA breaches first, so a target that ran out this minute is in
// the ticket's log before the rule that reacts to it acts: a breach escalates within the minute.
import type { Deps } from '../platform/context.js';
import { sweepBreaches } from '../sla/jobs.js';
import { runEscalationRules } from './evaluate.js';

export const ESCALATION_JOB = 'escalation.rules';
const EVERY_MS = 60_000;

export async function scheduleEscalation(deps: Deps, after?: number): Promise<void> {
  const from = Math.max(deps.clock.now(), after ?? 0);
  const at = (Math.floor(from / EVERY_MS) + 1) * EVERY_MS;
  await deps.jobs.enqueue(ESCALATION_JOB, { at }, { jobId: `escalate:${at}`, delayMs: at - deps.clock.now() });
}

export function registerEscalationJobs(deps: Deps): void {
  deps.jobs.register(ESCALATION_JOB, async (payload) => {
    try {
      await sweepBreaches(deps);
      const acted = await runEscalationRules(deps);
      if (acted) deps.log.info({ tickets: acted }, 'escalation: rules acted');
    } finally {
      await scheduleEscalation(deps, Number(payload.at) || undefined);
    }
  });
}
