// Kysely queries of the feedback inbox: answered surveys by filter and visibility, their tags, the
// tickets they point at, the summary counts and the comments the themes are drawn from.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../platform/db/index.js';
import type { Database, SurveyKind, TicketChannel } from '../platform/db/types.js';

/** Who sees which survey: null sees all; else their own (agent) and their teams'. */
export type SurveyVisibility = { userId: number; teamIds: number[] } | null;

export interface SurveyWhere {
  visibility: SurveyVisibility;
  kind?: SurveyKind | undefined;
  scores?: number[] | undefined;
  agentId?: number | undefined;
  teamId?: number | undefined;
  channel?: TicketChannel | undefined;
  tag?: string | undefined;
  /** Only surveys whose agent is this user (mine=true). */
  ownerId?: number | undefined;
  /** [start, end) on answered_at; any bound implies answered. */
  answered?: { start?: number | undefined; end?: number | undefined } | undefined;
  /** [start, end) on sent_at. */
  sent?: { start?: number | undefined; end?: number | undefined } | undefined;
  /** Only answers with a comment that is not blank. */
  withComment?: boolean;
}

type Eb = ExpressionBuilder<Database, 'surveys'>;

function conditions(eb: Eb, w: SurveyWhere): Expression<SqlBool> {
  const list: Expression<SqlBool>[] = [];
  if (w.visibility) {
    const { userId, teamIds } = w.visibility;
    list.push(
      eb.or([eb('surveys.agent_id', '=', userId), ...(teamIds.length ? [eb('surveys.team_id', 'in', teamIds)] : [])]),
    );
  }
  if (w.kind) list.push(eb('surveys.kind', '=', w.kind));
  if (w.scores?.length) list.push(eb('surveys.score', 'in', w.scores));
  if (w.agentId !== undefined) list.push(eb('surveys.agent_id', '=', w.agentId));
  if (w.ownerId !== undefined) list.push(eb('surveys.agent_id', '=', w.ownerId));
  if (w.teamId !== undefined) list.push(eb('surveys.team_id', '=', w.teamId));
  if (w.channel) list.push(eb('surveys.channel', '=', w.channel));
  if (w.tag !== undefined) {
    const tag = w.tag;
    list.push(
      eb.exists(
        eb
          .selectFrom('survey_tags')
          .select('survey_tags.survey_id')
          .whereRef('survey_tags.survey_id', '=', 'surveys.id')
          .where('survey_tags.tag', '=', tag),
      ),
    );
  }
  if (w.answered) {
    list.push(eb('surveys.answered_at', 'is not', null));
    if (w.answered.start !== undefined) list.push(eb('surveys.answered_at', '>=', w.answered.start));
    if (w.answered.end !== undefined) list.push(eb('surveys.answered_at', '<', w.answered.end));
  }
  if (w.sent?.start !== undefined) list.push(eb('surveys.sent_at', '>=', w.sent.start));
  if (w.sent?.end !== undefined) list.push(eb('surveys.sent_at', '<', w.sent.end));
  if (w.withComment) {
    list.push(eb('surveys.comment', 'is not', null));
    list.push(sql<SqlBool>`trim(${eb.ref('surveys.comment')}) <> ''`);
  }
  return eb.and(list);
}

/** One page of answered surveys, newest answer first, after the (answered_at, id) of the cursor. */
export function answeredPage(db: Executor, where: SurveyWhere, after: { t: number; id: number } | null, limit: number) {
  let qb = db
    .selectFrom('surveys')
    .selectAll('surveys')
    .where((eb) => conditions(eb, { ...where, answered: where.answered ?? {} }));
  if (after) {
    qb = qb.where((eb) =>
      eb.or([
        eb('surveys.answered_at', '<', after.t),
        eb.and([eb('surveys.answered_at', '=', after.t), eb('surveys.id', '<', after.id)]),
      ]),
    );
  }
  return qb.orderBy('surveys.answered_at', 'desc').orderBy('surveys.id', 'desc').limit(limit).execute();
}

/** The CSAT survey about the ticket's latest solve that had one (the ticket page shows it). */
export function latestCsatOfTicket(db: Executor, ticketId: number) {
  return db
    .selectFrom('surveys')
    .select(['score', 'comment', 'sent_at', 'answered_at', 'expires_at'])
    .where('ticket_id', '=', ticketId)
    .where('kind', '=', 'csat')
    .orderBy('cycle', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findSurvey(db: Executor, id: number) {
  return db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether this survey is among those `visibility` may see (and answered). */
export async function isVisible(db: Executor, id: number, visibility: SurveyVisibility): Promise<boolean> {
  const row = await db
    .selectFrom('surveys')
    .select('surveys.id')
    .where('surveys.id', '=', id)
    .where((eb) => conditions(eb, { visibility, answered: {} }))
    .executeTakeFirst();
  return row !== undefined;
}

export async function countSurveys(db: Executor, where: SurveyWhere): Promise<number> {
  const r = await db
    .selectFrom('surveys')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where((eb) => conditions(eb, where))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const countWhen = (condition: ReturnType<typeof sql>) =>
  sql<number | string | null>`sum(case when ${condition} then 1 else 0 end)`;

/** Counts of the answers matching `where`: all, CSAT ones and satisfied, NPS ones, promoters, detractors. */
export async function answerCounts(db: Executor, where: SurveyWhere) {
  const r = await db
    .selectFrom('surveys')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('answered'),
      countWhen(sql`surveys.kind = 'csat'`).as('csat'),
      countWhen(sql`surveys.kind = 'csat' and surveys.score >= 4`).as('satisfied'),
      countWhen(sql`surveys.kind = 'nps'`).as('nps'),
      countWhen(sql`surveys.kind = 'nps' and surveys.score >= 9`).as('promoters'),
      countWhen(sql`surveys.kind = 'nps' and surveys.score <= 6`).as('detractors'),
    ])
    .where((eb) => conditions(eb, { ...where, answered: where.answered ?? {} }))
    .executeTakeFirstOrThrow();
  return {
    answered: Number(r.answered),
    csat: Number(r.csat ?? 0),
    satisfied: Number(r.satisfied ?? 0),
    nps: Number(r.nps ?? 0),
    promoters: Number(r.promoters ?? 0),
    detractors: Number(r.detractors ?? 0),
  };
}

/** The comments of the answers matching `where`, newest first, at most `limit`. */
export function comments(db: Executor, where: SurveyWhere, limit: number) {
  return db
    .selectFrom('surveys')
    .select(['surveys.id', 'surveys.kind', 'surveys.score', 'surveys.comment', 'surveys.answered_at'])
    .where((eb) => conditions(eb, { ...where, answered: where.answered ?? {}, withComment: true }))
    .orderBy('surveys.answered_at', 'desc')
    .orderBy('surveys.id', 'desc')
    .limit(limit)
    .execute();
}

export async function tagsOf(db: Executor, surveyIds: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>(surveyIds.map((id) => [id, []]));
  if (!surveyIds.length) return map;
  const rows = await db
    .selectFrom('survey_tags')
    .select(['survey_id', 'tag'])
    .where('survey_id', 'in', surveyIds)
    .orderBy('tag')
    .execute();
  for (const r of rows) map.get(r.survey_id)?.push(r.tag);
  return map;
}

export async function replaceTags(db: Executor, surveyId: number, tags: string[]): Promise<void> {
  await db.deleteFrom('survey_tags').where('survey_id', '=', surveyId).execute();
  if (tags.length)
    await db
      .insertInto('survey_tags')
      .values(tags.map((tag) => ({ survey_id: surveyId, tag })))
      .execute();
}

/**
 * The tickets surveys point at (the one asked about, the follow-up), for showing their number and
 * subject. Read here rather than through the tickets service, which only hands out tickets the
 * caller may open: an answer about a ticket that has since moved to another team still shows it.
 */
export function ticketsOf(db: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('tickets')
    .select(['id', 'number', 'subject', 'channel', 'priority'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** Records the follow-up ticket unless another one was recorded meanwhile; false then. */
export async function setFollowUp(db: Executor, surveyId: number, ticketId: number): Promise<boolean> {
  const r = await db
    .updateTable('surveys')
    .set({ follow_up_ticket_id: ticketId })
    .where('id', '=', surveyId)
    .where('follow_up_ticket_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setForwarded(
  db: Executor,
  surveyId: number,
  forwarded: { at: number; byId: number; to: string },
): Promise<void> {
  await db
    .updateTable('surveys')
    .set({ forwarded_at: forwarded.at, forwarded_by_id: forwarded.byId, forwarded_to: forwarded.to })
    .where('id', '=', surveyId)
    .execute();
}
