// Business calendars through the API: a valid calendar is stored and read back, a calendar that
// cannot work is refused with the field that is wrong, one default at most, a team counts in one
// calendar, a calendar in use cannot be deleted, and every change is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar, businessMsBetween } from '../src/sla/calendar.js';
import { calendarsOfTeams } from '../src/sla/calendars.js';
import { createTestApp, createUser, type Session, signIn, type TestApp } from './helpers.js';

const HOUR = 3_600_000;
let t: TestApp;
let admin: Session;
let manager: Session;
let agent: Session;
let teamA: number;
let teamB: number;

const weekdays = (from: string, to: string, days = [1, 2, 3, 4, 5, 6]) =>
  days.map((weekday) => ({ weekday, from, to }));
const api = (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s.headers, payload: payload as Record<string, unknown> | undefined });

beforeAll(async () => {
  t = await createTestApp();
  const a = await createUser(t.deps, { role: 'admin' });
  admin = await signIn(t, a.email);
  manager = await signIn(t, (await createUser(t.deps, { role: 'manager' })).email);
  agent = await signIn(t, (await createUser(t.deps, { role: 'agent' })).email);
  for (const name of ['Customer Care', 'Technical Support']) {
    const res = await api(admin, 'POST', '/api/v1/teams', { name });
    if (name === 'Customer Care') teamA = res.json().team.id;
    else teamB = res.json().team.id;
  }
}, 60_000);
afterAll(() => t.close());

describe('business calendars', () => {
  it('stores a calendar with split hours and holidays, and reads it back', async () => {
    const res = await api(manager, 'POST', '/api/v1/calendars', {
      name: 'India office',
      timeZone: 'Asia/Kolkata',
      hours: [...weekdays('09:00', '13:00'), ...weekdays('14:00', '18:00')],
      holidays: [
        { date: '2026-01-26', name: 'गणतंत्र दिवस', yearly: true },
        { date: '2026-11-09', name: 'Diwali' },
      ],
      isDefault: true,
      teamIds: [teamA],
    });
    expect(res.statusCode, res.body).toBe(201);
    const cal = res.json().calendar;
    expect(cal).toMatchObject({ name: 'India office', timeZone: 'Asia/Kolkata', isDefault: true, weeklyHours: 48 });
    expect(cal.teamIds).toEqual([teamA]);
    // Stored sorted by weekday and start.
    expect(cal.hours.slice(0, 2)).toEqual([
      { weekday: 1, from: '09:00', to: '13:00' },
      { weekday: 1, from: '14:00', to: '18:00' },
    ]);
    expect(cal.holidays[0]).toEqual({ date: '2026-01-26', name: 'गणतंत्र दिवस', yearly: true });
    const read = await api(agent, 'GET', `/api/v1/calendars/${cal.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().calendar).toEqual(cal);
  });

  it('refuses calendars that cannot work, naming the field', async () => {
    const base = { name: 'Broken', hours: weekdays('09:00', '18:00') };
    const cases: [object, string, string][] = [
      [{ ...base, hours: [] }, 'hours', 'working hours'],
      [{ ...base, hours: [{ weekday: 1, from: '18:00', to: '09:00' }] }, 'hours.0.to', 'later than the start'],
      [
        { ...base, hours: [...weekdays('09:00', '13:00', [2]), { weekday: 2, from: '12:00', to: '15:00' }] },
        'hours.1',
        'overlaps',
      ],
      [{ ...base, hours: [{ weekday: 8, from: '09:00', to: '10:00' }] }, 'hours.0.weekday', ''],
      [{ ...base, hours: [{ weekday: 1, from: '9:00', to: '10:00' }] }, 'hours.0.from', ''],
      [{ ...base, holidays: [{ date: '2026-02-30' }] }, 'holidays.0.date', 'real date'],
      [{ ...base, timeZone: 'India/Delhi' }, 'timeZone', ''],
      [{ ...base, teamIds: [99_999] }, 'teamIds', 'team'],
    ];
    for (const [payload, field, words] of cases) {
      const res = await api(admin, 'POST', '/api/v1/calendars', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const fields = res.json().error.details.fields;
      expect(Object.keys(fields), JSON.stringify(fields)).toContain(field);
      expect(fields[field]).toContain(words);
    }
    // 29 February 2027 does not exist once, but a holiday on 29 February every year does.
    const leap = await api(admin, 'POST', '/api/v1/calendars', {
      ...base,
      name: 'Leap',
      holidays: [{ date: '2027-02-29' }],
    });
    expect(leap.statusCode).toBe(400);
    const leapYearly = await api(admin, 'POST', '/api/v1/calendars', {
      ...base,
      name: 'Leap',
      holidays: [{ date: '2027-02-29', yearly: true }],
    });
    expect(leapYearly.statusCode).toBe(201);
    await api(admin, 'DELETE', `/api/v1/calendars/${leapYearly.json().calendar.id}`);
    // Same name twice: 409.
    const dup = await api(admin, 'POST', '/api/v1/calendars', { ...base, name: 'India office' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('calendar_name_taken');
    // An agent may read but not change.
    expect((await api(agent, 'POST', '/api/v1/calendars', { ...base, name: 'Agent' })).statusCode).toBe(403);
  });

  it('keeps one default, one calendar per team, and refuses to delete one in use', async () => {
    const us = await api(admin, 'POST', '/api/v1/calendars', {
      name: 'US support',
      timeZone: 'America/New_York',
      hours: weekdays('08:00', '17:00', [1, 2, 3, 4, 5]),
      isDefault: true,
      teamIds: [teamA, teamB],
    });
    expect(us.statusCode).toBe(201);
    const list = (await api(admin, 'GET', '/api/v1/calendars')).json().items as {
      name: string;
      isDefault: boolean;
      teamIds: number[];
    }[];
    expect(list.filter((c) => c.isDefault).map((c) => c.name)).toEqual(['US support']);
    // Customer Care moved from India office to US support.
    expect(list.find((c) => c.name === 'India office')!.teamIds).toEqual([]);
    expect(list.find((c) => c.name === 'US support')!.teamIds).toEqual([teamA, teamB]);

    const del = await api(admin, 'DELETE', `/api/v1/calendars/${us.json().calendar.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error).toMatchObject({ code: 'calendar_in_use', details: { teamIds: [teamA, teamB] } });
    const freed = await api(admin, 'PATCH', `/api/v1/calendars/${us.json().calendar.id}`, { teamIds: [teamB] });
    expect(freed.json().calendar.teamIds).toEqual([teamB]);

    // Each team's clock: its own calendar, else the default.
    const india = list.find((c) => c.name === 'India office') as unknown as { id: number };
    await api(admin, 'PATCH', `/api/v1/calendars/${india.id}`, { teamIds: [teamA] });
    const of = await calendarsOfTeams(t.deps.db.kysely);
    expect(of(teamA).timeZone).toBe('Asia/Kolkata');
    expect(of(teamB).timeZone).toBe('America/New_York');
    expect(of(null).timeZone).toBe('America/New_York');
    // Monday 2026-11-23 08:00–20:00 IST: 09–13 and 14–18 are worked in Kolkata.
    const mon = Date.parse('2026-11-23T08:00:00+05:30');
    expect(businessMsBetween(of(teamA), mon, mon + 12 * HOUR)).toBe(8 * HOUR);

    const audit = await api(admin, 'GET', '/api/v1/audit-log?entityType=calendar');
    expect(audit.statusCode).toBe(200);
    const actions = (audit.json().items as { action: string }[]).map((e) => e.action);
    expect(actions).toContain('calendar.created');
    expect(actions).toContain('calendar.updated');
    expect(actions).toContain('calendar.deleted');
  });

  it('counts business-hours KPIs in the calendar of the ticket team', async () => {
    // Customer Care (teamA) counts in India office: Monday–Saturday 09–13 and 14–18 in Kolkata.
    const advance = (ms: number) => (t.clock as unknown as { advance(ms: number): void }).advance(ms);
    advance(Date.parse('2026-11-21T17:00:00+05:30') - t.clock.now()); // a Saturday
    const created = await api(admin, 'POST', '/api/v1/tickets', {
      subject: 'Bat handle cracked',
      requester: { email: 'ritu@example.in' },
      teamId: teamA,
      message: { kind: 'customer', html: '<p>The handle cracked.</p>' },
    });
    expect(created.statusCode, created.body).toBe(201);
    advance(41 * HOUR); // Monday 10:00
    const reply = await api(admin, 'POST', `/api/v1/tickets/${created.json().ticket.number}/messages`, {
      kind: 'reply',
      html: '<p>A new bat is on its way.</p>',
      version: created.json().ticket.version,
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const q = await api(
      manager,
      'GET',
      '/api/v1/analytics/query?metrics=first_reply_time.mean,first_reply_time_bh.mean&from=2026-11-21&to=2026-11-23&tz=Asia/Kolkata',
    );
    expect(q.statusCode, q.body).toBe(200);
    // 41 hours on the clock; Saturday 17:00–18:00 and Monday 09:00–10:00 at work.
    expect(q.json().totals).toEqual({ 'first_reply_time.mean': 41 * 3600, 'first_reply_time_bh.mean': 2 * 3600 });
  });

  it('builds the same calendar the API stores', () => {
    const cal = buildCalendar({
      timeZone: 'Asia/Kolkata',
      hours: [{ weekday: 1, from: '09:00', to: '24:00' }],
      holidays: [{ date: '2026-01-26', yearly: true }],
    });
    expect(cal.week[1]).toEqual([{ from: 540, to: 1440 }]);
    expect([...cal.yearlyHolidays]).toEqual(['01-26']);
  });
});
