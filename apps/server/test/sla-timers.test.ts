// SLA timers on real tickets through the API: the targets a new ticket owes and their due times,
// pausing, the sweep logging a breach once at the moment it happened, met targets logged with the
// reply or solve, a breach logged by a command when the sweep was late (and not twice), a policy
// change moving the due times of open tickets, and the outcomes counted by sla_achievement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeStep, registerSlaJobs, sweepBreaches } from '../src/sla/jobs.js';
import { createTestApp, createUser, type Session, signIn, type TestApp } from './helpers.js';

const MIN = 60_000;
let t: TestApp;
let admin: Session;
let agent: Session;
let policyId: number;
let n = 0;

async function as(s: Session, method: string, url: string, payload?: unknown) {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: s.headers,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: res.body ? res.json() : {} };
}

async function newTicket(priority = 'normal') {
  const res = await as(agent, 'POST', '/api/v1/tickets', {
    subject: `Refund ${++n} not received`,
    priority,
    requester: { email: `buyer${n}@example.test`, name: 'Meera' },
    message: { html: '<p>Where is my refund?</p>' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ticket as { number: number; version: number; createdAt: string };
}
const ticket = async (number: number) => (await as(agent, 'GET', `/api/v1/tickets/${number}`)).body.ticket;
const timers = async (number: number) =>
  (await ticket(number)).sla as { metric: string; dueAt: string | null; paused: boolean; remainingMs: number | null }[];
async function message(number: number, kind: 'reply' | 'customer', status?: string) {
  const { version } = await ticket(number);
  const res = await as(agent, 'POST', `/api/v1/tickets/${number}/messages`, {
    version,
    kind,
    html: `<p>${kind} ${++n}</p>`,
    ...(status ? { status } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}
async function outcomes(number: number) {
  const items = (await as(agent, 'GET', `/api/v1/tickets/${number}/events?limit=200`)).body.items as {
    type: string;
    data: { metric: string; dueAt: number };
    createdAt: string;
    actor: unknown;
  }[];
  return items.filter((e) => e.type.startsWith('sla_')).map((e) => `${e.type} ${e.data.metric} @${e.createdAt}`);
}
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  registerSlaJobs(t.deps);
  admin = await signIn(t, (await createUser(t.deps, { role: 'admin' })).email);
  agent = await signIn(t, (await createUser(t.deps, { role: 'agent' })).email);
  const res = await as(admin, 'POST', '/api/v1/sla-policies', {
    name: 'Everyone',
    targets: { normal: { firstReply: 60, nextReply: 30, resolution: 240 }, urgent: { firstReply: 15 } },
    businessHours: false,
    pauseOn: ['pending'],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  policyId = res.body.policy.id;
  await t.deps.jobs.drain();
}, 60_000);
afterAll(() => t.close());

describe('SLA timers', () => {
  it('gives a new ticket its targets with due times from creation', async () => {
    const tk = await newTicket();
    const created = Date.parse(tk.createdAt);
    expect(await timers(tk.number)).toEqual([
      expect.objectContaining({ metric: 'first_reply', paused: false, dueAt: iso(created + 60 * MIN) }),
      expect.objectContaining({ metric: 'resolution', paused: false, dueAt: iso(created + 240 * MIN) }),
    ]);
    // Lists carry them too.
    const list = (await as(agent, 'GET', '/api/v1/tickets?limit=50')).body.items as {
      number: number;
      sla: unknown[];
    }[];
    expect(list.find((x) => x.number === tk.number)?.sla).toHaveLength(2);
  });

  it('logs a breach once, at the moment it happened, when the sweep finds it', async () => {
    const tk = await newTicket();
    const due = Date.parse(tk.createdAt) + 60 * MIN;
    t.clock.advance(61 * MIN);
    expect(await sweepBreaches(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await outcomes(tk.number)).toEqual([`sla_breached first_reply @${iso(due)}`]);
    expect(await sweepBreaches(t.deps)).toBe(0);
    expect(await outcomes(tk.number)).toHaveLength(1);
    // The late reply ends the target without a "met".
    await message(tk.number, 'reply');
    expect((await timers(tk.number)).map((x) => x.metric)).toEqual(['resolution']);
    expect(await outcomes(tk.number)).toEqual([`sla_breached first_reply @${iso(due)}`]);
  });

  it('logs a breach with the command that comes after it when the sweep has not run, and the sweep then skips it', async () => {
    const tk = await newTicket();
    const due = Date.parse(tk.createdAt) + 60 * MIN;
    t.clock.advance(90 * MIN);
    await message(tk.number, 'reply');
    expect(await outcomes(tk.number)).toEqual([`sla_breached first_reply @${iso(due)}`]);
    await sweepBreaches(t.deps);
    expect((await outcomes(tk.number)).filter((o) => o.includes('first_reply'))).toHaveLength(1);
  });

  it('meets first reply, next reply and resolution in time, pausing while pending', async () => {
    const tk = await newTicket();
    const created = Date.parse(tk.createdAt);
    t.clock.advance(10 * MIN);
    await message(tk.number, 'reply', 'pending');
    // Pending pauses resolution with 230 minutes left.
    expect(await timers(tk.number)).toEqual([
      expect.objectContaining({ metric: 'resolution', paused: true, dueAt: null, remainingMs: 230 * MIN }),
    ]);
    t.clock.advance(600 * MIN);
    // (Other tests' tickets breach meanwhile; this one is paused.)
    await sweepBreaches(t.deps);
    expect(await outcomes(tk.number)).toEqual([`sla_met first_reply @${iso(created + 10 * MIN)}`]);
    await message(tk.number, 'customer', 'open');
    const waitStart = t.deps.clock.now();
    const next = (await timers(tk.number)).find((x) => x.metric === 'next_reply');
    expect(next?.dueAt).toBe(iso(waitStart + 30 * MIN));
    t.clock.advance(20 * MIN);
    await message(tk.number, 'reply', 'solved');
    expect(await timers(tk.number)).toEqual([]);
    expect(await outcomes(tk.number)).toEqual([
      `sla_met first_reply @${iso(created + 10 * MIN)}`,
      `sla_met next_reply @${iso(waitStart + 20 * MIN)}`,
      `sla_met resolution @${iso(waitStart + 20 * MIN)}`,
    ]);
  });

  it('recomputes the due times of open tickets when a policy changes', async () => {
    const tk = await newTicket();
    const created = Date.parse(tk.createdAt);
    const res = await as(admin, 'PATCH', `/api/v1/sla-policies/${policyId}`, {
      targets: { normal: { firstReply: 120, nextReply: 30, resolution: 240 }, urgent: { firstReply: 15 } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await t.deps.jobs.drain();
    expect((await timers(tk.number)).find((x) => x.metric === 'first_reply')?.dueAt).toBe(iso(created + 120 * MIN));
    // Raising the priority measures against the stricter target at once.
    const { version } = await ticket(tk.number);
    await as(agent, 'PATCH', `/api/v1/tickets/${tk.number}`, { version, priority: 'urgent' });
    expect(await timers(tk.number)).toEqual([
      expect.objectContaining({ metric: 'first_reply', dueAt: iso(created + 15 * MIN) }),
    ]);
    // A ticket no policy covers owes nothing: deactivating the policy clears the timers.
    await as(admin, 'PATCH', `/api/v1/sla-policies/${policyId}`, { active: false });
    await t.deps.jobs.drain();
    expect(await timers(tk.number)).toEqual([]);
    await as(admin, 'PATCH', `/api/v1/sla-policies/${policyId}`, { active: true });
    await t.deps.jobs.drain();
    expect(await timers(tk.number)).toHaveLength(1);
    expect(await recomputeStep(t.deps, 1_000_000_000)).toBeNull();
  });

  it('counts the outcomes in the sla_achievement metrics', async () => {
    const from = new Date(t.deps.clock.now() - 3 * 24 * 60 * MIN).toISOString().slice(0, 10);
    const to = new Date(t.deps.clock.now()).toISOString().slice(0, 10);
    const res = await as(
      admin,
      'GET',
      `/api/v1/analytics/query?metrics=sla_first_reply_achievement,sla_breaches,sla_first_reply_breaches,sla_resolution_achievement&from=${from}&to=${to}&tz=UTC`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // First reply: the tickets of the first three tests breached (the first and second by the sweep,
    // the third by its command), the fourth met it; the fifth's is still owed. Resolution: the
    // fourth met it, the first three breached it while the fourth waited (the sweep after 600 minutes).
    expect(res.body.totals).toEqual({
      sla_first_reply_achievement: 25,
      sla_first_reply_breaches: 3,
      sla_resolution_achievement: 25,
      sla_breaches: 6,
    });
  });

  it('lists the tickets at risk now, most overdue first, only those the viewer may see', async () => {
    const soon = await newTicket();
    t.clock.advance(100 * MIN); // 20 of 120 minutes left (the policy as the test before left it): warning
    const res = await as(agent, 'GET', '/api/v1/sla/at-risk?limit=200');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const numbers = (res.body.items as { number: number }[]).map((i) => i.number);
    expect(numbers).toContain(soon.number);
    // Overdue ones come first; the one in its last quarter comes after them.
    expect(numbers.indexOf(soon.number)).toBe(numbers.length - 1);
    const customer = await t.app.inject({ method: 'GET', url: '/api/v1/sla/at-risk' });
    expect(customer.statusCode).toBe(401);
    expect((await as(agent, 'GET', '/api/v1/sla/at-risk?limit=0')).status).toBe(400);
  });

  it('sorts a list by the soonest SLA due time, tickets without a running target last, page by page', async () => {
    const all: { number: number; sla: { dueAt: string | null }[] }[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = `sort=sla_due&limit=3&status=new,open,pending,on_hold${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await as(agent, 'GET', `/api/v1/tickets?${qs}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    const earliest = (x: (typeof all)[number]) =>
      Math.min(...x.sla.map((s) => (s.dueAt ? Date.parse(s.dueAt) : Number.MAX_SAFE_INTEGER)), Number.MAX_SAFE_INTEGER);
    const dues = all.map(earliest);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(new Set(all.map((x) => x.number)).size).toBe(all.length);
    expect(dues[0]).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });
});
