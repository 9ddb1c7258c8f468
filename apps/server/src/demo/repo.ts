// Bulk inserts for the demo company.

import type { Insertable } from 'kysely';
import type { Executor } from '../platform/db/index.js';
import type { Database, TicketPriority } from '../platform/db/types.js';

export async function insertUsers(db: Executor, rows: Insertable<Database['users']>[]): Promise<number[]> {
  const out = await db.insertInto('users').values(rows).returning('id').execute();
  return out.map((r) => r.id);
}

export async function insertTeam(db: Executor, row: Insertable<Database['teams']>): Promise<number> {
  return (await db.insertInto('teams').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertMembers(db: Executor, rows: Insertable<Database['team_members']>[]): Promise<void> {
  await db.insertInto('team_members').values(rows).execute();
}

export async function insertOrganisations(
  db: Executor,
  rows: Insertable<Database['organisations']>[],
): Promise<number[]> {
  const out = await db.insertInto('organisations').values(rows).returning('id').execute();
  return out.map((r) => r.id);
}

/** Returns customer id by e-mail (RETURNING's row order is not promised on every database). */
export async function insertCustomers(
  db: Executor,
  rows: Insertable<Database['customers']>[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 100) {
    const out = await db
      .insertInto('customers')
      .values(rows.slice(i, i + 100))
      .returning(['id', 'email'])
      .execute();
    for (const r of out) ids.set(r.email ?? '', r.id);
  }
  return ids;
}

export async function countUsers(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The id of a ticket the seed has just imported (importHistory returns its number). */
export async function ticketIdByNumber(db: Executor, number: number): Promise<number> {
  return (await db.selectFrom('tickets').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
}

export async function insertPresence(db: Executor, rows: Insertable<Database['agent_presence']>[]): Promise<void> {
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('agent_presence')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** The oldest open tickets of a team with these priorities (the demo's escalations). */
export function openTicketsOfTeam(db: Executor, teamId: number, priorities: TicketPriority[], limit: number) {
  return db
    .selectFrom('tickets')
    .select(['id', 'number', 'assignee_id', 'updated_at'])
    .where('team_id', '=', teamId)
    .where('status', 'in', ['open', 'pending', 'on_hold'])
    .where('priority', 'in', priorities)
    .where('assignee_id', 'is not', null)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}
