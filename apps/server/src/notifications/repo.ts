// Kysely queries of notifications and notification preferences.
import type { Insertable } from 'kysely';
import type { Executor } from '../platform/db/index.js';
import type { Database, NotificationRow } from '../platform/db/types.js';

export async function insertNotifications(db: Executor, rows: Insertable<Database['notifications']>[]): Promise<void> {
  if (rows.length) await db.insertInto('notifications').values(rows).execute();
}

export function listNotifications(
  db: Executor,
  userId: number,
  beforeId: number,
  limit: number,
): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .where('id', '<', beforeId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function unreadCount(db: Executor, userId: number): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function markRead(db: Executor, userId: number, ids: number[] | 'all', now: number): Promise<void> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  await q.execute();
}

export function preferencesOf(db: Executor, userIds: number[]) {
  if (!userIds.length) return Promise.resolve([]);
  return db.selectFrom('notification_preferences').selectAll().where('user_id', 'in', userIds).execute();
}

export async function putPreference(
  db: Executor,
  row: Insertable<Database['notification_preferences']>,
): Promise<void> {
  await db
    .insertInto('notification_preferences')
    .values(row)
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ in_app: row.in_app, email: row.email }))
    .execute();
}
