// Triggers through the API: who may read and change them, conditions and actions end to end on real
// ticket commands (their changes by no person, with the automation_applied event), order, switching
// off, the chain (each trigger once, a bounded depth with the automation_stopped event), loops refused
// on save, webhooks to a real local HTTP server (private targets only when an admin allows them, and
// refused again at call time), templated email in the requester's language, notices, and the preview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CHAIN_DEPTH } from '../src/automation/engine.js';
import { registerAutomationJobs } from '../src/automation/jobs.js';
import type { Role } from '../src/platform/context.js';
import {
  createTestApp,
  createUser,
  readOutbox,
  type Session,
  signIn,
  startWebhookReceiver,
  type TestApp,
} from './helpers.js';

let t: TestApp;
let admin: Session;
let manager: Session;
let lead: Session;
let agent: Session;
let leadId: number;
let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;

async function as(s: Session | null, method: string, url: string, payload?: unknown) {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: s?.headers ?? {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: res.body ? res.json() : {} };
}

async function user(role: Role, name: string) {
  const u = await createUser(t.deps, { role, name });
  return { session: await signIn(t, u.email), id: u.id };
}

const countTriggers = async () =>
  Number(
    (
      await t.deps.db.kysely
        .selectFrom('triggers')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function createTrigger(body: Record<string, unknown>) {
  const res = await as(admin, 'POST', '/api/v1/triggers', { name: `Trigger ${unique()}`, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.trigger as { id: number; name: string; position: number };
}

async function newTicket(extra: Record<string, unknown> = {}, locale?: 'en' | 'hi') {
  const email = `cust${unique()}@example.test`;
  if (locale) {
    // The requester exists first, speaking `locale`, so triggers on creation see their language.
    await t.deps.db.kysely
      .insertInto('customers')
      .values({
        name: 'Ravi Kumar',
        email,
        locale,
        organisation_id: null,
        created_at: t.clock.now(),
        updated_at: t.clock.now(),
      } as never)
      .execute();
  }
  const res = await as(admin, 'POST', '/api/v1/tickets', {
    subject: `Question ${unique()}`,
    requester: { email, name: 'Ravi Kumar' },
    message: { html: '<p>Hello</p>' },
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ticket as {
    number: number;
    version: number;
    tags: string[];
    priority: string;
    status: string;
  };
}

const events = async (number: number) =>
  (await as(admin, 'GET', `/api/v1/tickets/${number}/events?limit=200`)).body.items as {
    type: string;
    actor: unknown;
    data: Record<string, unknown>;
  }[];

beforeAll(async () => {
  t = await createTestApp();
  registerAutomationJobs(t.deps);
  admin = (await user('admin', 'Anil Admin')).session;
  manager = (await user('manager', 'Meera Manager')).session;
  const l = await user('lead', 'Lata Lead');
  lead = l.session;
  leadId = l.id;
  agent = (await user('agent', 'Kavya Iyer')).session;
}, 60_000);
afterAll(() => t.close());

describe('who may read and change triggers', () => {
  it('asks for a session, and lets only admins and managers change them', async () => {
    expect((await as(null, 'GET', '/api/v1/triggers')).status).toBe(401);
    expect((await as(agent, 'GET', '/api/v1/triggers')).status).toBe(403);
    expect((await as(lead, 'GET', '/api/v1/triggers')).status).toBe(200);
    const body = {
      name: `Nope ${unique()}`,
      conditions: { all: [{ field: 'priority', op: 'is', value: ['urgent'] }] },
      actions: [{ type: 'add_tags', value: ['x'] }],
    };
    expect((await as(lead, 'POST', '/api/v1/triggers', body)).status).toBe(403);
    expect((await as(agent, 'POST', '/api/v1/triggers', body)).status).toBe(403);
    const made = await as(manager, 'POST', '/api/v1/triggers', body);
    expect(made.status).toBe(201);
    expect((await as(manager, 'DELETE', `/api/v1/triggers/${made.body.trigger.id}`)).status).toBe(204);
  });
});

describe('triggers on ticket commands', () => {
  it('acts on a new ticket whose subject matches: tag and priority, by no person, with its event', async () => {
    const trig = await createTrigger({
      conditions: { all: [{ field: 'subject', op: 'contains', value: 'refund' }] },
      actions: [
        { type: 'add_tags', value: ['refund'] },
        { type: 'set_priority', value: 'high' },
      ],
    });
    const ticket = await newTicket({ subject: `Refund for order ${unique()}` });
    expect(ticket.tags).toContain('refund');
    expect(ticket.priority).toBe('high');
    const log = await events(ticket.number);
    const applied = log.find((e) => e.type === 'automation_applied');
    expect(applied?.data).toMatchObject({ kind: 'trigger', ruleId: trig.id, name: trig.name });
    expect(applied?.actor).toMatchObject({ type: 'system', id: null });
    expect(log.find((e) => e.type === 'priority_changed')?.actor).toMatchObject({ type: 'system', id: null });
    // Other tickets are left alone.
    const other = await newTicket({ subject: `Delivery ${unique()}` });
    expect(other.tags).not.toContain('refund');
    await as(admin, 'PATCH', `/api/v1/triggers/${trig.id}`, { active: false });
  });

  it('matches the message a change adds, and "is updated" only on updates', async () => {
    const tag = `angry-${unique()}`;
    const trig = await createTrigger({
      conditions: {
        all: [
          { field: 'update', op: 'is', value: 'updated' },
          { field: 'message', op: 'contains', value: 'cancel my order' },
        ],
      },
      actions: [{ type: 'add_tags', value: [tag] }],
    });
    const ticket = await newTicket({ message: { html: '<p>Please cancel my order</p>' } });
    expect(ticket.tags).not.toContain(tag);
    const reply = await as(admin, 'POST', `/api/v1/tickets/${ticket.number}/messages`, {
      kind: 'customer',
      html: '<p>I said: CANCEL MY ORDER now</p>',
      version: ticket.version,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.ticket.tags).toContain(tag);
    await as(admin, 'DELETE', `/api/v1/triggers/${trig.id}`);
  });

  it('runs in order (the later one has the last word), and a switched-off trigger does nothing', async () => {
    const word = `order-${unique()}`;
    const cond = { all: [{ field: 'subject', op: 'contains', value: word }] };
    const low = await createTrigger({ conditions: cond, actions: [{ type: 'set_type', value: 'task' }] });
    const incident = await createTrigger({ conditions: cond, actions: [{ type: 'set_type', value: 'incident' }] });
    expect((await newTicket({ subject: word })).number).toBeGreaterThan(0);
    const first = await as(admin, 'GET', `/api/v1/tickets?q=${word}`);
    expect(first.status).toBe(200);
    const a = await newTicket({ subject: `${word} a` });
    expect((await as(admin, 'GET', `/api/v1/tickets/${a.number}`)).body.ticket.type).toBe('incident');

    const list = (await as(admin, 'GET', '/api/v1/triggers')).body.items as { id: number }[];
    const ids = list.map((x) => x.id).filter((id) => id !== low.id && id !== incident.id);
    const reordered = await as(admin, 'POST', '/api/v1/triggers/reorder', { ids: [...ids, incident.id, low.id] });
    expect(reordered.status).toBe(200);
    const b = await newTicket({ subject: `${word} b` });
    expect((await as(admin, 'GET', `/api/v1/tickets/${b.number}`)).body.ticket.type).toBe('task');
    // A list that misses one is refused.
    expect((await as(admin, 'POST', '/api/v1/triggers/reorder', { ids: [low.id] })).status).toBe(400);

    await as(admin, 'PATCH', `/api/v1/triggers/${low.id}`, { active: false });
    await as(admin, 'PATCH', `/api/v1/triggers/${incident.id}`, { active: false });
    const c = await newTicket({ subject: `${word} c` });
    expect((await as(admin, 'GET', `/api/v1/tickets/${c.number}`)).body.ticket.type).toBe('question');
    expect((await events(c.number)).some((e) => e.type === 'automation_applied')).toBe(false);
  });

  it('chains: a change by one trigger sets off another, each at most once', async () => {
    const [a, b, c] = [`a-${unique()}`, `b-${unique()}`, `c-${unique()}`];
    // Listed so that the second link runs before the first: the chain needs a second pass.
    const second = await createTrigger({
      conditions: { all: [{ field: 'tags', op: 'contains_any', value: [b] }] },
      actions: [{ type: 'add_tags', value: [c] }],
    });
    const first = await createTrigger({
      conditions: { all: [{ field: 'tags', op: 'contains_any', value: [a] }] },
      actions: [{ type: 'add_tags', value: [b] }],
    });
    const ticket = await newTicket({ tags: [a] });
    expect(ticket.tags).toEqual(expect.arrayContaining([a, b, c]));
    const applied = (await events(ticket.number)).filter((e) => e.type === 'automation_applied');
    expect(applied.map((e) => e.data.ruleId)).toEqual([first.id, second.id]);
    // An update of an unrelated field: they match again, but change nothing, so nothing is recorded.
    const upd = await as(admin, 'PATCH', `/api/v1/tickets/${ticket.number}`, { version: 1, priority: 'low' });
    expect(upd.status, JSON.stringify(upd.body)).toBe(200);
    expect((await events(ticket.number)).filter((e) => e.type === 'automation_applied')).toHaveLength(2);
    await as(admin, 'PATCH', `/api/v1/triggers/${first.id}`, { active: false });
    await as(admin, 'PATCH', `/api/v1/triggers/${second.id}`, { active: false });
  });

  it('stops a chain at the depth bound with an event naming the triggers that did not run', async () => {
    const base = `d${unique()}`;
    const tag = (i: number) => `${base}-${i}`;
    const links = MAX_CHAIN_DEPTH + 2;
    // Link i adds tag i+1 when tag i is there; created last-first, so each pass runs one link.
    const ids: number[] = [];
    for (let i = links - 1; i >= 0; i--) {
      const trig = await createTrigger({
        conditions: { all: [{ field: 'tags', op: 'contains_any', value: [tag(i)] }] },
        actions: [{ type: 'add_tags', value: [tag(i + 1)] }],
      });
      ids[i] = trig.id;
    }
    const ticket = await newTicket({ tags: [tag(0)] });
    expect(ticket.tags).toContain(tag(MAX_CHAIN_DEPTH));
    expect(ticket.tags).not.toContain(tag(MAX_CHAIN_DEPTH + 1));
    const log = await events(ticket.number);
    expect(log.filter((e) => e.type === 'automation_applied')).toHaveLength(MAX_CHAIN_DEPTH);
    const stopped = log.find((e) => e.type === 'automation_stopped');
    expect(stopped?.data).toEqual({ kind: 'trigger', depth: MAX_CHAIN_DEPTH, ruleIds: [ids[MAX_CHAIN_DEPTH]] });
    expect(stopped?.actor).toMatchObject({ type: 'system', id: null });
    for (const id of ids) await as(admin, 'DELETE', `/api/v1/triggers/${id}`);
  });

  it('skips a trigger whose change the ticket refuses, and the command still succeeds', async () => {
    const word = `solve-${unique()}`;
    const key = `order_ref_${n}`;
    const field = await as(admin, 'POST', '/api/v1/custom-fields', {
      key,
      labelEn: 'Order',
      labelHi: 'ऑर्डर',
      kind: 'text',
      requiredOnSolve: true,
    });
    expect(field.status, JSON.stringify(field.body)).toBe(201);
    const trig = await createTrigger({
      conditions: { all: [{ field: 'subject', op: 'contains', value: word }] },
      actions: [
        { type: 'add_tags', value: ['auto'] },
        { type: 'set_status', value: 'solved' },
      ],
    });
    // Solving needs the order field: the trigger is skipped as a whole (not even its tag), the ticket is made.
    const ticket = await newTicket({ subject: word });
    expect(ticket.status).toBe('new');
    expect(ticket.tags).not.toContain('auto');
    expect((await events(ticket.number)).some((e) => e.type === 'automation_applied')).toBe(false);
    // With the field filled in, it acts.
    const filled = await newTicket({ subject: `${word} again`, fields: { [key]: 'A-1' } });
    expect(filled.status).toBe('solved');
    expect(filled.tags).toContain('auto');
    await as(admin, 'PATCH', `/api/v1/custom-fields/${field.body.field.id}`, { requiredOnSolve: false });
    await as(admin, 'DELETE', `/api/v1/triggers/${trig.id}`);
  });
});

describe('bad triggers are refused and write nothing', () => {
  it('refuses a trigger that would flip a field back and forth with another, naming it', async () => {
    const word = `flip-${unique()}`;
    const a = await createTrigger({
      name: `Open to pending ${unique()}`,
      conditions: {
        all: [
          { field: 'status', op: 'is', value: ['open'] },
          { field: 'subject', op: 'contains', value: word },
        ],
      },
      actions: [{ type: 'set_status', value: 'pending' }],
    });
    const before = await countTriggers();
    const res = await as(admin, 'POST', '/api/v1/triggers', {
      name: `Pending to open ${unique()}`,
      conditions: { all: [{ field: 'status', op: 'is', value: ['pending'] }] },
      actions: [{ type: 'set_status', value: 'open' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('trigger_loop');
    expect(res.body.error.details).toMatchObject({ otherTriggerId: a.id, otherTriggerName: a.name, slot: 'status' });
    expect(res.body.error.details.explanation).toContain(a.name);
    expect(await countTriggers()).toBe(before);
    // In Hindi, too.
    const hindiAdmin = await signIn(t, (await createUser(t.deps, { role: 'admin', locale: 'hi' })).email);
    const hi = await t.app.inject({
      method: 'POST',
      url: '/api/v1/triggers',
      headers: hindiAdmin.headers,
      payload: {
        name: `Tags ${unique()}`,
        conditions: { all: [{ field: 'priority', op: 'is', value: ['high'] }] },
        actions: [
          { type: 'add_tags', value: ['x'] },
          { type: 'remove_tags', value: ['x'] },
        ],
      },
    });
    expect(hi.statusCode).toBe(400);
    expect(hi.json().error.code).toBe('trigger_loop');
    expect(hi.json().error.details.explanation).toContain('टैग');
    await as(admin, 'DELETE', `/api/v1/triggers/${a.id}`);
  });

  it('refuses what it cannot run, naming the field', async () => {
    const before = await countTriggers();
    const bad = async (payload: Record<string, unknown>, field: string) => {
      const res = await as(admin, 'POST', '/api/v1/triggers', {
        name: `Bad ${unique()}`,
        conditions: { all: [{ field: 'priority', op: 'is', value: ['urgent'] }] },
        actions: [{ type: 'add_tags', value: ['x'] }],
        ...payload,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(Object.keys(res.body.error.details.fields)).toContain(field);
    };
    await bad({ conditions: { all: [] } }, 'conditions.all');
    await bad({ conditions: { all: [{ field: 'custom_field', key: 'nope', op: 'is_set' }] } }, 'conditions.all.0.key');
    await bad({ conditions: { all: [{ field: 'team', op: 'is', value: [424242] }] } }, 'conditions.all.0.value');
    await bad({ conditions: { all: [{ field: 'changed', key: 'status', to: 'bogus' }] } }, 'conditions.all.0.to');
    await bad({ actions: [] }, 'actions');
    await bad({ actions: [{ type: 'set_assignee', value: 'current_user' }] }, 'actions.0.value');
    await bad({ actions: [{ type: 'notify', recipients: [], userIds: [] }] }, 'actions.0.recipients');
    await bad({ actions: [{ type: 'webhook', url: 'ftp://example.com/hook' }] }, 'actions.0.url');
    await bad({ actions: [{ type: 'webhook', url: 'file:///etc/passwd' }] }, 'actions.0.url');
    await bad({ actions: [{ type: 'webhook', url: 'http://127.0.0.1:9/hook' }] }, 'actions.0.url');
    await bad({ actions: [{ type: 'webhook', url: 'http://10.1.2.3/hook' }] }, 'actions.0.url');
    await bad({ actions: [{ type: 'webhook', url: 'http://[::1]/hook' }] }, 'actions.0.url');
    await bad({ actions: [{ type: 'webhook', url: 'http://localhost/hook' }] }, 'actions.0.url');
    await bad(
      { actions: [{ type: 'send_email', subjectEn: 'Hi', bodyEn: 'Hi {{nope}}', subjectHi: '', bodyHi: '' }] },
      'actions.0.bodyEn',
    );
    const priv = await as(admin, 'POST', '/api/v1/triggers', {
      name: `Private ${unique()}`,
      conditions: { all: [{ field: 'priority', op: 'is', value: ['urgent'] }] },
      actions: [{ type: 'webhook', url: 'http://192.168.1.10/hook' }],
    });
    expect(priv.body.error.details.fields['actions.0.url']).toMatch(/private/);
    expect(await countTriggers()).toBe(before);
  });
});

describe('side effects after the commit', () => {
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let received: typeof receiver.received;
  let url: string;

  beforeAll(async () => {
    receiver = await startWebhookReceiver('/hook');
    ({ received, url } = receiver);
  });
  afterAll(() => receiver.close());

  it('calls a webhook on a private address only when an admin allows it, checking again at call time', async () => {
    const word = `hook-${unique()}`;
    const body = {
      conditions: { all: [{ field: 'subject', op: 'contains', value: word }] },
      actions: [{ type: 'webhook', url }],
    };
    const refused = await as(admin, 'POST', '/api/v1/triggers', { name: `Hook ${unique()}`, ...body });
    expect(refused.status).toBe(400);
    expect((await as(manager, 'PATCH', '/api/v1/settings', { webhookAllowPrivateTargets: true })).status).toBe(403);
    expect((await as(admin, 'PATCH', '/api/v1/settings', { webhookAllowPrivateTargets: true })).status).toBe(200);
    const trig = await createTrigger(body);

    const ticket = await newTicket({ subject: `${word} one` });
    await t.deps.jobs.drain();
    expect(received).toHaveLength(1);
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(received[0]!.body).toMatchObject({
      event: 'trigger',
      rule: { id: trig.id, name: trig.name },
      ticket: { number: ticket.number, subject: `${word} one` },
    });

    // Switched off again: the saved trigger's call is refused when it is made.
    await as(admin, 'PATCH', '/api/v1/settings', { webhookAllowPrivateTargets: false });
    await newTicket({ subject: `${word} two` });
    await t.deps.jobs.drain();
    expect(received).toHaveLength(1);
    await as(admin, 'DELETE', `/api/v1/triggers/${trig.id}`);
  });

  it("emails the requester in their language, and notifies the team's lead", async () => {
    const team = await as(admin, 'POST', '/api/v1/teams', { name: `Team ${unique()}`, leadId, memberIds: [leadId] });
    expect(team.status, JSON.stringify(team.body)).toBe(201);
    const word = `mail-${unique()}`;
    const trig = await createTrigger({
      conditions: {
        all: [
          { field: 'update', op: 'is', value: 'created' },
          { field: 'subject', op: 'contains', value: word },
        ],
      },
      actions: [
        {
          type: 'send_email',
          subjectEn: 'We got ticket #{{ticket.number}}',
          bodyEn: 'Hello {{requester.first_name}}',
          subjectHi: 'टिकट #{{ticket.number}} मिल गया',
          bodyHi: 'नमस्ते {{requester.first_name}}, आपकी प्राथमिकता: {{ticket.priority}}',
        },
        { type: 'notify', recipients: ['team_lead'], userIds: [] },
      ],
    });
    const ticket = await newTicket({ subject: word, teamId: team.body.team.id, priority: 'urgent' }, 'hi');
    await t.deps.jobs.drain();
    const mails = (await readOutbox(t.dataDir)).filter((m) => m.subject.startsWith('टिकट #'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`टिकट #${ticket.number} मिल गया`);
    expect(mails[0]!.text).toContain('नमस्ते Ravi, आपकी प्राथमिकता: अत्यावश्यक');
    const notes = await as(lead, 'GET', '/api/v1/notifications');
    const note = (notes.body.items as { kind: string; ticketNumber: number; actor: unknown }[]).find(
      (x) => x.ticketNumber === ticket.number,
    );
    expect(note).toMatchObject({ kind: 'automation', ticketNumber: ticket.number, actor: null });
    await as(admin, 'DELETE', `/api/v1/triggers/${trig.id}`);
  });
});

describe('preview', () => {
  it('lists the unsolved tickets that match now, and how many', async () => {
    const word = `preview-${unique()}`;
    const a = await newTicket({ subject: `${word} a`, priority: 'urgent' });
    await newTicket({ subject: `${word} b`, priority: 'low' });
    const solved = await newTicket({ subject: `${word} c`, priority: 'urgent', status: 'solved' });
    const res = await as(admin, 'POST', '/api/v1/triggers/preview', {
      conditions: {
        all: [
          { field: 'subject', op: 'contains', value: word },
          { field: 'priority', op: 'is', value: ['urgent'] },
          { field: 'update', op: 'is', value: 'updated' },
        ],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.count).toBe(1);
    expect(res.body.items.map((x: { number: number }) => x.number)).toEqual([a.number]);
    expect(res.body.items.map((x: { number: number }) => x.number)).not.toContain(solved.number);
    expect(res.body.ignored).toEqual(['update']);
    expect((await as(lead, 'POST', '/api/v1/triggers/preview', { conditions: { all: [] } })).status).toBe(403);
  });
});
