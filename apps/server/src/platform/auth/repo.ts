// Queries for sessions, API tokens, password resets, throttling and the credential columns of users.
import type { Executor } from '../db/index.js';
import { prepared } from '../db/prepared.js';
import type { ApiTokenRow, SessionRow, UserRow } from '../db/types.js';
import { forgetSessions } from './session-cache.js';

export function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Executor, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setPasswordHash(db: Executor, userId: number, hash: string, now: number): Promise<void> {
  forgetSessions();
  await db.updateTable('users').set({ password_hash: hash, updated_at: now }).where('id', '=', userId).execute();
}

export async function setLastLogin(db: Executor, userId: number, now: number): Promise<void> {
  await db.updateTable('users').set({ last_login_at: now }).where('id', '=', userId).execute();
}

export async function insertSession(db: Executor, row: Omit<SessionRow, 'id' | 'revoked_at'>): Promise<number> {
  const r = await db.insertInto('sessions').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** A session with its user's sign-in fields, for resolving a cookie on every request. */
const sessionByHash = prepared((db, p: { tokenHash: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'sessions.revoked_at',
      'users.role',
      'users.locale',
      'users.active',
    ])
    .where('sessions.token_hash', '=', p.tokenHash),
);

export type SessionWithUser = NonNullable<Awaited<ReturnType<typeof findSessionByHash>>>;

export function findSessionByHash(db: Executor, tokenHash: string) {
  return sessionByHash.first(db, { tokenHash });
}

export async function touchSession(db: Executor, id: number, now: number, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

export function listActiveSessions(db: Executor, userId: number, now: number): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function revokeSession(db: Executor, id: number, userId: number, now: number): Promise<boolean> {
  forgetSessions();
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function revokeUserSessions(db: Executor, userId: number, now: number, exceptId?: number) {
  forgetSessions();
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function insertApiToken(db: Executor, row: Omit<ApiTokenRow, 'id'>): Promise<number> {
  const r = await db.insertInto('api_tokens').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function findApiTokenByHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.user_id',
      'api_tokens.scope',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.role',
      'users.locale',
      'users.active',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchApiToken(db: Executor, id: number, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

const tokenColumns = [
  'api_tokens.id',
  'api_tokens.name',
  'api_tokens.scope',
  'api_tokens.prefix',
  'api_tokens.user_id',
  'users.name as user_name',
  'api_tokens.created_at',
  'api_tokens.last_used_at',
  'api_tokens.expires_at',
  'api_tokens.revoked_at',
] as const;

export function listApiTokens(db: Executor, userId: number | null) {
  let q = db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id').select(tokenColumns);
  if (userId !== null) q = q.where('api_tokens.user_id', '=', userId);
  return q.orderBy('api_tokens.created_at', 'desc').orderBy('api_tokens.id', 'desc').execute();
}

export function getApiToken(db: Executor, id: number) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(tokenColumns)
    .where('api_tokens.id', '=', id)
    .executeTakeFirst();
}

export type ApiTokenListRow = Awaited<ReturnType<typeof getApiToken>> & {};

export async function revokeApiToken(db: Executor, id: number, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).execute();
}

export async function revokeUserApiTokens(db: Executor, userId: number, now: number): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertPasswordReset(
  db: Executor,
  row: { user_id: number; token_hash: string; created_at: number; expires_at: number },
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({ ...row, used_at: null })
    .execute();
}

export function findPasswordReset(db: Executor, tokenHash: string) {
  return db.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks the reset used; false when another request used it first. */
export async function usePasswordReset(db: Executor, id: number, now: number): Promise<boolean> {
  const r = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function expireUserPasswordResets(db: Executor, userId: number, now: number): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

export function getThrottle(db: Executor, key: string) {
  return db.selectFrom('auth_throttle').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function putThrottle(
  db: Executor,
  row: { key: string; failures: number; window_start: number; locked_until: number | null },
): Promise<void> {
  await db
    .insertInto('auth_throttle')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: row.failures,
        window_start: row.window_start,
        locked_until: row.locked_until,
      }),
    )
    .execute();
}

export async function clearThrottle(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}

export async function findTeamIdsOfUsers(db: Executor, userIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('team_members')
    .select(['user_id', 'team_id'])
    .where('user_id', 'in', userIds)
    .orderBy('team_id')
    .execute();
  for (const r of rows) map.get(r.user_id)?.push(r.team_id);
  return map;
}

/** Whether a session still counts, checked again on long-lived connections. */
export function findSessionState(db: Executor, id: number) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.revoked_at', 'sessions.expires_at', 'users.active'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export function findApiTokenState(db: Executor, id: number) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.revoked_at', 'api_tokens.expires_at', 'users.active'])
    .where('api_tokens.id', '=', id)
    .executeTakeFirst();
}
