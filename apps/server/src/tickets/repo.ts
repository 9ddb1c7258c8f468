// Kysely queries of tickets, their messages, events, attachments, tags, custom fields, followers and views.

import type { Insertable, Updateable } from 'kysely';
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import { bumpCounter, readCounter, stampChange } from '../platform/db/counters.js';
import type { Dialect, Executor } from '../platform/db/index.js';
import { prepared } from '../platform/db/prepared.js';
import type {
  AttachmentRow,
  CustomFieldRow,
  Database,
  MessageKind,
  NewTicketRow,
  TicketEventRow,
  TicketMessageRow,
  TicketRow,
  ViewRow,
} from '../platform/db/types.js';
import { searchMatches } from './search.js';

// ---------- numbers ----------

const FIRST_NUMBER = 1001;

/** The next human ticket number; the counter row is locked until the transaction ends. */
export function nextTicketNumber(db: Executor): Promise<number> {
  return bumpCounter(db, 'ticket_number', FIRST_NUMBER);
}

// ---------- tickets ----------

const ticketInsert = prepared((db, row: NewTicketRow) => db.insertInto('tickets').values(row).returning('id'));
const ticketByNumber = prepared((db, p: { number: number }) =>
  db.selectFrom('tickets').selectAll().where('number', '=', p.number),
);
const ticketById = prepared((db, p: { id: number }) => db.selectFrom('tickets').selectAll().where('id', '=', p.id));

export async function insertTicket(db: Executor, row: NewTicketRow): Promise<number> {
  return (await ticketInsert.first(db, row))!.id;
}

// By the set of columns it changes: a command changes a few of them, and the same few again and again.
const ticketUpdate = prepared((db, p: Updateable<Database['tickets']> & { id: number }) => {
  const { id, ...patch } = p;
  return db.updateTable('tickets').set(patch).where('id', '=', id);
});

export async function updateTicketRow(db: Executor, id: number, patch: Updateable<Database['tickets']>): Promise<void> {
  await ticketUpdate.run(db, { ...patch, id });
}

export function findTicketByNumber(db: Executor, number: number): Promise<TicketRow | undefined> {
  return ticketByNumber.first(db, { number });
}

export function findTicketById(db: Executor, id: number): Promise<TicketRow | undefined> {
  return ticketById.first(db, { id });
}

export function findTicketsByNumbers(db: Executor, numbers: number[]): Promise<TicketRow[]> {
  if (numbers.length === 0) return Promise.resolve([]);
  return db.selectFrom('tickets').selectAll().where('number', 'in', numbers).execute();
}

export function findTicketsByIds(db: Executor, ids: number[]): Promise<TicketRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('tickets').selectAll().where('id', 'in', ids).execute();
}

export async function findIncidents(db: Executor, problemId: number): Promise<TicketRow[]> {
  // Sorted here, not in SQL: with ORDER BY number, SQLite preferred walking the number index over
  // all tickets to the problem_id index (0.8 s per ticket page at 1M tickets).
  const rows = await db.selectFrom('tickets').selectAll().where('problem_id', '=', problemId).execute();
  return rows.sort((a, b) => a.number - b.number);
}

// ---------- who may see what ----------

/** Limits a ticket query to what a user without tickets.see_all may see. */
export interface Scope {
  userId: number;
  teamIds: number[];
}

function scopeFilter(eb: ExpressionBuilder<Database, 'tickets'>, scope: Scope) {
  const ors = [
    eb('tickets.team_id', 'is', null),
    eb('tickets.assignee_id', '=', scope.userId),
    eb.exists(
      eb
        .selectFrom('ticket_followers')
        .select('ticket_followers.ticket_id')
        .whereRef('ticket_followers.ticket_id', '=', 'tickets.id')
        .where('ticket_followers.user_id', '=', scope.userId),
    ),
  ];
  if (scope.teamIds.length) ors.push(eb('tickets.team_id', 'in', scope.teamIds));
  return eb.or(ors);
}

/** Those of the tickets the scope may see, in the order of `ids`. */
export async function visibleByIds(db: Executor, ids: number[], scope: Scope | null): Promise<TicketRow[]> {
  if (!ids.length) return [];
  let q = db.selectFrom('tickets').selectAll().where('id', 'in', ids);
  if (scope) q = q.where((eb) => scopeFilter(eb, scope));
  const rows = new Map((await q.execute()).map((r) => [r.id, r]));
  return ids.flatMap((id) => rows.get(id) ?? []);
}

export async function canSee(db: Executor, ticketId: number, scope: Scope | null): Promise<boolean> {
  if (!scope) return true;
  const r = await db
    .selectFrom('tickets')
    .select('id')
    .where('id', '=', ticketId)
    .where((eb) => scopeFilter(eb, scope))
    .executeTakeFirst();
  return r !== undefined;
}

// ---------- lists, views and search ----------

/** Filters after resolving "me" and ISO dates; the service builds it from the API's TicketFilters. */
export interface ListFilters {
  status?: string[] | undefined;
  priority?: string[] | undefined;
  type?: string[] | undefined;
  channel?: string[] | undefined;
  assigneeIds?: number[] | undefined;
  unassigned?: boolean | undefined;
  teamIds?: number[] | undefined;
  noTeam?: boolean | undefined;
  tags?: string[] | undefined;
  requesterId?: number | undefined;
  organisationId?: number | undefined;
  createdFrom?: number | undefined;
  createdTo?: number | undefined;
  updatedFrom?: number | undefined;
  updatedTo?: number | undefined;
  /** field id -> value */
  fields?: [number, string][] | undefined;
}

const BACKLOG_STATUSES: readonly string[] = ['new', 'open', 'pending', 'on_hold'];

/**
 * A list of unsolved tickets only. The backlog stays small while solved tickets pile up, so such a
 * list should read the status index and sort the few rows, never walk a time index through every
 * more recently touched ticket. SQLite's statistics cannot be trusted to see it (after a bulk
 * update the walk looks cheap and took 150-200 ms on 1M tickets), so the sort key is written as an
 * expression the time indexes do not match.
 */
function backlogOnly(f: ListFilters): boolean {
  return !!f.status?.length && f.status.every((s) => BACKLOG_STATUSES.includes(s));
}

export type SortKey =
  | 'updated_desc'
  | 'updated_asc'
  | 'created_desc'
  | 'created_asc'
  | 'priority_desc'
  | 'number_desc'
  | 'relevance'
  | 'sla_due';

type TicketQuery = SelectQueryBuilder<Database, 'tickets', object>;

function applyFilters(qb: TicketQuery, f: ListFilters, scope: Scope | null): TicketQuery {
  let q = qb;
  if (scope) q = q.where((eb) => scopeFilter(eb, scope));
  if (f.status?.length) q = q.where('tickets.status', 'in', f.status as TicketRow['status'][]);
  if (f.priority?.length) q = q.where('tickets.priority', 'in', f.priority as TicketRow['priority'][]);
  if (f.type?.length) q = q.where('tickets.type', 'in', f.type as TicketRow['type'][]);
  if (f.channel?.length) q = q.where('tickets.channel', 'in', f.channel as TicketRow['channel'][]);
  if (f.assigneeIds?.length || f.unassigned) {
    const ids = f.assigneeIds ?? [];
    q = q.where((eb) =>
      eb.or([
        ...(ids.length ? [eb('tickets.assignee_id', 'in', ids)] : []),
        ...(f.unassigned ? [eb('tickets.assignee_id', 'is', null)] : []),
      ]),
    );
  }
  if (f.teamIds?.length || f.noTeam) {
    const ids = f.teamIds ?? [];
    q = q.where((eb) =>
      eb.or([
        ...(ids.length ? [eb('tickets.team_id', 'in', ids)] : []),
        ...(f.noTeam ? [eb('tickets.team_id', 'is', null)] : []),
      ]),
    );
  }
  for (const tag of f.tags ?? []) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('ticket_tags')
          .select('ticket_tags.ticket_id')
          .whereRef('ticket_tags.ticket_id', '=', 'tickets.id')
          .where('ticket_tags.tag', '=', tag),
      ),
    );
  }
  for (const [fieldId, value] of f.fields ?? []) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('ticket_field_values')
          .select('ticket_field_values.ticket_id')
          .whereRef('ticket_field_values.ticket_id', '=', 'tickets.id')
          .where('ticket_field_values.field_id', '=', fieldId)
          .where('ticket_field_values.value', '=', value),
      ),
    );
  }
  if (f.requesterId !== undefined) q = q.where('tickets.requester_id', '=', f.requesterId);
  if (f.organisationId !== undefined) q = q.where('tickets.organisation_id', '=', f.organisationId);
  if (f.createdFrom !== undefined) q = q.where('tickets.created_at', '>=', f.createdFrom);
  if (f.createdTo !== undefined) q = q.where('tickets.created_at', '<', f.createdTo);
  if (f.updatedFrom !== undefined) q = q.where('tickets.updated_at', '>=', f.updatedFrom);
  if (f.updatedTo !== undefined) q = q.where('tickets.updated_at', '<', f.updatedTo);
  return q;
}

/** Position of the last row of a page; the next page starts after it in the same order. */
export interface ListCursor {
  /** The sort value of the last row (a time, a priority rank, a score, a number). */
  v: number;
  id: number;
}

const priorityRank = sql<number>`case tickets.priority when 'urgent' then 4 when 'high' then 3 when 'normal' then 2 else 1 end`;
/** The ticket's earliest SLA due time (sla/ keeps ticket_sla); the largest safe integer when none runs. */
const slaDue = sql<number>`coalesce((select min(ticket_sla.due_at) from ticket_sla where ticket_sla.ticket_id = tickets.id), ${Number.MAX_SAFE_INTEGER})`;

export async function listTickets(
  db: Executor,
  dialect: Dialect,
  options: {
    filters: ListFilters;
    scope: Scope | null;
    q?: string | undefined;
    sort: SortKey;
    limit: number;
    after?: ListCursor | undefined;
  },
): Promise<{ rows: (TicketRow & { sort_value: number })[]; searched: boolean }> {
  const search = options.q ? searchMatches(dialect, options.q) : null;
  if (options.q && !search) return { rows: [], searched: true };
  const sort = options.sort === 'relevance' && !search ? 'updated_desc' : options.sort;
  // With a search, start from its (bounded) candidates: SQLite never reorders a CROSS JOIN, so a
  // filter it misjudges cannot make it scan every ticket and probe the candidates instead.
  let qb = search
    ? (db
        .selectFrom(search)
        .crossJoin('tickets')
        .whereRef('tickets.id', '=', 'search.ticket_id') as unknown as TicketQuery)
    : (db.selectFrom('tickets') as TicketQuery);
  qb = applyFilters(qb, options.filters, options.scope);
  // `+` keeps SQLite from walking a time index for a backlog list (see backlogOnly).
  const time = (column: 'updated_at' | 'created_at') =>
    dialect === 'sqlite' && !search && backlogOnly(options.filters)
      ? sql<number>`+tickets.${sql.ref(column)}`
      : sql<number>`tickets.${sql.ref(column)}`;

  const [expr, dir] = ((): [ReturnType<typeof sql<number>>, 'asc' | 'desc'] => {
    switch (sort) {
      case 'updated_asc':
        return [time('updated_at'), 'asc'];
      case 'created_desc':
        return [time('created_at'), 'desc'];
      case 'created_asc':
        return [time('created_at'), 'asc'];
      case 'priority_desc':
        return [priorityRank, 'desc'];
      case 'number_desc':
        return [sql<number>`tickets.number`, 'desc'];
      case 'sla_due':
        return [slaDue, 'asc'];
      case 'relevance':
        return [sql<number>`search.score`, 'desc'];
      default:
        return [time('updated_at'), 'desc'];
    }
  })();
  if (options.after) {
    const { v, id } = options.after;
    qb = qb.where(
      dir === 'desc'
        ? sql<boolean>`(${expr} < ${v} or (${expr} = ${v} and tickets.id < ${id}))`
        : sql<boolean>`(${expr} > ${v} or (${expr} = ${v} and tickets.id > ${id}))`,
    );
  }
  const rows = await qb
    .selectAll('tickets')
    .select(expr.as('sort_value'))
    .orderBy(expr, dir)
    .orderBy('tickets.id', dir)
    .limit(options.limit + 1)
    .execute();
  return { rows: rows as (TicketRow & { sort_value: number })[], searched: search !== null };
}

/** Tickets matching, counted up to `cap` (a sidebar needs "10,000+", not an exact million). */
export async function countTickets(
  db: Executor,
  filters: ListFilters,
  scope: Scope | null,
  cap = 10_000,
): Promise<number> {
  const matching = applyFilters(db.selectFrom('tickets') as TicketQuery, filters, scope)
    .select('tickets.id')
    .limit(cap);
  const r = await db
    .selectFrom(matching.as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Open tickets per assignee (new, open, pending, on-hold) — capacity and "fewest open" assignment. */
export async function openCountsByAssignee(db: Executor, userIds: number[]): Promise<Map<number, number>> {
  const map = new Map<number, number>(userIds.map((id) => [id, 0]));
  if (!userIds.length) return map;
  const rows = await db
    .selectFrom('tickets')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('assignee_id', 'in', userIds)
    .where('status', 'in', ['new', 'open', 'pending', 'on_hold'])
    .groupBy('assignee_id')
    .execute();
  for (const r of rows) if (r.assignee_id !== null) map.set(r.assignee_id, Number(r.n));
  return map;
}

/** Solved tickets whose solve is older than `before`: the auto-close job closes them. */
export function solvedBefore(db: Executor, before: number, limit: number): Promise<TicketRow[]> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('status', '=', 'solved')
    .where('solved_at', '<', before)
    .orderBy('solved_at')
    .limit(limit)
    .execute();
}

// ---------- tags and custom field index ----------

export async function replaceTags(db: Executor, ticketId: number, tags: string[]): Promise<void> {
  await db.deleteFrom('ticket_tags').where('ticket_id', '=', ticketId).execute();
  if (tags.length)
    await db
      .insertInto('ticket_tags')
      .values(tags.map((tag) => ({ ticket_id: ticketId, tag })))
      .execute();
}

export async function replaceFieldValues(
  db: Executor,
  ticketId: number,
  fieldId: number,
  values: string[],
): Promise<void> {
  await db
    .deleteFrom('ticket_field_values')
    .where('ticket_id', '=', ticketId)
    .where('field_id', '=', fieldId)
    .execute();
  const unique = [...new Set(values)];
  if (unique.length) {
    await db
      .insertInto('ticket_field_values')
      .values(unique.map((value) => ({ ticket_id: ticketId, field_id: fieldId, value })))
      .execute();
  }
}

// ---------- messages and events ----------

const messageInsert = prepared((db, row: Insertable<Database['ticket_messages']>) =>
  db.insertInto('ticket_messages').values(row).returning('id'),
);

export async function insertMessage(db: Executor, row: Insertable<Database['ticket_messages']>): Promise<number> {
  return (await messageInsert.first(db, row))!.id;
}

export function listMessages(
  db: Executor,
  ticketId: number,
  afterId: number,
  limit: number,
): Promise<TicketMessageRow[]> {
  return db
    .selectFrom('ticket_messages')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function findMessage(db: Executor, id: number): Promise<TicketMessageRow | undefined> {
  return db.selectFrom('ticket_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countMessages(db: Executor, ticketId: number): Promise<number> {
  const r = await db
    .selectFrom('ticket_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ticket_id', '=', ticketId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Moves a ticket's conversation (messages and attachments) onto another ticket. */
export async function moveConversation(db: Executor, fromId: number, toId: number): Promise<void> {
  await db.updateTable('ticket_messages').set({ ticket_id: toId }).where('ticket_id', '=', fromId).execute();
  await db.updateTable('ticket_attachments').set({ ticket_id: toId }).where('ticket_id', '=', fromId).execute();
}

const eventInsert = prepared((db, row: Insertable<Database['ticket_events']>) =>
  db.insertInto('ticket_events').values(row),
);

/**
 * Appends events in the order given. A command's few go one by one through a statement built once;
 * a long list (the SLA sweep's) in statements of many rows, each under SQLite's limit of bound values.
 */
export async function insertEvents(db: Executor, rows: Insertable<Database['ticket_events']>[]): Promise<void> {
  if (rows.length <= 8) {
    for (const row of rows) await eventInsert.run(db, row);
    return;
  }
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('ticket_events')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** The whole logs of some tickets, each oldest first. */
export function eventsOfTickets(db: Executor, ticketIds: number[]): Promise<TicketEventRow[]> {
  if (!ticketIds.length) return Promise.resolve([]);
  return db
    .selectFrom('ticket_events')
    .selectAll()
    .where('ticket_id', 'in', ticketIds)
    .orderBy('ticket_id')
    .orderBy('id')
    .execute();
}

export function listEvents(db: Executor, ticketId: number, afterId: number, limit: number): Promise<TicketEventRow[]> {
  return db
    .selectFrom('ticket_events')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

// ---------- attachments ----------

export async function insertAttachment(db: Executor, row: Insertable<Database['ticket_attachments']>): Promise<number> {
  const r = await db.insertInto('ticket_attachments').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function findAttachment(db: Executor, id: number): Promise<AttachmentRow | undefined> {
  return db.selectFrom('ticket_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAttachments(db: Executor, ids: number[]): Promise<AttachmentRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('ticket_attachments').selectAll().where('id', 'in', ids).execute();
}

/** The ticket of the latest message carrying one of these mail Message-IDs. */
export async function ticketOfMailIds(db: Executor, ids: string[]): Promise<TicketRow | undefined> {
  if (!ids.length) return undefined;
  const hit = await db
    .selectFrom('ticket_messages')
    .select('ticket_id')
    .where('mail_message_id', 'in', ids)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return hit ? findTicketById(db, hit.ticket_id) : undefined;
}

/** The message our outbound mail with this Message-ID carried (a bounce names it). */
export function messageOfMailId(db: Executor, mailMessageId: string): Promise<TicketMessageRow | undefined> {
  return db
    .selectFrom('ticket_messages')
    .selectAll()
    .where('mail_message_id', '=', mailMessageId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The mail Message-IDs of a ticket's messages before this one, oldest first. */
export async function mailIdsBefore(db: Executor, ticketId: number, messageId: number) {
  const rows = await db
    .selectFrom('ticket_messages')
    .select(['mail_message_id', 'kind'])
    .where('ticket_id', '=', ticketId)
    .where('id', '<', messageId)
    .where('mail_message_id', 'is not', null)
    .orderBy('id')
    .execute();
  return rows as { mail_message_id: string; kind: MessageKind }[];
}

export async function setDelivery(
  db: Executor,
  messageId: number,
  patch: Pick<
    Updateable<Database['ticket_messages']>,
    'delivery_status' | 'delivery_error' | 'delivered_at' | 'delivery_attempts'
  >,
): Promise<void> {
  await db.updateTable('ticket_messages').set(patch).where('id', '=', messageId).execute();
}

export async function setMessageHtml(db: Executor, messageId: number, html: string): Promise<void> {
  await db.updateTable('ticket_messages').set({ body_html: html }).where('id', '=', messageId).execute();
}

/** Customers copied on a ticket's mail (they get its replies too); once each. */
export async function addCcs(db: Executor, ticketId: number, customerIds: number[], now: number): Promise<void> {
  const ids = [...new Set(customerIds)];
  if (!ids.length) return;
  await db
    .insertInto('ticket_cc')
    .values(ids.map((customer_id) => ({ ticket_id: ticketId, customer_id, created_at: now })))
    .onConflict((oc) => oc.columns(['ticket_id', 'customer_id']).doNothing())
    .execute();
}

const ccOf = prepared((db, p: { ticketId: number }) =>
  db.selectFrom('ticket_cc').select('customer_id').where('ticket_id', '=', p.ticketId),
);

export async function ccIds(db: Executor, ticketId: number): Promise<number[]> {
  return (await ccOf.all(db, { ticketId })).map((r) => r.customer_id);
}

/**
 * A per-ticket list for many tickets, by ticket id (an empty list for a ticket with none): one ticket
 * through its statement built once, several through one `in (…)` query.
 */
async function listsOfTickets<R extends { ticket_id: number }>(
  ticketIds: number[],
  one: (ticketId: number) => Promise<number[]>,
  many: () => Promise<R[]>,
  value: (row: R) => number,
): Promise<Map<number, number[]>> {
  if (ticketIds.length === 1) return new Map([[ticketIds[0]!, await one(ticketIds[0]!)]]);
  const out = new Map(ticketIds.map((id) => [id, [] as number[]]));
  if (!ticketIds.length) return out;
  for (const r of await many()) out.get(r.ticket_id)?.push(value(r));
  return out;
}

/** The CC customers of each of these tickets, by ticket id. */
export function ccIdsOfTickets(db: Executor, ticketIds: number[]): Promise<Map<number, number[]>> {
  return listsOfTickets(
    ticketIds,
    (id) => ccIds(db, id),
    () => db.selectFrom('ticket_cc').select(['ticket_id', 'customer_id']).where('ticket_id', 'in', ticketIds).execute(),
    (r) => r.customer_id,
  );
}

export async function attachToMessage(db: Executor, ids: number[], ticketId: number, messageId: number): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('ticket_attachments')
    .set({ ticket_id: ticketId, message_id: messageId })
    .where('id', 'in', ids)
    .execute();
}

export function attachmentsOfMessages(db: Executor, messageIds: number[]): Promise<AttachmentRow[]> {
  if (!messageIds.length) return Promise.resolve([]);
  return db.selectFrom('ticket_attachments').selectAll().where('message_id', 'in', messageIds).orderBy('id').execute();
}

// ---------- followers ----------

const followersOf = prepared((db, p: { ticketId: number }) =>
  db.selectFrom('ticket_followers').select('user_id').where('ticket_id', '=', p.ticketId).orderBy('user_id'),
);

export async function followerIds(db: Executor, ticketId: number): Promise<number[]> {
  return (await followersOf.all(db, { ticketId })).map((r) => r.user_id);
}

/** The followers of each of these tickets, by ticket id (user ids ascending). */
export function followerIdsOfTickets(db: Executor, ticketIds: number[]): Promise<Map<number, number[]>> {
  return listsOfTickets(
    ticketIds,
    (id) => followerIds(db, id),
    () =>
      db
        .selectFrom('ticket_followers')
        .select(['ticket_id', 'user_id'])
        .where('ticket_id', 'in', ticketIds)
        .orderBy('user_id')
        .execute(),
    (r) => r.user_id,
  );
}

export async function addFollower(db: Executor, ticketId: number, userId: number, now: number): Promise<boolean> {
  const r = await db
    .insertInto('ticket_followers')
    .values({ ticket_id: ticketId, user_id: userId, created_at: now })
    .onConflict((oc) => oc.columns(['ticket_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removeFollower(db: Executor, ticketId: number, userId: number): Promise<boolean> {
  const r = await db
    .deleteFrom('ticket_followers')
    .where('ticket_id', '=', ticketId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// ---------- custom fields ----------

const customFields = prepared((db, _: Record<string, never>) =>
  db.selectFrom('custom_fields').selectAll().orderBy('position').orderBy('id'),
);

export function listCustomFields(db: Executor): Promise<CustomFieldRow[]> {
  return customFields.all(db, {});
}

export function findCustomField(db: Executor, id: number): Promise<CustomFieldRow | undefined> {
  return db.selectFrom('custom_fields').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Changed with every change to the custom fields: a process's copy of them is good while it stays. */
export const FIELDS_STAMP = 'custom_fields_version';

export function customFieldsStamp(db: Executor): Promise<number> {
  return readCounter(db, FIELDS_STAMP);
}

export async function insertCustomField(db: Executor, row: Insertable<Database['custom_fields']>): Promise<number> {
  await stampChange(db, FIELDS_STAMP);
  const r = await db.insertInto('custom_fields').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCustomField(
  db: Executor,
  id: number,
  patch: Updateable<Database['custom_fields']>,
): Promise<void> {
  await stampChange(db, FIELDS_STAMP);
  await db.updateTable('custom_fields').set(patch).where('id', '=', id).execute();
}

// ---------- views ----------

/** Shared views and the user's own, in sidebar order. */
export function listViews(db: Executor, userId: number): Promise<ViewRow[]> {
  return db
    .selectFrom('views')
    .selectAll()
    .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', userId)]))
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export function findView(db: Executor, id: number): Promise<ViewRow | undefined> {
  return db.selectFrom('views').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertView(db: Executor, row: Insertable<Database['views']>): Promise<number> {
  const r = await db.insertInto('views').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateView(db: Executor, id: number, patch: Updateable<Database['views']>): Promise<void> {
  await db.updateTable('views').set(patch).where('id', '=', id).execute();
}

export async function deleteView(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('views').where('id', '=', id).execute();
}

export async function hasSystemViews(db: Executor): Promise<boolean> {
  const r = await db.selectFrom('views').select('id').where('system_key', 'is not', null).executeTakeFirst();
  return r !== undefined;
}
