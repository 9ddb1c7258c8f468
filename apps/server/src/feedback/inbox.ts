// The feedback inbox: answered CSAT and NPS surveys by filter with a summary of the period, the tags a
// lead gives an answer, a follow-up ticket to the customer, a forward to the product team, and the
// themes of the comments. An agent sees the answers about their own work, a lead also their teams',
// admins and managers all; a survey out of sight is "not found".
import { z } from 'zod';
import { addDays, daysBetween, isRealDate, localToday, periodOf } from '../analytics/time.js';
import { WEBHOOK_JOB } from '../automation/webhook-job.js';
import { customerBriefs } from '../customers/service.js';
import { teamBriefs, teamIdsOfUser, userBriefs } from '../people/service.js';
import { recordAudit } from '../platform/audit/service.js';
import { iso } from '../platform/auth/dto.js';
import type { Actor, Ctx } from '../platform/context.js';
import { type Executor, transaction } from '../platform/db/index.js';
import type { SurveyRow } from '../platform/db/types.js';
import { AppError, fieldError } from '../platform/errors.js';
import { textToHtml } from '../platform/html/sanitize.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { enqueueMail } from '../platform/mail/jobs.js';
import { can, requirePermission } from '../platform/rbac.js';
import { readSettingsFor } from '../platform/settings/service.js';
import { createMessage, createTicket, ticketByNumber } from '../tickets/service.js';
import * as repo from './inbox-repo.js';
import type {
  FeedbackItemDto,
  FeedbackListQueryDto,
  FeedbackTagsBody,
  FeedbackThemesQueryDto,
  FollowUpBody,
  ForwardBody,
} from './inbox-schema.js';
import { readSurveySettings } from './settings.js';
import { type Comment, topThemes } from './themes.js';

type In<T extends z.ZodType> = z.output<T>;

/** The tag every follow-up ticket carries, so they can be found (and counted) later. */
export const FOLLOW_UP_TAG = 'feedback-follow-up';
const THEMES_LIMIT = 15;
const THEME_EXAMPLES = 3;
/** Default period of the themes, in days up to today. */
const THEMES_DEFAULT_DAYS = 30;
/** At most this many comments (the newest) per period feed the themes. */
const THEMES_MAX_COMMENTS = 20_000;
/** Longest period a filter may span (as analytics): three years. */
const MAX_DAYS = 3 * 366;

// ---------- who sees what ----------

async function visibilityOf(db: Executor, actor: Actor): Promise<repo.SurveyVisibility> {
  if (can(actor, 'feedback.see_all')) return null;
  const teamIds = can(actor, 'feedback.see_teams') ? await teamIdsOfUser(db, actor.userId) : [];
  return { userId: actor.userId, teamIds };
}

/** The answered survey, if the actor may see it; otherwise 404 (never 403: that would tell it exists). */
async function visibleSurvey(db: Executor, actor: Actor, id: number): Promise<SurveyRow> {
  const row = await repo.findSurvey(db, id);
  if (!row || !(await repo.isVisible(db, id, await visibilityOf(db, actor)))) throw new AppError('feedback_not_found');
  return row;
}

// ---------- periods ----------

type Period = { start?: number; end?: number };

function checkDays(from: string | undefined, to: string | undefined) {
  if (from !== undefined && !isRealDate(from)) throw fieldError('from', 'not_a_date');
  if (to !== undefined && !isRealDate(to)) throw fieldError('to', 'not_a_date');
  if (from !== undefined && to !== undefined) {
    const days = daysBetween(from, to);
    if (days < 0) throw fieldError('to', 'before_from');
    if (days >= MAX_DAYS) throw fieldError('to', 'range_too_long');
  }
}

/** The list's period: whole local days from the start of `from` to the end of `to`; open where absent. */
async function listPeriod(db: Executor, from: string | undefined, to: string | undefined): Promise<Period> {
  checkDays(from, to);
  if (from === undefined && to === undefined) return {};
  const tz = (await readSettingsFor(db)).defaultTimeZone;
  return {
    ...(from !== undefined ? { start: periodOf(tz, from, from).start } : {}),
    ...(to !== undefined ? { end: periodOf(tz, to, to).end } : {}),
  };
}

// ---------- items ----------

const scale = (kind: SurveyRow['kind']) => (kind === 'csat' ? 5 : 10);

async function toItems(db: Executor, rows: SurveyRow[]): Promise<FeedbackItemDto[]> {
  const ticketIds = rows.flatMap((r) => [r.ticket_id, r.follow_up_ticket_id]).filter((id): id is number => id !== null);
  const userIds = rows.flatMap((r) => [r.agent_id, r.forwarded_by_id]).filter((id): id is number => id !== null);
  const teamIds = rows.flatMap((r) => (r.team_id !== null ? [r.team_id] : []));
  const [tickets, customers, users, teams, tags] = await Promise.all([
    repo.ticketsOf(db, ticketIds).then((list) => new Map(list.map((t) => [t.id, t]))),
    customerBriefs(
      db,
      rows.map((r) => r.customer_id),
    ),
    userBriefs(db, userIds),
    teamBriefs(db, teamIds),
    repo.tagsOf(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  const ref = (m: Map<number, { id: number; name: string }>, id: number | null) => {
    const found = id === null ? undefined : m.get(id);
    return found ? { id: found.id, name: found.name } : null;
  };
  return rows.map((r) => {
    const ticket = r.ticket_id !== null ? tickets.get(r.ticket_id) : undefined;
    const customer = customers.get(r.customer_id);
    return {
      id: r.id,
      kind: r.kind,
      score: r.score ?? 0,
      comment: r.comment,
      tags: tags.get(r.id) ?? [],
      answeredAt: iso(r.answered_at ?? r.sent_at),
      ticket: ticket
        ? {
            number: ticket.number,
            subject: ticket.subject,
            channel: r.channel ?? ticket.channel,
            priority: r.priority ?? ticket.priority,
          }
        : null,
      customer: customer
        ? { id: customer.id, name: customer.name, email: customer.email }
        : { id: r.customer_id, name: r.email, email: r.email },
      agent: ref(users, r.agent_id),
      team: ref(teams, r.team_id),
      followUpTicketNumber:
        r.follow_up_ticket_id !== null ? (tickets.get(r.follow_up_ticket_id)?.number ?? null) : null,
      forwarded:
        r.forwarded_at !== null
          ? { at: iso(r.forwarded_at), by: ref(users, r.forwarded_by_id), to: r.forwarded_to ?? '' }
          : null,
    };
  });
}

async function itemOf(db: Executor, id: number): Promise<FeedbackItemDto> {
  const row = await repo.findSurvey(db, id);
  if (!row) throw new AppError('feedback_not_found');
  return (await toItems(db, [row]))[0]!;
}

// ---------- list ----------

const Cursor = z.object({ t: z.number().int(), id: z.number().int() });
const rounded = (x: number) => Math.round(x * 10) / 10;

/**
 * Answered surveys, newest answer first, with a summary of the period. The summary counts the
 * surveys *sent* in the period (by sent time): `sent` ignores the score chips and the tag (which only
 * answers have), `answered` and `score` apply every filter. Without kind=nps the score is CSAT over
 * the CSAT answers only; NPS answers never enter a CSAT percentage.
 */
export async function listFeedback(ctx: Ctx, query: FeedbackListQueryDto) {
  const actor = requirePermission(ctx, 'feedback.read');
  const db = ctx.deps.db.kysely;
  if (query.kind === 'csat' && query.scores?.some((s) => s < 1 || s > 5)) throw fieldError('scores', 'invalid_value');
  const after = query.cursor ? decodeCursor(query.cursor, Cursor) : null;
  const period = await listPeriod(db, query.from, query.to);
  const base: repo.SurveyWhere = {
    visibility: await visibilityOf(db, actor),
    kind: query.kind,
    agentId: query.agentId,
    teamId: query.teamId,
    channel: query.channel,
    ownerId: query.mine ? actor.userId : undefined,
  };
  const answers: repo.SurveyWhere = { ...base, scores: query.scores, tag: query.tag };

  const rows = await repo.answeredPage(db, { ...answers, answered: period }, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);

  const [sent, counts] = await Promise.all([
    repo.countSurveys(db, { ...base, sent: period }),
    repo.answerCounts(db, { ...answers, sent: period }),
  ]);
  let score: number | null;
  if (query.kind === 'nps') {
    score = counts.nps ? rounded((100 * (counts.promoters - counts.detractors)) / counts.nps) : null;
  } else {
    score = counts.csat ? rounded((100 * counts.satisfied) / counts.csat) : null;
  }
  return {
    items: await toItems(db, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ t: last.answered_at ?? 0, id: last.id }) : null,
    summary: {
      sent,
      answered: counts.answered,
      responseRate: sent ? rounded((100 * counts.answered) / sent) : null,
      score,
    },
  };
}

// ---------- tags ----------

/** Replaces the answer's tags (trimmed, lower case, without duplicates). */
export async function updateFeedbackTags(ctx: Ctx, id: number, input: In<typeof FeedbackTagsBody>) {
  const actor = requirePermission(ctx, 'feedback.manage');
  const item = await transaction(ctx.deps.db, async (trx) => {
    await visibleSurvey(trx, actor, id);
    const before = (await repo.tagsOf(trx, [id])).get(id) ?? [];
    await repo.replaceTags(trx, id, input.tags);
    await recordAudit(trx, ctx, {
      action: 'feedback.tags_updated',
      entityType: 'survey',
      entityId: id,
      before: { tags: before },
      after: { tags: [...input.tags].sort() },
    });
    return itemOf(trx, id);
  });
  return { item };
}

// ---------- follow-up ----------

/**
 * A new email ticket to the survey's customer, in the survey's team, tagged feedback-follow-up, whose
 * first message is the lead's public reply (so it is mailed); when the answer was about a ticket, an
 * internal note on the new ticket names it (#number) with the score and comment. Each answer gets
 * one follow-up: asking again returns the one it has (`created: false`, HTTP 200) instead of mailing
 * the customer twice.
 */
export async function createFollowUp(ctx: Ctx, id: number, input: In<typeof FollowUpBody>) {
  const actor = requirePermission(ctx, 'feedback.manage');
  const db = ctx.deps.db.kysely;
  const survey = await visibleSurvey(db, actor, id);
  if (survey.follow_up_ticket_id !== null) {
    const item = await itemOf(db, id);
    if (item.followUpTicketNumber !== null) {
      return { created: false, item, ticketNumber: item.followUpTicketNumber };
    }
  }
  const { ticket } = await createTicket(ctx, {
    subject: input.subject,
    requester: { id: survey.customer_id },
    channel: 'email',
    priority: 'normal',
    type: 'question',
    teamId: survey.team_id,
    tags: [FOLLOW_UP_TAG],
    fields: {},
    returnDetails: null,
    message: { kind: 'reply', html: input.html, attachmentIds: [] },
  });
  const row = await ticketByNumber(db, ticket.number);
  if (!row) throw new AppError('ticket_not_found');
  const item = await transaction(ctx.deps.db, async (trx) => {
    // Two follow-ups at the same moment: the first recorded wins; the answer keeps pointing at it.
    if (await repo.setFollowUp(trx, id, row.id)) {
      await recordAudit(trx, ctx, {
        action: 'feedback.followed_up',
        entityType: 'survey',
        entityId: id,
        after: { ticketNumber: ticket.number, subject: input.subject },
      });
    }
    return itemOf(trx, id);
  });
  const original = await aboutTicket(db, survey);
  if (original !== null) {
    const comment = survey.comment ? `: “${survey.comment}”` : '';
    const note = `Follow-up to the ${survey.kind.toUpperCase()} answer ${survey.score ?? '–'}/${scale(survey.kind)} on #${original}${comment}`;
    try {
      await createMessage(ctx, ticket.number, {
        version: row.version,
        kind: 'note',
        html: textToHtml(note),
        attachmentIds: [],
      });
    } catch (err) {
      // The ticket is made and recorded; a note that cannot be added (the ticket was routed out of
      // the lead's sight by a trigger) must not turn the follow-up into an error.
      if (!(err instanceof AppError)) throw err;
      ctx.deps.log.warn({ err, ticket: ticket.number }, 'feedback: follow-up note not added');
    }
  }
  return { created: true, item, ticketNumber: item.followUpTicketNumber ?? ticket.number };
}

async function aboutTicket(db: Executor, survey: SurveyRow): Promise<number | null> {
  if (survey.ticket_id === null) return null;
  return (await repo.ticketsOf(db, [survey.ticket_id]))[0]?.number ?? null;
}

// ---------- forward to the product team ----------

/**
 * Sends the answer (score, comment, customer, ticket with its link) and the lead's note to the
 * product team: a mail in English to its address and/or a JSON webhook, both as jobs after the commit.
 */
export async function forwardFeedback(ctx: Ctx, id: number, input: In<typeof ForwardBody>) {
  const actor = requirePermission(ctx, 'feedback.manage');
  const db = ctx.deps.db.kysely;
  await visibleSurvey(db, actor, id);
  const { productFeedback } = await readSurveySettings(db);
  const email = productFeedback.email;
  const webhookUrl = productFeedback.webhookUrl;
  if (!email && !webhookUrl) throw new AppError('no_product_feedback_target');
  const to = [email, webhookUrl].filter((x): x is string => !!x).join(', ');
  const now = ctx.deps.clock.now();
  const note = input.note ? input.note : null;

  const item = await transaction(ctx.deps.db, async (trx) => {
    await visibleSurvey(trx, actor, id);
    await repo.setForwarded(trx, id, { at: now, byId: actor.userId, to });
    await recordAudit(trx, ctx, {
      action: 'feedback.forwarded',
      entityType: 'survey',
      entityId: id,
      after: { to, note },
    });
    return itemOf(trx, id);
  });

  const by = item.forwarded?.by ?? null;
  const ticketUrl = item.ticket ? `${ctx.deps.config.publicUrl}/tickets/${item.ticket.number}` : null;
  if (email) {
    const text = forwardText(item, ticketUrl, note, by?.name ?? null);
    await enqueueMail(
      ctx.deps,
      {
        to: email,
        subject: `Customer feedback: ${item.kind.toUpperCase()} ${item.score}/${scale(item.kind)}${item.ticket ? ` [#${item.ticket.number}]` : ''}`,
        text,
        html: textToHtml(text),
      },
      `feedback-forward:${id}:${now}`,
    );
  }
  if (webhookUrl) {
    await ctx.deps.jobs.enqueue(
      WEBHOOK_JOB,
      {
        url: webhookUrl,
        body: {
          event: 'feedback.forwarded',
          feedback: {
            id: item.id,
            kind: item.kind,
            score: item.score,
            scale: scale(item.kind),
            comment: item.comment,
            tags: item.tags,
            answeredAt: item.answeredAt,
            customer: item.customer,
            ticket: item.ticket ? { number: item.ticket.number, subject: item.ticket.subject, url: ticketUrl } : null,
            agent: item.agent,
            team: item.team,
          },
          note,
          forwardedBy: by,
          forwardedAt: iso(now),
        },
      },
      { attempts: 3, jobId: `feedback-forward-webhook:${id}:${now}` },
    );
  }
  return { item };
}

function forwardText(item: FeedbackItemDto, ticketUrl: string | null, note: string | null, by: string | null): string {
  const lines = [
    `${by ?? 'A support lead'} forwarded this customer feedback to the product team.`,
    '',
    `Score: ${item.kind.toUpperCase()} ${item.score}/${scale(item.kind)}`,
    `Customer: ${item.customer.name}${item.customer.email ? ` <${item.customer.email}>` : ''}`,
  ];
  if (item.ticket) lines.push(`Ticket: #${item.ticket.number} ${item.ticket.subject} (${ticketUrl})`);
  lines.push(`Answered: ${item.answeredAt}`);
  if (item.tags.length) lines.push(`Tags: ${item.tags.join(', ')}`);
  lines.push('', 'Comment:', item.comment?.trim() ? item.comment : '(no comment)');
  if (note) lines.push('', `Note from ${by ?? 'the support team'}:`, note);
  return lines.join('\n');
}

// ---------- themes ----------

/**
 * The top themes of the comments answered in the period (default: the last 30 days up to today in
 * the organisation's time zone) against the same number of days just before it.
 */
export async function feedbackThemes(ctx: Ctx, query: FeedbackThemesQueryDto) {
  const actor = requirePermission(ctx, 'feedback.read');
  const db = ctx.deps.db.kysely;
  checkDays(query.from, query.to);
  const tz = (await readSettingsFor(db)).defaultTimeZone;
  const today = localToday(tz, ctx.deps.clock.now());
  let { from, to } = query;
  if (to === undefined) to = from !== undefined && from > today ? from : today;
  if (from === undefined) from = addDays(to, -(THEMES_DEFAULT_DAYS - 1));
  const days = daysBetween(from, to) + 1;
  const current = periodOf(tz, from, to);
  const previous = periodOf(tz, addDays(from, -days), addDays(from, -1));
  const where: repo.SurveyWhere = {
    visibility: await visibilityOf(db, actor),
    kind: query.kind,
    agentId: query.agentId,
    teamId: query.teamId,
    channel: query.channel,
  };
  const [now, before] = await Promise.all([
    repo.comments(db, { ...where, answered: current }, THEMES_MAX_COMMENTS),
    repo.comments(db, { ...where, answered: previous }, THEMES_MAX_COMMENTS),
  ]);
  const asComments = (rows: typeof now): Comment[] =>
    rows.map((r) => ({ id: r.id, text: r.comment ?? '', score: r.score ?? 0, scale: r.kind, at: r.answered_at ?? 0 }));
  const themes = topThemes({
    current: asComments(now),
    previous: asComments(before),
    limit: THEMES_LIMIT,
    examplesPerTheme: THEME_EXAMPLES,
  });
  return {
    themes: themes.map((t) => ({
      ...t,
      examples: t.examples.map((e) => ({ id: Number(e.id), text: e.text, score: e.score, scale: e.scale })),
    })),
    comments: now.length,
    previousComments: before.length,
  };
}
