// Satisfaction surveys, from the solve to the answer. A timed run walks tickets in the order they were
// solved, once the configured delay has passed: a ticket still solved (or closed) whose requester has
// an address that neither bounced nor opted out gets one CSAT survey per solve (its reopen count is
// the cycle, so a reopened and solved-again ticket is asked again). The mail carries five one-click
// ratings; each link is the survey's id signed with the server's secret, so a tampered link names no
// survey. An answer within the window replaces the earlier one; each answer is a ticket event.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { placeholderValues } from '../automation/engine.js';
import { type PlaceholderValues, renderText } from '../automation/placeholders.js';
import { senderOf, supportAddressRows } from '../channels/email/addresses.js';
import { plusAddress } from '../channels/email/tokens.js';
import { findCustomerRow } from '../customers/service.js';
import type { Ctx, Deps } from '../platform/context.js';
import { type Executor, transaction } from '../platform/db/index.js';
import type { CustomerRow, SupportAddressRow, SurveyKind, SurveyRow, TicketRow } from '../platform/db/types.js';
import { AppError, fieldError, type Locale } from '../platform/errors.js';
import { textToHtml } from '../platform/html/sanitize.js';
import { enqueueMail } from '../platform/mail/jobs.js';
import type { OutboundMail } from '../platform/mail/transport.js';
import { readSettings, writeSetting } from '../platform/settings/repo.js';
import { readSettingsFor } from '../platform/settings/service.js';
import type { TicketEvent } from '../tickets/events.js';
import { ticketById } from '../tickets/service.js';
import { rowToDerived, TicketWrite } from '../tickets/write.js';
import type { AnswerBody, SurveySettingsDto } from './schema.js';
import { readSurveySettings } from './settings.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The answers each kind takes. */
export const SCALES: Record<SurveyKind, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
};

export const CSAT_LABELS: Record<number, Record<Locale, string>> = {
  1: { en: 'Very dissatisfied', hi: 'बहुत असंतुष्ट' },
  2: { en: 'Dissatisfied', hi: 'असंतुष्ट' },
  3: { en: 'Neutral', hi: 'न संतुष्ट, न असंतुष्ट' },
  4: { en: 'Satisfied', hi: 'संतुष्ट' },
  5: { en: 'Very satisfied', hi: 'बहुत संतुष्ट' },
};

const MAIL_TEXTS = {
  optOut: { en: 'Do not send me surveys', hi: 'मुझे सर्वे न भेजें' },
  nps: {
    en: '0 = not at all likely, 10 = extremely likely',
    hi: '0 = बिल्कुल संभावना नहीं, 10 = बहुत अधिक संभावना',
  },
} as const;

// ---------- signed links ----------

const keys = new Map<string, Buffer>();
/** A key of its own for survey links, derived from SECRET_KEY (which also seals stored passwords). */
function linkKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'sahayak survey links', 32));
    keys.set(secret, key);
  }
  return key;
}

const signatureOf = (secret: string, id: number) =>
  createHmac('sha256', linkKey(secret)).update(`survey:${id}`).digest('base64url').slice(0, 32);

export function surveyToken(secret: string, id: number): string {
  return `${id.toString(36)}.${signatureOf(secret, id)}`;
}

/** The survey a link names, or null when it was altered (or never ours). */
export function surveyIdOf(secret: string, token: string): number | null {
  const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m) return null;
  const id = Number.parseInt(m[1]!, 36);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const expected = Buffer.from(signatureOf(secret, id));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

export function surveyUrls(deps: Pick<Deps, 'config'>, id: number) {
  const token = surveyToken(deps.config.secretKey!, id);
  const page = `${deps.config.publicUrl}/survey/${token}`;
  return {
    token,
    page,
    rate: (score: number) => `${page}?score=${score}`,
    optOut: `${page}/opt-out`,
    oneClickOptOut: `${deps.config.publicUrl}/api/v1/surveys/${token}/opt-out`,
  };
}

// ---------- sending CSAT surveys ----------

export const CSAT_JOB = 'feedback.csat_surveys';
const WATERMARK_KEY = 'surveys.csat_watermark';

interface Watermark {
  at: number;
  id: number;
}

async function readWatermark(db: Executor, fallback: number): Promise<Watermark> {
  const raw = (await readSettings(db))[WATERMARK_KEY];
  return raw ? (JSON.parse(raw) as Watermark) : { at: fallback, id: 0 };
}

/** Whether the survey's teams and channels leave this ticket out ('team', 'channel'), or null. */
export function outOfScope(
  scope: Pick<SurveySettingsDto['csat'], 'teamIds' | 'channels'>,
  ticket: Pick<TicketRow, 'team_id' | 'channel'>,
): 'team' | 'channel' | null {
  if (scope.teamIds && (ticket.team_id === null || !scope.teamIds.includes(ticket.team_id))) return 'team';
  if (scope.channels && !scope.channels.includes(ticket.channel)) return 'channel';
  return null;
}

/** Why a solved ticket gets no survey (null: it gets one). */
export function csatSkipReason(
  settings: SurveySettingsDto['csat'],
  ticket: Pick<TicketRow, 'status' | 'team_id' | 'channel'>,
  customer: Pick<CustomerRow, 'email' | 'surveys_opted_out_at' | 'email_bounced_at'> | undefined,
): string | null {
  if (!settings.enabled) return 'disabled';
  if (ticket.status !== 'solved' && ticket.status !== 'closed') return 'reopened';
  const scope = outOfScope(settings, ticket);
  if (scope) return scope;
  if (!customer?.email) return 'no_address';
  if (customer.surveys_opted_out_at !== null) return 'opted_out';
  if (customer.email_bounced_at !== null) return 'bounced';
  return null;
}

/**
 * One run: the tickets solved since the last run's mark and at least the delay ago, oldest first, in
 * batches; each gets its survey (or not) in its own transaction, the mail after the commit. The
 * mark moves past every ticket looked at, so a ticket is judged once per solve: switched off, out
 * of scope or opted out then, it is not asked later. Returns how many tickets it looked at.
 */
export async function sendDueCsatSurveys(deps: Deps, batch = 200): Promise<number> {
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const settings = await readSurveySettings(db);
  const upTo = now - settings.csat.delayMinutes * MINUTE;
  // First run: what was solved in the day before the delay, not the whole history.
  const mark = await readWatermark(db, upTo - DAY);
  const due = await db
    .selectFrom('tickets')
    .select(['id', 'solved_at'])
    .where('solved_at', 'is not', null)
    .where('solved_at', '<=', upTo)
    .where((eb) =>
      eb.or([eb('solved_at', '>', mark.at), eb.and([eb('solved_at', '=', mark.at), eb('id', '>', mark.id)])]),
    )
    .orderBy('solved_at')
    .orderBy('id')
    .limit(batch)
    .execute();
  const numbers: number[] = [];
  const address = due.length ? (await supportAddressRows(db))[0] : undefined;
  for (const t of due) {
    const sent = await surveyTicket(deps, t.id, settings, address, now);
    if (sent) {
      await enqueueMail(deps, sent.mail, `survey:${sent.surveyId}`);
      numbers.push(sent.number);
    }
  }
  const last = due.at(-1);
  if (last) await writeSetting(db, WATERMARK_KEY, JSON.stringify({ at: last.solved_at, id: last.id }), now);
  if (numbers.length) await deps.bus.publish({ type: 'tickets.changed', data: { numbers } });
  return due.length;
}

async function surveyTicket(
  deps: Deps,
  ticketId: number,
  settings: SurveySettingsDto,
  address: SupportAddressRow | undefined,
  now: number,
) {
  return transaction(deps.db, async (trx) => {
    const ticket = await ticketById(trx, ticketId);
    if (!ticket || ticket.merged_into_id !== null) return null;
    const customer = await findCustomerRow(trx, ticket.requester_id);
    if (csatSkipReason(settings.csat, ticket, customer) !== null) return null;
    const email = customer!.email!;
    const inserted = await trx
      .insertInto('surveys')
      .values({
        kind: 'csat',
        ticket_id: ticket.id,
        cycle: ticket.reopen_count,
        customer_id: customer!.id,
        email,
        locale: customer!.locale,
        agent_id: ticket.assignee_id,
        team_id: ticket.team_id,
        channel: ticket.channel,
        priority: ticket.priority,
        sent_at: now,
        expires_at: now + settings.csat.expiryDays * DAY,
      })
      .onConflict((oc) => oc.columns(['ticket_id', 'kind', 'cycle']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return null;
    await appendSurveyEvent(trx, ticket, {
      type: 'survey_sent',
      data: { surveyId: inserted.id, kind: 'csat', cycle: ticket.reopen_count, to: email },
      actorCustomerId: null,
      at: now,
    });
    const { values } = await placeholderValues(trx, rowToDerived(ticket));
    const mail = composeSurveyMail(deps, {
      id: inserted.id,
      kind: 'csat',
      to: email,
      locale: customer!.locale,
      texts: settings.csat.texts[customer!.locale],
      values,
      ticketNumber: ticket.number,
      address,
    });
    return { surveyId: inserted.id, number: ticket.number, mail };
  });
}

type NewEvent = { at: number; actorCustomerId: number | null } & (
  | { type: 'survey_sent'; data: Extract<TicketEvent, { type: 'survey_sent' }>['data'] }
  | { type: 'survey_answered'; data: Extract<TicketEvent, { type: 'survey_answered' }>['data'] }
);

/**
 * A survey event on the ticket's log, at its current version: it changes nothing on the ticket. The
 * NPS round (nps.ts) appends through it too.
 */
export async function appendSurveyEvent(trx: Executor, ticket: TicketRow, e: NewEvent) {
  const event = { ...e, version: ticket.version, actorUserId: null } as TicketEvent;
  await TicketWrite.appendSystemEvents(trx, new Map([[ticket.id, [event]]]));
}

export interface SurveyMailInput {
  id: number;
  kind: SurveyKind;
  to: string;
  locale: Locale;
  texts: SurveySettingsDto['csat']['texts']['en'];
  values: PlaceholderValues;
  ticketNumber: number | null;
  /** The sender: the default support address, read once per run (none: the transport's own). */
  address: SupportAddressRow | undefined;
}

const inline = (s: string) => textToHtml(s).slice(3, -4);

/** The survey mail: its texts with placeholders filled in, one link per answer, the opt-out link. */
export function composeSurveyMail(deps: Deps, m: SurveyMailInput): OutboundMail {
  const urls = surveyUrls(deps, m.id);
  const fill = (text: string) => renderText(text, m.values, m.locale);
  const scale = SCALES[m.kind];
  const choices = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i).map((score) => ({
    score,
    label: m.kind === 'csat' ? `${score} – ${CSAT_LABELS[score]![m.locale]}` : String(score),
    url: urls.rate(score),
  }));
  const intro = fill(m.texts.intro);
  const question = fill(m.texts.question);
  const optOut = MAIL_TEXTS.optOut[m.locale];
  const hint = m.kind === 'nps' ? `${MAIL_TEXTS.nps[m.locale]}\n\n` : '';
  const text = `${intro}\n\n${question}\n${hint}\n${choices.map((c) => `${c.label}: ${c.url}`).join('\n')}\n\n${optOut}: ${urls.optOut}\n`;
  const button = (c: (typeof choices)[number]) =>
    `<a href="${c.url}" style="display:inline-block;margin:4px;padding:10px 14px;border:1px solid #c7cdd4;border-radius:6px;color:#1f2937;text-decoration:none">${inline(c.label)}</a>`;
  const html = [
    `<div lang="${m.locale}" style="font-family:'Noto Sans','Noto Sans Devanagari',Arial,sans-serif;font-size:15px;color:#1f2937">`,
    textToHtml(intro),
    `<p><strong>${inline(question)}</strong></p>`,
    hint ? `<p style="color:#6b7280">${inline(hint.trim())}</p>` : '',
    `<p>${choices.map(button).join('')}</p>`,
    `<p style="font-size:12px;color:#6b7280"><a href="${urls.optOut}" style="color:#6b7280">${inline(optOut)}</a></p>`,
    '</div>',
  ].join('\n');
  const address = m.address;
  return {
    to: m.to,
    ...(address ? { from: senderOf(address) } : {}),
    ...(address && m.ticketNumber !== null ? { replyTo: plusAddress(address.address, m.ticketNumber) } : {}),
    subject: fill(m.texts.subject),
    text,
    html,
    headers: {
      'Auto-Submitted': 'auto-generated',
      'List-Unsubscribe': `<${urls.oneClickOptOut}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      ...(m.ticketNumber !== null ? { 'X-Sahayak-Ticket': String(m.ticketNumber) } : {}),
    },
  };
}

// ---------- the public survey page ----------

async function surveyOfToken(ctx: Ctx, db: Executor, token: string): Promise<SurveyRow> {
  const id = surveyIdOf(ctx.deps.config.secretKey!, token);
  const row =
    id === null ? undefined : await db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('survey_link_invalid');
  // Whatever the browser says, the page speaks the language the survey was sent in.
  ctx.locale = row.locale;
  return row;
}

async function publicView(ctx: Ctx, db: Executor, row: SurveyRow) {
  const now = ctx.deps.clock.now();
  const [settings, general, customer, ticket] = await Promise.all([
    readSurveySettings(db),
    readSettingsFor(db),
    findCustomerRow(db, row.customer_id),
    row.ticket_id === null ? undefined : ticketById(db, row.ticket_id),
  ]);
  const texts = settings[row.kind].texts[row.locale];
  const values: PlaceholderValues = ticket
    ? (await placeholderValues(db, rowToDerived(ticket))).values
    : // An NPS survey sent before they were attributed to a ticket: only the customer's placeholders have values.
      {
        ticket: { number: 0, subject: '', status: 'solved', priority: 'normal', type: 'question' },
        requester: { name: customer?.name ?? '', email: customer?.email ?? null },
        organisation: null,
        agent: { name: '', email: '' },
        team: null,
      };
  const fill = (text: string) => renderText(text, values, row.locale);
  // An NPS survey asks about the company: its ticket (the customer's latest solve of the round) only
  // fills the placeholders and is not shown.
  const shown = row.kind === 'csat' ? ticket : undefined;
  return {
    survey: {
      kind: row.kind,
      ticketNumber: shown?.number ?? null,
      ticketSubject: shown?.subject ?? null,
      companyName: general.companyName,
      locale: row.locale,
      question: fill(texts.question),
      thanks: fill(texts.thanks),
      score: row.score,
      comment: row.comment,
      answeredAt: row.answered_at,
      expiresAt: row.expires_at,
      open: now < row.expires_at,
      optedOut: customer?.surveys_opted_out_at != null,
    },
  };
}

export async function getPublicSurvey(ctx: Ctx, token: string) {
  const db = ctx.deps.db.kysely;
  const row = await surveyOfToken(ctx, db, token);
  if (ctx.deps.clock.now() >= row.expires_at && row.answered_at === null) throw new AppError('survey_expired');
  return publicView(ctx, db, row);
}

/**
 * Records an answer (a rating, with or without a comment). Within the window a new answer replaces
 * the earlier one; a comment left out keeps the one given before. Every answer is a ticket event.
 */
export async function answerSurvey(ctx: Ctx, token: string, input: z.infer<typeof AnswerBody>) {
  const now = ctx.deps.clock.now();
  let number: number | null = null;
  const view = await transaction(ctx.deps.db, async (trx) => {
    const row = await surveyOfToken(ctx, trx, token);
    const scale = SCALES[row.kind];
    if (input.score < scale.min || input.score > scale.max) {
      throw fieldError('score', row.kind === 'csat' ? 'survey_scale_csat' : 'survey_scale_nps');
    }
    if (now >= row.expires_at) throw new AppError('survey_expired');
    const comment = input.comment === undefined ? row.comment : input.comment || null;
    await trx
      .updateTable('surveys')
      .set({ score: input.score, comment, answered_at: now })
      .where('id', '=', row.id)
      .execute();
    // CSAT and NPS alike: an NPS survey's ticket is the customer's latest solve of its round.
    if (row.ticket_id !== null) {
      const ticket = await ticketById(trx, row.ticket_id);
      if (ticket) {
        number = ticket.number;
        await appendSurveyEvent(trx, ticket, {
          type: 'survey_answered',
          data: { surveyId: row.id, kind: row.kind, score: input.score, comment, previousScore: row.score },
          actorCustomerId: row.customer_id,
          at: now,
        });
      }
    }
    return publicView(ctx, trx, { ...row, score: input.score, comment, answered_at: now });
  });
  if (number !== null) await ctx.deps.bus.publish({ type: 'tickets.changed', data: { numbers: [number] } });
  return view;
}

/** One click from the mail (or its List-Unsubscribe header): no more surveys to this customer. */
export async function optOutOfSurveys(ctx: Ctx, token: string) {
  await transaction(ctx.deps.db, async (trx) => {
    const row = await surveyOfToken(ctx, trx, token);
    await trx
      .updateTable('customers')
      .set({ surveys_opted_out_at: ctx.deps.clock.now() })
      .where('id', '=', row.customer_id)
      .where('surveys_opted_out_at', 'is', null)
      .execute();
  });
  return { optedOut: true as const };
}

// ---------- in the portal ----------

/**
 * The CSAT survey of a ticket's latest solve, for its requester in the portal (answered through the
 * public API with this token); null before one was sent, or for another customer of the ticket.
 */
export async function portalSurveyOf(
  deps: Pick<Deps, 'config' | 'clock'>,
  db: Executor,
  ticket: Pick<TicketRow, 'id' | 'status'>,
  customerId: number,
) {
  if (ticket.status !== 'solved' && ticket.status !== 'closed') return null;
  const row = await db
    .selectFrom('surveys')
    .selectAll()
    .where('ticket_id', '=', ticket.id)
    .where('kind', '=', 'csat')
    .where('customer_id', '=', customerId)
    .orderBy('cycle', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    token: surveyToken(deps.config.secretKey!, row.id),
    score: row.score,
    comment: row.comment,
    open: deps.clock.now() < row.expires_at,
  };
}

// ---------- the timed run ----------

/** Enqueues the next run `delayMs` from now, once per minute slot across nodes. */
export function scheduleCsatSurveys(deps: Deps, delayMs = MINUTE): Promise<void> {
  const at = deps.clock.now() + delayMs;
  const slot = delayMs < MINUTE ? `${Math.floor(at / 5_000)}s` : `${Math.floor(at / MINUTE)}m`;
  return deps.jobs.enqueue(CSAT_JOB, {}, { jobId: `${CSAT_JOB}:${slot}`, delayMs });
}

export function registerSurveyJobs(deps: Deps): void {
  deps.jobs.register(CSAT_JOB, async () => {
    let looked = 0;
    try {
      looked = await sendDueCsatSurveys(deps);
    } finally {
      // A full batch means more is due: the next one soon, between requests.
      await scheduleCsatSurveys(deps, looked === 200 ? 5_000 : MINUTE);
    }
  });
}
