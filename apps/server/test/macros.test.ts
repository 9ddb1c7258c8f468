// Macros through the API: who may see, apply and change which (shared and personal), a valid macro
// stored and read back, an unknown placeholder refused by name, the preview in the requester's
// language writing nothing, and applying one as one command: the reply, the changes, the event and
// the usage count together, or none of them (a failing action, a stale version).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/platform/context.js';
import { createTestApp, createUser, type Session, signIn, type TestApp } from './helpers.js';

let t: TestApp;
let admin: Session;
let manager: Session;
let agent: Session;
let otherAgent: Session;
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
  return signIn(t, u.email);
}

const countMacros = async () =>
  Number(
    (
      await t.deps.db.kysely
        .selectFrom('macros')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A ticket without a team (every agent sees it), its requester speaking `locale`. */
async function newTicket(locale: 'en' | 'hi' = 'en', requesterName = 'Priya Sharma') {
  const res = await as(admin, 'POST', '/api/v1/tickets', {
    subject: `Refund for order ${unique()}`,
    requester: { email: `cust${unique()}@example.test`, name: requesterName },
    message: { html: '<p>Where is my refund?</p>' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await t.deps.db.kysely
    .updateTable('customers')
    .set({ locale })
    .where('id', '=', res.body.ticket.requester.id)
    .execute();
  return res.body.ticket as { number: number; version: number; status: string; priority: string };
}

const refundMacro = () => ({
  name: `Refund issued ${unique()}`,
  description: 'Tell the requester the refund is on its way and wait for them',
  shared: true,
  actions: [
    { type: 'set_status', value: 'pending' },
    { type: 'set_priority', value: 'high' },
    { type: 'add_tags', value: ['Refund Issued'] },
    { type: 'set_assignee', value: 'current_user' },
  ],
  replyEn: 'Hello {{requester.first_name}}, your refund for ticket #{{ticket.number}} is on its way. — {{agent.name}}',
  replyHi:
    'नमस्ते {{ requester.first_name }}, टिकट #{{ticket.number}} का आपका रिफ़ंड भेज दिया गया है। — {{agent.first_name}}',
});

beforeAll(async () => {
  t = await createTestApp();
  admin = await user('admin', 'Anil Admin');
  manager = await user('manager', 'Meera Manager');
  agent = await user('agent', 'Kavya Iyer');
  otherAgent = await user('agent', 'Arjun Singh');
}, 60_000);
afterAll(() => t.close());

describe('macros', () => {
  it('refuses callers without a session (401) and agents who write shared macros (403), writing nothing', async () => {
    const tk = await newTicket();
    expect((await as(null, 'GET', '/api/v1/macros')).status).toBe(401);
    expect((await as(null, 'POST', '/api/v1/macros', refundMacro())).status).toBe(401);
    expect((await as(null, 'POST', `/api/v1/tickets/${tk.number}/macros/1/preview`)).status).toBe(401);
    expect((await as(null, 'POST', `/api/v1/tickets/${tk.number}/macros/1/apply`, { version: 1 })).status).toBe(401);
    const res = await as(agent, 'POST', '/api/v1/macros', refundMacro());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(await countMacros()).toBe(0);
  });

  it('stores a shared macro, shows it to every agent with its usage, and audits it', async () => {
    const body = refundMacro();
    const res = await as(manager, 'POST', '/api/v1/macros', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const macro = res.body.macro;
    expect(macro).toMatchObject({
      name: body.name,
      shared: true,
      ownerId: null,
      replyKind: 'public',
      active: true,
      usageCount: 0,
      lastUsedAt: null,
      editable: true,
      createdBy: { name: 'Meera Manager' },
    });
    // Tags as tickets store them.
    expect(macro.actions[2]).toEqual({ type: 'add_tags', value: ['refund-issued'] });
    const seen = await as(agent, 'GET', '/api/v1/macros');
    expect(seen.status).toBe(200);
    const mine = seen.body.items.find((m: { id: number }) => m.id === macro.id);
    expect(mine).toMatchObject({ name: body.name, usageCount: 0, editable: false });
    expect(seen.body.placeholders).toContain('requester.first_name');
    expect((await as(agent, 'GET', `/api/v1/macros/${macro.id}`)).body.macro.id).toBe(macro.id);

    const renamed = await as(admin, 'PATCH', `/api/v1/macros/${macro.id}`, { description: 'Refund sent' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.macro.description).toBe('Refund sent');
    const audit = await as(admin, 'GET', '/api/v1/audit-log?entityType=macro');
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['macro.updated', 'macro.created']);
    expect(audit.body.items[0].after.description).toBe('Refund sent');
  });

  it('keeps personal macros to their owner: others neither see nor change them; agents cannot touch shared ones', async () => {
    const own = await as(agent, 'POST', '/api/v1/macros', {
      name: 'My sign-off',
      replyEn: 'Thanks, {{agent.first_name}}',
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const id = own.body.macro.id as number;
    expect(own.body.macro).toMatchObject({ shared: false, ownerId: agent.userId, editable: true });
    expect((await as(agent, 'PATCH', `/api/v1/macros/${id}`, { replyHi: 'धन्यवाद, {{agent.first_name}}' })).status).toBe(
      200,
    );

    // Another agent, and even an admin, do not see it: 404, never 403.
    for (const s of [otherAgent, admin]) {
      expect((await as(s, 'GET', `/api/v1/macros/${id}`)).body.error.code).toBe('macro_not_found');
      expect((await as(s, 'PATCH', `/api/v1/macros/${id}`, { name: 'Taken over' })).status).toBe(404);
      expect((await as(s, 'DELETE', `/api/v1/macros/${id}`)).status).toBe(404);
      const list = await as(s, 'GET', '/api/v1/macros');
      expect(list.body.items.map((m: { id: number }) => m.id)).not.toContain(id);
    }
    // Nor may they apply it.
    const tk = await newTicket();
    expect((await as(otherAgent, 'POST', `/api/v1/tickets/${tk.number}/macros/${id}/preview`)).status).toBe(404);

    // An agent cannot share a macro, nor change or delete a shared one.
    expect((await as(agent, 'PATCH', `/api/v1/macros/${id}`, { shared: true })).status).toBe(403);
    const shared = (await as(manager, 'POST', '/api/v1/macros', { ...refundMacro() })).body.macro;
    expect((await as(agent, 'PATCH', `/api/v1/macros/${shared.id}`, { name: 'Mine now' })).status).toBe(403);
    expect((await as(agent, 'DELETE', `/api/v1/macros/${shared.id}`)).status).toBe(403);
    expect((await as(agent, 'GET', `/api/v1/macros/${shared.id}`)).body.macro.name).toBe(shared.name);

    // Scopes filter the list.
    const personal = await as(agent, 'GET', '/api/v1/macros?scope=personal');
    expect(personal.body.items.map((m: { id: number }) => m.id)).toEqual([id]);

    expect((await as(agent, 'DELETE', `/api/v1/macros/${id}`)).status).toBe(204);
    expect((await as(agent, 'GET', `/api/v1/macros/${id}`)).status).toBe(404);
  });

  it('refuses an unknown placeholder on save, naming it, and writes no row', async () => {
    const before = await countMacros();
    const res = await as(manager, 'POST', '/api/v1/macros', {
      ...refundMacro(),
      replyHi: 'नमस्ते {{requester.firstname}}, {{ ticket.number }}',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.details.fields)).toEqual(['replyHi']);
    expect(res.body.error.details.placeholders).toEqual({ replyHi: ['requester.firstname'] });
    expect(res.body.error.details.allowed).toContain('requester.first_name');
    expect(await countMacros()).toBe(before);

    // On a change as well as on create.
    const id = (await as(manager, 'POST', '/api/v1/macros', refundMacro())).body.macro.id;
    const patch = await as(manager, 'PATCH', `/api/v1/macros/${id}`, { replyEn: 'Dear {{customer.name}}' });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details.fields.replyEn).toBeDefined();
    expect(patch.body.error.details.placeholders).toEqual({ replyEn: ['customer.name'] });
    expect((await as(manager, 'GET', `/api/v1/macros/${id}`)).body.macro.replyEn).toBe(refundMacro().replyEn);
  });

  it('refuses other bad macros with the field that is wrong', async () => {
    const before = await countMacros();
    const base = { name: `Bad ${unique()}`, replyEn: 'Hello' };
    const cases: [object, string][] = [
      [{ ...base, name: '  ' }, 'name'],
      [{ name: 'Nothing to do' }, 'actions'],
      [{ ...base, actions: [{ type: 'set_status', value: 'closed' }] }, 'actions.0.value'],
      [{ ...base, actions: [{ type: 'set_team', value: 99_999 }] }, 'actions.0.value'],
      [{ ...base, actions: [{ type: 'set_assignee', value: 99_999 }] }, 'actions.0.value'],
      [{ ...base, actions: [{ type: 'set_field', key: 'no_such_field', value: 'x' }] }, 'actions.0.key'],
      [
        {
          ...base,
          actions: [
            { type: 'set_priority', value: 'low' },
            { type: 'set_priority', value: 'high' },
          ],
        },
        'actions.1',
      ],
      [{ ...base, replyKind: 'shout' }, 'replyKind'],
    ];
    for (const [payload, field] of cases) {
      const res = await as(agent, 'POST', '/api/v1/macros', payload);
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(res.body.error.details.fields), JSON.stringify(payload)).toContain(field);
    }
    expect(await countMacros()).toBe(before);
  });

  it('keeps names unique within a scope (shared, or one agent’s own), not across them', async () => {
    const name = `Greeting ${unique()}`;
    expect((await as(manager, 'POST', '/api/v1/macros', { name, shared: true, replyEn: 'Hi' })).status).toBe(201);
    const again = await as(admin, 'POST', '/api/v1/macros', { name: name.toUpperCase(), shared: true, replyEn: 'Hi' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('macro_name_taken');
    expect((await as(agent, 'POST', '/api/v1/macros', { name, replyEn: 'Hi' })).status).toBe(201);
    expect((await as(otherAgent, 'POST', '/api/v1/macros', { name, replyEn: 'Hi' })).status).toBe(201);
    expect((await as(agent, 'POST', '/api/v1/macros', { name, replyEn: 'Hi' })).status).toBe(409);
  });

  it('previews in the requester’s language, with the changes it would make, writing nothing', async () => {
    const macro = (await as(manager, 'POST', '/api/v1/macros', refundMacro())).body.macro;
    const tk = await newTicket('hi', 'Ravi Kumar');
    const events = (await as(agent, 'GET', `/api/v1/tickets/${tk.number}/events`)).body.items.length;
    const res = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/macros/${macro.id}/preview`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      macro: { id: macro.id, name: macro.name },
      locale: 'hi',
      reply: { kind: 'public', text: `नमस्ते Ravi, टिकट #${tk.number} का आपका रिफ़ंड भेज दिया गया है। — Kavya` },
      ticketVersion: tk.version,
    });
    expect(res.body.changes).toEqual([
      { field: 'status', from: 'new', to: 'pending' },
      { field: 'priority', from: 'normal', to: 'high' },
      { field: 'assignee', from: null, to: agent.userId, fromName: null, toName: 'Kavya Iyer' },
      { field: 'tags', from: [], to: ['refund-issued'] },
    ]);
    // English on request.
    const en = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/macros/${macro.id}/preview?locale=en`);
    expect(en.body.reply.text).toBe(`Hello Ravi, your refund for ticket #${tk.number} is on its way. — Kavya Iyer`);
    // Nothing changed.
    const after = await as(agent, 'GET', `/api/v1/tickets/${tk.number}`);
    expect(after.body.ticket).toMatchObject({ version: tk.version, status: 'new', priority: 'normal', tags: [] });
    expect((await as(agent, 'GET', `/api/v1/tickets/${tk.number}/events`)).body.items).toHaveLength(events);
    expect((await as(agent, 'GET', `/api/v1/macros/${macro.id}`)).body.macro.usageCount).toBe(0);
  });

  it('applies as one change: reply, fields, event and usage count; a stale version gets 409', async () => {
    const macro = (await as(manager, 'POST', '/api/v1/macros', refundMacro())).body.macro;
    const tk = await newTicket('hi', 'Ravi Kumar');

    const stale = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/macros/${macro.id}/apply`, {
      version: tk.version + 5,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');

    const res = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/macros/${macro.id}/apply`, {
      version: tk.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.message).toMatchObject({
      kind: 'reply',
      author: { type: 'user', id: agent.userId },
      text: `नमस्ते Ravi, टिकट #${tk.number} का आपका रिफ़ंड भेज दिया गया है। — Kavya`,
    });
    expect(res.body.ticket).toMatchObject({
      status: 'pending',
      priority: 'high',
      tags: ['refund-issued'],
      assignee: { id: agent.userId },
    });
    expect(res.body.ticket.version).toBe(tk.version + 1);
    const events = (await as(agent, 'GET', `/api/v1/tickets/${tk.number}/events`)).body.items as {
      type: string;
      version: number;
      data: Record<string, unknown>;
    }[];
    const mine = events.filter((e) => e.version === tk.version + 1).map((e) => e.type);
    expect(mine).toEqual(
      expect.arrayContaining(['macro_applied', 'public_reply', 'status_changed', 'priority_changed', 'assigned']),
    );
    expect(events.find((e) => e.type === 'macro_applied')!.data).toEqual({ macroId: macro.id, name: macro.name });
    const used = (await as(agent, 'GET', '/api/v1/macros')).body.items.find((m: { id: number }) => m.id === macro.id);
    expect(used.usageCount).toBe(1);
    expect(used.lastUsedAt).not.toBeNull();
  });

  it('sends the agent’s edited reply, or none, and an internal note for an internal macro', async () => {
    const note = (
      await as(manager, 'POST', '/api/v1/macros', {
        name: `Escalate ${unique()}`,
        shared: true,
        replyKind: 'internal',
        replyEn: 'Escalated by {{agent.name}} on {{ticket.priority}} priority',
        actions: [{ type: 'set_priority', value: 'urgent' }],
      })
    ).body.macro;
    const tk = await newTicket('en');
    const edited = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/macros/${note.id}/apply`, {
      version: tk.version,
      reply: 'Escalated, see {{requester.email}} history. <b>Not HTML</b>',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.message.kind).toBe('note');
    expect(edited.body.message.text).toMatch(/^Escalated, see cust.*@example\.test history\. <b>Not HTML<\/b>$/);
    expect(edited.body.message.html).toContain('&lt;b&gt;');
    // A note is not a first reply: the ticket stays new.
    expect(edited.body.ticket.status).toBe('new');

    const none = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/macros/${note.id}/apply`, {
      version: edited.body.ticket.version,
      reply: '',
    });
    expect(none.status).toBe(200);
    expect(none.body.message).toBeNull();

    const typo = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/macros/${note.id}/apply`, {
      version: none.body.ticket.version,
      reply: 'Hi {{requster.name}}',
    });
    expect(typo.status).toBe(400);
    expect(typo.body.error.details.placeholders).toEqual({ reply: ['requster.name'] });
  });

  it('leaves nothing behind when an action fails: no reply, no change, no use counted', async () => {
    const field = await as(admin, 'POST', '/api/v1/custom-fields', {
      key: `order_ref_${n}`,
      labelEn: 'Order reference',
      labelHi: 'ऑर्डर संदर्भ',
      kind: 'text',
      requiredOnSolve: true,
    });
    expect(field.status).toBe(201);
    const macro = (
      await as(manager, 'POST', '/api/v1/macros', {
        name: `Solve ${unique()}`,
        shared: true,
        replyEn: 'Solved, {{requester.first_name}}.',
        actions: [
          { type: 'set_priority', value: 'low' },
          { type: 'set_status', value: 'solved' },
        ],
      })
    ).body.macro;
    const tk = await newTicket('en');
    // The preview already tells: solving needs the field.
    const preview = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/macros/${macro.id}/preview`);
    expect(preview.status).toBe(400);
    const res = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/macros/${macro.id}/apply`, {
      version: tk.version,
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.details.fields)).toEqual([`fields.${field.body.field.key}`]);
    const after = (await as(agent, 'GET', `/api/v1/tickets/${tk.number}`)).body.ticket;
    expect(after).toMatchObject({ version: tk.version, status: 'new', priority: 'normal', messageCount: 1 });
    const msgs = (await as(agent, 'GET', `/api/v1/tickets/${tk.number}/messages`)).body.items;
    expect(msgs).toHaveLength(1);
    const events = (await as(agent, 'GET', `/api/v1/tickets/${tk.number}/events`)).body.items;
    expect(events.map((e: { type: string }) => e.type)).not.toContain('macro_applied');
    expect((await as(agent, 'GET', `/api/v1/macros/${macro.id}`)).body.macro).toMatchObject({
      usageCount: 0,
      lastUsedAt: null,
    });
    await as(admin, 'PATCH', `/api/v1/custom-fields/${field.body.field.id}`, { active: false });
  });

  it('shows and makes the move a first public reply makes: a new ticket opens', async () => {
    const greet = (
      await as(manager, 'POST', '/api/v1/macros', {
        name: `Greet ${unique()}`,
        shared: true,
        replyEn: 'Hello {{requester.name}} of {{organisation.name}}, {{team.name}} here.',
      })
    ).body.macro;
    const tk = await newTicket('en', 'Asha Rao');
    const preview = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/macros/${greet.id}/preview`);
    expect(preview.body.changes).toEqual([{ field: 'status', from: 'new', to: 'open' }]);
    // No organisation, no team: those placeholders are left empty.
    expect(preview.body.reply.text).toBe('Hello Asha Rao of ,  here.');
    const applied = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/macros/${greet.id}/apply`, {
      version: preview.body.ticketVersion,
    });
    expect(applied.body.ticket.status).toBe('open');
    expect(applied.body.message.text).toBe('Hello Asha Rao of ,  here.');
  });

  it('does not offer or apply a switched-off macro', async () => {
    const macro = (await as(manager, 'POST', '/api/v1/macros', { ...refundMacro(), active: false })).body.macro;
    const tk = await newTicket();
    const res = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/macros/${macro.id}/apply`, {
      version: tk.version,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('macro_inactive');
    const offered = await as(agent, 'GET', '/api/v1/macros?active=true');
    expect(offered.body.items.map((m: { id: number }) => m.id)).not.toContain(macro.id);
  });
});
