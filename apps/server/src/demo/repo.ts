// Bulk inserts for the demo company.

import type { Insertable } from 'kysely';
import type { Executor } from '../platform/db/index.js';
import type { Database } from '../platform/db/types.js';

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

export async function insertCustomers(db: Executor, rows: Insertable<Database['customers']>[]): Promise<void> {
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('customers')
      .values(rows.slice(i, i + 100))
      .execute();
}

export async function countUsers(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
