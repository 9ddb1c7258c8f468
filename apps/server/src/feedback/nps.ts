// NPS: now and then (every `periodDays`), customers who had a ticket solved in the period are asked
// how likely they are to recommend us (0–10, then "why?"), at most once per `throttleDays` each, and
// never at an address that bounced or opted out. The question is about the company, but the survey is
// attributed to the customer's latest solved ticket of the period (its ticket_id and cycle, its agent,
// team and channel, a survey_sent event on its log) so the inbox and the KPI facts can break answers
// down. The run goes through JobQueue hourly and acts when a period has passed since the last one.
import { placeholderValues } from '../automation/engine.js';
import { supportAddressRows } from '../channels/email/addresses.js';
import { findCustomerRow } from '../customers/service.js';
import type { Deps } from '../platform/context.js';
import { transaction } from '../platform/db/index.js';
import { enqueueMail } from '../platform/mail/jobs.js';
import { readSettings, writeSetting } from '../platform/settings/repo.js';
import { ticketById } from '../tickets/service.js';
import { rowToDerived } from '../tickets/write.js';
import { readSurveySettings } from './settings.js';
import { appendSurveyEvent, composeSurveyMail, outOfScope } from './surveys.js';

export const NPS_JOB = 'feedback.nps_surveys';
const LAST_RUN_KEY = 'surveys.nps_last_run';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BATCH = 200;

/**
 * One NPS round if one is due (enabled, and a period since the last round): returns how many
 * surveys it sent, or null when no round was due.
 */
export async function sendDueNpsSurveys(deps: Deps): Promise<number | null> {
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const { nps } = await readSurveySettings(db);
  if (!nps.enabled) return null;
  const last = (await readSettings(db))[LAST_RUN_KEY];
  if (last !== undefined && now - Number(JSON.parse(last)) < nps.periodDays * DAY) return null;
  // The round is taken before it runs: on a second node, or after a crash midway, it is not repeated
  // (the throttle would hold anyway).
  await writeSetting(db, LAST_RUN_KEY, JSON.stringify(now), now);

  const since = now - nps.periodDays * DAY;
  const throttled = now - nps.throttleDays * DAY;
  // Each eligible customer once, with their latest solved ticket of the period.
  const latest = await db
    .selectFrom('tickets')
    .innerJoin('customers', 'customers.id', 'tickets.requester_id')
    .select((eb) => ['tickets.requester_id as customer_id', eb.fn.max('tickets.id').as('ticket_id')])
    .where('tickets.solved_at', '>', since)
    .where('tickets.status', 'in', ['solved', 'closed'])
    .where('customers.email', 'is not', null)
    .where('customers.surveys_opted_out_at', 'is', null)
    .where('customers.email_bounced_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('surveys')
            .select('surveys.id')
            .whereRef('surveys.customer_id', '=', 'tickets.requester_id')
            .where('surveys.kind', '=', 'nps')
            .where('surveys.sent_at', '>', throttled),
        ),
      ),
    )
    .groupBy('tickets.requester_id')
    .orderBy('tickets.requester_id')
    .execute();

  let sent = 0;
  const address = latest.length ? (await supportAddressRows(db))[0] : undefined;
  for (let i = 0; i < latest.length; i += BATCH) {
    const mails = await transaction(deps.db, async (trx) => {
      const out = [];
      for (const { customer_id, ticket_id } of latest.slice(i, i + BATCH)) {
        const ticket = await ticketById(trx, Number(ticket_id));
        const customer = await findCustomerRow(trx, customer_id);
        if (!ticket || !customer?.email || outOfScope(nps, ticket)) continue;
        // Two rounds cannot pick the same solve (they are a period apart, the solve within one), but
        // (ticket_id, kind, cycle) is unique: should they, the earlier survey stands.
        const inserted = await trx
          .insertInto('surveys')
          .values({
            kind: 'nps',
            ticket_id: ticket.id,
            cycle: ticket.reopen_count,
            customer_id,
            email: customer.email,
            locale: customer.locale,
            agent_id: ticket.assignee_id,
            team_id: ticket.team_id,
            channel: ticket.channel,
            priority: ticket.priority,
            sent_at: now,
            expires_at: now + Math.min(nps.periodDays, 30) * DAY,
          })
          .onConflict((oc) => oc.columns(['ticket_id', 'kind', 'cycle']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!inserted) continue;
        const { id } = inserted;
        await appendSurveyEvent(trx, ticket, {
          type: 'survey_sent',
          data: { surveyId: id, kind: 'nps', cycle: ticket.reopen_count, to: customer.email },
          actorCustomerId: null,
          at: now,
        });
        const { values } = await placeholderValues(trx, rowToDerived(ticket));
        out.push({
          id,
          number: ticket.number,
          mail: composeSurveyMail(deps, {
            id,
            kind: 'nps',
            to: customer.email,
            locale: customer.locale,
            texts: nps.texts[customer.locale],
            values,
            ticketNumber: null,
            address,
          }),
        });
      }
      return out;
    });
    for (const m of mails) await enqueueMail(deps, m.mail, `survey:${m.id}`);
    // Their tickets' histories gained the survey_sent event.
    if (mails.length)
      await deps.bus.publish({ type: 'tickets.changed', data: { numbers: mails.map((m) => m.number) } });
    sent += mails.length;
  }
  deps.log.info({ sent, period: nps.periodDays }, 'NPS round sent');
  return sent;
}

/** Enqueues the next look `delayMs` from now, once per hour slot across nodes. */
export function scheduleNpsSurveys(deps: Deps, delayMs = HOUR): Promise<void> {
  const at = deps.clock.now() + delayMs;
  return deps.jobs.enqueue(NPS_JOB, {}, { jobId: `${NPS_JOB}:${Math.floor(at / HOUR)}`, delayMs });
}

export function registerNpsJobs(deps: Deps): void {
  deps.jobs.register(NPS_JOB, async () => {
    try {
      await sendDueNpsSurveys(deps);
    } finally {
      await scheduleNpsSurveys(deps);
    }
  });
}
