// How a user row is shown through the API (never its password hash).
import type { Executor } from '../db/index.js';
import type { UserRow } from '../db/types.js';
import { AppError } from '../errors.js';
import { findTeamIdsOfUsers, findUserById } from './repo.js';
import type { UserDto } from './schema.js';

export const iso = (ms: number) => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function toUserDto(row: UserRow, teamIds: number[]): UserDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    locale: row.locale,
    timeZone: row.time_zone,
    theme: row.theme,
    active: row.active === 1,
    capacity: row.capacity,
    availability: row.availability,
    teamIds,
    lastLoginAt: isoOrNull(row.last_login_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export async function toUserDtos(db: Executor, rows: UserRow[]): Promise<UserDto[]> {
  const teams = await findTeamIdsOfUsers(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toUserDto(r, teams.get(r.id) ?? []));
}

/** One user as the API shows them, read fresh (after a change in the same transaction, say). */
export async function loadUserDto(db: Executor, id: number): Promise<UserDto> {
  const row = await findUserById(db, id);
  if (!row) throw new AppError('user_not_found');
  return (await toUserDtos(db, [row]))[0]!;
}
