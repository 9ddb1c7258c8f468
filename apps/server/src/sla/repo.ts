// Kysely queries of business calendars and SLA policies.
import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../platform/db/index.js';
import { prepared } from '../platform/db/prepared.js';
import type { BusinessCalendarRow, Database, SlaPolicyRow, TicketSlaRow } from '../platform/db/types.js';

export function listCalendars(db: Executor): Promise<BusinessCalendarRow[]> {
  return db.selectFrom('business_calendars').selectAll().orderBy('name').execute();
}

export function findCalendar(db: Executor, id: number): Promise<BusinessCalendarRow | undefined> {
  return db.selectFrom('business_calendars').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCalendarByName(db: Executor, name: string): Promise<BusinessCalendarRow | undefined> {
  return db.selectFrom('business_calendars').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertCalendar(db: Executor, row: Insertable<Database['business_calendars']>): Promise<number> {
  const r = await db.insertInto('business_calendars').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCalendar(db: Executor, id: number, set: Updateable<Database['business_calendars']>) {
  await db.updateTable('business_calendars').set(set).where('id', '=', id).execute();
}

export async function deleteCalendar(db: Executor, id: number) {
  await db.deleteFrom('business_calendars').where('id', '=', id).execute();
}

/** Makes no calendar the default except `keep`. */
export async function clearDefault(db: Executor, keep: number) {
  await db.updateTable('business_calendars').set({ is_default: 0 }).where('id', '!=', keep).execute();
}

/** Team ids per calendar id. */
export async function teamsByCalendar(db: Executor): Promise<Map<number, number[]>> {
  const rows = await db.selectFrom('team_calendars').selectAll().orderBy('team_id').execute();
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.calendar_id, [...(out.get(r.calendar_id) ?? []), r.team_id]);
  return out;
}

/** Each team's calendar id, for teams that have one. */
export function teamCalendarIds(db: Executor): Promise<{ team_id: number; calendar_id: number }[]> {
  return db.selectFrom('team_calendars').selectAll().execute();
}

/** Exactly these teams count in the calendar (moved from any other they counted in). */
export async function setCalendarTeams(db: Executor, calendarId: number, teamIds: number[]) {
  await db.deleteFrom('team_calendars').where('calendar_id', '=', calendarId).execute();
  if (!teamIds.length) return;
  await db.deleteFrom('team_calendars').where('team_id', 'in', teamIds).execute();
  await db
    .insertInto('team_calendars')
    .values(teamIds.map((team_id) => ({ team_id, calendar_id: calendarId })))
    .execute();
}

/** The team's own calendar, else the default one; undefined when neither exists. */
export async function calendarOfTeam(db: Executor, teamId: number | null): Promise<BusinessCalendarRow | undefined> {
  if (teamId !== null) {
    const own = await db
      .selectFrom('team_calendars')
      .innerJoin('business_calendars', 'business_calendars.id', 'team_calendars.calendar_id')
      .selectAll('business_calendars')
      .where('team_calendars.team_id', '=', teamId)
      .executeTakeFirst();
    if (own) return own;
  }
  return db.selectFrom('business_calendars').selectAll().where('is_default', '=', 1).executeTakeFirst();
}

// ---------- SLA policies ----------

/** In matching order: position, then id. */
const policiesInOrder = prepared((db, _: Record<string, never>) =>
  db.selectFrom('sla_policies').selectAll().orderBy('position').orderBy('id'),
);

export function listPolicies(db: Executor): Promise<SlaPolicyRow[]> {
  return policiesInOrder.all(db, {});
}

export function findPolicy(db: Executor, id: number): Promise<SlaPolicyRow | undefined> {
  return db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPolicyByName(db: Executor, name: string): Promise<SlaPolicyRow | undefined> {
  return db.selectFrom('sla_policies').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertPolicy(db: Executor, row: Insertable<Database['sla_policies']>): Promise<number> {
  const r = await db.insertInto('sla_policies').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePolicy(db: Executor, id: number, set: Updateable<Database['sla_policies']>) {
  await db.updateTable('sla_policies').set(set).where('id', '=', id).execute();
}

export async function deletePolicy(db: Executor, id: number) {
  await db.deleteFrom('sla_policies').where('id', '=', id).execute();
}

// ---------- timers on tickets ----------

const timersOf = prepared((db, p: { ticketId: number }) =>
  db.selectFrom('ticket_sla').selectAll().where('ticket_id', '=', p.ticketId),
);

export function timersOfTicket(db: Executor, ticketId: number): Promise<TicketSlaRow[]> {
  return timersOf.all(db, { ticketId });
}

export async function timersOfTickets(db: Executor, ticketIds: number[]): Promise<TicketSlaRow[]> {
  if (!ticketIds.length) return [];
  if (ticketIds.length === 1) return timersOf.all(db, { ticketId: ticketIds[0]! });
  return db.selectFrom('ticket_sla').selectAll().where('ticket_id', 'in', ticketIds).execute();
}

/** Exactly these owed targets for the ticket. */
export async function replaceTimers(db: Executor, ticketId: number, rows: Insertable<Database['ticket_sla']>[]) {
  await db.deleteFrom('ticket_sla').where('ticket_id', '=', ticketId).execute();
  await insertTimers(db, rows);
}

export async function insertTimers(db: Executor, rows: Insertable<Database['ticket_sla']>[]) {
  if (rows.length) await db.insertInto('ticket_sla').values(rows).execute();
}

/**
 * Marks a target's breach as logged unless it already is: true for the one caller that gets to write
 * the event (the sweep and a ticket command may race for it; the row lock decides).
 */
export async function claimBreach(db: Executor, ticketId: number, metric: string, cycle: number): Promise<boolean> {
  const r = await db
    .updateTable('ticket_sla')
    .set({ breach_logged: 1 })
    .where('ticket_id', '=', ticketId)
    .where('metric', '=', metric as TicketSlaRow['metric'])
    .where('cycle', '=', cycle)
    .where('breach_logged', '=', 0)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Tickets with an owed target that ran out by `now` and whose breach is not logged yet, earliest first. */
export async function ticketsWithDueBreaches(db: Executor, now: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('ticket_sla')
    .select('ticket_id')
    .where('breach_logged', '=', 0)
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return [...new Set(rows.map((r) => r.ticket_id))];
}

/**
 * Marks the due, unlogged breaches of these tickets as logged and returns them: exactly the ones this
 * caller gets to write (a ticket command that logged one meanwhile has set the flag already).
 */
export function claimDueBreaches(db: Executor, ticketIds: number[], now: number) {
  return (
    db
      .updateTable('ticket_sla')
      .set({ breach_logged: 1 })
      .where('ticket_id', 'in', ticketIds)
      // Unary plus: without it SQLite reads the sweep's index (every unlogged due breach, for each
      // batch: quadratic in a catch-up) instead of the tickets' rows by id.
      .where(sql`+breach_logged`, '=', 0)
      .where('due_at', '<=', now)
      .returning(['ticket_id', 'metric', 'cycle', 'policy_id', 'target_minutes', 'due_at'])
      .execute()
  );
}

/** Version and number of tickets by id. */
export async function ticketVersions(db: Executor, ids: number[]) {
  const rows = await db.selectFrom('tickets').select(['id', 'version', 'number']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Tickets that may owe targets: every one not closed (solved ones can be reopened). */
export function openTicketIds(db: Executor, afterId: number, limit: number): Promise<{ id: number }[]> {
  return db
    .selectFrom('tickets')
    .select('id')
    .where('status', 'in', ['new', 'open', 'pending', 'on_hold'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

// ---------- the recompute's bookkeeping ----------

/** When the SLA rules last changed, and the change the last finished recompute covered. */
export const RECOMPUTE_REQUESTED = 'sla_recompute_requested';
export const RECOMPUTE_DONE = 'sla_recompute_done';

export { readCounter as counter, setCounter } from '../platform/db/counters.js';

/**
 * Tickets with a target that ran out or is in its last quarter and counting, most overdue first (a
 * ticket once, at its earliest due time); optionally of some teams.
 */
export async function ticketIdsAtRisk(db: Executor, now: number, limit: number, teamIds?: number[]): Promise<number[]> {
  let q = db
    .selectFrom('ticket_sla')
    .innerJoin('tickets', 'tickets.id', 'ticket_sla.ticket_id')
    .select('ticket_sla.ticket_id')
    .select((eb) => eb.fn.min('ticket_sla.due_at').as('due'))
    .where((eb) =>
      eb.or([
        eb('ticket_sla.due_at', '<=', now),
        eb.and([eb('ticket_sla.paused', '=', 0), eb('ticket_sla.warn_at', '<=', now)]),
      ]),
    )
    .groupBy('ticket_sla.ticket_id')
    .orderBy('due')
    .orderBy('ticket_sla.ticket_id')
    .limit(limit);
  if (teamIds?.length) q = q.where('tickets.team_id', 'in', teamIds);
  return (await q.execute()).map((r) => r.ticket_id);
}
