// Every API route, for every role and for no session: the expected answer. A route added without an
// entry here fails the first test, so nothing ships without a decision on who may call it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSurveySettings } from '../src/feedback/settings.js';
import { surveyToken } from '../src/feedback/surveys.js';
import type { Role } from '../src/platform/context.js';
import { createTestApp, createUser, type Session, signIn, type TestApp } from './helpers.js';

type Who = Role | 'anonymous';
const everyone: Who[] = ['anonymous', 'admin', 'manager', 'lead', 'agent'];
const staff: Role[] = ['admin', 'manager', 'lead', 'agent'];

interface Case {
  /** Roles that may call it; 'public' = also without a session. */
  allowed: Role[] | 'public';
  /** Builds a valid request for this caller (fresh fixtures each time). */
  request: (who: Who) => Promise<{ url: string; payload?: unknown; headers?: Record<string, string> }>;
  /** The status an allowed caller gets. */
  ok: number;
}

let t: TestApp;
const sessions = new Map<Role, Session>();
let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;

const newTeam = async () => {
  const admin = sessions.get('admin')!;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/teams',
    headers: admin.headers,
    payload: { name: `Team ${unique()}` },
  });
  return res.json().team.id as number;
};
const ownToken = async (who: Who) => {
  const s = sessions.get(who === 'anonymous' ? 'agent' : who)!;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: s.headers,
    payload: { name: 'm', scope: 'read' },
  });
  return res.json().token.id as number;
};
const ticketBody = () => ({
  subject: `Matrix ${unique()}`,
  requester: { email: `c${unique()}@example.test` },
  message: { html: '<p>Hello</p>' },
});
/** A ticket without a team, so every staff role may see it. */
const newTicket = async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: sessions.get('admin')!.headers,
    payload: ticketBody(),
  });
  return res.json().ticket as { number: number; version: number; requester: { id: number } };
};
/** A CSAT survey sent for a new ticket, and the signed token of its link. */
const newSurveyToken = async () => {
  const tk = await newTicket();
  const now = t.deps.clock.now();
  const { id } = await t.deps.db.kysely
    .insertInto('surveys')
    .values({
      kind: 'csat',
      ticket_id: (
        await t.deps.db.kysely
          .selectFrom('tickets')
          .select('id')
          .where('number', '=', tk.number)
          .executeTakeFirstOrThrow()
      ).id,
      cycle: 0,
      customer_id: tk.requester.id,
      email: `c${unique()}@example.test`,
      locale: 'en',
      agent_id: null,
      team_id: null,
      channel: 'email',
      priority: 'normal',
      sent_at: now,
      expires_at: now + 86_400_000,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return surveyToken(t.deps.config.secretKey!, id);
};
/** An answered CSAT survey on a new ticket, with the caller as its agent (so an agent may see it). */
const answeredSurvey = async (who: Who) => {
  const tk = await newTicket();
  const now = t.deps.clock.now();
  const ticket = await t.deps.db.kysely
    .selectFrom('tickets')
    .select('id')
    .where('number', '=', tk.number)
    .executeTakeFirstOrThrow();
  const { id } = await t.deps.db.kysely
    .insertInto('surveys')
    .values({
      kind: 'csat',
      ticket_id: ticket.id,
      cycle: 0,
      customer_id: tk.requester.id,
      email: `c${unique()}@example.test`,
      locale: 'en',
      agent_id: sessions.get(who === 'anonymous' ? 'agent' : who)!.userId,
      team_id: null,
      channel: 'email',
      priority: 'normal',
      sent_at: now,
      expires_at: now + 86_400_000,
      score: 2,
      comment: 'Slow refund',
      answered_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
};
const reportBody = () => ({
  name: `Report ${unique()}`,
  definition: { metrics: ['tickets_created'], dimensions: ['team'], period: { preset: 'last_7_days' } },
  sharedRoles: ['admin', 'manager', 'lead', 'agent'],
});
/** A report the caller owns (anonymous: one of the agent's). */
const ownReport = async (who: Who) => {
  const s = sessions.get(who === 'anonymous' ? 'agent' : who)!;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/analytics/reports',
    headers: s.headers,
    payload: reportBody(),
  });
  return res.json().report.id as number;
};
/** A schedule of the caller's (agents and anonymous callers get the lead's: they are refused first). */
const ownSchedule = async (who: Who) => {
  const s = sessions.get(who === 'anonymous' || who === 'agent' ? 'lead' : who)!;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/analytics/schedules',
    headers: s.headers,
    payload: { name: `Weekly ${unique()}`, frequency: 'weekly', recipients: ['boss@example.test'] },
  });
  return res.json().schedule.id as number;
};
const calendarBody = () => ({ name: `Hours ${unique()}`, hours: [{ weekday: 1, from: '09:00', to: '17:00' }] });
const newCalendar = async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/calendars',
    headers: sessions.get('admin')!.headers,
    payload: calendarBody(),
  });
  return res.json().calendar.id as number;
};
const newOrganisation = async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/organisations',
    headers: sessions.get('admin')!.headers,
    payload: { name: `Org ${unique()}` },
  });
  return res.json().organisation.id as number;
};
const supportAddressBody = () => ({ address: `help${unique()}@example.test` });
const newSupportAddress = async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/support-addresses',
    headers: sessions.get('admin')!.headers,
    payload: supportAddressBody(),
  });
  return res.json().supportAddress.id as number;
};
/** A mailbox that is never polled (inactive), on a port nothing listens on: a test fails at once. */
const mailAccountBody = () => ({
  name: `Inbox ${unique()}`,
  host: '127.0.0.1',
  port: 1,
  security: 'none',
  username: 'matrix',
  password: 'matrix password',
  active: false,
});
const newMailAccount = async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/mail-accounts',
    headers: sessions.get('admin')!.headers,
    payload: mailAccountBody(),
  });
  return res.json().mailAccount.id as number;
};
const policyBody = () => ({ name: `SLA ${unique()}`, targets: { urgent: { firstReply: 60 } } });
const newPolicy = async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sla-policies',
    headers: sessions.get('admin')!.headers,
    payload: policyBody(),
  });
  return res.json().policy.id as number;
};
/** Every policy's id, newest first: a valid new order. */
const reversedPolicyIds = async () => {
  await newPolicy();
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/v1/sla-policies',
    headers: sessions.get('admin')!.headers,
  });
  return (res.json().items as { id: number }[]).map((p) => p.id).reverse();
};
/** A team of tier 2, once: somewhere for a ticket without a team (tier 1) to be escalated to. */
let tier2: Promise<number> | undefined;
const higherTierTeam = () => {
  tier2 ??= t.app
    .inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: sessions.get('admin')!.headers,
      payload: { name: `L2 ${unique()}`, tier: 2 },
    })
    .then((res) => res.json().team.id as number);
  return tier2;
};
const escalationRuleBody = () => ({
  name: `Rule ${unique()}`,
  conditions: { priority: ['urgent'], unassignedForMinutes: 15 },
  actions: { notifyLead: true },
});
const newEscalationRule = async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/escalation-rules',
    headers: sessions.get('admin')!.headers,
    payload: escalationRuleBody(),
  });
  return res.json().rule.id as number;
};
const reversedEscalationRuleIds = async () => {
  await newEscalationRule();
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/v1/escalation-rules',
    headers: sessions.get('admin')!.headers,
  });
  return (res.json().items as { id: number }[]).map((r) => r.id).reverse();
};
/** A shared macro (made by the admin). */
const newSharedMacro = async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/macros',
    headers: sessions.get('admin')!.headers,
    payload: { name: `Macro ${unique()}`, shared: true, replyEn: 'Hello {{requester.first_name}}' },
  });
  return res.json().macro.id as number;
};
/** A personal macro of the caller (anonymous: the agent's). */
const ownMacro = async (who: Who) => {
  const s = sessions.get(who === 'anonymous' ? 'agent' : who)!;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/macros',
    headers: s.headers,
    payload: { name: `Mine ${unique()}`, replyEn: 'Thanks' },
  });
  return res.json().macro.id as number;
};
const triggerBody = () => ({
  name: `Trigger ${unique()}`,
  conditions: { all: [{ field: 'subject', op: 'contains', value: `matrix-${unique()}` }] },
  actions: [{ type: 'add_tags', value: ['matrix'] }],
});
const newTrigger = async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/triggers',
    headers: sessions.get('admin')!.headers,
    payload: triggerBody(),
  });
  return res.json().trigger.id as number;
};
/** Every trigger's id, newest first: a valid new order. */
const reversedTriggerIds = async () => {
  await newTrigger();
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/triggers', headers: sessions.get('admin')!.headers });
  return (res.json().items as { id: number }[]).map((x) => x.id).reverse();
};
const timeRuleBody = () => ({
  name: `Time rule ${unique()}`,
  since: 'pending',
  hours: 120,
  conditions: { all: [] },
  actions: [{ type: 'add_tags', value: ['waiting'] }],
});
const newTimeRule = async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/time-rules',
    headers: sessions.get('admin')!.headers,
    payload: timeRuleBody(),
  });
  return res.json().timeRule.id as number;
};
const reversedTimeRuleIds = async () => {
  await newTimeRule();
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/time-rules', headers: sessions.get('admin')!.headers });
  return (res.json().items as { id: number }[]).map((x) => x.id).reverse();
};
const newField = async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/custom-fields',
    headers: sessions.get('admin')!.headers,
    payload: { key: `f_${unique()}`, labelEn: 'F', labelHi: 'फ़', kind: 'text' },
  });
  return res.json().field.id as number;
};
/** A personal view of the caller (anonymous callers get the agent's: they are refused before it matters). */
const ownView = async (who: Who) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/views',
    headers: sessions.get(who === 'anonymous' ? 'agent' : who)!.headers,
    payload: { name: `Mine ${unique()}`, filters: { status: ['open'] } },
  });
  return res.json().view.id as number;
};
function multipart(fileName: string, type: string, content: string) {
  const boundary = `----matrix${unique()}`;
  const payload = [
    `--${boundary}`,
    `Content-Disposition: form-data; name="file"; filename="${fileName}"`,
    `Content-Type: ${type}`,
    '',
    content,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return {
    url: '/api/v1/attachments',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A second session of the caller's own, for the caller to end. */
const ownSession = async (role: Role) => {
  const second = await signIn(t, `${role}.matrix@example.test`);
  const items = (await t.app.inject({ url: '/api/v1/auth/sessions', headers: second.headers })).json().items as {
    id: number;
    current: boolean;
  }[];
  return items.find((s) => s.current)!.id;
};

const matrix: Record<string, Case> = {
  'GET /api/v1/auth/setup': { allowed: 'public', ok: 200, request: async () => ({ url: '/api/v1/auth/setup' }) },
  'POST /api/v1/auth/setup': {
    allowed: 'public',
    ok: 409, // a user exists, so setup is done for everyone
    request: async () => ({
      url: '/api/v1/auth/setup',
      payload: { name: 'X', email: `x${unique()}@example.test`, password: 'long enough password' },
    }),
  },
  'POST /api/v1/auth/login': {
    allowed: 'public',
    ok: 200,
    request: async () => {
      const u = await createUser(t.deps);
      return { url: '/api/v1/auth/login', payload: { email: u.email, password: 'correct horse battery' } };
    },
  },
  'POST /api/v1/auth/logout': { allowed: staff, ok: 204, request: async () => ({ url: '/api/v1/auth/logout' }) },
  'GET /api/v1/auth/me': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/auth/me' }) },
  'PATCH /api/v1/auth/me': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: '/api/v1/auth/me', payload: { theme: 'dark' } }),
  },
  'POST /api/v1/auth/password': {
    allowed: staff,
    ok: 400, // wrong current password: the rule ran, which is what this row checks
    request: async () => ({
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'not the password', newPassword: 'a new long password' },
    }),
  },
  'POST /api/v1/auth/password-reset': {
    allowed: 'public',
    ok: 202,
    request: async () => ({ url: '/api/v1/auth/password-reset', payload: { email: `nobody${unique()}@example.test` } }),
  },
  'POST /api/v1/auth/password-reset/confirm': {
    allowed: 'public',
    ok: 400,
    request: async () => ({
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token: 'not-a-real-token', password: 'a new long password' },
    }),
  },
  'GET /api/v1/auth/sessions': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/auth/sessions' }) },
  'DELETE /api/v1/auth/sessions/:id': {
    allowed: staff,
    ok: 204,
    request: async (who) => ({ url: `/api/v1/auth/sessions/${who === 'anonymous' ? 1 : await ownSession(who)}` }),
  },
  'GET /api/v1/tokens': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/tokens' }) },
  'POST /api/v1/tokens': {
    allowed: staff,
    ok: 201,
    request: async () => ({ url: '/api/v1/tokens', payload: { name: 'script', scope: 'read' } }),
  },
  'DELETE /api/v1/tokens/:id': {
    allowed: staff,
    ok: 204,
    request: async (who) => ({ url: `/api/v1/tokens/${await ownToken(who)}` }),
  },
  'GET /api/v1/users': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/users' }) },
  'POST /api/v1/users': {
    allowed: ['admin'],
    ok: 201,
    request: async () => ({
      url: '/api/v1/users',
      payload: { name: 'New', email: `new${unique()}@example.test`, role: 'agent', password: 'long enough password' },
    }),
  },
  'GET /api/v1/users/:id': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/users/${(await createUser(t.deps)).id}` }),
  },
  'PATCH /api/v1/users/:id': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({ url: `/api/v1/users/${(await createUser(t.deps)).id}`, payload: { capacity: 7 } }),
  },
  'GET /api/v1/teams': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/teams' }) },
  'POST /api/v1/teams': {
    allowed: ['admin', 'manager'],
    ok: 201,
    request: async () => ({ url: '/api/v1/teams', payload: { name: `Team ${unique()}` } }),
  },
  'GET /api/v1/teams/:id': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/teams/${await newTeam()}` }),
  },
  'PATCH /api/v1/teams/:id': {
    allowed: ['admin', 'manager'],
    ok: 200,
    request: async () => ({ url: `/api/v1/teams/${await newTeam()}`, payload: { description: 'changed' } }),
  },
  'DELETE /api/v1/teams/:id': {
    allowed: ['admin', 'manager'],
    ok: 204,
    request: async () => ({ url: `/api/v1/teams/${await newTeam()}` }),
  },
  'GET /api/v1/settings': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/settings' }) },
  'PATCH /api/v1/settings': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({ url: '/api/v1/settings', payload: { companyName: 'Matrix Co' } }),
  },
  'GET /api/v1/audit-log': { allowed: ['admin'], ok: 200, request: async () => ({ url: '/api/v1/audit-log' }) },
  'GET /api/v1/customers': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/customers?q=a' }) },
  'GET /api/v1/customers/:id': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/customers/${(await newTicket()).requester.id}` }),
  },
  'GET /api/v1/tickets': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/tickets?status=new' }) },
  'POST /api/v1/tickets': {
    allowed: staff,
    ok: 201,
    request: async () => ({ url: '/api/v1/tickets', payload: ticketBody() }),
  },
  'POST /api/v1/tickets/bulk': {
    allowed: staff,
    ok: 200,
    request: async () => ({
      url: '/api/v1/tickets/bulk',
      payload: { numbers: [(await newTicket()).number], changes: { priority: 'high' } },
    }),
  },
  'GET /api/v1/tickets/:number': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/tickets/${(await newTicket()).number}` }),
  },
  'PATCH /api/v1/tickets/:number': {
    allowed: staff,
    ok: 200,
    request: async () => {
      const tk = await newTicket();
      return { url: `/api/v1/tickets/${tk.number}`, payload: { version: tk.version, priority: 'urgent' } };
    },
  },
  'GET /api/v1/tickets/:number/messages': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/tickets/${(await newTicket()).number}/messages` }),
  },
  'POST /api/v1/tickets/:number/messages': {
    allowed: staff,
    ok: 201,
    request: async () => {
      const tk = await newTicket();
      return {
        url: `/api/v1/tickets/${tk.number}/messages`,
        payload: { version: tk.version, kind: 'note', html: '<p>noted</p>' },
      };
    },
  },
  'POST /api/v1/tickets/:number/messages/:messageId/retry': {
    allowed: staff,
    ok: 200,
    request: async () => {
      // A reply whose mail failed.
      const { number } = await newTicket();
      const row = await t.deps.db.kysely
        .selectFrom('ticket_messages')
        .innerJoin('tickets', 'tickets.id', 'ticket_messages.ticket_id')
        .select('ticket_messages.id')
        .where('tickets.number', '=', number)
        .executeTakeFirstOrThrow();
      await t.deps.db.kysely
        .updateTable('ticket_messages')
        .set({ kind: 'reply', delivery_status: 'failed', delivery_error: 'refused' })
        .where('id', '=', row.id)
        .execute();
      return { url: `/api/v1/tickets/${number}/messages/${row.id}/retry` };
    },
  },
  'GET /api/v1/tickets/:number/messages/:messageId/original': {
    allowed: staff,
    ok: 200,
    request: async () => {
      // A ticket whose first message came in as mail, with its original kept.
      const { number } = await newTicket();
      const row = await t.deps.db.kysely
        .selectFrom('ticket_messages')
        .innerJoin('tickets', 'tickets.id', 'ticket_messages.ticket_id')
        .select('ticket_messages.id')
        .where('tickets.number', '=', number)
        .executeTakeFirstOrThrow();
      await t.deps.blobs.put(`mail/matrix-${row.id}.eml`, Buffer.from('Subject: hi\r\n\r\nhello\r\n'));
      await t.deps.db.kysely
        .updateTable('ticket_messages')
        .set({ eml_blob_key: `mail/matrix-${row.id}.eml` })
        .where('id', '=', row.id)
        .execute();
      return { url: `/api/v1/tickets/${number}/messages/${row.id}/original` };
    },
  },
  'GET /api/v1/tickets/:number/events': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/tickets/${(await newTicket()).number}/events` }),
  },
  'POST /api/v1/tickets/:number/merge': {
    allowed: staff,
    ok: 200,
    request: async () => ({
      url: `/api/v1/tickets/${(await newTicket()).number}/merge`,
      payload: { intoNumber: (await newTicket()).number },
    }),
  },
  'POST /api/v1/tickets/:number/followers': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/tickets/${(await newTicket()).number}/followers`, payload: {} }),
  },
  'DELETE /api/v1/tickets/:number/followers/:userId': {
    allowed: staff,
    ok: 200,
    request: async (who) => ({
      url: `/api/v1/tickets/${(await newTicket()).number}/followers/${sessions.get(who === 'anonymous' ? 'agent' : who)!.userId}`,
    }),
  },
  'POST /api/v1/attachments': {
    allowed: staff,
    ok: 201,
    request: async () => multipart('note.txt', 'text/plain', 'hello'),
  },
  'GET /api/v1/attachments/:id': {
    allowed: staff,
    ok: 200,
    request: async () => {
      // An attachment on a ticket everyone may see (an unused upload is its uploader's alone).
      const admin = sessions.get('admin')!;
      const up = multipart('a.txt', 'text/plain', 'x');
      const res = await t.app.inject({
        method: 'POST',
        url: up.url,
        headers: { ...admin.headers, ...up.headers },
        payload: up.payload,
      });
      const id = res.json().attachment.id as number;
      const tk = await newTicket();
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${tk.number}/messages`,
        headers: admin.headers,
        payload: { version: tk.version, kind: 'reply', html: 'see file', attachmentIds: [id] },
      });
      return { url: `/api/v1/attachments/${id}` };
    },
  },
  'GET /api/v1/views': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/views' }) },
  'GET /api/v1/views/counts': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/views/counts' }) },
  'POST /api/v1/views': {
    allowed: staff,
    ok: 201,
    request: async () => ({
      url: '/api/v1/views',
      payload: { name: `V ${unique()}`, filters: { priority: ['high'] } },
    }),
  },
  'PATCH /api/v1/views/:id': {
    allowed: staff,
    ok: 200,
    request: async (who) => ({ url: `/api/v1/views/${await ownView(who)}`, payload: { name: 'renamed' } }),
  },
  'DELETE /api/v1/views/:id': {
    allowed: staff,
    ok: 204,
    request: async (who) => ({ url: `/api/v1/views/${await ownView(who)}` }),
  },
  'GET /api/v1/views/:id/tickets': {
    allowed: staff,
    ok: 200,
    request: async (who) => ({ url: `/api/v1/views/${await ownView(who)}/tickets` }),
  },
  'GET /api/v1/custom-fields': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/custom-fields' }) },
  'POST /api/v1/custom-fields': {
    allowed: ['admin'],
    ok: 201,
    request: async () => ({
      url: '/api/v1/custom-fields',
      payload: { key: `f_${unique()}`, labelEn: 'Order', labelHi: 'ऑर्डर', kind: 'text' },
    }),
  },
  'PATCH /api/v1/custom-fields/:id': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({ url: `/api/v1/custom-fields/${await newField()}`, payload: { labelEn: 'Changed' } }),
  },
  'GET /api/v1/notifications': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/notifications' }) },
  // Every role may ask; the service narrows what each sees (test/analytics.test.ts).
  'GET /api/v1/analytics/query': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: '/api/v1/analytics/query?metrics=tickets_created&from=2026-01-01&to=2026-01-31' }),
  },
  'GET /api/v1/analytics/tickets': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: '/api/v1/analytics/tickets?metric=tickets_created&from=2026-01-01&to=2026-01-31' }),
  },
  'GET /api/v1/analytics/export': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: '/api/v1/analytics/export?metrics=tickets_created&from=2026-01-01&to=2026-01-31' }),
  },
  'GET /api/v1/analytics/alerts': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: '/api/v1/analytics/alerts?from=2026-01-01&to=2026-01-31' }),
  },
  // Every role may ask; an agent sees only themselves, a lead their teams (test/presence.test.ts).
  'GET /api/v1/analytics/presence': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: '/api/v1/analytics/presence?from=2026-01-01&to=2026-01-31' }),
  },
  'GET /api/v1/analytics/reports': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: '/api/v1/analytics/reports' }),
  },
  'POST /api/v1/analytics/reports': {
    allowed: staff,
    ok: 201,
    request: async () => ({ url: '/api/v1/analytics/reports', payload: reportBody() }),
  },
  'GET /api/v1/analytics/reports/:id': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/analytics/reports/${await ownReport('admin')}` }),
  },
  'PATCH /api/v1/analytics/reports/:id': {
    allowed: staff,
    ok: 200,
    request: async (who) => ({ url: `/api/v1/analytics/reports/${await ownReport(who)}`, payload: { pinned: true } }),
  },
  'DELETE /api/v1/analytics/reports/:id': {
    allowed: staff,
    ok: 204,
    request: async (who) => ({ url: `/api/v1/analytics/reports/${await ownReport(who)}` }),
  },
  'GET /api/v1/analytics/reports/:id/run': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/analytics/reports/${await ownReport('admin')}/run` }),
  },
  'GET /api/v1/analytics/reports/:id/pdf': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/analytics/reports/${await ownReport('admin')}/pdf` }),
  },
  'GET /api/v1/analytics/overview.pdf': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: '/api/v1/analytics/overview.pdf?from=2026-01-01&to=2026-01-31' }),
  },
  'GET /api/v1/analytics/schedules': {
    allowed: ['admin', 'manager', 'lead'],
    ok: 200,
    request: async () => ({ url: '/api/v1/analytics/schedules' }),
  },
  'POST /api/v1/analytics/schedules': {
    allowed: ['admin', 'manager', 'lead'],
    ok: 201,
    request: async () => ({
      url: '/api/v1/analytics/schedules',
      payload: { name: `Weekly ${unique()}`, frequency: 'weekly', recipients: ['boss@example.test'] },
    }),
  },
  'GET /api/v1/analytics/schedules/:id': {
    allowed: ['admin', 'manager', 'lead'],
    ok: 200,
    request: async (who) => ({ url: `/api/v1/analytics/schedules/${await ownSchedule(who)}` }),
  },
  'PATCH /api/v1/analytics/schedules/:id': {
    allowed: ['admin', 'manager', 'lead'],
    ok: 200,
    request: async (who) => ({ url: `/api/v1/analytics/schedules/${await ownSchedule(who)}`, payload: { hour: 9 } }),
  },
  'DELETE /api/v1/analytics/schedules/:id': {
    allowed: ['admin', 'manager', 'lead'],
    ok: 204,
    request: async (who) => ({ url: `/api/v1/analytics/schedules/${await ownSchedule(who)}` }),
  },
  'POST /api/v1/analytics/schedules/:id/send': {
    allowed: ['admin', 'manager', 'lead'],
    ok: 202,
    request: async (who) => ({ url: `/api/v1/analytics/schedules/${await ownSchedule(who)}/send`, payload: {} }),
  },
  'GET /api/v1/calendars': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/calendars' }) },
  'POST /api/v1/calendars': {
    allowed: ['admin', 'manager'],
    ok: 201,
    request: async () => ({ url: '/api/v1/calendars', payload: calendarBody() }),
  },
  'GET /api/v1/calendars/:id': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/calendars/${await newCalendar()}` }),
  },
  'PATCH /api/v1/calendars/:id': {
    allowed: ['admin', 'manager'],
    ok: 200,
    request: async () => ({ url: `/api/v1/calendars/${await newCalendar()}`, payload: { isDefault: true } }),
  },
  'DELETE /api/v1/calendars/:id': {
    allowed: ['admin', 'manager'],
    ok: 204,
    request: async () => ({ url: `/api/v1/calendars/${await newCalendar()}` }),
  },
  'GET /api/v1/organisations': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/organisations?q=a' }) },
  'GET /api/v1/organisations/tiers': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: '/api/v1/organisations/tiers' }),
  },
  'POST /api/v1/organisations': {
    allowed: ['admin', 'manager'],
    ok: 201,
    request: async () => ({ url: '/api/v1/organisations', payload: { name: `Org ${unique()}`, tier: 'gold' } }),
  },
  'GET /api/v1/organisations/:id': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/organisations/${await newOrganisation()}` }),
  },
  'PATCH /api/v1/organisations/:id': {
    allowed: ['admin', 'manager'],
    ok: 200,
    request: async () => ({ url: `/api/v1/organisations/${await newOrganisation()}`, payload: { notes: 'VIP' } }),
  },
  'DELETE /api/v1/organisations/:id': {
    allowed: ['admin', 'manager'],
    ok: 204,
    request: async () => ({ url: `/api/v1/organisations/${await newOrganisation()}` }),
  },
  'GET /api/v1/support-addresses': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({ url: '/api/v1/support-addresses' }),
  },
  'POST /api/v1/support-addresses': {
    allowed: ['admin'],
    ok: 201,
    request: async () => ({ url: '/api/v1/support-addresses', payload: supportAddressBody() }),
  },
  'GET /api/v1/support-addresses/:id': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({ url: `/api/v1/support-addresses/${await newSupportAddress()}` }),
  },
  'PATCH /api/v1/support-addresses/:id': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({ url: `/api/v1/support-addresses/${await newSupportAddress()}`, payload: { name: 'Help' } }),
  },
  // Not the default (the first one made is): deleting it is allowed.
  'DELETE /api/v1/support-addresses/:id': {
    allowed: ['admin'],
    ok: 204,
    request: async () => {
      await newSupportAddress();
      return { url: `/api/v1/support-addresses/${await newSupportAddress()}` };
    },
  },
  'GET /api/v1/mail-settings': { allowed: ['admin'], ok: 200, request: async () => ({ url: '/api/v1/mail-settings' }) },
  'PUT /api/v1/mail-settings': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({
      url: '/api/v1/mail-settings',
      payload: { host: '127.0.0.1', port: 1, security: 'none', username: null, from: 'help@matrix.example' },
    }),
  },
  'DELETE /api/v1/mail-settings': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({ url: '/api/v1/mail-settings' }),
  },
  'POST /api/v1/mail-settings/test': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({
      url: '/api/v1/mail-settings/test',
      payload: {
        to: 'admin@matrix.example',
        smtp: { host: '127.0.0.1', port: 1, security: 'none', username: null, from: 'help@matrix.example' },
      },
    }),
  },
  'GET /api/v1/mail-accounts': { allowed: ['admin'], ok: 200, request: async () => ({ url: '/api/v1/mail-accounts' }) },
  'POST /api/v1/mail-accounts': {
    allowed: ['admin'],
    ok: 201,
    request: async () => ({ url: '/api/v1/mail-accounts', payload: mailAccountBody() }),
  },
  'POST /api/v1/mail-accounts/test': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({ url: '/api/v1/mail-accounts/test', payload: mailAccountBody() }),
  },
  'GET /api/v1/mail-accounts/:id': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({ url: `/api/v1/mail-accounts/${await newMailAccount()}` }),
  },
  'PATCH /api/v1/mail-accounts/:id': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({ url: `/api/v1/mail-accounts/${await newMailAccount()}`, payload: { mailbox: 'Support' } }),
  },
  'DELETE /api/v1/mail-accounts/:id': {
    allowed: ['admin'],
    ok: 204,
    request: async () => ({ url: `/api/v1/mail-accounts/${await newMailAccount()}` }),
  },
  'POST /api/v1/mail-accounts/:id/test': {
    allowed: ['admin'],
    ok: 200,
    request: async () => ({ url: `/api/v1/mail-accounts/${await newMailAccount()}/test`, payload: {} }),
  },
  'GET /api/v1/sla/at-risk': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/sla/at-risk' }) },
  'GET /api/v1/sla-policies': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/sla-policies' }) },
  'POST /api/v1/sla-policies': {
    allowed: ['admin', 'manager'],
    ok: 201,
    request: async () => ({ url: '/api/v1/sla-policies', payload: policyBody() }),
  },
  'POST /api/v1/sla-policies/reorder': {
    allowed: ['admin', 'manager'],
    ok: 200,
    request: async () => ({ url: '/api/v1/sla-policies/reorder', payload: { ids: await reversedPolicyIds() } }),
  },
  'GET /api/v1/sla-policies/:id': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/sla-policies/${await newPolicy()}` }),
  },
  'PATCH /api/v1/sla-policies/:id': {
    allowed: ['admin', 'manager'],
    ok: 200,
    request: async () => ({ url: `/api/v1/sla-policies/${await newPolicy()}`, payload: { active: false } }),
  },
  'DELETE /api/v1/sla-policies/:id': {
    allowed: ['admin', 'manager'],
    ok: 204,
    request: async () => ({ url: `/api/v1/sla-policies/${await newPolicy()}` }),
  },
  'POST /api/v1/tickets/:number/escalate': {
    allowed: staff,
    ok: 200,
    request: async () => {
      await higherTierTeam();
      const tk = await newTicket();
      return { url: `/api/v1/tickets/${tk.number}/escalate`, payload: { version: tk.version, reason: 'Needs L2' } };
    },
  },
  'GET /api/v1/escalations': {
    allowed: ['admin', 'manager', 'lead'],
    ok: 200,
    request: async () => ({ url: '/api/v1/escalations' }),
  },
  'GET /api/v1/escalation-rules': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: '/api/v1/escalation-rules' }),
  },
  'POST /api/v1/escalation-rules': {
    allowed: ['admin', 'manager'],
    ok: 201,
    request: async () => ({ url: '/api/v1/escalation-rules', payload: escalationRuleBody() }),
  },
  'POST /api/v1/escalation-rules/reorder': {
    allowed: ['admin', 'manager'],
    ok: 200,
    request: async () => ({
      url: '/api/v1/escalation-rules/reorder',
      payload: { ids: await reversedEscalationRuleIds() },
    }),
  },
  'GET /api/v1/escalation-rules/:id': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/escalation-rules/${await newEscalationRule()}` }),
  },
  'PATCH /api/v1/escalation-rules/:id': {
    allowed: ['admin', 'manager'],
    ok: 200,
    request: async () => ({ url: `/api/v1/escalation-rules/${await newEscalationRule()}`, payload: { active: false } }),
  },
  'DELETE /api/v1/escalation-rules/:id': {
    allowed: ['admin', 'manager'],
    ok: 204,
    request: async () => ({ url: `/api/v1/escalation-rules/${await newEscalationRule()}` }),
  },
  'GET /api/v1/macros': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/macros' }) },
  'POST /api/v1/macros': {
    allowed: staff,
    ok: 201,
    request: async () => ({ url: '/api/v1/macros', payload: { name: `Mine ${unique()}`, replyEn: 'Hi' } }),
  },
  'GET /api/v1/macros/:id': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: `/api/v1/macros/${await newSharedMacro()}` }),
  },
  // Personal macros: each caller changes their own (shared ones: admins and managers, see macros.test.ts).
  'PATCH /api/v1/macros/:id': {
    allowed: staff,
    ok: 200,
    request: async (who) => ({ url: `/api/v1/macros/${await ownMacro(who)}`, payload: { description: 'd' } }),
  },
  'DELETE /api/v1/macros/:id': {
    allowed: staff,
    ok: 204,
    request: async (who) => ({ url: `/api/v1/macros/${await ownMacro(who)}` }),
  },
  'POST /api/v1/tickets/:number/macros/:id/preview': {
    allowed: staff,
    ok: 200,
    request: async () => ({
      url: `/api/v1/tickets/${(await newTicket()).number}/macros/${await newSharedMacro()}/preview`,
    }),
  },
  'POST /api/v1/tickets/:number/macros/:id/apply': {
    allowed: staff,
    ok: 200,
    request: async () => {
      const ticket = await newTicket();
      return {
        url: `/api/v1/tickets/${ticket.number}/macros/${await newSharedMacro()}/apply`,
        payload: { version: ticket.version },
      };
    },
  },
  // Triggers and time rules: leads read them, admins and managers change them.
  'GET /api/v1/triggers': {
    allowed: ['admin', 'manager', 'lead'],
    ok: 200,
    request: async () => ({ url: '/api/v1/triggers' }),
  },
  'POST /api/v1/triggers': {
    allowed: ['admin', 'manager'],
    ok: 201,
    request: async () => ({ url: '/api/v1/triggers', payload: triggerBody() }),
  },
  'POST /api/v1/triggers/reorder': {
    allowed: ['admin', 'manager'],
    ok: 200,
    request: async () => ({ url: '/api/v1/triggers/reorder', payload: { ids: await reversedTriggerIds() } }),
  },
  'POST /api/v1/triggers/preview': {
    allowed: ['admin', 'manager'],
    ok: 200,
    request: async () => ({
      url: '/api/v1/triggers/preview',
      payload: { conditions: { all: [{ field: 'priority', op: 'is', value: ['urgent'] }] } },
    }),
  },
  'GET /api/v1/triggers/:id': {
    allowed: ['admin', 'manager', 'lead'],
    ok: 200,
    request: async () => ({ url: `/api/v1/triggers/${await newTrigger()}` }),
  },
  'PATCH /api/v1/triggers/:id': {
    allowed: ['admin', 'manager'],
    ok: 200,
    request: async () => ({ url: `/api/v1/triggers/${await newTrigger()}`, payload: { active: false } }),
  },
  'DELETE /api/v1/triggers/:id': {
    allowed: ['admin', 'manager'],
    ok: 204,
    request: async () => ({ url: `/api/v1/triggers/${await newTrigger()}` }),
  },
  'GET /api/v1/time-rules': {
    allowed: ['admin', 'manager', 'lead'],
    ok: 200,
    request: async () => ({ url: '/api/v1/time-rules' }),
  },
  'POST /api/v1/time-rules': {
    allowed: ['admin', 'manager'],
    ok: 201,
    request: async () => ({ url: '/api/v1/time-rules', payload: timeRuleBody() }),
  },
  'POST /api/v1/time-rules/reorder': {
    allowed: ['admin', 'manager'],
    ok: 200,
    request: async () => ({ url: '/api/v1/time-rules/reorder', payload: { ids: await reversedTimeRuleIds() } }),
  },
  'GET /api/v1/time-rules/:id': {
    allowed: ['admin', 'manager', 'lead'],
    ok: 200,
    request: async () => ({ url: `/api/v1/time-rules/${await newTimeRule()}` }),
  },
  'PATCH /api/v1/time-rules/:id': {
    allowed: ['admin', 'manager'],
    ok: 200,
    request: async () => ({ url: `/api/v1/time-rules/${await newTimeRule()}`, payload: { hours: 48 } }),
  },
  'DELETE /api/v1/time-rules/:id': {
    allowed: ['admin', 'manager'],
    ok: 204,
    request: async () => ({ url: `/api/v1/time-rules/${await newTimeRule()}` }),
  },
  'GET /api/v1/analytics/metrics': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: '/api/v1/analytics/metrics' }),
  },
  'POST /api/v1/notifications/read': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: '/api/v1/notifications/read', payload: { all: true } }),
  },
  'GET /api/v1/notifications/preferences': {
    allowed: staff,
    ok: 200,
    request: async () => ({ url: '/api/v1/notifications/preferences' }),
  },
  'PUT /api/v1/notifications/preferences': {
    allowed: staff,
    ok: 200,
    request: async () => ({
      url: '/api/v1/notifications/preferences',
      payload: { items: [{ kind: 'mentioned', inApp: true, email: false }] },
    }),
  },
  'GET /api/v1/survey-settings': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/survey-settings' }) },
  'PUT /api/v1/survey-settings': {
    allowed: ['admin', 'manager'],
    ok: 200,
    request: async () => ({ url: '/api/v1/survey-settings', payload: defaultSurveySettings }),
  },
  'GET /api/v1/feedback': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/feedback' }) },
  'GET /api/v1/feedback/themes': { allowed: staff, ok: 200, request: async () => ({ url: '/api/v1/feedback/themes' }) },
  'PATCH /api/v1/feedback/:id': {
    allowed: ['admin', 'manager', 'lead'],
    ok: 200,
    request: async (who) => ({ url: `/api/v1/feedback/${await answeredSurvey(who)}`, payload: { tags: ['matrix'] } }),
  },
  'POST /api/v1/feedback/:id/follow-up': {
    allowed: ['admin', 'manager', 'lead'],
    ok: 201,
    request: async (who) => ({
      url: `/api/v1/feedback/${await answeredSurvey(who)}/follow-up`,
      payload: { subject: 'Following up', html: '<p>Hi</p>' },
    }),
  },
  // No product team address or webhook in the matrix's settings: an allowed caller gets 409.
  'POST /api/v1/feedback/:id/forward': {
    allowed: ['admin', 'manager', 'lead'],
    ok: 409,
    request: async (who) => ({ url: `/api/v1/feedback/${await answeredSurvey(who)}/forward`, payload: {} }),
  },
  // The survey page: public, the signed link is the only key.
  'GET /api/v1/surveys/:token': {
    allowed: 'public',
    ok: 200,
    request: async () => ({ url: `/api/v1/surveys/${await newSurveyToken()}` }),
  },
  'POST /api/v1/surveys/:token/answer': {
    allowed: 'public',
    ok: 200,
    request: async () => ({ url: `/api/v1/surveys/${await newSurveyToken()}/answer`, payload: { score: 5 } }),
  },
  'POST /api/v1/surveys/:token/opt-out': {
    allowed: 'public',
    ok: 200,
    request: async () => ({ url: `/api/v1/surveys/${await newSurveyToken()}/opt-out` }),
  },
  // A plain GET (no Upgrade) to the WebSocket route: authorisation runs before the upgrade.
  'GET /api/v1/live': { allowed: staff, ok: 404, request: async () => ({ url: '/api/v1/live' }) },
  // The customer portal: public to the staff hook, guarded by the portal's own session, which no
  // staff session stands in for (every caller here has none: 401).
  'GET /api/v1/portal/company': {
    allowed: 'public',
    ok: 200,
    request: async () => ({ url: '/api/v1/portal/company' }),
  },
  'POST /api/v1/portal/sign-in': {
    allowed: 'public',
    ok: 202,
    request: async () => ({ url: '/api/v1/portal/sign-in', payload: { email: `nobody${unique()}@example.test` } }),
  },
  'POST /api/v1/portal/verify': {
    allowed: 'public',
    ok: 400,
    request: async () => ({ url: '/api/v1/portal/verify', payload: { token: 'not-a-real-token' } }),
  },
  'GET /api/v1/portal/me': { allowed: 'public', ok: 401, request: async () => ({ url: '/api/v1/portal/me' }) },
  'PATCH /api/v1/portal/me': {
    allowed: 'public',
    ok: 401,
    request: async () => ({ url: '/api/v1/portal/me', payload: { locale: 'hi' } }),
  },
  'POST /api/v1/portal/sign-out': {
    allowed: 'public',
    ok: 401,
    request: async () => ({ url: '/api/v1/portal/sign-out' }),
  },
  'GET /api/v1/portal/tickets': {
    allowed: 'public',
    ok: 401,
    request: async () => ({ url: '/api/v1/portal/tickets' }),
  },
  'POST /api/v1/portal/tickets': {
    allowed: 'public',
    ok: 401,
    request: async () => ({ url: '/api/v1/portal/tickets', payload: { subject: 'x', text: 'y' } }),
  },
  'GET /api/v1/portal/tickets/:number': {
    allowed: 'public',
    ok: 401,
    request: async () => ({ url: `/api/v1/portal/tickets/${(await newTicket()).number}` }),
  },
  'POST /api/v1/portal/tickets/:number/messages': {
    allowed: 'public',
    ok: 401,
    request: async () => ({
      url: `/api/v1/portal/tickets/${(await newTicket()).number}/messages`,
      payload: { text: 'y' },
    }),
  },
  'GET /api/v1/portal/attachments/:id': {
    allowed: 'public',
    ok: 401,
    request: async () => ({ url: '/api/v1/portal/attachments/1' }),
  },
  'POST /api/v1/portal/contact': {
    allowed: 'public',
    ok: 202,
    // The honeypot filled: the same 202 as a real message, without using up the IP's hourly allowance.
    request: async () => ({
      url: '/api/v1/portal/contact',
      payload: { name: 'X', email: `x${unique()}@example.test`, subject: 'S', message: 'M', website: 'spam' },
    }),
  },
};

beforeAll(async () => {
  t = await createTestApp();
  for (const role of staff) {
    const user = await createUser(t.deps, { role, email: `${role}.matrix@example.test` });
    sessions.set(role, await signIn(t, user.email));
  }
});
afterAll(() => t.close());

describe('role matrix', () => {
  it('has an entry for every API route, and no entry for a route that does not exist', () => {
    const routes = t.app.routeList.map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !(r in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((k) => !routes.includes(k))).toEqual([]);
  });

  for (const [key, c] of Object.entries(matrix)) {
    const [method] = key.split(' ') as [string, string];
    for (const who of everyone) {
      const allowed = c.allowed === 'public' || (who !== 'anonymous' && c.allowed.includes(who));
      const expected = allowed ? c.ok : who === 'anonymous' ? 401 : 403;
      it(`${key} as ${who} → ${expected}`, async () => {
        const { url, payload, headers } = await c.request(who);
        const session = who === 'anonymous' ? undefined : sessions.get(who)!;
        const res = await t.app.inject({
          method: method as 'GET',
          url,
          headers: { ...(session?.headers ?? {}), ...headers },
          ...(payload !== undefined ? { payload: payload as object } : {}),
        });
        expect(res.statusCode, `${key} as ${who}: ${res.body}`).toBe(expected);
        // Logging out ends the shared session: sign that role in again for the next rows.
        if (key === 'POST /api/v1/auth/logout' && session && res.statusCode === 204) {
          const email = `${who}.matrix@example.test`;
          sessions.set(who as Role, await signIn(t, email));
        }
      });
    }
  }
});
