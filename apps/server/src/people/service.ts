// Users, teams and the first-run setup: the rules.
import { z } from 'zod';
import { recordAudit } from '../platform/audit/service.js';
import { loadUserDto, toUserDto, toUserDtos } from '../platform/auth/dto.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { issuePasswordLink, revokeAllCredentials, startSessionFor } from '../platform/auth/service.js';
import type { Ctx, Role } from '../platform/context.js';
import { type Executor, transaction } from '../platform/db/index.js';
import type { NewUserRow, TeamRow, UserRow } from '../platform/db/types.js';
import { AppError, fieldError } from '../platform/errors.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { enqueueMail } from '../platform/mail/jobs.js';
import type { OutboundMail } from '../platform/mail/transport.js';
import { requireActor, requirePermission } from '../platform/rbac.js';
import { setAvailability } from './presence.js';
import * as repo from './repo.js';
import type {
  CreateTeamBody,
  CreateUserBody,
  SetupBody,
  TeamDto,
  UpdateMeBody,
  UpdateTeamBody,
  UpdateUserBody,
  UserListQuery,
} from './schema.js';

type In<T extends z.ZodType> = z.output<T>;

/** A new, active user's row: the one place the defaults of a new account are spelled. */
function newUserRow(
  u: Pick<NewUserRow, 'name' | 'email' | 'password_hash' | 'role'> &
    Partial<Pick<NewUserRow, 'locale' | 'time_zone' | 'capacity'>>,
  now: number,
): NewUserRow {
  return {
    locale: 'en',
    time_zone: 'Asia/Kolkata',
    capacity: 20,
    ...u,
    theme: 'auto',
    active: 1,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  };
}

/** What the audit log keeps of a user: everything but secrets. */
const auditUser = (u: UserRow) => ({
  name: u.name,
  email: u.email,
  role: u.role,
  locale: u.locale,
  timeZone: u.time_zone,
  capacity: u.capacity,
  active: u.active === 1,
});

// ---------- first run ----------

export async function setupStatus(ctx: Ctx) {
  return { needed: (await repo.countUsers(ctx.deps.db.kysely)) === 0 };
}

/** Creates the first admin and signs them in; refused once any user exists. */
export async function completeSetup(ctx: Ctx, input: In<typeof SetupBody>) {
  const hash = await hashPassword(input.password);
  const now = ctx.deps.clock.now();
  return transaction(ctx.deps.db, async (trx) => {
    if ((await repo.countUsers(trx)) > 0) throw new AppError('setup_done');
    const id = await repo.insertUser(
      trx,
      newUserRow(
        {
          name: input.name,
          email: input.email,
          password_hash: hash,
          role: 'admin',
          locale: input.locale ?? ctx.locale,
        },
        now,
      ),
    );
    const session = await startSessionFor(trx, ctx, id);
    const user = await loadUserDto(trx, id);
    await recordAudit(
      trx,
      { ...ctx, actor: { ...systemActor(id) } },
      {
        action: 'setup.completed',
        entityType: 'user',
        entityId: id,
        after: { name: user.name, email: user.email, role: user.role },
      },
    );
    return { user, sessionSecret: session.secret, csrfToken: session.csrfToken };
  });
}

const systemActor = (userId: number) => ({
  userId,
  role: 'admin' as const,
  locale: 'en' as const,
  via: 'session' as const,
  scope: 'write' as const,
  sessionId: null,
  tokenId: null,
});

/** Creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD when the database has no user yet. */
export async function ensureConfiguredAdmin(ctx: Ctx, email: string, password: string): Promise<boolean> {
  if ((await repo.countUsers(ctx.deps.db.kysely)) > 0) return false;
  const hash = await hashPassword(password);
  const now = ctx.deps.clock.now();
  return transaction(ctx.deps.db, async (trx) => {
    if ((await repo.countUsers(trx)) > 0) return false;
    const id = await repo.insertUser(
      trx,
      newUserRow({ name: 'Administrator', email, password_hash: hash, role: 'admin' }, now),
    );
    await recordAudit(trx, ctx, {
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      after: { email, role: 'admin' },
    });
    return true;
  });
}

// ---------- the signed-in user's own profile ----------

export async function updateMe(ctx: Ctx, input: In<typeof UpdateMeBody>) {
  const actor = requireActor(ctx);
  const now = ctx.deps.clock.now();
  const user = await transaction(ctx.deps.db, async (trx) => {
    await repo.updateUser(trx, actor.userId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
      ...(input.theme !== undefined ? { theme: input.theme } : {}),
      updated_at: now,
    });
    if (input.availability !== undefined) await setAvailability(trx, actor.userId, input.availability, now);
    return loadUserDto(trx, actor.userId);
  });
  await ctx.deps.bus.publish({ type: 'users.changed', data: { id: user.id } });
  return { user };
}

// ---------- users (admin) ----------

const UserCursor = z.object({ name: z.string(), id: z.number() });

export async function listUsers(ctx: Ctx, query: In<typeof UserListQuery>) {
  requirePermission(ctx, 'users.read');
  const db = ctx.deps.db.kysely;
  const rows = await repo.listUsers(db, {
    q: query.q,
    role: query.role,
    active: query.active === undefined ? undefined : query.active === 'true',
    teamId: query.teamId,
    after: query.cursor ? decodeCursor(query.cursor, UserCursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await toUserDtos(db, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
  };
}

export async function getUser(ctx: Ctx, id: number) {
  requirePermission(ctx, 'users.read');
  return { user: await loadUserDto(ctx.deps.db.kysely, id) };
}

export async function createUser(ctx: Ctx, input: In<typeof CreateUserBody>) {
  requirePermission(ctx, 'users.manage');
  const hash = input.password ? await hashPassword(input.password) : null;
  const now = ctx.deps.clock.now();
  const { user, invitation } = await transaction(ctx.deps.db, async (trx) => {
    if (await repo.findUserByEmail(trx, input.email)) throw fieldError('email', 'taken', 'email_taken');
    const id = await repo.insertUser(
      trx,
      newUserRow(
        {
          name: input.name,
          email: input.email,
          password_hash: hash,
          role: input.role,
          locale: input.locale,
          time_zone: input.timeZone,
          capacity: input.capacity,
        },
        now,
      ),
    );
    const row = (await repo.findUser(trx, id))!;
    await recordAudit(trx, ctx, { action: 'user.created', entityType: 'user', entityId: id, after: auditUser(row) });
    const invitation: OutboundMail | null = hash ? null : await issuePasswordLink(trx, ctx.deps, row, 'invite');
    return { user: toUserDto(row, []), invitation };
  });
  if (invitation) await enqueueMail(ctx.deps, invitation);
  await ctx.deps.bus.publish({ type: 'users.changed', data: { id: user.id } });
  return { user };
}

export async function updateUser(ctx: Ctx, id: number, input: In<typeof UpdateUserBody>) {
  requirePermission(ctx, 'users.manage');
  const now = ctx.deps.clock.now();
  const user = await transaction(ctx.deps.db, async (trx) => {
    const before = await repo.findUser(trx, id);
    if (!before) throw new AppError('user_not_found');
    if (input.email !== undefined && input.email !== before.email) {
      const other = await repo.findUserByEmail(trx, input.email);
      if (other) throw fieldError('email', 'taken', 'email_taken');
    }
    const losesAdmin =
      before.role === 'admin' &&
      before.active === 1 &&
      ((input.role !== undefined && input.role !== 'admin') || input.active === false);
    if (losesAdmin && (await repo.countActiveAdmins(trx)) <= 1) throw new AppError('last_admin');
    await repo.updateUser(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.email !== undefined ? { email: input.email } : {}),
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
      ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      updated_at: now,
    });
    const deactivated = before.active === 1 && input.active === false;
    // A role change or deactivation must bite at once, not when the session would have expired.
    // Someone who can no longer sign in is not online either (assignment and staffing figures).
    if (deactivated) {
      await revokeAllCredentials(trx, id, now);
      await setAvailability(trx, id, 'offline', now);
    }
    const after = (await repo.findUser(trx, id))!;
    const action = deactivated
      ? 'user.deactivated'
      : before.active === 0 && after.active === 1
        ? 'user.reactivated'
        : 'user.updated';
    await recordAudit(trx, ctx, {
      action,
      entityType: 'user',
      entityId: id,
      before: auditUser(before),
      after: auditUser(after),
    });
    return (await toUserDtos(trx, [after]))[0]!;
  });
  await ctx.deps.bus.publish({ type: 'users.changed', data: { id } });
  return { user };
}

// ---------- teams ----------

function toTeamDto(t: TeamRow, memberIds: number[]): TeamDto {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    leadId: t.lead_id,
    memberIds,
    assignmentMode: t.assignment_mode,
    tier: t.tier,
    createdAt: new Date(t.created_at).toISOString(),
    updatedAt: new Date(t.updated_at).toISOString(),
  };
}

async function teamDto(db: Executor, id: number): Promise<TeamDto> {
  const t = await repo.findTeam(db, id);
  if (!t) throw new AppError('team_not_found');
  return toTeamDto(t, (await repo.teamMemberIds(db, [id])).get(id) ?? []);
}

async function assertUsersExist(db: Executor, ids: number[], field: string): Promise<void> {
  const unique = [...new Set(ids)];
  const found = new Set(await repo.existingUserIds(db, unique));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) {
    throw new AppError('validation_failed', { fields: { [field]: 'no_such_user' }, missing });
  }
}

export async function listTeams(ctx: Ctx) {
  requirePermission(ctx, 'teams.read');
  const db = ctx.deps.db.kysely;
  const teams = await repo.listTeams(db);
  const members = await repo.teamMemberIds(
    db,
    teams.map((t) => t.id),
  );
  return { items: teams.map((t) => toTeamDto(t, members.get(t.id) ?? [])) };
}

export async function getTeam(ctx: Ctx, id: number) {
  requirePermission(ctx, 'teams.read');
  return { team: await teamDto(ctx.deps.db.kysely, id) };
}

export async function createTeam(ctx: Ctx, input: In<typeof CreateTeamBody>) {
  requirePermission(ctx, 'teams.manage');
  const now = ctx.deps.clock.now();
  const team = await transaction(ctx.deps.db, async (trx) => {
    if (await repo.findTeamByName(trx, input.name)) throw fieldError('name', 'taken', 'team_name_taken');
    await assertUsersExist(trx, input.memberIds, 'memberIds');
    if (input.leadId !== null) await assertUsersExist(trx, [input.leadId], 'leadId');
    const id = await repo.insertTeam(trx, {
      name: input.name,
      description: input.description,
      lead_id: input.leadId,
      assignment_mode: input.assignmentMode,
      tier: input.tier,
      last_assigned_user_id: null,
      created_at: now,
      updated_at: now,
    });
    // The lead is always a member of the team they lead.
    const members = [...new Set([...input.memberIds, ...(input.leadId !== null ? [input.leadId] : [])])];
    await repo.setTeamMembers(trx, id, members, now);
    const dto = await teamDto(trx, id);
    await recordAudit(trx, ctx, { action: 'team.created', entityType: 'team', entityId: id, after: auditTeam(dto) });
    return dto;
  });
  await ctx.deps.bus.publish({ type: 'teams.changed', data: { id: team.id } });
  return { team };
}

const auditTeam = (t: TeamDto) => ({
  name: t.name,
  description: t.description,
  leadId: t.leadId,
  memberIds: t.memberIds,
  assignmentMode: t.assignmentMode,
  tier: t.tier,
});

export async function updateTeam(ctx: Ctx, id: number, input: In<typeof UpdateTeamBody>) {
  requirePermission(ctx, 'teams.manage');
  const now = ctx.deps.clock.now();
  const team = await transaction(ctx.deps.db, async (trx) => {
    const before = await teamDto(trx, id);
    if (input.name !== undefined && input.name !== before.name) {
      if (await repo.findTeamByName(trx, input.name)) {
        throw fieldError('name', 'taken', 'team_name_taken');
      }
    }
    if (input.memberIds) await assertUsersExist(trx, input.memberIds, 'memberIds');
    if (input.leadId) await assertUsersExist(trx, [input.leadId], 'leadId');
    await repo.updateTeam(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.leadId !== undefined ? { lead_id: input.leadId } : {}),
      ...(input.assignmentMode !== undefined ? { assignment_mode: input.assignmentMode } : {}),
      ...(input.tier !== undefined ? { tier: input.tier } : {}),
      updated_at: now,
    });
    const leadId = input.leadId !== undefined ? input.leadId : before.leadId;
    if (input.memberIds !== undefined || input.leadId !== undefined) {
      const base = input.memberIds ?? before.memberIds;
      await repo.setTeamMembers(trx, id, [...new Set([...base, ...(leadId !== null ? [leadId] : [])])], now);
    }
    const after = await teamDto(trx, id);
    await recordAudit(trx, ctx, {
      action: 'team.updated',
      entityType: 'team',
      entityId: id,
      before: auditTeam(before),
      after: auditTeam(after),
    });
    return after;
  });
  await ctx.deps.bus.publish({ type: 'teams.changed', data: { id } });
  return { team };
}

export async function deleteTeam(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx, 'teams.manage');
  await transaction(ctx.deps.db, async (trx) => {
    const before = await teamDto(trx, id);
    await repo.deleteTeam(trx, id);
    await recordAudit(trx, ctx, {
      action: 'team.deleted',
      entityType: 'team',
      entityId: id,
      before: auditTeam(before),
    });
  });
  await ctx.deps.bus.publish({ type: 'teams.changed', data: { id } });
}

// ---------- what other domains need to know about people (no permission: callers have checked theirs) ----------

export type UserBrief = Awaited<ReturnType<typeof repo.userBriefs>>[number];
export type TeamBrief = Awaited<ReturnType<typeof repo.teamBriefs>>[number];

export async function userBriefs(db: Executor, ids: number[]): Promise<Map<number, UserBrief>> {
  return new Map((await repo.userBriefs(db, [...new Set(ids)])).map((u) => [u.id, u]));
}

/** Active users of these roles, e.g. who receives reports to management. */
export function activeUsersWithRoles(db: Executor, roles: readonly Role[]): Promise<UserBrief[]> {
  return repo.activeUsersWithRoles(db, roles);
}

export async function teamBriefs(db: Executor, ids: number[]): Promise<Map<number, TeamBrief>> {
  return new Map((await repo.teamBriefs(db, [...new Set(ids)])).map((t) => [t.id, t]));
}

/** Every team with its support tier and lead, lowest tier first, then by name (escalation's ladder). */
export async function teamLadder(
  db: Executor,
): Promise<{ id: number; name: string; tier: number; leadId: number | null }[]> {
  return (await repo.listTeams(db))
    .map((t) => ({ id: t.id, name: t.name, tier: t.tier, leadId: t.lead_id }))
    .sort((a, b) => a.tier - b.tier || a.name.localeCompare(b.name) || a.id - b.id);
}

export async function teamIdsOfUser(db: Executor, userId: number): Promise<number[]> {
  return (await repo.teamIdsOfUsers(db, [userId])).get(userId) ?? [];
}

export async function memberIdsOfTeam(db: Executor, teamId: number): Promise<number[]> {
  return (await repo.teamMemberIds(db, [teamId])).get(teamId) ?? [];
}

/**
 * Availability intervals overlapping [start, end) of some users, or of the current members of some
 * teams (both: the users among the members; neither: everybody).
 */
export function presenceIntervals(
  db: Executor,
  f: { start: number; end: number; userIds?: number[] | undefined; teamIds?: number[] | undefined },
) {
  return repo.presenceIntervals(db, f);
}

/** Remembers whom a round-robin team assigned last. */
export async function recordRoundRobin(db: Executor, teamId: number, userId: number): Promise<void> {
  await repo.updateTeam(db, teamId, { last_assigned_user_id: userId });
}
