// Agents online through the API: availability changed by the people themselves (user menu, sign-out)
// and by an admin (deactivation) at known moments, and the weekday × hour figures that follow, for
// each role's scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localToday, periodOf } from '../src/analytics/time.js';
import { createTestApp, createUser, type Session, signIn, type TestApp } from './helpers.js';

const TZ = 'Asia/Kolkata';
const MIN = 60_000;
const HOUR = 60 * MIN;

let t: TestApp;
let monday: string;
let mondayStart: number;
const users = {} as Record<'admin' | 'manager' | 'lead' | 'agent1' | 'agent2' | 'other', { id: number; email: string }>;
let teamA: number;
let teamB: number;

/** Moves the clock to hh:mm of the Monday in India ("24:15" is Tuesday 00:15); never back. */
const at = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const target = mondayStart + h * HOUR + m * MIN;
  expect(target).toBeGreaterThanOrEqual(t.clock.now());
  t.clock.advance(target - t.clock.now());
};

const setAvailability = async (s: Session, availability: 'online' | 'away' | 'offline') => {
  const res = await t.app.inject({
    method: 'PATCH',
    url: '/api/v1/auth/me',
    headers: s.headers,
    payload: { availability },
  });
  expect(res.statusCode).toBe(200);
  expect(res.json().user.availability).toBe(availability);
};

type Cell = { weekday: number; hour_of_day: number; online: number | null; away: number | null; hours: number };
async function heatmap(s: Session, query: string, status = 200) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/analytics/presence?tz=${TZ}&${query}`,
    headers: s.headers,
  });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as { cells: Cell[]; people: number };
}
const slot = (cells: Cell[], weekday: number, hour: number) =>
  cells.find((c) => c.weekday === weekday && c.hour_of_day === hour)!;
/** Online figures of Monday's hours 9 … 14. */
const mondayOnline = (cells: Cell[]) => [9, 10, 11, 12, 13, 14].map((h) => slot(cells, 1, h).online);

const sessions = {} as Record<keyof typeof users, Session>;

beforeAll(async () => {
  t = await createTestApp();
  // A Monday at least a day ahead, so every change below happens at a chosen local time.
  let day = addDays(localToday(TZ, t.clock.now()), 1);
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 1) day = addDays(day, 1);
  monday = day;
  mondayStart = periodOf(TZ, monday, monday).start;
  at('08:00');
  for (const role of ['admin', 'manager', 'lead'] as const) users[role] = await createUser(t.deps, { role });
  for (const name of ['agent1', 'agent2', 'other'] as const) users[name] = await createUser(t.deps, { role: 'agent' });
  const now = t.clock.now();
  const team = async (name: string, members: number[], lead: number | null) => {
    const { id } = await t.deps.db.kysely
      .insertInto('teams')
      .values({ name, description: '', lead_id: lead, last_assigned_user_id: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.deps.db.kysely
      .insertInto('team_members')
      .values(members.map((user_id) => ({ team_id: id, user_id, created_at: now })))
      .execute();
    return id;
  };
  teamA = await team('Payments', [users.lead.id, users.agent1.id, users.agent2.id], users.lead.id);
  teamB = await team('Logistics', [users.other.id], null);
  for (const k of Object.keys(users) as (keyof typeof users)[]) sessions[k] = await signIn(t, users[k].email);

  // Monday in India:
  // 09:00 agent1 and other go online; 09:15 agent1 says online again (nothing changes).
  // 09:30 agent2 online. 10:30 agent1 away, 11:00 online again.
  // 11:30 agent1 signs out on a second device (the desk session stays: still online).
  // 12:00 agent1 signs out of the last session: offline. 14:00 an admin deactivates agent2.
  // other stays online; the figures are read on Tuesday at 00:15.
  at('09:00');
  await setAvailability(sessions.agent1, 'online');
  await setAvailability(sessions.other, 'online');
  at('09:15');
  await setAvailability(sessions.agent1, 'online');
  at('09:30');
  await setAvailability(sessions.agent2, 'online');
  at('10:30');
  await setAvailability(sessions.agent1, 'away');
  at('11:00');
  await setAvailability(sessions.agent1, 'online');
  const phone = await signIn(t, users.agent1.email);
  at('11:30');
  expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: phone.headers })).statusCode).toBe(
    204,
  );
  at('12:00');
  const desk = sessions.agent1;
  expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: desk.headers })).statusCode).toBe(
    204,
  );
  at('14:00');
  const off = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/users/${users.agent2.id}`,
    headers: sessions.admin.headers,
    payload: { active: false },
  });
  expect(off.statusCode).toBe(200);
  expect(off.json().user.availability).toBe('offline');
  at('24:15');
  sessions.agent1 = await signIn(t, users.agent1.email);
}, 60_000);
afterAll(() => t.close());

describe('agents online', () => {
  it('keeps one interval per stretch of the same availability', async () => {
    const rows = await t.deps.db.kysely
      .selectFrom('agent_presence')
      .select(['status', 'started_at', 'ended_at'])
      .where('user_id', '=', users.agent1.id)
      .orderBy('started_at')
      .execute();
    expect(
      rows.map((r) => [r.status, (Number(r.started_at) - mondayStart) / MIN, (Number(r.ended_at) - mondayStart) / MIN]),
    ).toEqual([
      ['online', 9 * 60, 10.5 * 60],
      ['away', 10.5 * 60, 11 * 60],
      ['online', 11 * 60, 12 * 60],
    ]);
  });

  it('gives a manager everybody: the average number online in each hour', async () => {
    const { cells, people } = await heatmap(sessions.manager, `from=${monday}&to=${monday}`);
    expect(people).toBe(3);
    // 09: agent1 1h + agent2 ½h + other 1h; 10: agent1 ½h online (½h away) + 1 + 1; 11: three;
    // 12, 13: agent2 and other; 14 on: other alone.
    expect(mondayOnline(cells)).toEqual([2.5, 2.5, 3, 2, 2, 1]);
    expect(slot(cells, 1, 10).away).toBe(0.5);
    expect(slot(cells, 1, 8).online).toBe(0);
    expect(slot(cells, 1, 23).online).toBe(1);
    expect(slot(cells, 1, 9).hours).toBe(1);
    // Only Monday is in the period.
    expect(slot(cells, 2, 9)).toMatchObject({ online: null, hours: 0 });
  });

  it('counts the members of a team, and agents asked for', async () => {
    expect(mondayOnline((await heatmap(sessions.manager, `from=${monday}&to=${monday}&team=${teamA}`)).cells)).toEqual([
      1.5, 1.5, 2, 1, 1, 0,
    ]);
    expect(mondayOnline((await heatmap(sessions.manager, `from=${monday}&to=${monday}&team=${teamB}`)).cells)).toEqual([
      1, 1, 1, 1, 1, 1,
    ]);
    expect(
      mondayOnline((await heatmap(sessions.manager, `from=${monday}&to=${monday}&agent=${users.agent2.id}`)).cells),
    ).toEqual([0.5, 1, 1, 1, 1, 0]);
  });

  it('runs to now for someone still online', async () => {
    const tuesday = addDays(monday, 1);
    const { cells } = await heatmap(sessions.manager, `from=${monday}&to=${tuesday}&team=${teamB}`);
    // Tuesday 00:00–00:15 has happened, with other online all of it; 01:00 has not.
    expect(slot(cells, 2, 0)).toMatchObject({ online: 1, hours: 0.25 });
    expect(slot(cells, 2, 1)).toMatchObject({ online: null, hours: 0 });
  });

  it('shows a lead their teams and an agent only themselves', async () => {
    const q = `from=${monday}&to=${monday}`;
    expect(mondayOnline((await heatmap(sessions.lead, q)).cells)).toEqual([1.5, 1.5, 2, 1, 1, 0]);
    await heatmap(sessions.lead, `${q}&team=${teamB}`, 403);
    const own = await heatmap(sessions.agent1, q);
    expect(own.people).toBe(1);
    expect(mondayOnline(own.cells)).toEqual([1, 0.5, 1, 0, 0, 0]);
    expect(slot(own.cells, 1, 10).away).toBe(0.5);
    expect(mondayOnline((await heatmap(sessions.agent1, `${q}&agent=me`)).cells)).toEqual([1, 0.5, 1, 0, 0, 0]);
    await heatmap(sessions.agent1, `${q}&agent=${users.other.id}`, 403);
    await heatmap(sessions.other, `${q}&team=${teamA}`, 403);
  });

  it('refuses bad periods and filters with a 400 naming the field', async () => {
    const bad = async (query: string, field: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/analytics/presence?${query}`,
        headers: sessions.manager.headers,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(res.json().error.details)).toContain(field);
    };
    await bad(`from=${monday}&to=2026-02-30`, 'to');
    await bad(`from=${addDays(monday, 1)}&to=${monday}`, 'to');
    await bad(`from=${monday}&to=${monday}&tz=Mars/Base`, 'tz');
    await bad(`from=${monday}&to=${monday}&team=none`, 'team');
    await bad(`to=${monday}`, 'from');
  });

  it('needs a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/analytics/presence?from=${monday}&to=${monday}` });
    expect(res.statusCode).toBe(401);
  });
});
