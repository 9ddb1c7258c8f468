// Business calendars: the rules (who may change them, what a valid one is) and the calendar each team
// counts in, for SLA clocks and the business-hours KPIs.
import type { z } from 'zod';
import { teamBriefs } from '../people/service.js';
import { recordAudit } from '../platform/audit/service.js';
import { iso } from '../platform/auth/dto.js';
import type { Ctx } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import type { BusinessCalendarRow } from '../platform/db/types.js';
import { AppError, fieldError } from '../platform/errors.js';
import { requirePermission } from '../platform/rbac.js';
import { readSettingsFor } from '../platform/settings/service.js';
import { ALWAYS, type BusinessCalendar, buildCalendar, minutesOf } from './calendar.js';
import { changeRules } from './recompute.js';
import * as repo from './repo.js';
import type { CreateCalendarBody, Holiday, UpdateCalendarBody, WorkingHours } from './schema.js';

type Hours = z.output<typeof WorkingHours>;
type Holidays = z.output<typeof Holiday>[];

const parse = (row: BusinessCalendarRow) => ({
  hours: JSON.parse(row.hours) as Hours[],
  holidays: JSON.parse(row.holidays) as Holidays,
});

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Refuses a calendar that cannot work: no working hours at all, an interval that ends before it
 * starts, intervals of one day that overlap, a holiday on a date that does not exist. Returns the
 * hours sorted by weekday and start.
 */
function checkCalendar(hours: Hours[], holidays: Holidays): Hours[] {
  if (hours.length === 0) throw fieldError('hours', 'no_working_hours');
  hours.forEach((h, i) => {
    if (minutesOf(h.to) <= minutesOf(h.from)) throw fieldError(`hours.${i}.to`, 'interval_order');
  });
  const sorted = [...hours].sort((a, b) => a.weekday - b.weekday || minutesOf(a.from) - minutesOf(b.from));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (prev.weekday === cur.weekday && minutesOf(cur.from) < minutesOf(prev.to)) {
      throw fieldError(`hours.${hours.indexOf(cur)}`, 'overlapping_hours');
    }
  }
  holidays.forEach((h, i) => {
    // A yearly holiday may fall on 29 February; its year is ignored, but the day must exist in some year.
    const date = h.yearly ? `2000-${h.date.slice(5)}` : h.date;
    if (!isRealDate(date)) throw fieldError(`holidays.${i}.date`, 'not_a_date');
  });
  return sorted;
}

const weeklyHours = (hours: Hours[]) =>
  Math.round((hours.reduce((sum, h) => sum + minutesOf(h.to) - minutesOf(h.from), 0) / 60) * 100) / 100;

async function toDtos(db: Executor, rows: BusinessCalendarRow[]) {
  const teams = await repo.teamsByCalendar(db);
  return rows.map((row) => {
    const { hours, holidays } = parse(row);
    return {
      id: row.id,
      name: row.name,
      timeZone: row.time_zone,
      hours,
      holidays,
      isDefault: row.is_default === 1,
      weeklyHours: weeklyHours(hours),
      teamIds: teams.get(row.id) ?? [],
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  });
}

/** The teams must exist: 400 naming teamIds otherwise. */
async function checkTeams(db: Executor, ids: number[]) {
  const unique = [...new Set(ids)];
  const known = await teamBriefs(db, unique);
  if (unique.some((id) => !known.has(id))) throw fieldError('teamIds', 'no_such_team');
  return unique;
}

async function found(db: Executor, id: number) {
  const row = await repo.findCalendar(db, id);
  if (!row) throw new AppError('calendar_not_found');
  return row;
}

const audited = (dto: {
  name: string;
  timeZone: string;
  hours: Hours[];
  holidays: Holidays;
  isDefault: boolean;
  teamIds: number[];
}) => ({
  name: dto.name,
  timeZone: dto.timeZone,
  hours: dto.hours,
  holidays: dto.holidays,
  isDefault: dto.isDefault,
  teamIds: dto.teamIds,
});

export async function listCalendars(ctx: Ctx) {
  requirePermission(ctx, 'calendars.read');
  const db = ctx.deps.db.kysely;
  return { items: await toDtos(db, await repo.listCalendars(db)) };
}

export async function getCalendar(ctx: Ctx, id: number) {
  requirePermission(ctx, 'calendars.read');
  const db = ctx.deps.db.kysely;
  const [calendar] = await toDtos(db, [await found(db, id)]);
  return { calendar: calendar! };
}

export async function createCalendar(ctx: Ctx, input: z.output<typeof CreateCalendarBody>) {
  requirePermission(ctx, 'calendars.manage');
  const hours = checkCalendar(input.hours, input.holidays);
  const now = ctx.deps.clock.now();
  const timeZone = input.timeZone ?? (await readSettingsFor(ctx.deps.db.kysely)).defaultTimeZone;
  const calendar = await changeRules(ctx, async (trx) => {
    if (await repo.findCalendarByName(trx, input.name)) throw fieldError('name', 'taken', 'calendar_name_taken');
    const id = await repo.insertCalendar(trx, {
      name: input.name,
      time_zone: timeZone,
      hours: JSON.stringify(hours),
      holidays: JSON.stringify(input.holidays),
      is_default: input.isDefault ? 1 : 0,
      created_at: now,
      updated_at: now,
    });
    if (input.isDefault) await repo.clearDefault(trx, id);
    await repo.setCalendarTeams(trx, id, await checkTeams(trx, input.teamIds));
    const [dto] = await toDtos(trx, [await found(trx, id)]);
    await recordAudit(trx, ctx, {
      action: 'calendar.created',
      entityType: 'calendar',
      entityId: id,
      after: audited(dto!),
    });
    return dto!;
  });
  return { calendar };
}

export async function updateCalendar(ctx: Ctx, id: number, input: z.output<typeof UpdateCalendarBody>) {
  requirePermission(ctx, 'calendars.manage');
  const calendar = await changeRules(ctx, async (trx) => {
    const row = await found(trx, id);
    const [before] = await toDtos(trx, [row]);
    const hours = checkCalendar(input.hours ?? before!.hours, input.holidays ?? before!.holidays);
    if (input.name !== undefined && input.name !== row.name && (await repo.findCalendarByName(trx, input.name))) {
      throw fieldError('name', 'taken', 'calendar_name_taken');
    }
    await repo.updateCalendar(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
      hours: JSON.stringify(hours),
      ...(input.holidays !== undefined ? { holidays: JSON.stringify(input.holidays) } : {}),
      ...(input.isDefault !== undefined ? { is_default: input.isDefault ? 1 : 0 } : {}),
      updated_at: ctx.deps.clock.now(),
    });
    if (input.isDefault) await repo.clearDefault(trx, id);
    if (input.teamIds !== undefined) await repo.setCalendarTeams(trx, id, await checkTeams(trx, input.teamIds));
    const [dto] = await toDtos(trx, [await found(trx, id)]);
    await recordAudit(trx, ctx, {
      action: 'calendar.updated',
      entityType: 'calendar',
      entityId: id,
      before: audited(before!),
      after: audited(dto!),
    });
    return dto!;
  });
  return { calendar };
}

/** A calendar that teams count in cannot be deleted: 409 naming them, nothing changes. */
export async function deleteCalendar(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx, 'calendars.manage');
  await changeRules(ctx, async (trx) => {
    const [dto] = await toDtos(trx, [await found(trx, id)]);
    if (dto!.teamIds.length > 0) throw new AppError('calendar_in_use', { teamIds: dto!.teamIds });
    await repo.deleteCalendar(trx, id);
    await recordAudit(trx, ctx, {
      action: 'calendar.deleted',
      entityType: 'calendar',
      entityId: id,
      before: audited(dto!),
    });
  });
}

/** Writes a calendar without an actor: the demo seed and scripted set-ups. Returns its id. */
export async function seedCalendar(
  db: Executor,
  spec: { name: string; timeZone: string; hours: Hours[]; holidays: Holidays; isDefault: boolean; teamIds: number[] },
  now: number,
): Promise<number> {
  const hours = checkCalendar(spec.hours, spec.holidays);
  const id = await repo.insertCalendar(db, {
    name: spec.name,
    time_zone: spec.timeZone,
    hours: JSON.stringify(hours),
    holidays: JSON.stringify(spec.holidays),
    is_default: spec.isDefault ? 1 : 0,
    created_at: now,
    updated_at: now,
  });
  await repo.setCalendarTeams(db, id, spec.teamIds);
  return id;
}

/**
 * The calendar each team counts in, built for the arithmetic: its own, else the default calendar,
 * else always-working. `null` (tickets without a team) gets the default too.
 */
export async function calendarsOfTeams(db: Executor): Promise<(teamId: number | null) => BusinessCalendar> {
  const rows = await repo.listCalendars(db);
  const built = new Map(rows.map((r) => [r.id, build(r)]));
  const fallback = rows.find((r) => r.is_default === 1);
  const byDefault = fallback ? built.get(fallback.id)! : ALWAYS;
  const teams = new Map((await repo.teamCalendarIds(db)).map((t) => [t.team_id, t.calendar_id]));
  return (teamId) => {
    const own = teamId === null ? undefined : teams.get(teamId);
    return (own === undefined ? undefined : built.get(own)) ?? byDefault;
  };
}

/** Built calendars by their content (not id: a test database reuses ids), so a write path builds each once. */
const builtCache = new Map<string, BusinessCalendar>();

function build(row: BusinessCalendarRow): BusinessCalendar {
  const key = `${row.time_zone}|${row.hours}|${row.holidays}`;
  let cal = builtCache.get(key);
  if (!cal) {
    if (builtCache.size >= 100) builtCache.clear();
    cal = buildCalendar({ timeZone: row.time_zone, ...parse(row) });
    builtCache.set(key, cal);
  }
  return cal;
}

/** The calendar one team counts in (as calendarsOfTeams), with one query. */
export async function calendarOfTeam(db: Executor, teamId: number | null): Promise<BusinessCalendar> {
  const row = await repo.calendarOfTeam(db, teamId);
  return row ? build(row) : ALWAYS;
}
