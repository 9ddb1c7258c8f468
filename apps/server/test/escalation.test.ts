// Escalation through the API: support tiers on teams, the manual escalate action (reason required, a
// higher tier only, version checked, event + team change + the target lead notified, who may), the
// escalations view per role, and escalation rules driven by the test clock: "urgent and unassigned for
// 15 minutes → notify the lead" and "resolution target breached → escalate to L2 and raise priority",
// each acting once per ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEscalationRules } from '../src/escalation/evaluate.js';
import { sweepBreaches } from '../src/sla/jobs.js';
import { createTestApp, createUser, type Session, signIn, type TestApp } from './helpers.js';

const MIN = 60_000;
let t: TestApp;
const s: Record<string, Session> = {};
const team: Record<'front' | 'specialists' | 'management' | 'billing', number> = {
  front: 0,
  specialists: 0,
  management: 0,
  billing: 0,
};
let n = 0;

async function as(who: Session | null, method: string, url: string, payload?: unknown) {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: who?.headers ?? {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: res.body ? res.json() : {} };
}

async function newTicket(teamId: number | null, extra: Record<string, unknown> = {}) {
  const res = await as(s.admin!, 'POST', '/api/v1/tickets', {
    subject: `Router keeps dropping ${++n}`,
    requester: { email: `esc${n}@example.test`, name: 'Kavya' },
    message: { html: '<p>It drops every hour.</p>' },
    teamId,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ticket as { number: number; version: number };
}
const ticket = async (number: number) => (await as(s.admin!, 'GET', `/api/v1/tickets/${number}`)).body.ticket;
const events = async (number: number) =>
  (await as(s.admin!, 'GET', `/api/v1/tickets/${number}/events?limit=200`)).body.items as {
    type: string;
    data: Record<string, unknown>;
    actor: { id: number } | null;
  }[];
const notices = async (who: Session, number: number) =>
  ((await as(who, 'GET', '/api/v1/notifications?limit=100')).body.items as { kind: string; ticketNumber: number }[])
    .filter((x) => x.ticketNumber === number)
    .map((x) => x.kind);

beforeAll(async () => {
  t = await createTestApp();
  for (const [key, role] of [
    ['admin', 'admin'],
    ['manager', 'manager'],
    ['lead1', 'lead'],
    ['lead2', 'lead'],
    ['leadBilling', 'lead'],
    ['agent', 'agent'],
    ['outsider', 'agent'],
  ] as const) {
    s[key] = await signIn(t, (await createUser(t.deps, { role })).email);
  }
  const mk = async (name: string, tier: number | undefined, leadId: number, memberIds: number[]) => {
    const res = await as(s.admin!, 'POST', '/api/v1/teams', {
      name,
      leadId,
      memberIds,
      ...(tier !== undefined ? { tier } : {}),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.team as { id: number; tier: number };
  };
  const front = await mk('Front line', undefined, s.lead1!.userId, [s.agent!.userId]);
  expect(front.tier).toBe(1);
  team.front = front.id;
  team.specialists = (await mk('Specialists', 2, s.lead2!.userId, [])).id;
  team.management = (await mk('Management', 3, s.manager!.userId, [])).id;
  team.billing = (await mk('Billing', 1, s.leadBilling!.userId, [s.outsider!.userId])).id;
}, 60_000);
afterAll(() => t.close());

describe('support tiers on teams', () => {
  it('refuses a tier outside 1–9 with a field message, and changes it', async () => {
    const bad = await as(s.admin!, 'PATCH', `/api/v1/teams/${team.billing}`, { tier: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.tier).toMatch(/1 \(first line/);
    expect((await as(s.admin!, 'PATCH', `/api/v1/teams/${team.billing}`, { tier: 12 })).status).toBe(400);
    const ok = await as(s.admin!, 'PATCH', `/api/v1/teams/${team.billing}`, { tier: 1 });
    expect(ok.body.team.tier).toBe(1);
  });
});

describe('manual escalation', () => {
  it('needs a session (401) and a ticket the agent can see (404)', async () => {
    const tk = await newTicket(team.front);
    expect((await as(null, 'POST', `/api/v1/tickets/${tk.number}/escalate`, { version: 1, reason: 'x' })).status).toBe(
      401,
    );
    const hidden = await as(s.outsider!, 'POST', `/api/v1/tickets/${tk.number}/escalate`, {
      version: tk.version,
      reason: 'Needs a specialist',
    });
    expect(hidden.status).toBe(404);
  });

  it('requires a reason of 3–500 characters and writes nothing without one', async () => {
    const tk = await newTicket(team.front);
    const before = (await events(tk.number)).length;
    const missing = await as(s.agent!, 'POST', `/api/v1/tickets/${tk.number}/escalate`, { version: tk.version });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('validation_failed');
    expect(missing.body.error.details.fields.reason).toMatch(/3 to 500/);
    const short = await as(s.agent!, 'POST', `/api/v1/tickets/${tk.number}/escalate`, {
      version: tk.version,
      reason: ' a ',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.details.fields.reason).toBeTruthy();
    expect((await events(tk.number)).length).toBe(before);
  });

  it('refuses a stale version (409) and a team that is not of a higher tier (400)', async () => {
    const tk = await newTicket(team.front);
    const stale = await as(s.agent!, 'POST', `/api/v1/tickets/${tk.number}/escalate`, {
      version: tk.version + 5,
      reason: 'Needs a specialist',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const same = await as(s.agent!, 'POST', `/api/v1/tickets/${tk.number}/escalate`, {
      version: tk.version,
      reason: 'Needs a specialist',
      teamId: team.billing,
    });
    expect(same.status).toBe(400);
    expect(Object.keys(same.body.error.details.fields)).toEqual(['teamId']);
  });

  it('moves the ticket to the next tier, records the event and tells that team’s lead', async () => {
    const tk = await newTicket(team.front);
    const res = await as(s.agent!, 'POST', `/api/v1/tickets/${tk.number}/escalate`, {
      version: tk.version,
      reason: 'Customer reports data loss; needs L2',
      priority: 'high',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.ticket.team?.id).toBe(team.specialists);
    expect(res.body.ticket.priority).toBe('high');
    const log = await events(tk.number);
    const esc = log.find((e) => e.type === 'escalated')!;
    expect(esc.data).toEqual({
      fromTier: 1,
      toTier: 2,
      fromTeamId: team.front,
      toTeamId: team.specialists,
      reason: 'Customer reports data loss; needs L2',
      ruleId: null,
    });
    expect(esc.actor?.id).toBe(s.agent!.userId);
    expect(log.map((e) => e.type)).toEqual(expect.arrayContaining(['team_changed', 'priority_changed']));
    expect(await notices(s.lead2!, tk.number)).toEqual(['escalated']);
    expect(await notices(s.lead1!, tk.number)).toEqual([]);
    // The agent follows it now, so it stays in their sight after leaving their team.
    expect(log.some((e) => e.type === 'follower_added' && e.data.userId === s.agent!.userId)).toBe(true);
    expect((await as(s.agent!, 'GET', `/api/v1/tickets/${tk.number}`)).status).toBe(200);
  });

  it('goes to a chosen higher team, and says so when there is no higher tier', async () => {
    const tk = await newTicket(team.front);
    const res = await as(s.agent!, 'POST', `/api/v1/tickets/${tk.number}/escalate`, {
      version: tk.version,
      reason: 'Refund above the L2 limit',
      teamId: team.management,
    });
    expect(res.status).toBe(200);
    expect(res.body.ticket.team?.id).toBe(team.management);
    const top = await as(s.manager!, 'POST', `/api/v1/tickets/${tk.number}/escalate`, {
      version: res.body.ticket.version,
      reason: 'Even higher please',
    });
    expect(top.status).toBe(400);
    expect(top.body.error.details.fields.teamId).toMatch(/no team has a higher support tier/);
  });

  it('treats a ticket without a team as first line', async () => {
    const tk = await newTicket(null);
    const res = await as(s.agent!, 'POST', `/api/v1/tickets/${tk.number}/escalate`, {
      version: tk.version,
      reason: 'Nobody picked it up',
    });
    expect(res.status).toBe(200);
    expect(res.body.ticket.team?.id).toBe(team.specialists);
    const esc = (await events(tk.number)).find((e) => e.type === 'escalated')!;
    expect(esc.data.fromTier).toBeNull();
  });
});

describe('escalations view', () => {
  let number: number;
  beforeAll(async () => {
    const tk = await newTicket(team.front);
    number = tk.number;
    const res = await as(s.agent!, 'POST', `/api/v1/tickets/${tk.number}/escalate`, {
      version: tk.version,
      reason: 'View check',
    });
    expect(res.status).toBe(200);
  });

  it('is for leads and managers: 401 without a session, 403 for agents', async () => {
    expect((await as(null, 'GET', '/api/v1/escalations')).status).toBe(401);
    expect((await as(s.agent!, 'GET', '/api/v1/escalations')).status).toBe(403);
  });

  it('lists escalated tickets oldest first with age, reason, tiers and who', async () => {
    t.clock.advance(5 * MIN);
    const res = await as(s.manager!, 'GET', '/api/v1/escalations');
    expect(res.status).toBe(200);
    const items = res.body.items as { ticketNumber: number; escalatedAt: string; ageSeconds: number }[];
    const mine = res.body.items.find((i: { ticketNumber: number }) => i.ticketNumber === number);
    expect(mine).toMatchObject({ reason: 'View check', fromTier: 1, toTier: 2, actor: { id: s.agent!.userId } });
    expect(mine.rule).toBeNull();
    expect(mine.ageSeconds).toBeGreaterThanOrEqual(300);
    const times = items.map((i) => i.escalatedAt);
    expect([...times].sort()).toEqual(times);
  });

  it('shows a lead the escalations of their teams only, and filters by team', async () => {
    const lead2 = (await as(s.lead2!, 'GET', '/api/v1/escalations')).body.items as { ticketNumber: number }[];
    expect(lead2.map((i) => i.ticketNumber)).toContain(number);
    const lead1 = (await as(s.lead1!, 'GET', '/api/v1/escalations')).body.items as { ticketNumber: number }[];
    expect(lead1.map((i) => i.ticketNumber)).toContain(number); // escalated from their team
    const billing = (await as(s.leadBilling!, 'GET', '/api/v1/escalations')).body.items;
    expect(billing).toEqual([]);
    const mgmt = (await as(s.manager!, 'GET', `/api/v1/escalations?teamId=${team.management}`)).body.items as {
      teamId: number;
    }[];
    expect(mgmt.every((i) => i.teamId === team.management)).toBe(true);
  });

  it('leaves solved tickets out unless status=all', async () => {
    const tk = await ticket(number);
    const solved = await as(s.admin!, 'PATCH', `/api/v1/tickets/${number}`, { version: tk.version, status: 'solved' });
    expect(solved.status, JSON.stringify(solved.body)).toBe(200);
    const open = (await as(s.manager!, 'GET', '/api/v1/escalations')).body.items as { ticketNumber: number }[];
    expect(open.map((i) => i.ticketNumber)).not.toContain(number);
    const all = (await as(s.manager!, 'GET', '/api/v1/escalations?status=all')).body.items as {
      ticketNumber: number;
    }[];
    expect(all.map((i) => i.ticketNumber)).toContain(number);
  });
});

describe('escalation rules', () => {
  it('are managed by admins and managers, validated with field messages', async () => {
    const body = {
      name: 'Nobody on it',
      conditions: { priority: ['urgent'], unassignedForMinutes: 15 },
      actions: { notifyLead: true },
    };
    expect((await as(null, 'POST', '/api/v1/escalation-rules', body)).status).toBe(401);
    expect((await as(s.agent!, 'POST', '/api/v1/escalation-rules', body)).status).toBe(403);
    expect((await as(s.lead1!, 'POST', '/api/v1/escalation-rules', body)).status).toBe(403);
    const noTime = await as(s.manager!, 'POST', '/api/v1/escalation-rules', {
      ...body,
      conditions: { priority: ['urgent'] },
    });
    expect(noTime.status).toBe(400);
    expect(noTime.body.error.details.fields.conditions).toMatch(/time condition/);
    const noAction = await as(s.manager!, 'POST', '/api/v1/escalation-rules', { ...body, actions: {} });
    expect(noAction.body.error.details.fields.actions).toMatch(/at least one action/);
    expect((await as(s.agent!, 'GET', '/api/v1/escalation-rules')).body.items).toEqual([]);
  });

  it('"urgent and unassigned for 15 minutes → notify the lead" acts once, at 15 minutes', async () => {
    const rule = await as(s.manager!, 'POST', '/api/v1/escalation-rules', {
      name: 'Urgent and unassigned',
      conditions: { priority: ['urgent'], teamIds: [team.front], unassignedForMinutes: 15 },
      actions: { notifyLead: true },
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const tk = await newTicket(team.front, { priority: 'urgent' });
    t.clock.advance(10 * MIN);
    await runEscalationRules(t.deps);
    expect(await notices(s.lead1!, tk.number)).toEqual([]);
    t.clock.advance(6 * MIN);
    expect(await runEscalationRules(t.deps)).toBeGreaterThanOrEqual(1);
    expect(await notices(s.lead1!, tk.number)).toEqual(['escalated']);
    t.clock.advance(10 * MIN);
    await runEscalationRules(t.deps);
    expect(await notices(s.lead1!, tk.number)).toEqual(['escalated']);
    // Only notified: the ticket stays where it was, and no escalation is recorded.
    expect((await ticket(tk.number)).team?.id).toBe(team.front);
    expect((await events(tk.number)).some((e) => e.type === 'escalated')).toBe(false);
    const off = await as(s.manager!, 'PATCH', `/api/v1/escalation-rules/${rule.body.rule.id}`, { active: false });
    expect(off.body.rule.active).toBe(false);
  });

  it('"resolution breached → escalate to L2 and raise priority" after the sweep, once', async () => {
    const policy = await as(s.admin!, 'POST', '/api/v1/sla-policies', {
      name: 'Escalation test',
      conditions: { tags: ['esc-sla'] },
      targets: { normal: { resolution: 30 } },
      businessHours: false,
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    await t.deps.jobs.drain();
    const rule = await as(s.admin!, 'POST', '/api/v1/escalation-rules', {
      name: 'Resolution breached',
      description: 'Resolution target breached: to L2, priority high',
      conditions: { slaBreached: ['resolution'] },
      actions: { escalate: true, raisePriorityTo: 'high' },
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const tk = await newTicket(team.front, { tags: ['esc-sla'] });
    t.clock.advance(29 * MIN);
    await sweepBreaches(t.deps);
    await runEscalationRules(t.deps);
    expect((await ticket(tk.number)).team?.id).toBe(team.front);
    t.clock.advance(2 * MIN);
    expect(await sweepBreaches(t.deps)).toBeGreaterThanOrEqual(1);
    await runEscalationRules(t.deps);
    const after = await ticket(tk.number);
    expect(after.team?.id).toBe(team.specialists);
    expect(after.priority).toBe('high');
    const log = await events(tk.number);
    const types = log.map((e) => e.type);
    expect(types.indexOf('sla_breached')).toBeLessThan(types.indexOf('escalated'));
    const esc = log.find((e) => e.type === 'escalated')!;
    expect(esc.actor).toMatchObject({ type: 'system', id: null });
    expect(esc.data).toMatchObject({
      ruleId: rule.body.rule.id,
      fromTier: 1,
      toTier: 2,
      reason: 'Resolution target breached: to L2, priority high',
    });
    expect(await notices(s.lead2!, tk.number)).toEqual(['escalated']);
    const view = (await as(s.lead2!, 'GET', '/api/v1/escalations')).body.items.find(
      (i: { ticketNumber: number }) => i.ticketNumber === tk.number,
    );
    expect(view).toMatchObject({ rule: { id: rule.body.rule.id, name: 'Resolution breached' }, actor: null });
    // Once per breach: the next minutes change nothing.
    t.clock.advance(5 * MIN);
    await sweepBreaches(t.deps);
    await runEscalationRules(t.deps);
    expect((await events(tk.number)).filter((e) => e.type === 'escalated')).toHaveLength(1);
    expect((await ticket(tk.number)).team?.id).toBe(team.specialists);
  });

  it('are listed in order, reordered (every id once) and deleted', async () => {
    const list = (await as(s.manager!, 'GET', '/api/v1/escalation-rules')).body.items as { id: number }[];
    const ids = list.map((r) => r.id);
    const bad = await as(s.manager!, 'POST', '/api/v1/escalation-rules/reorder', { ids: ids.slice(1) });
    expect(bad.status).toBe(400);
    const ok = await as(s.manager!, 'POST', '/api/v1/escalation-rules/reorder', { ids: [...ids].reverse() });
    expect((ok.body.items as { id: number }[]).map((r) => r.id)).toEqual([...ids].reverse());
    expect((await as(s.manager!, 'DELETE', `/api/v1/escalation-rules/${ids[0]}`)).status).toBe(204);
    expect((await as(s.manager!, 'GET', `/api/v1/escalation-rules/${ids[0]}`)).status).toBe(404);
  });
});

describe('escalation and triggers', () => {
  it('sets off triggers like any other change', async () => {
    const trigger = await as(s.admin!, 'POST', '/api/v1/triggers', {
      name: 'Moved up a tier',
      conditions: { all: [{ field: 'changed', key: 'team' }] },
      actions: [{ type: 'add_tags', value: ['moved-up'] }],
    });
    expect(trigger.status, JSON.stringify(trigger.body)).toBe(201);
    try {
      const tk = await newTicket(team.front);
      const res = await as(s.agent!, 'POST', `/api/v1/tickets/${tk.number}/escalate`, {
        version: tk.version,
        reason: 'Needs a specialist',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.ticket.tags).toContain('moved-up');
      expect((await events(tk.number)).some((e) => e.type === 'automation_applied')).toBe(true);
    } finally {
      await as(s.admin!, 'DELETE', `/api/v1/triggers/${trigger.body.trigger.id}`);
    }
  });
});
