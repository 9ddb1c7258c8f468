// Queries of users and teams.
import { type Insertable, sql } from 'kysely';
import { forgetSessions } from '../platform/auth/session-cache.js';
import type { Role } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import { prepared } from '../platform/db/prepared.js';
import type { Database, NewUserRow, TeamRow, UserRow, UserUpdate } from '../platform/db/types.js';

export async function countUsers(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countActiveAdmins(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function findUser(db: Executor, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function insertUser(db: Executor, row: NewUserRow): Promise<number> {
  const r = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUser(db: Executor, id: number, patch: UserUpdate): Promise<void> {
  // A user's role, locale and active flag are part of every session they hold (platform/auth/session-cache.ts).
  if ('role' in patch || 'locale' in patch || 'active' in patch) forgetSessions();
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export interface UserFilter {
  q?: string | undefined;
  role?: UserRow['role'] | undefined;
  active?: boolean | undefined;
  teamId?: number | undefined;
  after?: { name: string; id: number } | undefined;
  limit: number;
}

/** Users sorted by name (then id), keyset-paginated. */
export function listUsers(db: Executor, f: UserFilter): Promise<UserRow[]> {
  let q = db.selectFrom('users').selectAll('users');
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`lower(users.name)`, 'like', sql`${like} escape '\\'`),
        eb(sql`lower(users.email)`, 'like', sql`${like} escape '\\'`),
      ]),
    );
  }
  if (f.role) q = q.where('users.role', '=', f.role);
  if (f.active !== undefined) q = q.where('users.active', '=', f.active ? 1 : 0);
  if (f.teamId !== undefined) {
    const teamId = f.teamId;
    q = q.where('users.id', 'in', (eb) =>
      eb.selectFrom('team_members').select('team_members.user_id').where('team_members.team_id', '=', teamId),
    );
  }
  const after = f.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('users.name', '>', after.name),
        eb.and([eb('users.name', '=', after.name), eb('users.id', '>', after.id)]),
      ]),
    );
  }
  return q.orderBy('users.name').orderBy('users.id').limit(f.limit).execute();
}

export async function existingUserIds(db: Executor, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('users').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

export function listTeams(db: Executor): Promise<TeamRow[]> {
  return db.selectFrom('teams').selectAll().orderBy('name').orderBy('id').execute();
}

export function findTeam(db: Executor, id: number): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findTeamByName(db: Executor, name: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertTeam(db: Executor, row: Omit<TeamRow, 'id'>): Promise<number> {
  const r = await db.insertInto('teams').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateTeam(db: Executor, id: number, patch: Partial<Omit<TeamRow, 'id'>>): Promise<void> {
  await db.updateTable('teams').set(patch).where('id', '=', id).execute();
}

export async function deleteTeam(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('teams').where('id', '=', id).execute();
}

export async function teamMemberIds(db: Executor, teamIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return map;
  const rows = await db
    .selectFrom('team_members')
    .select(['team_id', 'user_id'])
    .where('team_id', 'in', teamIds)
    .orderBy('user_id')
    .execute();
  for (const r of rows) map.get(r.team_id)?.push(r.user_id);
  return map;
}

export async function setTeamMembers(db: Executor, teamId: number, userIds: number[], now: number): Promise<void> {
  await db.deleteFrom('team_members').where('team_id', '=', teamId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('team_members')
    .values(userIds.map((user_id) => ({ team_id: teamId, user_id, created_at: now })))
    .execute();
}

/** Id, name, role, activity and availability of users (names on tickets, assignment, mentions). */
const userBrief = prepared((db, p: { id: number }) =>
  db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'locale', 'role', 'active', 'availability', 'capacity'])
    .where('id', '=', p.id),
);

export function userBriefs(db: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  if (ids.length === 1) return userBrief.all(db, { id: ids[0]! });
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'locale', 'role', 'active', 'availability', 'capacity'])
    .where('id', 'in', ids)
    .execute();
}

export function activeUsersWithRoles(db: Executor, roles: readonly Role[]) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'locale', 'role', 'active', 'availability', 'capacity'])
    .where('role', 'in', roles)
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
}

export function teamBriefs(db: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('teams')
    .select(['id', 'name', 'lead_id', 'assignment_mode', 'last_assigned_user_id', 'tier'])
    .where('id', 'in', ids)
    .execute();
}

export async function teamIdsOfUsers(db: Executor, userIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return map;
  const rows = await db
    .selectFrom('team_members')
    .select(['user_id', 'team_id'])
    .where('user_id', 'in', userIds)
    .execute();
  for (const r of rows) map.get(r.user_id)?.push(r.team_id);
  return map;
}

// ---------- availability history (people/presence.ts) ----------

export function openPresence(db: Executor, userId: number) {
  return db
    .selectFrom('agent_presence')
    .select(['id', 'status', 'started_at'])
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
}

export async function closePresence(db: Executor, id: number, at: number): Promise<void> {
  await db.updateTable('agent_presence').set({ ended_at: at }).where('id', '=', id).execute();
}

export async function insertPresence(db: Executor, row: Insertable<Database['agent_presence']>): Promise<void> {
  await db.insertInto('agent_presence').values(row).execute();
}

/**
 * Intervals overlapping [start, end) of some users (all when `userIds` is undefined), or of the
 * current members of some teams.
 */
export function presenceIntervals(
  db: Executor,
  f: { start: number; end: number; userIds?: number[] | undefined; teamIds?: number[] | undefined },
) {
  let q = db
    .selectFrom('agent_presence')
    .select(['user_id', 'status', 'started_at', 'ended_at'])
    .where('started_at', '<', f.end)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', f.start)]));
  if (f.userIds) q = q.where('user_id', 'in', f.userIds);
  const teamIds = f.teamIds;
  if (teamIds) {
    q = q.where('user_id', 'in', (eb) =>
      eb.selectFrom('team_members').select('team_members.user_id').where('team_members.team_id', 'in', teamIds),
    );
  }
  return q.orderBy('user_id').orderBy('started_at').execute();
}
