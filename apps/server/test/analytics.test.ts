// The KPI engine through its API and against its definition: figures for a known set of tickets,
// who may see which figures, bad queries, and a property test that the fast path (ticket_facts kept
// as events arrive, selected by SQL) gives the same answers as folding the raw event logs.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityOf } from '../src/analytics/activity.js';
import { foldFacts } from '../src/analytics/facts.js';
import { rebuildFactsStep } from '../src/analytics/facts-store.js';
import { metricKeys, parseMetric } from '../src/analytics/kpi.js';
import { DIMENSIONS, type Dimension, evaluate, type QuerySpec } from '../src/analytics/query.js';
import { evaluateFast } from '../src/analytics/service.js';
import { addDays, localToday, periodOf } from '../src/analytics/time.js';
import type { Actor, Ctx } from '../src/platform/context.js';
import { closeDeps, createDeps } from '../src/platform/deps.js';
import { AppError } from '../src/platform/errors.js';
import { ALWAYS, buildCalendar } from '../src/sla/calendar.js';
import type { TicketEvent } from '../src/tickets/events.js';
import * as tickets from '../src/tickets/service.js';
import { TicketWrite } from '../src/tickets/write.js';
import { createTestApp, createUser, dialect, signIn, type TestApp } from './helpers.js';

const TZ = 'Asia/Kolkata';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let t: TestApp;
let ctxOf: (userId: number) => Ctx;
const users: Record<'admin' | 'manager' | 'lead' | 'agent1' | 'agent2' | 'other', { id: number; email: string }> =
  {} as never;
let teamA: number;
let teamB: number;
let today: string;

async function makeTeam(name: string, members: number[], leadId: number | null) {
  const now = t.clock.now();
  const { id } = await t.deps.db.kysely
    .insertInto('teams')
    .values({ name, description: '', lead_id: leadId, last_assigned_user_id: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.deps.db.kysely
    .insertInto('team_members')
    .values(members.map((user_id) => ({ team_id: id, user_id, created_at: now })))
    .execute();
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  // Start at 09:00 IST today, so the scenario's hours fall on one local day.
  const now = t.clock.now();
  today = localToday(TZ, now);
  const start = periodOf(TZ, today, today).start + 9 * HOUR;
  (t.clock as unknown as { advance(ms: number): void }).advance(start - now);

  users.admin = await createUser(t.deps, { role: 'admin' });
  users.manager = await createUser(t.deps, { role: 'manager' });
  users.lead = await createUser(t.deps, { role: 'lead' });
  users.agent1 = await createUser(t.deps, { role: 'agent', name: 'Asha' });
  users.agent2 = await createUser(t.deps, { role: 'agent', name: 'Bilal' });
  users.other = await createUser(t.deps, { role: 'agent', name: 'Chitra' });
  teamA = await makeTeam('Payments', [users.lead.id, users.agent1.id, users.agent2.id], users.lead.id);
  teamB = await makeTeam('Logistics', [users.other.id], null);
  const roles = { [users.admin.id]: 'admin' } as Record<number, Actor['role']>;
  ctxOf = (userId) => ({
    deps: t.deps,
    actor: {
      userId,
      role: roles[userId] ?? 'agent',
      locale: 'en',
      via: 'session',
      scope: 'write',
      sessionId: null,
      tokenId: null,
    },
    authProblem: null,
    locale: 'en',
    ip: '',
    userAgent: 'analytics test',
  });
}, 60_000);
afterAll(() => t.close());

const advance = (ms: number) => (t.clock as unknown as { advance(ms: number): void }).advance(ms);

async function newTicket(by: number, o: { teamId: number; assigneeId?: number; channel?: 'email' | 'chat' }) {
  const r = await tickets.createTicket(ctxOf(users.admin.id), {
    subject: 'Card charged twice',
    requester: { email: `c${Math.random().toString(36).slice(2, 8)}@example.test` },
    channel: o.channel ?? 'email',
    priority: 'normal',
    type: 'question',
    tags: ['billing'],
    fields: {},
    returnDetails: null,
    teamId: o.teamId,
    ...(o.assigneeId ? { assigneeId: o.assigneeId } : {}),
    message: { kind: 'customer', html: 'I was charged twice', attachmentIds: [] },
  });
  void by;
  return r.ticket;
}

async function reply(userId: number, number: number, status?: 'solved' | 'pending' | 'open') {
  const cur = (await tickets.getTicket(ctxOf(users.admin.id), number)).ticket;
  await tickets.createMessage(ctxOf(userId), number, {
    version: cur.version,
    kind: 'reply',
    html: 'Refund on its way',
    attachmentIds: [],
    ...(status ? { status } : {}),
  });
}

describe('analytics query API', () => {
  let numbers: number[] = [];
  beforeAll(async () => {
    // 09:00 three tickets in Payments (two for Asha, one for Bilal), one chat in Logistics.
    const a = await newTicket(users.admin.id, { teamId: teamA, assigneeId: users.agent1.id });
    const b = await newTicket(users.admin.id, { teamId: teamA, assigneeId: users.agent1.id });
    const c = await newTicket(users.admin.id, { teamId: teamA, assigneeId: users.agent2.id });
    const d = await newTicket(users.admin.id, { teamId: teamB, assigneeId: users.other.id, channel: 'chat' });
    numbers = [a.number, b.number, c.number, d.number];
    advance(30 * MIN); // 09:30 Asha answers a (first reply 30 min) and solves it
    await reply(users.agent1.id, a.number, 'solved');
    advance(30 * MIN); // 10:00 Asha answers b (60 min), pending
    await reply(users.agent1.id, b.number, 'pending');
    advance(60 * MIN); // 11:00 Chitra answers d (120 min) and solves it
    await reply(users.other.id, d.number, 'solved');
    advance(60 * MIN); // 12:00 Asha solves b with a second reply (resolution 180 min); c is never answered
    await reply(users.agent1.id, b.number, 'solved');
    advance(60 * MIN); // 13:00
  });

  const query = async (who: keyof typeof users, qs: string) => {
    const s = await signIn(t, users[who].email);
    return t.app.inject({ method: 'GET', url: `/api/v1/analytics/query?${qs}`, headers: { cookie: s.cookie } });
  };

  it('answers KPIs per team for a manager, with names for the ids', async () => {
    const r = await query(
      'manager',
      `metrics=tickets_created,tickets_solved,first_reply_time.mean,first_reply_time.median,full_resolution_time.p90,one_touch_rate,tickets_unreplied,backlog&dimensions=team&from=${today}&to=${today}&tz=${TZ}`,
    );
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.totals).toEqual({
      tickets_created: 4,
      tickets_solved: 3,
      // first replies 30, 60 and 120 minutes
      'first_reply_time.mean': 70 * 60,
      'first_reply_time.median': 60 * 60,
      // resolutions 30, 180 (b) and 120 (d) minutes; nearest-rank p90 of three is the largest
      'full_resolution_time.p90': 180 * 60,
      // a and d had one reply each, b two
      one_touch_rate: 66.7,
      tickets_unreplied: 1,
      backlog: 1,
    });
    const payments = body.rows.find((row: { team: number }) => row.team === teamA);
    expect(payments).toMatchObject({ tickets_created: 3, tickets_solved: 2, tickets_unreplied: 1, backlog: 1 });
    expect(body.labels.team[String(teamA)]).toBe('Payments');
  });

  it('breaks down by agent and by hour of the local day', async () => {
    const r = await query('manager', `metrics=tickets_solved&dimensions=agent&from=${today}&to=${today}&tz=${TZ}`);
    const rows = r.json().rows as { agent: number; tickets_solved: number }[];
    expect(rows.find((x) => x.agent === users.agent1.id)?.tickets_solved).toBe(2);
    expect(r.json().labels.agent[String(users.agent1.id)]).toBe('Asha');
    const h = await query('manager', `metrics=tickets_created&dimensions=hour&from=${today}&to=${today}&tz=${TZ}`);
    const hours = h.json().rows as { hour: string; tickets_created: number }[];
    expect(hours).toHaveLength(24);
    expect(hours.find((x) => x.hour === `${today}T09`)?.tickets_created).toBe(4);
  });

  it('counts replies and tickets touched per agent per local day, by who did them', async () => {
    const r = await query(
      'manager',
      `metrics=tickets_solved,replies_sent,tickets_touched,replies_per_agent_day&dimensions=agent&from=${today}&to=${today}&tz=${TZ}`,
    );
    expect(r.statusCode, r.body).toBe(200);
    // The admin created the four tickets (touched, no replies); Asha replied three times on a and b,
    // Chitra once on d; Bilal did nothing.
    expect(r.json().rows).toEqual([
      { agent: users.admin.id, tickets_solved: 0, replies_sent: 0, tickets_touched: 4, replies_per_agent_day: 0 },
      { agent: users.agent1.id, tickets_solved: 2, replies_sent: 3, tickets_touched: 2, replies_per_agent_day: 3 },
      { agent: users.other.id, tickets_solved: 1, replies_sent: 1, tickets_touched: 1, replies_per_agent_day: 1 },
    ]);
    // 4 replies over three agent-days
    expect(r.json().totals).toMatchObject({ replies_sent: 4, tickets_touched: 7, replies_per_agent_day: 1.3 });
    const byDay = await query(
      'manager',
      `metrics=replies_sent,tickets_touched&dimensions=agent,day&from=${today}&to=${today}&tz=${TZ}&agent=${users.agent1.id}`,
    );
    expect(byDay.json().rows).toEqual([{ agent: users.agent1.id, day: today, replies_sent: 3, tickets_touched: 2 }]);
  });

  it('scopes productivity like every figure: an agent their own, a lead their team', async () => {
    const own = await query('agent1', `metrics=replies_sent,tickets_touched&from=${today}&to=${today}&agent=me`);
    expect(own.json().totals).toEqual({ replies_sent: 3, tickets_touched: 2 });
    // The team as a whole (the admin's creations in Payments and Asha's work), only their own row.
    const team = await query(
      'agent1',
      `metrics=replies_sent,tickets_touched&dimensions=agent&from=${today}&to=${today}`,
    );
    expect(team.json().totals).toEqual({ replies_sent: 3, tickets_touched: 5 });
    expect(team.json().rows.map((x: { agent: number }) => x.agent)).toEqual([users.agent1.id]);
    expect(
      (await query('agent1', `metrics=replies_sent&from=${today}&to=${today}&agent=${users.other.id}`)).statusCode,
    ).toBe(403);
    const lead = await query('lead', `metrics=replies_sent&dimensions=agent&from=${today}&to=${today}`);
    expect(lead.json().rows.map((x: { agent: number }) => x.agent)).toEqual([users.admin.id, users.agent1.id]);
  });

  it('refuses to break activity down by backlog age, naming the dimensions it can', async () => {
    const r = await query('manager', `metrics=replies_sent&dimensions=backlog_age&from=${today}&to=${today}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.fields).toHaveProperty('dimensions');
    expect(r.json().error.details.allowed).toEqual(DIMENSIONS.filter((d) => d !== 'backlog_age'));
  });

  it('compares with the period before', async () => {
    const r = await query('manager', `metrics=tickets_created&from=${today}&to=${today}&tz=${TZ}&compare=previous`);
    expect(r.json().previous).toEqual({ tickets_created: 0 });
  });

  it('filters by channel, team and tag', async () => {
    const r = await query('manager', `metrics=tickets_created&from=${today}&to=${today}&tz=${TZ}&channel=chat`);
    expect(r.json().totals.tickets_created).toBe(1);
    const t2 = await query('manager', `metrics=tickets_created&from=${today}&to=${today}&team=${teamA}&tag=Billing`);
    expect(t2.json().totals.tickets_created).toBe(3);
  });

  it('a lead sees their team only, and may not ask for another', async () => {
    const r = await query('lead', `metrics=tickets_created&dimensions=agent&from=${today}&to=${today}&tz=${TZ}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().totals.tickets_created).toBe(3);
    expect((await query('lead', `metrics=tickets_created&from=${today}&to=${today}&team=${teamB}`)).statusCode).toBe(
      403,
    );
  });

  it("an agent sees their own figures and the team as a whole, never a colleague's", async () => {
    const own = await query('agent1', `metrics=tickets_solved&from=${today}&to=${today}&agent=me`);
    expect(own.json().totals.tickets_solved).toBe(2);
    const team = await query('agent1', `metrics=tickets_solved&dimensions=agent&from=${today}&to=${today}`);
    expect(team.json().totals.tickets_solved).toBe(2);
    expect(team.json().rows.map((x: { agent: number }) => x.agent)).toEqual([users.agent1.id]);
    const colleague = await query(
      'agent1',
      `metrics=tickets_solved&from=${today}&to=${today}&agent=${users.agent2.id}`,
    );
    expect(colleague.statusCode).toBe(403);
  });

  it.each([
    [`metrics=tickets_created&from=2026-05-02&to=2026-05-01`, 'to'],
    [`metrics=tickets_created&from=2020-01-01&to=2023-01-05`, 'to'],
    [`metrics=tickets_created&from=2026-02-30&to=2026-03-01`, 'from'],
    [`metrics=tickets_created&dimensions=colour&from=2026-05-01&to=2026-05-02`, 'dimensions'],
    [`metrics=backlog&dimensions=day&from=2026-05-01&to=2026-05-02`, 'dimensions'],
    [`metrics=tickets_created&dimensions=hour&from=2026-01-01&to=2026-03-01`, 'dimensions'],
    [`metrics=tickets_created&from=2026-05-01&to=2026-05-02&tz=Mars/Olympus`, 'tz'],
  ])('refuses %s (400 naming %s)', async (qs, field) => {
    const r = await query('manager', qs);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().error.details.fields).toHaveProperty(field);
  });

  it('an unknown metric is a 400 that lists the allowed ones', async () => {
    const r = await query('manager', 'metrics=happiness&from=2026-05-01&to=2026-05-02');
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.allowed).toEqual(metricKeys);
  });

  it('exports a breakdown as CSV with names and totals', async () => {
    const s = await signIn(t, users.manager.email);
    const r = await t.app.inject({
      url: `/api/v1/analytics/export?metrics=tickets_created,tickets_solved&dimensions=team&from=${today}&to=${today}&tz=${TZ}`,
      headers: { cookie: s.cookie },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    expect(r.headers['content-disposition']).toBe(`attachment; filename="sahayak-${today}-${today}.csv"`);
    const lines = r.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('Team,tickets_created,tickets_solved');
    expect(lines).toContain('Payments,3,2');
    expect(lines.at(-1)).toBe('Total,4,3');
    const x = await t.app.inject({
      url: `/api/v1/analytics/export?format=xlsx&metrics=tickets_created&dimensions=team&from=${today}&to=${today}&tz=${TZ}`,
      headers: { cookie: s.cookie },
    });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-disposition']).toBe(`attachment; filename="sahayak-${today}-${today}.xlsx"`);
    expect(x.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  });

  it('saves, shares, runs and deletes a report; a viewer sees only what their role may', async () => {
    const manager = await signIn(t, users.manager.email);
    const body = {
      name: 'Team B volume',
      definition: {
        metrics: ['tickets_created', 'first_reply_time.median'],
        dimensions: ['team'],
        period: { from: today, to: today },
        filters: { team: [teamB] },
        chart: 'bar',
      },
      sharedRoles: ['lead'],
      pinned: true,
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analytics/reports',
      headers: manager.headers,
      payload: body,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().report.id;
    expect(created.json().report).toMatchObject({
      name: 'Team B volume',
      pinned: true,
      sharedRoles: ['lead'],
      editable: true,
    });
    const run = await t.app.inject({ url: `/api/v1/analytics/reports/${id}/run?tz=${TZ}`, headers: manager.headers });
    expect(run.json().totals.tickets_created).toBe(1);
    // The lead (Payments only) sees the shared report, but not Logistics' figures.
    const lead = await signIn(t, users.lead.email);
    expect((await t.app.inject({ url: '/api/v1/analytics/reports', headers: lead.headers })).json().items).toHaveLength(
      1,
    );
    const leadRun = await t.app.inject({ url: `/api/v1/analytics/reports/${id}/run?tz=${TZ}`, headers: lead.headers });
    expect(leadRun.statusCode).toBe(200);
    expect(leadRun.json().totals.tickets_created).toBe(0);
    // Not shared with agents: not found; nor may the lead change it.
    const agent = await signIn(t, users.agent1.email);
    expect((await t.app.inject({ url: `/api/v1/analytics/reports/${id}`, headers: agent.headers })).statusCode).toBe(
      404,
    );
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/analytics/reports/${id}`,
      headers: lead.headers,
      payload: { name: 'x' },
    });
    expect(edit.statusCode).toBe(403);
    // A bad definition is refused like a bad query.
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analytics/reports',
      headers: manager.headers,
      payload: { ...body, definition: { ...body.definition, metrics: ['happiness'] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.allowed).toEqual(metricKeys);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/analytics/reports/${id}`,
      headers: manager.headers,
    });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/v1/analytics/reports/${id}`, headers: manager.headers })).statusCode).toBe(
      404,
    );
  });

  it('renders the overview and a report as PDFs, with both fonts embedded for Hindi', async () => {
    const manager = await signIn(t, users.manager.email);
    const r = await t.app.inject({
      url: `/api/v1/analytics/overview.pdf?from=${today}&to=${today}&tz=${TZ}&lang=hi`,
      headers: manager.headers,
    });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toBe(`attachment; filename="sahayak-${today}-${today}.pdf"`);
    const pdf = r.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-/);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansDevanagari-/);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analytics/reports',
      headers: manager.headers,
      payload: {
        name: 'Solved by team',
        definition: { metrics: ['tickets_solved'], dimensions: ['team'], period: { preset: 'today' }, chart: 'bar' },
      },
    });
    const id = created.json().report.id;
    const rp = await t.app.inject({ url: `/api/v1/analytics/reports/${id}/pdf?tz=${TZ}`, headers: manager.headers });
    expect(rp.statusCode).toBe(200);
    expect(rp.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(rp.headers['content-disposition']).toMatch(
      /^attachment; filename="sahayak-report-\d+-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    // English only: no Devanagari font needed.
    expect(rp.rawPayload.toString('latin1')).not.toMatch(/NotoSansDevanagari/);
  });

  it('lists the metric catalogue', async () => {
    const s = await signIn(t, users.agent2.email);
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/metrics', headers: { cookie: s.cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.json().metrics.find((m: { name: string }) => m.name === 'first_reply_time').keys).toEqual([
      'first_reply_time.mean',
      'first_reply_time.median',
      'first_reply_time.p90',
    ]);
  });

  const drill = async (who: keyof typeof users, qs: string) => {
    const s = await signIn(t, users[who].email);
    return t.app.inject({ method: 'GET', url: `/api/v1/analytics/tickets?${qs}`, headers: { cookie: s.cookie } });
  };

  it('drills down to the tickets behind a number, newest first, a page at a time', async () => {
    const [a, b, , d] = numbers;
    const r = await drill('manager', `metric=tickets_solved&from=${today}&to=${today}&tz=${TZ}&limit=2`);
    expect(r.statusCode, r.body).toBe(200);
    // solved at 12:00 (b), 11:00 (d), 09:30 (a)
    expect(r.json().total).toBe(3);
    expect(r.json().items.map((x: { number: number }) => x.number)).toEqual([b, d]);
    const next = await drill(
      'manager',
      `metric=tickets_solved&from=${today}&to=${today}&tz=${TZ}&limit=2&cursor=${r.json().nextCursor}`,
    );
    expect(next.json().items.map((x: { number: number }) => x.number)).toEqual([a]);
    expect(next.json().nextCursor).toBeNull();
    // A cell of a breakdown: first replies given in the 09:00 hour, in Payments.
    const cell = await drill(
      'manager',
      `metric=first_reply_time.median&from=${today}&to=${today}&tz=${TZ}&team=${teamA}&hour=${today}T09`,
    );
    expect(cell.json().items.map((x: { number: number }) => x.number)).toEqual([a]);
  });

  it('drills down to the tickets an agent replied on or touched in a cell', async () => {
    const [a, b, c, d] = numbers;
    const replied = await drill(
      'manager',
      `metric=replies_sent&from=${today}&to=${today}&tz=${TZ}&agent=${users.agent1.id}&day=${today}`,
    );
    expect(replied.statusCode, replied.body).toBe(200);
    // most recently worked on first
    expect(replied.json().items.map((x: { number: number }) => x.number)).toEqual([b, a]);
    const touched = await drill(
      'manager',
      `metric=tickets_touched&from=${today}&to=${today}&tz=${TZ}&agent=${users.admin.id}&hour=${today}T09`,
    );
    expect(touched.json().total).toBe(4);
    expect(
      touched
        .json()
        .items.map((x: { number: number }) => x.number)
        .sort(),
    ).toEqual([a, b, c, d].sort());
  });

  it("an agent's drill-down holds only their own tickets", async () => {
    const r = await drill('agent2', `metric=tickets_created&from=${today}&to=${today}&tz=${TZ}`);
    expect(r.json().items.map((x: { assignee: { id: number } }) => x.assignee.id)).toEqual([users.agent2.id]);
  });

  it('refuses a drill-down into the backlog by day, or an unknown metric', async () => {
    expect((await drill('manager', `metric=backlog&from=${today}&to=${today}&day=${today}`)).statusCode).toBe(400);
    const r = await drill('manager', `metric=nope&from=${today}&to=${today}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.allowed).toContain('backlog');
  });

  it('keeps numbers in step with later changes (reopen → no longer solved)', async () => {
    const [a] = numbers;
    const cur = (await tickets.getTicket(ctxOf(users.admin.id), a!)).ticket;
    await tickets.createMessage(ctxOf(users.admin.id), a!, {
      version: cur.version,
      kind: 'customer',
      html: 'Still charged twice',
      attachmentIds: [],
    });
    const r = await query('manager', `metrics=tickets_solved,backlog&from=${today}&to=${today}&tz=${TZ}`);
    expect(r.json().totals).toEqual({ tickets_solved: 2, backlog: 2 });
  });
});

// ---------- the fast path equals the definition ----------

const runs = Number(process.env.ANALYTICS_RUNS ?? (dialect === 'postgres' ? 60 : 150));

describe('fast path = definition', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('reply' as const), status: fc.constantFrom(undefined, 'pending', 'solved', 'open') }),
    fc.record({ kind: fc.constant('customer' as const) }),
    fc.record({ kind: fc.constant('note' as const) }),
    fc.record({
      kind: fc.constant('status' as const),
      to: fc.constantFrom('open', 'pending', 'on_hold', 'solved', 'closed'),
    }),
    fc.record({ kind: fc.constant('assign' as const), who: fc.integer({ min: 0, max: 2 }) }),
    fc.record({ kind: fc.constant('team' as const), team: fc.integer({ min: 0, max: 2 }) }),
    fc.record({ kind: fc.constant('merge' as const) }),
    // CSAT: a survey of the ticket's solve goes out, the customer answers (again) the latest one.
    fc.record({
      kind: fc.constant('survey' as const),
      answer: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    }),
    fc.record({ kind: fc.constant('answer' as const), score: fc.integer({ min: 1, max: 5 }) }),
    // NPS: a round attributed to the ticket's solve, answered (0–10) at once or not.
    fc.record({
      kind: fc.constant('nps' as const),
      answer: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    }),
  );
  const history = fc.record({
    channel: fc.constantFrom('email', 'chat', 'phone'),
    priority: fc.constantFrom('low', 'normal', 'urgent'),
    tags: fc.uniqueArray(fc.constantFrom('billing', 'वापसी', 'delivery'), { maxLength: 2 }),
    team: fc.integer({ min: 0, max: 2 }),
    ops: fc.array(fc.record({ op, wait: fc.integer({ min: 0, max: 2 * DAY }) }), { maxLength: 7 }),
    /** Time before the ticket is created. */
    gap: fc.integer({ min: 0, max: 12 * HOUR }),
  });
  const spec = fc.record({
    metrics: fc.uniqueArray(fc.constantFrom(...metricKeys), { minLength: 1, maxLength: 5 }),
    dim: fc.constantFrom<Dimension | null>(null, ...DIMENSIONS.filter((d) => d !== 'hour')),
    fromDays: fc.integer({ min: 0, max: 20 }),
    days: fc.integer({ min: 0, max: 20 }),
    // Each filter half the time, so that queries without one (matching more tickets) are common too.
    channel: fc.option(fc.constantFrom('email', 'chat'), { nil: undefined, freq: 2 }),
    team: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined, freq: 2 }),
    agent: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined, freq: 2 }),
    tz: fc.constantFrom('Asia/Kolkata', 'America/New_York', 'UTC'),
  });

  const indiaOffice = buildCalendar({
    timeZone: 'Asia/Kolkata',
    hours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '09:00', to: '18:00' })),
    holidays: [],
  });
  const newYorkOffice = buildCalendar({
    timeZone: 'America/New_York',
    hours: [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, from: '08:00', to: '12:00' },
      { weekday, from: '13:00', to: '17:30' },
    ]),
    holidays: [],
  });

  async function attempt(fn: () => Promise<unknown>) {
    try {
      await fn();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }

  it(`gives the same figures from ticket_facts as from folding the events (${runs} histories, ${dialect})`, async () => {
    const admin = ctxOf(users.admin.id);
    const agents = [users.agent1.id, users.agent2.id, users.other.id];
    const teams = [teamA, teamB, null];
    let last: number | null = null;
    let surveys = 0;
    await fc.assert(
      fc.asyncProperty(history, spec, async (h, s) => {
        advance(h.gap);
        const team = teams[h.team]!;
        const created = await tickets.createTicket(admin, {
          subject: 'Property',
          requester: { email: 'p@example.test' },
          channel: h.channel,
          priority: h.priority,
          type: 'question',
          tags: h.tags,
          fields: {},
          returnDetails: null,
          ...(team ? { teamId: team } : {}),
          message: { kind: 'customer', html: 'help', attachmentIds: [] },
        });
        const n = created.ticket.number;
        const { id } = await t.deps.db.kysely
          .selectFrom('tickets')
          .select('id')
          .where('number', '=', n)
          .executeTakeFirstOrThrow();
        let surveyId: number | null = null;
        for (const { op, wait } of h.ops) {
          advance(wait);
          const cur = (await tickets.getTicket(admin, n)).ticket;
          if (op.kind === 'reply' || op.kind === 'customer' || op.kind === 'note') {
            // Replies and notes by one of the agents (by the wait, so two agents may share a ticket).
            await attempt(() =>
              tickets.createMessage(ctxOf(agents[(cur.number + wait) % 3]!), n, {
                version: cur.version,
                kind: op.kind,
                html: 'x',
                attachmentIds: [],
                ...(op.kind === 'reply' && op.status ? { status: op.status } : {}),
              }),
            );
          } else if (op.kind === 'status') {
            await attempt(() => tickets.updateTicket(admin, n, { version: cur.version, status: op.to }));
          } else if (op.kind === 'assign') {
            await attempt(() => tickets.updateTicket(admin, n, { version: cur.version, assigneeId: agents[op.who]! }));
          } else if (op.kind === 'team') {
            await attempt(() => tickets.updateTicket(admin, n, { version: cur.version, teamId: teams[op.team]! }));
          } else if (op.kind === 'survey' || op.kind === 'answer' || op.kind === 'nps') {
            // As feedback/surveys.ts appends them: at the ticket's version, through the write path. The
            // survey job asks about a solve, so a survey solves the ticket first; it may be answered at
            // once, and an answer may come again later (after a reopen too).
            if (op.kind === 'answer' && surveyId === null) continue;
            let now = cur;
            if (op.kind !== 'answer' && cur.status !== 'solved' && cur.status !== 'closed') {
              await attempt(() => tickets.updateTicket(admin, n, { version: cur.version, status: 'solved' }));
              now = (await tickets.getTicket(admin, n)).ticket;
            }
            const events: TicketEvent[] = [];
            const base = { version: now.version, at: t.clock.now(), actorUserId: null, actorCustomerId: null };
            if (op.kind === 'nps') {
              const npsId = ++surveys;
              const sent = { surveyId: npsId, kind: 'nps' as const, cycle: now.reopenCount, to: 'p@example.test' };
              events.push({ ...base, type: 'survey_sent', data: sent });
              if (op.answer !== null) {
                const data = {
                  surveyId: npsId,
                  kind: 'nps' as const,
                  score: op.answer,
                  comment: null,
                  previousScore: null,
                };
                events.push({ ...base, type: 'survey_answered', data });
              }
              await TicketWrite.appendSystemEvents(t.deps.db.kysely, new Map([[id, events]]));
              continue;
            }
            if (op.kind === 'survey') {
              surveyId = ++surveys;
              const data = { surveyId, kind: 'csat' as const, cycle: now.reopenCount, to: 'p@example.test' };
              events.push({ ...base, type: 'survey_sent', data });
            }
            const score = op.kind === 'answer' ? op.score : op.answer;
            if (score !== null) {
              const data = { surveyId: surveyId!, kind: 'csat' as const, score, comment: null, previousScore: null };
              events.push({ ...base, type: 'survey_answered', data });
            }
            await TicketWrite.appendSystemEvents(t.deps.db.kysely, new Map([[id, events]]));
          } else if (last !== null) {
            await attempt(() => tickets.mergeTicket(admin, n, { intoNumber: last! }));
          }
        }
        last = n;

        // A query over some days around now, in one of three zones: the latest histories (their
        // surveys too) fall in it, the earlier ones in some.
        const from = addDays(localToday(s.tz, t.clock.now()), -s.fromDays);
        const to = addDays(from, s.days);
        const q: QuerySpec = {
          metrics: s.metrics.map((m) => parseMetric(m)!),
          dimensions: s.dim ? [s.dim] : [],
          from,
          to,
          ...periodOf(s.tz, from, to),
          tz: s.tz,
          filters: {
            ...(s.channel ? { channels: [s.channel] } : {}),
            ...(s.team !== undefined ? { teamIds: [teams[s.team]!] } : {}),
            ...(s.agent !== undefined ? { agentIds: [agents[s.agent]!] } : {}),
          },
          now: t.clock.now(),
          // Payments works Indian office hours, Logistics New York's with a lunch break, the rest always.
          calendarOf: (team) => (team === teamA ? indiaOffice : team === teamB ? newYorkOffice : ALWAYS),
        };
        const anchorsNow = q.metrics.some((m) => m.name.startsWith('backlog'));
        const byTime =
          s.dim !== null &&
          !['agent', 'team', 'channel', 'priority', 'type', 'organisation', 'tag', 'backlog_age'].includes(s.dim);
        if (
          (anchorsNow && byTime) ||
          (s.dim === 'backlog_age' && !q.metrics.every((m) => m.name.startsWith('backlog')))
        )
          return;
        const fast = await evaluateFast(t.deps.db.kysely, q);
        const logs = await tickets.eventLogs(t.deps.db.kysely, await allTicketIds());
        const slow = evaluate(
          [...logs.values()].map(foldFacts),
          q,
          [...logs].flatMap(([ticketId, log]) =>
            activityOf(log).map((a) => ({ ...a, ticketId, ticket: foldFacts(log) })),
          ),
        );
        expect(fast).toEqual(slow);
      }),
      { numRuns: runs },
    );
  }, 600_000);

  it('rebuilds missing and stale facts from the logs, across a restart, to the same rows', async () => {
    const db = t.deps.db.kysely;
    const before = await db.selectFrom('ticket_facts').selectAll().orderBy('ticket_id').execute();
    expect(before.length).toBeGreaterThan(10);
    const activity = () =>
      db.selectFrom('agent_activity').selectAll().orderBy(['ticket_id', 'user_id', 'slot_start']).execute();
    const activityBefore = await activity();
    expect(activityBefore.length).toBeGreaterThan(10);
    // Lose every other row and mark another as stale.
    const ids = before.map((r) => r.ticket_id);
    await db
      .deleteFrom('ticket_facts')
      .where(
        'ticket_id',
        'in',
        ids.filter((_, i) => i % 2 === 0),
      )
      .execute();
    await db.updateTable('ticket_facts').set({ version: 0, replies: 999 }).where('ticket_id', '=', ids[1]!).execute();
    // Their activity too: gone, or wrong on the stale one.
    await db
      .deleteFrom('agent_activity')
      .where(
        'ticket_id',
        'in',
        ids.filter((_, i) => i % 4 === 0),
      )
      .execute();
    await db
      .insertInto('agent_activity')
      .values({
        ticket_id: ids[1]!,
        user_id: users.other.id,
        slot_start: 0,
        team_id: null,
        replies: 9,
        notes: 0,
        actions: 0,
      })
      .execute();
    await db.deleteFrom('counters').where('name', '=', 'analytics_facts_version').execute();
    // Half a run, then "restart": a new process's connection picks the work up from the start.
    let after = await rebuildFactsStep(db, 0, 3, tickets.eventLogs);
    expect(after).not.toBeNull();
    const restarted = await createDeps(t.deps.config, { clock: t.clock, log: t.deps.log });
    try {
      let pos: number | null = 0;
      while (pos !== null) pos = await rebuildFactsStep(restarted.db.kysely, pos, 7, tickets.eventLogs);
      after = pos;
    } finally {
      await closeDeps(restarted);
    }
    expect(await db.selectFrom('ticket_facts').selectAll().orderBy('ticket_id').execute()).toEqual(before);
    expect(await activity()).toEqual(activityBefore);
    // Finished runs are remembered: the next start does not scan the tickets again.
    expect(await rebuildFactsStep(db, 0, 3, tickets.eventLogs)).toBeNull();
  });
});

async function allTicketIds() {
  return (await t.deps.db.kysely.selectFrom('tickets').select('id').execute()).map((r) => r.id);
}
