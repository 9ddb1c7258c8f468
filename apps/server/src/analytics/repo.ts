// ticket_facts: reading and writing the per-ticket KPI facts.
import { type Insertable, type OnConflictBuilder, type SelectQueryBuilder, sql, type Updateable } from 'kysely';
import { readCounter, setCounter } from '../platform/db/counters.js';
import type { Executor } from '../platform/db/index.js';
import { prepared } from '../platform/db/prepared.js';
import type {
  AgentActivityRow,
  AnalyticsReportRow,
  AnalyticsScheduleRow,
  Database,
  TicketFactsRow,
} from '../platform/db/types.js';
import type { AgentActivity } from './activity.js';
import { FACTS_VERSION, type TicketFacts } from './facts.js';
import type { Anchor, FactKey } from './kpi.js';
import type { ActivityItem, Filters } from './query.js';

export function factsToRow(ticketId: number, f: TicketFacts): TicketFactsRow {
  return {
    ticket_id: ticketId,
    version: FACTS_VERSION,
    created_at: f.createdAt,
    status: f.status,
    priority: f.priority,
    type: f.type,
    channel: f.channel,
    assignee_id: f.assigneeId,
    team_id: f.teamId,
    organisation_id: f.organisationId,
    tags: JSON.stringify(f.tags),
    status_since: f.statusSince,
    first_reply_at: f.firstReplyAt,
    first_reply_by: f.firstReplyBy,
    replies: f.replies,
    solved_at: f.solvedAt,
    solved_by: f.solvedBy,
    reopens: f.reopens,
    wait_ms: f.waitMs,
    wait_spans: JSON.stringify(f.waitSpans),
    merged_away: f.mergedAway ? 1 : 0,
    sla_first_reply: f.slaFirstReply,
    sla_resolution: f.slaResolution,
    sla_next_reply_met: f.slaNextReplyMet,
    sla_next_reply_breached: f.slaNextReplyBreached,
    survey_sent: f.surveySent ? 1 : 0,
    csat_score: f.csatScore,
    nps_sent: f.npsSent ? 1 : 0,
    nps_score: f.npsScore,
  };
}

export function rowToFacts(r: Omit<TicketFactsRow, 'ticket_id' | 'version'>): TicketFacts {
  return {
    createdAt: r.created_at,
    status: r.status,
    priority: r.priority,
    type: r.type,
    channel: r.channel,
    assigneeId: r.assignee_id,
    teamId: r.team_id,
    organisationId: r.organisation_id,
    tags: JSON.parse(r.tags) as string[],
    statusSince: r.status_since,
    firstReplyAt: r.first_reply_at,
    firstReplyBy: r.first_reply_by,
    replies: r.replies,
    solvedAt: r.solved_at,
    solvedBy: r.solved_by,
    reopens: r.reopens,
    waitMs: r.wait_ms,
    waitSpans: JSON.parse(r.wait_spans) as [number, number][],
    mergedAway: r.merged_away === 1,
    slaFirstReply: r.sla_first_reply,
    slaResolution: r.sla_resolution,
    slaNextReplyMet: r.sla_next_reply_met,
    slaNextReplyBreached: r.sla_next_reply_breached,
    surveySent: r.survey_sent === 1,
    csatScore: r.csat_score,
    npsSent: r.nps_sent === 1,
    npsScore: r.nps_score,
  };
}

export function findFactsOf(db: Executor, ticketIds: number[]): Promise<TicketFactsRow[]> {
  return db.selectFrom('ticket_facts').selectAll().where('ticket_id', 'in', ticketIds).execute();
}

/** What a facts row meets when its ticket has one already (see insertFacts). */
function onFactsConflict(oc: OnConflictBuilder<Database, 'ticket_facts'>, overwrite: boolean) {
  const set = oc.column('ticket_id').doUpdateSet((eb) => ({
    version: eb.ref('excluded.version'),
    created_at: eb.ref('excluded.created_at'),
    status: eb.ref('excluded.status'),
    priority: eb.ref('excluded.priority'),
    type: eb.ref('excluded.type'),
    channel: eb.ref('excluded.channel'),
    assignee_id: eb.ref('excluded.assignee_id'),
    team_id: eb.ref('excluded.team_id'),
    organisation_id: eb.ref('excluded.organisation_id'),
    tags: eb.ref('excluded.tags'),
    status_since: eb.ref('excluded.status_since'),
    first_reply_at: eb.ref('excluded.first_reply_at'),
    first_reply_by: eb.ref('excluded.first_reply_by'),
    replies: eb.ref('excluded.replies'),
    solved_at: eb.ref('excluded.solved_at'),
    solved_by: eb.ref('excluded.solved_by'),
    reopens: eb.ref('excluded.reopens'),
    wait_ms: eb.ref('excluded.wait_ms'),
    wait_spans: eb.ref('excluded.wait_spans'),
    merged_away: eb.ref('excluded.merged_away'),
    sla_first_reply: eb.ref('excluded.sla_first_reply'),
    sla_resolution: eb.ref('excluded.sla_resolution'),
    sla_next_reply_met: eb.ref('excluded.sla_next_reply_met'),
    sla_next_reply_breached: eb.ref('excluded.sla_next_reply_breached'),
    survey_sent: eb.ref('excluded.survey_sent'),
    csat_score: eb.ref('excluded.csat_score'),
    nps_sent: eb.ref('excluded.nps_sent'),
    nps_score: eb.ref('excluded.nps_score'),
  }));
  return overwrite ? set : set.where('ticket_facts.version', '<', FACTS_VERSION);
}

// One ticket's row, as every command writes it: built once (prepared.ts).
const factsRowUpsert = [false, true].map((overwrite) =>
  prepared((db, row: TicketFactsRow) =>
    db
      .insertInto('ticket_facts')
      .values(row)
      .onConflict((oc) => onFactsConflict(oc, overwrite))
      .returning('ticket_id'),
  ),
);

/**
 * Inserts rows. `overwrite`: a row computed from the whole log replaces what is there; otherwise
 * (the background rebuild, which may have read an older log than a concurrent command) it only
 * fills in a missing row or one of an older version. Returns the ids of the tickets it wrote.
 */
export async function insertFacts(db: Executor, rows: TicketFactsRow[], overwrite: boolean): Promise<number[]> {
  if (!rows.length) return [];
  if (rows.length === 1) {
    return (await factsRowUpsert[overwrite ? 1 : 0]!.all(db, rows[0]!)).map((r) => r.ticket_id);
  }
  const written = await db
    .insertInto('ticket_facts')
    .values(rows)
    .onConflict((oc) => onFactsConflict(oc, overwrite))
    .returning('ticket_id')
    .execute();
  return written.map((r) => r.ticket_id);
}

/** Ids of tickets (after `afterId`, in id order) whose facts are missing or of an older version. */
export async function staleTicketIds(db: Executor, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('tickets')
    .leftJoin('ticket_facts', 'ticket_facts.ticket_id', 'tickets.id')
    .select('tickets.id')
    .where('tickets.id', '>', afterId)
    .where((eb) => eb.or([eb('ticket_facts.ticket_id', 'is', null), eb('ticket_facts.version', '<', FACTS_VERSION)]))
    .orderBy('tickets.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The column of each fact. */
const COLUMN = {
  createdAt: 'created_at',
  status: 'status',
  priority: 'priority',
  type: 'type',
  channel: 'channel',
  assigneeId: 'assignee_id',
  teamId: 'team_id',
  organisationId: 'organisation_id',
  tags: 'tags',
  statusSince: 'status_since',
  firstReplyAt: 'first_reply_at',
  firstReplyBy: 'first_reply_by',
  replies: 'replies',
  solvedAt: 'solved_at',
  solvedBy: 'solved_by',
  reopens: 'reopens',
  waitMs: 'wait_ms',
  waitSpans: 'wait_spans',
  mergedAway: 'merged_away',
  slaFirstReply: 'sla_first_reply',
  slaResolution: 'sla_resolution',
  slaNextReplyMet: 'sla_next_reply_met',
  slaNextReplyBreached: 'sla_next_reply_breached',
  surveySent: 'survey_sent',
  csatScore: 'csat_score',
  npsSent: 'nps_sent',
  npsScore: 'nps_score',
} as const satisfies Record<FactKey, keyof TicketFactsRow>;

/** The column of the moment that places a ticket in a period, per anchor. */
const ANCHOR_COLUMN = {
  created: 'created_at',
  solved: 'solved_at',
  first_reply: 'first_reply_at',
} as const satisfies Record<Exclude<Anchor, 'now'>, keyof TicketFactsRow>;

/**
 * The facts a query needs: tickets whose anchor moment for one of the wanted anchors lies in
 * [start, end), plus the unsolved tickets when the backlog is asked for, narrowed by the filters
 * SQL can apply (the query engine applies all of them again). Only the `fields` asked for are read
 * (most of a query's time is making JavaScript values of columns); the others are left undefined.
 */
export async function selectFacts(
  db: Executor,
  q: { anchors: Set<Anchor>; start: number; end: number; filters: Filters; fields: Set<FactKey> },
): Promise<(TicketFacts & { ticketId: number })[]> {
  const periodic = [...q.anchors].filter((a): a is Exclude<Anchor, 'now'> => a !== 'now');
  const rows: Partial<TicketFactsRow>[] = [];
  // Two queries, not one OR: an OR of the period's ranges and the backlog's status is a table
  // scan on SQLite, while each on its own reads an index.
  if (periodic.length) {
    rows.push(
      ...(await factsQuery(db, q)
        .where((eb) =>
          eb.or(
            periodic.map((a) => {
              const column = ANCHOR_COLUMN[a];
              return eb.and([eb(column, '>=', q.start), eb(column, '<', q.end)]);
            }),
          ),
        )
        .execute()),
    );
  }
  if (q.anchors.has('now')) {
    const seen = new Set(rows.map((r) => r.ticket_id));
    // Spelled as the partial index's condition, so both databases use it.
    const backlog = await factsQuery(db, q)
      .where(sql<boolean>`status in ('new', 'open', 'pending', 'on_hold') and merged_away = 0`)
      .execute();
    for (const r of backlog) if (!seen.has(r.ticket_id)) rows.push(r);
  }
  const tags = q.fields.has('tags');
  // One object shape for every row (fields not read stay undefined): far faster to build and use.
  return rows.map((r) => ({
    ticketId: r.ticket_id!,
    createdAt: r.created_at!,
    status: r.status!,
    priority: r.priority!,
    type: r.type!,
    channel: r.channel!,
    assigneeId: r.assignee_id!,
    teamId: r.team_id!,
    organisationId: r.organisation_id!,
    tags: tags ? (JSON.parse(r.tags!) as string[]) : [],
    statusSince: r.status_since!,
    firstReplyAt: r.first_reply_at!,
    firstReplyBy: r.first_reply_by!,
    replies: r.replies!,
    solvedAt: r.solved_at!,
    solvedBy: r.solved_by!,
    reopens: r.reopens!,
    waitMs: r.wait_ms!,
    waitSpans: r.wait_spans === undefined ? [] : (JSON.parse(r.wait_spans) as [number, number][]),
    mergedAway: r.merged_away === 1,
    slaFirstReply: r.sla_first_reply!,
    slaResolution: r.sla_resolution!,
    slaNextReplyMet: r.sla_next_reply_met!,
    slaNextReplyBreached: r.sla_next_reply_breached!,
    surveySent: r.survey_sent === 1,
    csatScore: r.csat_score!,
    npsSent: r.nps_sent === 1,
    npsScore: r.nps_score!,
  }));
}

/** The columns of the wanted facts, narrowed by the filters SQL can apply. */
function factsQuery(db: Executor, q: { filters: Filters; fields: Set<FactKey> }) {
  const f = q.filters;
  let qb = db
    .selectFrom('ticket_facts')
    .select(['ticket_id', ...[...q.fields].map((k) => COLUMN[k])]) as unknown as SelectQueryBuilder<
    Database,
    'ticket_facts',
    Partial<TicketFactsRow> & { ticket_id: number }
  >;
  if (f.agentIds) qb = qb.where('assignee_id', 'in', f.agentIds);
  if (f.teamIds) {
    const ids = f.teamIds.filter((t): t is number => t !== null);
    const none = f.teamIds.includes(null);
    qb = qb.where((eb) =>
      eb.or([...(ids.length ? [eb('team_id', 'in', ids)] : []), ...(none ? [eb('team_id', 'is', null)] : [])]),
    );
  }
  if (f.channels) qb = qb.where('channel', 'in', f.channels as TicketFactsRow['channel'][]);
  if (f.priorities) qb = qb.where('priority', 'in', f.priorities as TicketFactsRow['priority'][]);
  if (f.types) qb = qb.where('type', 'in', f.types as TicketFactsRow['type'][]);
  if (f.organisationIds) qb = qb.where('organisation_id', 'in', f.organisationIds);
  return qb;
}

// ---------- agent activity ----------

function activityRows(ticketId: number, activity: readonly AgentActivity[]): AgentActivityRow[] {
  return activity.map((a) => ({
    ticket_id: ticketId,
    user_id: a.userId,
    slot_start: a.slotStart,
    team_id: a.teamId,
    replies: a.replies,
    notes: a.notes,
    actions: a.actions,
  }));
}

/** Adds the activity of new events to a ticket's rows (a slot already there keeps its team). */
function onActivityConflict(oc: OnConflictBuilder<Database, 'agent_activity'>) {
  return oc.columns(['ticket_id', 'user_id', 'slot_start']).doUpdateSet((eb) => ({
    replies: eb('agent_activity.replies', '+', eb.ref('excluded.replies')),
    notes: eb('agent_activity.notes', '+', eb.ref('excluded.notes')),
    actions: eb('agent_activity.actions', '+', eb.ref('excluded.actions')),
  }));
}

// The activity of one agent in one slot, as most commands add: built once (prepared.ts).
const activityRowAdd = prepared((db, row: AgentActivityRow) =>
  db.insertInto('agent_activity').values(row).onConflict(onActivityConflict),
);

export async function addActivity(db: Executor, ticketId: number, activity: readonly AgentActivity[]): Promise<void> {
  if (!activity.length) return;
  const rows = activityRows(ticketId, activity);
  if (rows.length === 1) await activityRowAdd.run(db, rows[0]!);
  else await db.insertInto('agent_activity').values(rows).onConflict(onActivityConflict).execute();
}

/** Replaces the rows of these tickets with activity folded from their whole logs. */
export async function replaceActivity(db: Executor, byTicket: Map<number, readonly AgentActivity[]>): Promise<void> {
  if (!byTicket.size) return;
  await db
    .deleteFrom('agent_activity')
    .where('ticket_id', 'in', [...byTicket.keys()])
    .execute();
  const rows = [...byTicket].flatMap(([id, activity]) => activityRows(id, activity));
  // A few hundred rows per statement stays under SQLite's limit of bound parameters.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('agent_activity')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/**
 * The activity a query needs: rows in [start, end), narrowed by the filters SQL can apply, with the
 * `fields` of their ticket's facts the query reads.
 */
export async function selectActivity(
  db: Executor,
  q: { start: number; end: number; filters: Filters; fields: Set<FactKey> },
): Promise<ActivityItem[]> {
  const f = q.filters;
  let qb = db
    .selectFrom('agent_activity as a')
    .innerJoin('ticket_facts as t', 't.ticket_id', 'a.ticket_id')
    .select(['a.ticket_id', 'a.user_id', 'a.slot_start', 'a.team_id', 'a.replies', 'a.notes', 'a.actions'])
    // Prefixed: the activity has columns of the same names (team_id, replies).
    .select((eb) => [...q.fields].map((k) => eb.ref(`t.${COLUMN[k]}` as 't.status').as(`t_${COLUMN[k]}`)))
    .where('a.slot_start', '>=', q.start)
    .where('a.slot_start', '<', q.end);
  if (f.agentIds) qb = qb.where('a.user_id', 'in', f.agentIds);
  if (f.teamIds) {
    const ids = f.teamIds.filter((t): t is number => t !== null);
    const none = f.teamIds.includes(null);
    qb = qb.where((eb) =>
      eb.or([...(ids.length ? [eb('a.team_id', 'in', ids)] : []), ...(none ? [eb('a.team_id', 'is', null)] : [])]),
    );
  }
  if (f.channels) qb = qb.where('t.channel', 'in', f.channels as TicketFactsRow['channel'][]);
  if (f.priorities) qb = qb.where('t.priority', 'in', f.priorities as TicketFactsRow['priority'][]);
  if (f.types) qb = qb.where('t.type', 'in', f.types as TicketFactsRow['type'][]);
  if (f.organisationIds) qb = qb.where('t.organisation_id', 'in', f.organisationIds);
  const rows = (await qb.execute()) as unknown as (AgentActivityRow & Record<string, unknown>)[];
  const tags = q.fields.has('tags');
  const waitSpans = q.fields.has('waitSpans');
  // The ticket's facts as selectFacts gives them (fields not read stay undefined), in one object shape
  // and without parsing what was not read: there is a row per agent, ticket and quarter hour.
  return rows.map((r) => ({
    ticketId: r.ticket_id,
    userId: r.user_id,
    slotStart: r.slot_start,
    teamId: r.team_id,
    replies: r.replies,
    notes: r.notes,
    actions: r.actions,
    ticket: {
      createdAt: r.t_created_at as number,
      status: r.t_status as TicketFacts['status'],
      priority: r.t_priority as TicketFacts['priority'],
      type: r.t_type as TicketFacts['type'],
      channel: r.t_channel as TicketFacts['channel'],
      assigneeId: r.t_assignee_id as number | null,
      teamId: r.t_team_id as number | null,
      organisationId: r.t_organisation_id as number | null,
      tags: tags ? (JSON.parse(r.t_tags as string) as string[]) : [],
      statusSince: r.t_status_since as number,
      firstReplyAt: r.t_first_reply_at as number | null,
      firstReplyBy: r.t_first_reply_by as number | null,
      replies: r.t_replies as number,
      solvedAt: r.t_solved_at as number | null,
      solvedBy: r.t_solved_by as number | null,
      reopens: r.t_reopens as number,
      waitMs: r.t_wait_ms as number,
      waitSpans: waitSpans ? (JSON.parse(r.t_wait_spans as string) as [number, number][]) : [],
      mergedAway: r.t_merged_away === 1,
      slaFirstReply: r.t_sla_first_reply as number,
      slaResolution: r.t_sla_resolution as number,
      slaNextReplyMet: r.t_sla_next_reply_met as number,
      slaNextReplyBreached: r.t_sla_next_reply_breached as number,
      surveySent: r.t_survey_sent === 1,
      csatScore: r.t_csat_score as number | null,
      npsSent: r.t_nps_sent === 1,
      npsScore: r.t_nps_score as number | null,
    },
  }));
}

const DONE_COUNTER = 'analytics_facts_version';

/** The facts version every ticket had when a rebuild last finished (0: never). */
export function factsVersionDone(db: Executor): Promise<number> {
  return readCounter(db, DONE_COUNTER);
}

export function markFactsVersionDone(db: Executor, version: number): Promise<void> {
  return setCounter(db, DONE_COUNTER, version);
}

// ---------- saved reports ----------

export function insertReport(db: Executor, row: Insertable<Database['analytics_reports']>): Promise<{ id: number }> {
  return db.insertInto('analytics_reports').values(row).returning('id').executeTakeFirstOrThrow();
}

export function findReport(db: Executor, id: number): Promise<AnalyticsReportRow | undefined> {
  return db.selectFrom('analytics_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every saved report, oldest first (the service picks what a viewer sees; there are tens, not millions). */
export function listReports(db: Executor): Promise<AnalyticsReportRow[]> {
  return db.selectFrom('analytics_reports').selectAll().orderBy('id').execute();
}

export async function updateReport(db: Executor, id: number, set: Updateable<Database['analytics_reports']>) {
  await db.updateTable('analytics_reports').set(set).where('id', '=', id).execute();
}

export async function deleteReport(db: Executor, id: number) {
  await db.deleteFrom('analytics_reports').where('id', '=', id).execute();
}

// ---------- scheduled reports ----------

export function insertSchedule(
  db: Executor,
  row: Insertable<Database['analytics_schedules']>,
): Promise<{ id: number }> {
  return db.insertInto('analytics_schedules').values(row).returning('id').executeTakeFirstOrThrow();
}

export function findSchedule(db: Executor, id: number): Promise<AnalyticsScheduleRow | undefined> {
  return db.selectFrom('analytics_schedules').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every schedule, oldest first (tens, not millions: the service filters what a viewer sees). */
export function listSchedules(db: Executor): Promise<AnalyticsScheduleRow[]> {
  return db.selectFrom('analytics_schedules').selectAll().orderBy('id').execute();
}

export async function updateSchedule(db: Executor, id: number, set: Updateable<Database['analytics_schedules']>) {
  await db.updateTable('analytics_schedules').set(set).where('id', '=', id).execute();
}

export async function deleteSchedule(db: Executor, id: number) {
  await db.deleteFrom('analytics_schedules').where('id', '=', id).execute();
}

/** Enabled schedules due at `now`. */
export function dueSchedules(db: Executor, now: number): Promise<AnalyticsScheduleRow[]> {
  return db
    .selectFrom('analytics_schedules')
    .selectAll()
    .where('enabled', '=', 1)
    .where('next_run_at', '<=', now)
    .orderBy('next_run_at')
    .execute();
}

/** The earliest time any enabled schedule is due, or null. */
export async function nextDueAt(db: Executor): Promise<number | null> {
  const row = await db
    .selectFrom('analytics_schedules')
    .select((eb) => eb.fn.min('next_run_at').as('at'))
    .where('enabled', '=', 1)
    .executeTakeFirst();
  return row?.at == null ? null : Number(row.at);
}

/**
 * Claims a due run: moves next_run_at from `due` to `next`. Only one node (or one tick) can win, so
 * a run is mailed once even with several nodes ticking.
 */
export async function claimScheduleRun(db: Executor, id: number, due: number, next: number): Promise<boolean> {
  const result = await db
    .updateTable('analytics_schedules')
    .set({ next_run_at: next })
    .where('id', '=', id)
    .where('next_run_at', '=', due)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
