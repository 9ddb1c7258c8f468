// The feedback inbox through the API: who sees which answers (an agent their own, a lead also their
// teams', managers all), the filters, cursor paging and the period's summary (response rate, CSAT,
// NPS) against hand-counted figures, tags replaced and filtered on, a follow-up ticket to the
// customer, a forward to the product team by mail and webhook, the comments' themes with their trend,
// and bad input refused naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localWallTime } from '../src/analytics/time.js';
import { registerWebhookJob } from '../src/automation/webhook-job.js';
import type { SurveyKind, TicketChannel } from '../src/platform/db/types.js';
import {
  createTestApp,
  createUser,
  readOutbox,
  type Session,
  signIn,
  startWebhookReceiver,
  type TestApp,
} from './helpers.js';

const TZ = 'Asia/Kolkata';
const at = (day: string, hour = 12) => localWallTime(TZ, day, hour);

let t: TestApp;
let admin: Session;
let manager: Session;
let lead: Session;
let agent1: Session;
let agent2: Session;
let teamA: number;
let teamB: number;
const users: Record<string, { id: number; name: string }> = {};

async function as(s: Session | null, method: string, url: string, payload?: unknown) {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: s?.headers ?? {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: res.body ? res.json() : {} };
}

type Ticket = { id: number; number: number; subject: string; customerId: number; email: string };
const tickets: Record<string, Ticket> = {};

async function newTicket(
  key: string,
  input: { email: string; name: string; teamId: number; assigneeId: number | null; channel: TicketChannel },
) {
  const res = await as(manager, 'POST', '/api/v1/tickets', {
    subject: `Order question ${key}`,
    requester: { email: input.email, name: input.name },
    channel: input.channel,
    teamId: input.teamId,
    assigneeId: input.assigneeId,
    message: { html: '<p>Where is my order?</p>' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const number = res.body.ticket.number as number;
  const row = await t.deps.db.kysely
    .selectFrom('tickets')
    .select(['id', 'requester_id'])
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  tickets[key] = {
    id: row.id,
    number,
    subject: `Order question ${key}`,
    customerId: row.requester_id,
    email: input.email,
  };
}

type Seed = {
  kind: SurveyKind;
  ticket: string | null;
  agent: string | null;
  team: 'A' | 'B' | null;
  channel: TicketChannel | null;
  score: number | null;
  comment?: string | null;
  sent: string;
  answered: string | null;
  hour?: number;
};
/** Survey ids by the label the expectations below use. */
const s: Record<string, number> = {};
let cycle = 0;

async function seedSurvey(key: string, x: Seed) {
  const ticket = x.ticket ? tickets[x.ticket]! : null;
  const customer = ticket ?? tickets.a1email!;
  const { id } = await t.deps.db.kysely
    .insertInto('surveys')
    .values({
      kind: x.kind,
      ticket_id: ticket?.id ?? null,
      cycle: cycle++,
      customer_id: customer.customerId,
      email: customer.email,
      locale: 'en',
      agent_id: x.agent ? users[x.agent]!.id : null,
      team_id: x.team === 'A' ? teamA : x.team === 'B' ? teamB : null,
      channel: x.channel,
      priority: ticket ? 'normal' : null,
      sent_at: at(x.sent, 10),
      expires_at: at(x.sent, 10) + 14 * 86_400_000,
      score: x.answered ? x.score : null,
      comment: x.answered ? (x.comment ?? null) : null,
      answered_at: x.answered ? at(x.answered, x.hour ?? 12) : null,
      follow_up_ticket_id: null,
      forwarded_at: null,
      forwarded_by_id: null,
      forwarded_to: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  s[key] = id;
}

const ids = (body: { items: { id: number }[] }) => body.items.map((i) => i.id);
const labels = (...keys: string[]) => keys.map((k) => s[k]!);
const ticketCount = async () =>
  Number(
    (
      await t.deps.db.kysely
        .selectFrom('tickets')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  // Today is 10 November 2026 in the organisation's zone (the default period of the themes ends here).
  t.clock.advance(at('2026-11-10', 12) - t.clock.now());
  const make = async (key: string, role: 'admin' | 'manager' | 'lead' | 'agent') => {
    const u = await createUser(t.deps, { role, name: `${key} person` });
    users[key] = { id: u.id, name: u.name };
    return signIn(t, u.email);
  };
  admin = await make('admin', 'admin');
  manager = await make('manager', 'manager');
  lead = await make('lead', 'lead');
  agent1 = await make('a1', 'agent');
  agent2 = await make('a2', 'agent');
  const team = async (name: string, leadId: number | null, memberIds: number[]) => {
    const res = await as(admin, 'POST', '/api/v1/teams', { name, leadId, memberIds });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.team.id as number;
  };
  teamA = await team('Billing', users.lead!.id, [users.lead!.id, users.a1!.id]);
  teamB = await team('Returns', null, [users.a2!.id]);

  await newTicket('a1email', {
    email: 'asha@example.test',
    name: 'Asha Rao',
    teamId: teamA,
    assigneeId: users.a1!.id,
    channel: 'email',
  });
  await newTicket('a1chat', {
    email: 'vikram@example.test',
    name: 'Vikram',
    teamId: teamA,
    assigneeId: users.a1!.id,
    channel: 'chat',
  });
  await newTicket('a2chat', {
    email: 'priya@example.test',
    name: 'प्रिया शर्मा',
    teamId: teamB,
    assigneeId: users.a2!.id,
    channel: 'chat',
  });
  await newTicket('a2phone', {
    email: 'ravi@example.test',
    name: 'Ravi',
    teamId: teamB,
    assigneeId: users.a2!.id,
    channel: 'phone',
  });
  await newTicket('lead', {
    email: 'meena@example.test',
    name: 'Meena',
    teamId: teamA,
    assigneeId: users.lead!.id,
    channel: 'email',
  });
  await newTicket('a0web', { email: 'dev@example.test', name: 'Dev', teamId: teamA, assigneeId: null, channel: 'web' });

  const csat = (
    key: string,
    ticket: string,
    agent: string | null,
    team: 'A' | 'B',
    channel: TicketChannel,
    score: number | null,
    comment: string | null,
    sent: string,
    answered: string | null,
  ) => seedSurvey(key, { kind: 'csat', ticket, agent, team, channel, score, comment, sent, answered });
  const nps = (key: string, score: number | null, comment: string | null, sent: string, answered: string | null) =>
    seedSurvey(key, {
      kind: 'nps',
      ticket: null,
      agent: null,
      team: null,
      channel: null,
      score,
      comment,
      sent,
      answered,
    });

  // September: the period before October (for the themes' trend).
  await csat('s17', 'a1email', 'a1', 'A', 'email', 4, 'refund fine', '2026-09-10', '2026-09-10');
  await csat('s18', 'a1email', 'a1', 'A', 'email', 5, 'friendly agent', '2026-09-12', '2026-09-12');
  await csat('s19', 'a2chat', 'a2', 'B', 'chat', 2, 'slow response', '2026-09-15', '2026-09-15');
  // Sent in September, answered on 1 October: in October's list, not in its summary (by sent time).
  await csat('s11', 'a1email', 'a1', 'A', 'email', 2, 'refund delayed', '2026-09-30', '2026-10-01');
  // October.
  await csat('s1', 'a1email', 'a1', 'A', 'email', 5, 'Quick refund, thank you', '2026-10-02', '2026-10-02');
  await csat('s2', 'a1email', 'a1', 'A', 'email', 2, 'Refund took too long', '2026-10-03', '2026-10-04');
  await csat('s3', 'a1chat', 'a1', 'A', 'chat', 4, null, '2026-10-05', '2026-10-05');
  await csat('s4', 'a2chat', 'a2', 'B', 'chat', 1, 'refund अभी तक नहीं मिला', '2026-10-06', '2026-10-07');
  await csat('s5', 'a2phone', 'a2', 'B', 'phone', 3, 'एजेंट बहुत विनम्र था', '2026-10-08', '2026-10-08');
  await csat('s6', 'a1email', 'a1', 'A', 'email', null, null, '2026-10-09', null);
  await csat('s7', 'a2chat', 'a2', 'B', 'chat', null, null, '2026-10-10', null);
  await csat('s9', 'lead', 'lead', 'A', 'email', 5, 'Great support, refund processed', '2026-10-11', '2026-10-12');
  // No agent (never assigned), but the lead's team's.
  await csat('s10', 'a0web', null, 'A', 'web', 4, 'slow refund again', '2026-10-13', '2026-10-13');
  await nps('s12', 10, 'Love the product', '2026-10-14', '2026-10-15');
  await nps('s13', 6, 'refund policy confusing', '2026-10-16', '2026-10-16');
  // Answered at the very same moment as s13: the id breaks the tie.
  await nps('s14', 8, null, '2026-10-17', '2026-10-16');
  await nps('s15', null, null, '2026-10-18', null);
  await nps('s16', 9, 'अच्छी सेवा', '2026-10-19', '2026-10-19');
  // November, after the period.
  await csat('s20', 'a1email', 'a1', 'A', 'email', 5, 'all good', '2026-11-01', '2026-11-01');
}, 120_000);
afterAll(() => t.close());

const OCT = 'from=2026-10-01&to=2026-10-31';

describe('feedback list', () => {
  it('refuses callers without a session', async () => {
    expect((await as(null, 'GET', '/api/v1/feedback')).status).toBe(401);
    expect((await as(null, 'GET', '/api/v1/feedback/themes')).status).toBe(401);
    expect((await as(null, 'PATCH', `/api/v1/feedback/${s.s2}`, { tags: ['x'] })).status).toBe(401);
  });

  it('lists answered CSAT of a period newest first, with the summary by sent time', async () => {
    const res = await as(manager, 'GET', `/api/v1/feedback?kind=csat&${OCT}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(ids(res.body)).toEqual(labels('s10', 's9', 's5', 's4', 's3', 's2', 's1', 's11'));
    // Sent in October: s1 s2 s3 s4 s5 s6 s7 s9 s10 (9); answered of those 7; satisfied s1 s3 s9 s10.
    expect(res.body.summary).toEqual({ sent: 9, answered: 7, responseRate: 77.8, score: 57.1 });
    expect(res.body.nextCursor).toBeNull();
    const item = res.body.items.find((i: { id: number }) => i.id === s.s2);
    expect(item).toEqual({
      id: s.s2,
      kind: 'csat',
      score: 2,
      comment: 'Refund took too long',
      tags: [],
      answeredAt: new Date(at('2026-10-04')).toISOString(),
      ticket: {
        number: tickets.a1email!.number,
        subject: tickets.a1email!.subject,
        channel: 'email',
        priority: 'normal',
      },
      customer: { id: tickets.a1email!.customerId, name: 'Asha Rao', email: 'asha@example.test' },
      agent: users.a1,
      team: { id: teamA, name: 'Billing' },
      followUpTicketNumber: null,
      forwarded: null,
    });
  });

  it('computes NPS as % promoters − % detractors', async () => {
    const res = await as(manager, 'GET', `/api/v1/feedback?kind=nps&${OCT}`);
    expect(ids(res.body)).toEqual(labels('s16', 's14', 's13', 's12'));
    // Sent 5 (s12–s16), answered 4; promoters s12 s16, detractor s13: (2 − 1) / 4.
    expect(res.body.summary).toEqual({ sent: 5, answered: 4, responseRate: 80, score: 25 });
    expect(res.body.items[0]).toMatchObject({ ticket: null, agent: null, team: null, comment: 'अच्छी सेवा' });
  });

  it('counts both kinds without a kind, the score staying CSAT over CSAT answers', async () => {
    const res = await as(manager, 'GET', `/api/v1/feedback?${OCT}`);
    expect(res.body.items).toHaveLength(12);
    expect(res.body.summary).toEqual({ sent: 14, answered: 11, responseRate: 78.6, score: 57.1 });
  });

  it('filters by score chips, agent, team, channel and period', async () => {
    const chips = await as(manager, 'GET', `/api/v1/feedback?kind=csat&scores=1,2&${OCT}`);
    expect(ids(chips.body)).toEqual(labels('s4', 's2', 's11'));
    // The chips narrow the answers, not what was sent.
    expect(chips.body.summary).toEqual({ sent: 9, answered: 2, responseRate: 22.2, score: 0 });

    const agent = await as(manager, 'GET', `/api/v1/feedback?kind=csat&agentId=${users.a1!.id}&${OCT}`);
    expect(ids(agent.body)).toEqual(labels('s3', 's2', 's1', 's11'));
    // a1 was sent s1 s2 s3 s6 in October; answered three, two of them satisfied.
    expect(agent.body.summary).toEqual({ sent: 4, answered: 3, responseRate: 75, score: 66.7 });

    const team = await as(manager, 'GET', `/api/v1/feedback?teamId=${teamB}&${OCT}`);
    expect(ids(team.body)).toEqual(labels('s5', 's4'));
    expect(team.body.summary).toEqual({ sent: 3, answered: 2, responseRate: 66.7, score: 0 });

    const chat = await as(manager, 'GET', `/api/v1/feedback?channel=chat&${OCT}`);
    expect(ids(chat.body)).toEqual(labels('s4', 's3'));

    const day = await as(manager, 'GET', '/api/v1/feedback?from=2026-10-16&to=2026-10-16');
    expect(ids(day.body)).toEqual(labels('s14', 's13'));
    const from = await as(manager, 'GET', '/api/v1/feedback?from=2026-10-19');
    expect(ids(from.body)).toEqual(labels('s20', 's16'));
    const to = await as(manager, 'GET', '/api/v1/feedback?to=2026-09-30');
    expect(ids(to.body)).toEqual(labels('s19', 's18', 's17'));
    // The summary follows the surveys sent up to 30 September, s11 among them (answered on 1 October).
    expect(to.body.summary).toMatchObject({ sent: 4, answered: 4, responseRate: 100 });
  });

  it('pages with a cursor without duplicates or gaps', async () => {
    const all = await as(manager, 'GET', '/api/v1/feedback?limit=100');
    expect(all.body.items).toHaveLength(16);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url = `/api/v1/feedback?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await as(manager, 'GET', url);
      expect(page.status).toBe(200);
      seen.push(...ids(page.body));
      // The summary does not depend on the page.
      expect(page.body.summary).toEqual(all.body.summary);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBe(6);
    expect(seen).toEqual(ids(all.body));
  });

  it('shows an agent only their own, a lead also their teams, managers all', async () => {
    const own = await as(agent1, 'GET', '/api/v1/feedback');
    expect(ids(own.body)).toEqual(labels('s20', 's3', 's2', 's1', 's11', 's18', 's17'));
    // An agent's filter on someone else yields nothing, not the other's answers.
    expect(ids((await as(agent1, 'GET', `/api/v1/feedback?agentId=${users.a2!.id}`)).body)).toEqual([]);
    expect(ids((await as(agent2, 'GET', `/api/v1/feedback?${OCT}`)).body)).toEqual(labels('s5', 's4'));

    const teams = await as(lead, 'GET', `/api/v1/feedback?${OCT}`);
    expect(ids(teams.body)).toEqual(labels('s10', 's9', 's3', 's2', 's1', 's11'));
    // The lead's summary: sent in October to team A s1 s2 s3 s6 s9 s10; answered 5, satisfied 4.
    expect(teams.body.summary).toEqual({ sent: 6, answered: 5, responseRate: 83.3, score: 80 });
    const mine = await as(lead, 'GET', '/api/v1/feedback?mine=true');
    expect(ids(mine.body)).toEqual(labels('s9'));
    expect(ids((await as(manager, 'GET', '/api/v1/feedback?mine=true')).body)).toEqual([]);
    expect((await as(manager, 'GET', '/api/v1/feedback?mine=false')).body.items).toHaveLength(16);
  });

  it('refuses bad query values naming the field, never with a 500', async () => {
    const bad = async (query: string, field: string) => {
      const res = await as(manager, 'GET', `/api/v1/feedback?${query}`);
      expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(Object.keys(res.body.error.details.fields).join(','), query).toContain(field);
    };
    await bad('scores=11', 'scores');
    await bad('scores=-1', 'scores');
    await bad('scores=x', 'scores');
    await bad('kind=csat&scores=0', 'scores');
    await bad('kind=csat&scores=4,6', 'scores');
    await bad('kind=ces', 'kind');
    await bad('from=2026-02-30', 'from');
    await bad('from=yesterday', 'from');
    await bad('to=2026-13-01', 'to');
    await bad('from=2026-10-05&to=2026-10-04', 'to');
    await bad('channel=fax', 'channel');
    await bad('agentId=abc', 'agentId');
    await bad('teamId=0', 'teamId');
    await bad('mine=yes', 'mine');
    await bad('limit=0', 'limit');
    await bad('limit=101', 'limit');
    await bad('cursor=not-a-cursor', 'cursor');
    await bad(`tag=${'x'.repeat(81)}`, 'tag');
    const themes = await as(manager, 'GET', '/api/v1/feedback/themes?from=2026-10-32');
    expect(themes.status).toBe(400);
    expect(themes.body.error.details.fields.from).toBeDefined();
    expect((await as(manager, 'GET', '/api/v1/feedback/themes?channel=fax')).status).toBe(400);
    // NPS chips may use the whole scale.
    expect((await as(manager, 'GET', '/api/v1/feedback?kind=nps&scores=0,10')).status).toBe(200);
  });
});

describe('tags', () => {
  it('lets leads and managers replace the tags of answers they see, audited', async () => {
    expect((await as(agent1, 'PATCH', `/api/v1/feedback/${s.s2}`, { tags: ['refund'] })).status).toBe(403);
    // Out of the lead's sight (team B), unanswered, or not there at all: not found.
    expect((await as(lead, 'PATCH', `/api/v1/feedback/${s.s4}`, { tags: ['refund'] })).status).toBe(404);
    expect((await as(manager, 'PATCH', `/api/v1/feedback/${s.s6}`, { tags: ['refund'] })).status).toBe(404);
    expect((await as(manager, 'PATCH', '/api/v1/feedback/999999', { tags: ['refund'] })).status).toBe(404);

    const res = await as(lead, 'PATCH', `/api/v1/feedback/${s.s2}`, { tags: [' Slow Process ', 'Refund', 'refund'] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.item).toMatchObject({ id: s.s2, tags: ['refund', 'slow process'] });
    expect((await as(manager, 'PATCH', `/api/v1/feedback/${s.s10}`, { tags: ['refund'] })).status).toBe(200);
    expect(ids((await as(manager, 'GET', '/api/v1/feedback?tag=REFUND')).body)).toEqual(labels('s10', 's2'));
    const tagged = await as(manager, 'GET', `/api/v1/feedback?tag=refund&${OCT}`);
    // Sent counts ignore the tag (only answers carry one); answered: s2 (2) and s10 (4).
    expect(tagged.body.summary).toEqual({ sent: 14, answered: 2, responseRate: 14.3, score: 50 });

    // Replaced, not added to.
    const replaced = await as(lead, 'PATCH', `/api/v1/feedback/${s.s2}`, { tags: ['billing'] });
    expect(replaced.body.item.tags).toEqual(['billing']);
    expect(ids((await as(manager, 'GET', '/api/v1/feedback?tag=refund')).body)).toEqual(labels('s10'));
    expect(ids((await as(lead, 'GET', '/api/v1/feedback?tag=billing')).body)).toEqual(labels('s2'));
    // An agent filtering on a tag still sees only their own.
    expect(ids((await as(agent2, 'GET', '/api/v1/feedback?tag=billing')).body)).toEqual([]);

    const audit = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['actor_id', 'before_json', 'after_json'])
      .where('action', '=', 'feedback.tags_updated')
      .where('entity_id', '=', String(s.s2))
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ actor_id: users.lead!.id });
    expect(JSON.parse(audit[1]!.before_json!)).toEqual({ tags: ['refund', 'slow process'] });
    expect(JSON.parse(audit[1]!.after_json!)).toEqual({ tags: ['billing'] });
  });

  it('refuses bad tags without writing', async () => {
    const bad = async (tags: unknown) => {
      const res = await as(manager, 'PATCH', `/api/v1/feedback/${s.s10}`, { tags });
      expect(res.status, JSON.stringify(tags)).toBe(400);
      expect(Object.keys(res.body.error.details.fields).join(',')).toContain('tags');
    };
    await bad(['  ']);
    await bad(['x'.repeat(81)]);
    await bad(Array.from({ length: 21 }, (_, i) => `t${i}`));
    await bad('refund');
    expect((await as(manager, 'PATCH', `/api/v1/feedback/${s.s10}`, { tags: [], extra: 1 })).status).toBe(400);
    expect((await as(manager, 'GET', `/api/v1/feedback?tag=refund`)).body.items[0].tags).toEqual(['refund']);
    // Twenty is fine, and an empty list clears them.
    const twenty = Array.from({ length: 20 }, (_, i) => `t${i}`);
    expect((await as(manager, 'PATCH', `/api/v1/feedback/${s.s19}`, { tags: twenty })).body.item.tags).toHaveLength(20);
    expect((await as(manager, 'PATCH', `/api/v1/feedback/${s.s19}`, { tags: [] })).body.item.tags).toEqual([]);
  });
});

describe('follow-up', () => {
  it('opens an email ticket to the customer with the reply queued and a note naming the old ticket', async () => {
    const body = { subject: 'Sorry about the slow refund', html: '<p>Your refund is on its way.</p>' };
    const before = await ticketCount();
    expect((await as(agent1, 'POST', `/api/v1/feedback/${s.s2}/follow-up`, body)).status).toBe(403);
    expect((await as(lead, 'POST', `/api/v1/feedback/${s.s4}/follow-up`, body)).status).toBe(404);
    expect((await as(lead, 'POST', `/api/v1/feedback/${s.s2}/follow-up`, { ...body, subject: ' ' })).status).toBe(400);
    const long = await as(lead, 'POST', `/api/v1/feedback/${s.s2}/follow-up`, { ...body, subject: 'x'.repeat(251) });
    expect(long.status).toBe(400);
    expect(long.body.error.details.fields.subject).toBeDefined();
    expect((await as(lead, 'POST', `/api/v1/feedback/${s.s2}/follow-up`, { subject: 'Hi' })).status).toBe(400);
    expect(await ticketCount()).toBe(before);

    const res = await as(lead, 'POST', `/api/v1/feedback/${s.s2}/follow-up`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const number = res.body.ticketNumber as number;
    expect(number).toBeGreaterThan(tickets.a0web!.number);
    expect(res.body.item).toMatchObject({ id: s.s2, followUpTicketNumber: number });
    expect(await ticketCount()).toBe(before + 1);

    const ticket = (await as(manager, 'GET', `/api/v1/tickets/${number}`)).body.ticket;
    expect(ticket).toMatchObject({
      subject: body.subject,
      channel: 'email',
      requester: { id: tickets.a1email!.customerId },
      team: { id: teamA },
      tags: ['feedback-follow-up'],
    });
    const messages = (await as(manager, 'GET', `/api/v1/tickets/${number}/messages`)).body.items as {
      kind: string;
      text: string;
      delivery: { status: string } | null;
    }[];
    const reply = messages.find((m) => m.kind === 'reply');
    expect(reply?.text).toContain('Your refund is on its way.');
    expect(reply?.delivery?.status).toBe('queued');
    const note = messages.find((m) => m.kind === 'note');
    expect(note?.text).toContain(`#${tickets.a1email!.number}`);
    expect(note?.text).toContain('Refund took too long');

    // Asking again gives the follow-up it has, without a second ticket or mail.
    const again = await as(manager, 'POST', `/api/v1/feedback/${s.s2}/follow-up`, body);
    expect(again.status).toBe(200);
    expect(again.body.ticketNumber).toBe(number);
    expect(await ticketCount()).toBe(before + 1);
    const listed = await as(lead, 'GET', '/api/v1/feedback?tag=billing');
    expect(listed.body.items[0].followUpTicketNumber).toBe(number);
    const audit = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'feedback.followed_up')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json!).ticketNumber)).toEqual([number]);
  });

  it('follows up an NPS answer (no ticket) with a plain new ticket', async () => {
    const res = await as(manager, 'POST', `/api/v1/feedback/${s.s13}/follow-up`, {
      subject: 'Our refund policy, explained',
      html: '<p>Here is how refunds work.</p>',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const messages = (await as(manager, 'GET', `/api/v1/tickets/${res.body.ticketNumber}/messages`)).body.items;
    expect(messages.map((m: { kind: string }) => m.kind)).toEqual(['reply']);
  });
});

describe('forward to the product team', () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let received: typeof receiver.received;
  let url: string;

  beforeAll(async () => {
    registerWebhookJob(t.deps);
    receiver = await startWebhookReceiver('/product');
    ({ received, url } = receiver);
  });
  afterAll(() => receiver.close());

  async function setTarget(productFeedback: { email: string | null; webhookUrl: string | null }) {
    const { settings } = (await as(admin, 'GET', '/api/v1/survey-settings')).body;
    const res = await as(admin, 'PUT', '/api/v1/survey-settings', { ...settings, productFeedback });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }

  it('refuses without a target, and for answers out of sight', async () => {
    expect((await as(agent1, 'POST', `/api/v1/feedback/${s.s1}/forward`, {})).status).toBe(403);
    const none = await as(lead, 'POST', `/api/v1/feedback/${s.s1}/forward`, { note: 'Look' });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('no_product_feedback_target');
    await setTarget({ email: 'product@example.test', webhookUrl: null });
    expect((await as(lead, 'POST', `/api/v1/feedback/${s.s4}/forward`, {})).status).toBe(404);
    const long = await as(lead, 'POST', `/api/v1/feedback/${s.s1}/forward`, { note: 'x'.repeat(2001) });
    expect(long.status).toBe(400);
    expect(long.body.error.details.fields.note).toBeDefined();
    const item = (await as(manager, 'GET', `/api/v1/feedback?${OCT}&kind=csat`)).body.items.find(
      (i: { id: number }) => i.id === s.s1,
    );
    expect(item.forwarded).toBeNull();
  });

  it('mails the comment, score, customer, ticket link and note to the product address', async () => {
    await setTarget({ email: 'product@example.test', webhookUrl: null });
    const res = await as(lead, 'POST', `/api/v1/feedback/${s.s11}/forward`, {
      note: 'Third refund complaint this week',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.item.forwarded).toEqual({
      at: new Date(t.clock.now()).toISOString(),
      by: users.lead,
      to: 'product@example.test',
    });
    await t.deps.jobs.drain();
    const mail = (await readOutbox(t.dataDir)).find((m) => m.to.includes('product@example.test'));
    expect(mail).toBeDefined();
    expect(mail!.subject).toContain('CSAT 2/5');
    expect(mail!.subject).toContain(`#${tickets.a1email!.number}`);
    expect(mail!.text).toContain('refund delayed');
    expect(mail!.text).toContain('Third refund complaint this week');
    expect(mail!.text).toContain('Asha Rao');
    expect(mail!.text).toContain(`${t.deps.config.publicUrl}/tickets/${tickets.a1email!.number}`);
    const audit = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['actor_id', 'after_json'])
      .where('action', '=', 'feedback.forwarded')
      .where('entity_id', '=', String(s.s11))
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(users.lead!.id);
    expect(JSON.parse(audit.after_json!)).toMatchObject({ to: 'product@example.test' });
  });

  it('posts JSON to the product webhook after the commit', async () => {
    expect((await as(admin, 'PATCH', '/api/v1/settings', { webhookAllowPrivateTargets: true })).status).toBe(200);
    await setTarget({ email: null, webhookUrl: url });
    const res = await as(manager, 'POST', `/api/v1/feedback/${s.s13}/forward`, { note: 'Policy page unclear' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.item.forwarded).toMatchObject({ by: users.manager, to: url });
    await t.deps.jobs.drain();
    expect(received).toHaveLength(1);
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(received[0]!.body).toMatchObject({
      event: 'feedback.forwarded',
      feedback: { id: s.s13, kind: 'nps', score: 6, comment: 'refund policy confusing', ticket: null },
      note: 'Policy page unclear',
      forwardedBy: users.manager,
    });

    await setTarget({ email: 'product@example.test', webhookUrl: url });
    const both = await as(manager, 'POST', `/api/v1/feedback/${s.s16}/forward`, {});
    expect(both.body.item.forwarded.to).toBe(`product@example.test, ${url}`);
    await t.deps.jobs.drain();
    expect(received).toHaveLength(2);
    expect((await readOutbox(t.dataDir)).filter((m) => m.to.includes('product@example.test'))).toHaveLength(2);
  });
});

describe('themes', () => {
  type ThemeDto = {
    term: string;
    count: number;
    previousCount: number;
    trend: number | null;
    examples: { id: number; score: number; scale: string }[];
  };

  it('puts the dominant complaint first with its count and trend against the period before', async () => {
    const res = await as(manager, 'GET', `/api/v1/feedback/themes?${OCT}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // October's comments: s1 s2 s4 s5 s9 s10 s11 s12 s13 s16; the 31 days before: s17 s18 s19.
    expect(res.body.comments).toBe(10);
    expect(res.body.previousComments).toBe(3);
    const first = res.body.themes[0] as ThemeDto;
    // "refund" in s1 s2 s4 s9 s10 s11 s13 (7 of 10) against s17 (1 of 3): 70 − 33.3.
    expect(first).toMatchObject({ term: 'refund', count: 7, previousCount: 1, trend: 36.7 });
    // Lowest score first: s4 (CSAT 1), then the CSAT 2s, newest first.
    expect(first.examples.map((e) => e.id)).toEqual(labels('s4', 's2', 's11'));
  });

  it('keeps to what the caller may see and to the filters', async () => {
    const leads = await as(lead, 'GET', `/api/v1/feedback/themes?${OCT}`);
    // Team A's October comments s1 s2 s9 s10 s11, all about refunds; before: s17 s18.
    expect(leads.body).toMatchObject({ comments: 5, previousComments: 2 });
    expect(leads.body.themes[0]).toMatchObject({ term: 'refund', count: 5, previousCount: 1, trend: 50 });
    const own = await as(agent1, 'GET', `/api/v1/feedback/themes?${OCT}`);
    expect(own.body).toMatchObject({ comments: 3, previousComments: 2 });
    expect(own.body.themes[0]).toMatchObject({ term: 'refund', count: 3 });
    const nps = await as(manager, 'GET', `/api/v1/feedback/themes?kind=nps&${OCT}`);
    expect(nps.body).toMatchObject({ comments: 3, previousComments: 0 });
    const chat = await as(manager, 'GET', `/api/v1/feedback/themes?channel=chat&teamId=${teamB}&${OCT}`);
    expect(chat.body).toMatchObject({ comments: 1, previousComments: 1 });
  });

  it('defaults to the last 30 days up to today', async () => {
    const res = await as(manager, 'GET', '/api/v1/feedback/themes');
    expect(res.status).toBe(200);
    // 12 Oct – 10 Nov: s9 s10 s12 s13 s16 s20; 12 Sep – 11 Oct: s18 s19 s11 s1 s2 s4 s5.
    expect(res.body).toMatchObject({ comments: 6, previousComments: 7 });
  });
});
