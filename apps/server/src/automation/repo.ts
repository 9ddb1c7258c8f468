// Kysely queries of macros.
import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../platform/db/index.js';
import type { Database, MacroRow } from '../platform/db/types.js';

/** Shared macros and the user's own, by name. */
export function listVisibleMacros(db: Executor, userId: number): Promise<MacroRow[]> {
  return db
    .selectFrom('macros')
    .selectAll()
    .where((eb) => eb.or([eb('owner_user_id', 'is', null), eb('owner_user_id', '=', userId)]))
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function findMacro(db: Executor, id: number): Promise<MacroRow | undefined> {
  return db.selectFrom('macros').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A macro of this name in the same owner scope (null: the shared ones), other than `exceptId`. */
export function findMacroByName(
  db: Executor,
  name: string,
  ownerId: number | null,
  exceptId?: number,
): Promise<{ id: number } | undefined> {
  let q = db.selectFrom('macros').select('id').where(sql<string>`lower(name)`, '=', name.toLowerCase());
  q = ownerId === null ? q.where('owner_user_id', 'is', null) : q.where('owner_user_id', '=', ownerId);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export async function insertMacro(db: Executor, row: Insertable<Database['macros']>): Promise<number> {
  const r = await db.insertInto('macros').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateMacro(db: Executor, id: number, set: Updateable<Database['macros']>) {
  await db.updateTable('macros').set(set).where('id', '=', id).execute();
}

export async function deleteMacro(db: Executor, id: number) {
  await db.deleteFrom('macros').where('id', '=', id).execute();
}

/** One more use, counted in the database so two agents applying at once both count. */
export async function countUse(db: Executor, id: number, at: number) {
  await db
    .updateTable('macros')
    .set((eb) => ({ usage_count: eb('usage_count', '+', 1), last_used_at: at }))
    .where('id', '=', id)
    .execute();
}
