// Kysely queries of business calendars.
import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../platform/db/index.js';
import type { BusinessCalendarRow, Database } from '../platform/db/types.js';

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
