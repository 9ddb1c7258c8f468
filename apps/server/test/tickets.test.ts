// Tickets over HTTP: create, read, change, answer, merge, bulk, views, attachments, visibility,
// assignment and notifications — with the bad inputs the issue names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/platform/context.js';
import { closeSolvedTickets } from '../src/tickets/commands.js';
import { createTestApp, createUser, readOutbox, type Session, signIn, type TestApp } from './helpers.js';

let t: TestApp;
let admin: Session;
let agent: Session;
let otherAgent: Session;
let teamA: number;
let teamB: number;
let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;

async function as(s: Session, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: { ...s.headers, ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: res.body ? res.json() : {}, raw: res };
}

async function user(role: Role, name?: string) {
  const u = await createUser(t.deps, { role, ...(name ? { name } : {}) });
  return { user: u, session: await signIn(t, u.email) };
}

function ticketBody() {
  return {
    subject: `Order ${unique()} arrived broken`,
    requester: { email: `cust${unique()}@example.test`, name: 'Kiran' },
    message: { html: '<p>The bat is <b>cracked</b>.</p><script>alert(1)</script>' },
  };
}

async function newTicket(s: Session, extra: Record<string, unknown> = {}) {
  const res = await as(s, 'POST', '/api/v1/tickets', { ...ticketBody(), ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ticket;
}

function multipart(fileName: string, content: Buffer | string, type = 'text/plain') {
  const boundary = `----t${unique()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

beforeAll(async () => {
  t = await createTestApp({ env: { ATTACHMENT_MAX_MB: '1' } });
  admin = (await user('admin')).session;
  agent = (await user('agent', 'Kavya Iyer')).session;
  otherAgent = (await user('agent', 'Arjun Singh')).session;
  teamA = (await as(admin, 'POST', '/api/v1/teams', { name: `A ${unique()}`, memberIds: [agent.userId] })).body.team.id;
  teamB = (await as(admin, 'POST', '/api/v1/teams', { name: `B ${unique()}`, memberIds: [otherAgent.userId] })).body
    .team.id;
});
afterAll(() => t.close());

describe('tickets', () => {
  it('refuses anonymous callers before validating', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', payload: {} });
    expect(res.statusCode).toBe(401);
  });

  it('creates a ticket with a human number, a sanitised first message and its events', async () => {
    const a = await newTicket(agent);
    const b = await newTicket(agent);
    expect(b.number).toBe(a.number + 1);
    expect(a.status).toBe('new');
    expect(a.version).toBe(1);
    const msgs = await as(agent, 'GET', `/api/v1/tickets/${a.number}/messages`);
    expect(msgs.body.items).toHaveLength(1);
    expect(msgs.body.items[0].html).toContain('<b>cracked</b>');
    expect(msgs.body.items[0].html).not.toContain('script');
    expect(msgs.body.items[0].text).toBe('The bat is cracked.');
    expect(msgs.body.items[0].author.type).toBe('customer');
    const events = await as(agent, 'GET', `/api/v1/tickets/${a.number}/events`);
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['created', 'customer_message']);
  });

  it('creates a return request with its details, and insists on them', async () => {
    const missing = await as(agent, 'POST', '/api/v1/tickets', {
      subject: 'Refund please',
      type: 'return',
      requester: { email: `r${unique()}@example.test` },
      message: { html: 'x' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields).toHaveProperty('returnDetails');
    const ok = await newTicket(agent, {
      type: 'return',
      returnDetails: { orderRef: 'ORD-77', reason: 'Damaged', amountMinor: 129900 },
    });
    expect(ok.returnDetails).toEqual({
      orderRef: 'ORD-77',
      reason: 'Damaged',
      amountMinor: 129900,
      currency: 'INR',
      refundState: 'requested',
    });
  });

  it('refuses an update based on a stale version and overwrites nothing', async () => {
    const tk = await newTicket(agent);
    const first = await as(agent, 'PATCH', `/api/v1/tickets/${tk.number}`, { version: tk.version, priority: 'high' });
    expect(first.status).toBe(200);
    expect(first.body.ticket.version).toBe(tk.version + 1);
    const stale = await as(otherAgent, 'PATCH', `/api/v1/tickets/${tk.number}`, {
      version: tk.version,
      priority: 'low',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const now = await as(agent, 'GET', `/api/v1/tickets/${tk.number}`);
    expect(now.body.ticket.priority).toBe('high');
    const replyStale = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/messages`, {
      version: tk.version,
      kind: 'reply',
      html: 'late',
    });
    expect(replyStale.status).toBe(409);
    expect((await as(agent, 'GET', `/api/v1/tickets/${tk.number}/messages`)).body.items).toHaveLength(1);
  });

  it('answers each command with the ticket exactly as stored, without reading it back', async () => {
    const same = async (answer: { ticket: { number: number } }) => {
      const read = await as(admin, 'GET', `/api/v1/tickets/${answer.ticket.number}`);
      expect(answer.ticket).toEqual(read.body.ticket);
    };
    const tk = await newTicket(admin, {
      teamId: teamA,
      assigneeId: agent.userId,
      tags: ['vip', 'bat'],
      priority: 'high',
    });
    await same({ ticket: tk });
    const updated = await as(admin, 'PATCH', `/api/v1/tickets/${tk.number}`, {
      version: tk.version,
      status: 'pending',
      tags: ['bat'],
      type: 'problem',
    });
    expect(updated.status).toBe(200);
    await same(updated.body);
    const replied = await as(admin, 'POST', `/api/v1/tickets/${tk.number}/messages`, {
      version: updated.body.ticket.version,
      kind: 'reply',
      html: '<p>A new bat is on its way.</p>',
      status: 'solved',
    });
    expect(replied.status).toBe(201);
    expect(replied.body.ticket.status).toBe('solved');
    await same(replied.body);
    const followed = await as(admin, 'POST', `/api/v1/tickets/${tk.number}/followers`, {});
    expect(followed.body.ticket.following).toBe(true);
    await same(followed.body);
    const other = await newTicket(admin, { teamId: teamA });
    const merged = await as(admin, 'POST', `/api/v1/tickets/${other.number}/merge`, { intoNumber: tk.number });
    expect(merged.status).toBe(200);
    expect(merged.body.ticket.number).toBe(tk.number);
    await same(merged.body);
  });

  it('answers commands that finish together each with its own ticket, seen by its own actor', async () => {
    const a = await newTicket(admin, { teamId: teamA });
    const b = await newTicket(admin, { teamId: teamA });
    // One commit group, and one batch of answers: two people following, eight tickets created.
    const [followedByAgent, followedByAdmin, created] = await Promise.all([
      as(agent, 'POST', `/api/v1/tickets/${a.number}/followers`, {}),
      as(admin, 'POST', `/api/v1/tickets/${b.number}/followers`, {}),
      Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          as(agent, 'POST', '/api/v1/tickets', { ...ticketBody(), ...(i % 2 ? { teamId: teamA } : {}) }),
        ),
      ),
    ]);
    expect(followedByAgent.body.ticket).toMatchObject({
      number: a.number,
      following: true,
      followerIds: [agent.userId],
    });
    expect(followedByAdmin.body.ticket).toMatchObject({
      number: b.number,
      following: true,
      followerIds: [admin.userId],
    });
    expect(new Set(created.map((r) => r.body.ticket.number)).size).toBe(8);
    for (const [i, r] of created.entries()) {
      expect(r.status).toBe(201);
      expect(r.body.ticket.team?.id ?? null).toBe(i % 2 ? teamA : null);
      const read = await as(agent, 'GET', `/api/v1/tickets/${r.body.ticket.number}`);
      expect(r.body.ticket).toEqual(read.body.ticket);
    }
  });

  it('walks the status machine: closed is final (409), new cannot come back', async () => {
    const tk = await newTicket(agent);
    let v = tk.version;
    const step = async (status: string) => {
      const r = await as(agent, 'PATCH', `/api/v1/tickets/${tk.number}`, { version: v, status });
      if (r.status === 200) v = r.body.ticket.version;
      return r;
    };
    expect((await step('pending')).status).toBe(200);
    expect((await step('new')).body.error.code).toBe('status_transition');
    expect((await step('closed')).body.error.code).toBe('status_transition');
    expect((await step('solved')).status).toBe(200);
    expect((await step('closed')).status).toBe(200);
    const reopen = await step('open');
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.code).toBe('ticket_closed');
  });

  it('checks custom field values by the field definition and names the bad field', async () => {
    const f = await as(admin, 'POST', '/api/v1/custom-fields', {
      key: `product_${n}`,
      labelEn: 'Product',
      labelHi: 'उत्पाद',
      kind: 'dropdown',
      options: [
        { value: 'bat', labelEn: 'Bat', labelHi: 'बल्ला' },
        { value: 'ball', labelEn: 'Ball', labelHi: 'गेंद' },
      ],
      requiredOnSolve: true,
    });
    expect(f.status).toBe(201);
    const key = f.body.field.key as string;
    const tk = await newTicket(agent);
    const unknown = await as(agent, 'PATCH', `/api/v1/tickets/${tk.number}`, {
      version: tk.version,
      fields: { nope: 1 },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields).toEqual({ 'fields.nope': 'is not a custom field' });
    const bad = await as(agent, 'PATCH', `/api/v1/tickets/${tk.number}`, {
      version: tk.version,
      fields: { [key]: 'glove' },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details.fields)).toEqual([`fields.${key}`]);
    const solve = await as(agent, 'PATCH', `/api/v1/tickets/${tk.number}`, { version: tk.version, status: 'solved' });
    expect(solve.status).toBe(400);
    expect(Object.keys(solve.body.error.details.fields)).toEqual([`fields.${key}`]);
    const ok = await as(agent, 'PATCH', `/api/v1/tickets/${tk.number}`, {
      version: tk.version,
      fields: { [key]: 'bat' },
      status: 'solved',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.ticket.fields[key]).toBe('bat');
    const listed = await as(agent, 'GET', `/api/v1/tickets?field.${key}=bat`);
    expect(listed.body.items.map((i: { number: number }) => i.number)).toContain(tk.number);
    // A changed definition applies to the next command at once (each process keeps a stamped copy).
    const more = await as(admin, 'PATCH', `/api/v1/custom-fields/${f.body.field.id}`, {
      options: [
        { value: 'bat', labelEn: 'Bat', labelHi: 'बल्ला' },
        { value: 'glove', labelEn: 'Glove', labelHi: 'दस्ताना' },
      ],
    });
    expect(more.status).toBe(200);
    const glove = await newTicket(agent, { fields: { [key]: 'glove' } });
    expect(glove.fields[key]).toBe('glove');
    expect((await as(agent, 'POST', '/api/v1/tickets', { ...ticketBody(), fields: { [key]: 'ball' } })).status).toBe(
      400,
    );
    // Switched off again so the other tests can solve tickets.
    await as(admin, 'PATCH', `/api/v1/custom-fields/${f.body.field.id}`, { active: false });
  });

  it('hides tickets of other teams behind a 404, for reading and replying alike', async () => {
    const tk = await newTicket(admin, { teamId: teamB });
    const read = await as(agent, 'GET', `/api/v1/tickets/${tk.number}`);
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('ticket_not_found');
    const reply = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/messages`, {
      version: tk.version,
      kind: 'reply',
      html: 'hi',
    });
    expect(reply.status).toBe(404);
    expect((await as(otherAgent, 'GET', `/api/v1/tickets/${tk.number}`)).status).toBe(200);
    const list = await as(agent, 'GET', '/api/v1/tickets?limit=200');
    expect(list.body.items.map((i: { number: number }) => i.number)).not.toContain(tk.number);
  });

  it("answers a change that moves a ticket out of the actor's sight with the result, then hides it", async () => {
    const tk = await newTicket(agent, { teamId: teamA });
    const moved = await as(agent, 'PATCH', `/api/v1/tickets/${tk.number}`, { version: tk.version, teamId: teamB });
    expect(moved.status).toBe(200);
    expect(moved.body.ticket.team.id).toBe(teamB);
    expect((await as(agent, 'GET', `/api/v1/tickets/${tk.number}`)).status).toBe(404);
  });

  it('answers with a reply, opens a new ticket, keeps notes internal and notifies a mentioned agent', async () => {
    const tk = await newTicket(agent, { teamId: teamA });
    const reply = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/messages`, {
      version: tk.version,
      kind: 'reply',
      html: '<p>We are sending a new one.</p>',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.ticket.status).toBe('open');
    expect(reply.body.ticket.replyCount).toBe(1);
    const note = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/messages`, {
      version: reply.body.ticket.version,
      kind: 'note',
      html: `<p>Please check stock <span data-mention="${admin.userId}">@Admin</span></p>`,
      status: 'pending',
    });
    expect(note.status).toBe(201);
    expect(note.body.message.kind).toBe('note');
    expect(note.body.ticket.status).toBe('pending');
    const events = (await as(agent, 'GET', `/api/v1/tickets/${tk.number}/events`)).body.items as {
      type: string;
      data: Record<string, unknown>;
    }[];
    expect(events.find((e) => e.type === 'internal_note')?.data.mentions).toEqual([admin.userId]);
    const bell = await as(admin, 'GET', '/api/v1/notifications');
    expect(bell.body.unread).toBeGreaterThan(0);
    expect(bell.body.items[0]).toMatchObject({ kind: 'mentioned', ticketNumber: tk.number });
    await t.deps.jobs.drain();
    expect((await readOutbox(t.dataDir)).some((m) => m.subject.includes(`#${tk.number}`))).toBe(true);
  });

  it('merges a ticket: the conversation moves, the merged one is closed with a link', async () => {
    const a = await newTicket(agent);
    const b = await newTicket(agent);
    const res = await as(agent, 'POST', `/api/v1/tickets/${a.number}/merge`, { intoNumber: b.number });
    expect(res.status).toBe(200);
    expect(res.body.ticket.number).toBe(b.number);
    const source = (await as(agent, 'GET', `/api/v1/tickets/${a.number}`)).body.ticket;
    expect(source.status).toBe('closed');
    expect(source.mergedInto).toBe(b.number);
    type Msg = { kind: string; text: string; system: unknown };
    const msgs = (await as(agent, 'GET', `/api/v1/tickets/${b.number}/messages`)).body.items as Msg[];
    expect(msgs.filter((m) => m.kind === 'customer')).toHaveLength(2);
    // Each system line says what happened as a key and values for the reader's language, and in English as its text.
    expect(msgs.filter((m) => m.kind === 'system')).toEqual([
      expect.objectContaining({
        text: `#${a.number} "${a.subject}" was merged into this ticket.`,
        system: { key: 'mergedFrom', params: { number: a.number, subject: a.subject } },
      }),
    ]);
    const sourceMsgs = (await as(agent, 'GET', `/api/v1/tickets/${a.number}/messages`)).body.items as Msg[];
    expect(sourceMsgs).toEqual([
      expect.objectContaining({
        text: `Merged into #${b.number}.`,
        system: { key: 'mergedInto', params: { number: b.number } },
      }),
    ]);
    expect(msgs.filter((m) => m.kind !== 'system').every((m) => m.system === null)).toBe(true);
    const again = await as(agent, 'POST', `/api/v1/tickets/${a.number}/merge`, { intoNumber: b.number });
    expect(again.status).toBe(409);
  });

  it('applies bulk changes ticket by ticket and lists what failed', async () => {
    const a = await newTicket(agent);
    const b = await newTicket(agent);
    const hidden = await newTicket(admin, { teamId: teamB });
    const res = await as(agent, 'POST', '/api/v1/tickets/bulk', {
      numbers: [a.number, b.number, hidden.number],
      changes: { priority: 'urgent', addTags: ['Breakage'], assigneeId: agent.userId },
    });
    expect(res.status).toBe(200);
    expect(res.body.updated).toEqual([a.number, b.number]);
    expect(res.body.failed).toEqual([expect.objectContaining({ number: hidden.number, code: 'ticket_not_found' })]);
    const got = (await as(agent, 'GET', `/api/v1/tickets/${a.number}`)).body.ticket;
    expect(got).toMatchObject({ priority: 'urgent', tags: ['breakage'], assignee: { id: agent.userId } });
  });

  it('links incidents to a problem and solves them with it', async () => {
    const problem = await newTicket(agent, { type: 'problem' });
    const inc = await newTicket(agent, { type: 'incident' });
    const notProblem = await newTicket(agent);
    const bad = await as(agent, 'PATCH', `/api/v1/tickets/${inc.number}`, {
      version: inc.version,
      problemNumber: notProblem.number,
    });
    expect(bad.status).toBe(400);
    const link = await as(agent, 'PATCH', `/api/v1/tickets/${inc.number}`, {
      version: inc.version,
      problemNumber: problem.number,
    });
    expect(link.body.ticket.problem.number).toBe(problem.number);
    const solved = await as(agent, 'PATCH', `/api/v1/tickets/${problem.number}`, {
      version: problem.version,
      status: 'solved',
      solveIncidents: true,
    });
    expect(solved.status, JSON.stringify(solved.body)).toBe(200);
    expect(solved.body.ticket.incidents).toEqual([expect.objectContaining({ number: inc.number, status: 'solved' })]);
    const incMsgs = (await as(agent, 'GET', `/api/v1/tickets/${inc.number}/messages`)).body.items as { kind: string }[];
    expect(incMsgs.filter((m) => m.kind === 'system')).toEqual([
      expect.objectContaining({
        text: `Solved with problem #${problem.number}.`,
        system: { key: 'solvedWithProblem', params: { number: problem.number } },
      }),
    ]);
  });

  it('stores an attachment by its base name, serves it only to who may see it, refuses one over the limit', async () => {
    const up = multipart('../../etc/passwd.txt', 'बल्ला टूटा');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...agent.headers, ...up.headers },
      payload: up.payload,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const att = ok.json().attachment;
    expect(att.fileName).toBe('passwd.txt');
    expect(att.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await as(otherAgent, 'GET', att.url)).status).toBe(404);
    const tk = await newTicket(agent, { teamId: teamA });
    const msg = await as(agent, 'POST', `/api/v1/tickets/${tk.number}/messages`, {
      version: tk.version,
      kind: 'reply',
      html: 'attached',
      attachmentIds: [att.id],
    });
    expect(msg.body.message.attachments).toHaveLength(1);
    const dl = await t.app.inject({ url: att.url, headers: agent.headers });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toContain('attachment');
    expect(dl.body).toBe('बल्ला टूटा');
    expect((await as(otherAgent, 'GET', att.url)).status).toBe(404);

    const before = await t.deps.db.kysely
      .selectFrom('ticket_attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const big = multipart('big.bin', Buffer.alloc(1024 * 1024 + 10, 1), 'application/octet-stream');
    const tooBig = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...agent.headers, ...big.headers },
      payload: big.payload,
    });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('payload_too_large');
    const after = await t.deps.db.kysely
      .selectFrom('ticket_attachments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('assigns a team ticket automatically, in turn, to available agents under capacity', async () => {
    const a1 = await user('agent');
    const a2 = await user('agent');
    const away = await user('agent');
    const team = (
      await as(admin, 'POST', '/api/v1/teams', {
        name: `RR ${unique()}`,
        memberIds: [a1.user.id, a2.user.id, away.user.id],
        assignmentMode: 'round_robin',
      })
    ).body.team;
    expect(team.assignmentMode).toBe('round_robin');
    for (const s of [a1.session, a2.session]) {
      expect((await as(s, 'PATCH', '/api/v1/auth/me', { availability: 'online' })).body.user.availability).toBe(
        'online',
      );
    }
    const got = [];
    for (let i = 0; i < 4; i++) got.push((await newTicket(admin, { teamId: team.id })).assignee?.id);
    expect(got).toEqual([a1.user.id, a2.user.id, a1.user.id, a2.user.id]);
    const events = (
      await as(admin, 'GET', `/api/v1/tickets/${(await newTicket(admin, { teamId: team.id })).number}/events`)
    ).body.items as { type: string; data: { rule?: string } }[];
    expect(events.find((e) => e.type === 'assigned')?.data.rule).toBe('round_robin');
  });

  it('keeps built-in views with counts, and saves personal ones', async () => {
    const views = await as(agent, 'GET', '/api/v1/views');
    expect(views.body.items.map((v: { systemKey: string }) => v.systemKey).slice(0, 4)).toEqual([
      'my_open',
      'unassigned',
      'all_unsolved',
      'recently_solved',
    ]);
    const mine = await as(agent, 'POST', '/api/v1/views', { name: 'Urgent ones', filters: { priority: ['urgent'] } });
    expect(mine.status).toBe(201);
    expect(mine.body.view.count).toBeGreaterThan(0);
    const counts = (await as(agent, 'GET', '/api/v1/views/counts')).body.counts;
    expect(counts[String(mine.body.view.id)]).toBe(mine.body.view.count);
    const page = await as(agent, 'GET', `/api/v1/views/${mine.body.view.id}/tickets`);
    expect(page.body.items.every((i: { priority: string }) => i.priority === 'urgent')).toBe(true);
    expect((await as(otherAgent, 'GET', `/api/v1/views/${mine.body.view.id}/tickets`)).status).toBe(404);
    const shared = await as(agent, 'POST', '/api/v1/views', { name: 'Team', shared: true, filters: {} });
    expect(shared.status).toBe(403);
  });

  it('closes solved tickets once the configured days have passed, and only those', async () => {
    const solved = await newTicket(agent);
    const open = await newTicket(agent);
    await as(agent, 'PATCH', `/api/v1/tickets/${solved.number}`, { version: solved.version, status: 'solved' });
    await as(admin, 'PATCH', '/api/v1/settings', { ticketAutoCloseDays: 2 });
    const ctx = { deps: t.deps, actor: null, authProblem: null, locale: 'en' as const, ip: '', userAgent: 'test' };
    t.clock.advance(86_400_000);
    await closeSolvedTickets(ctx, 2);
    expect((await as(agent, 'GET', `/api/v1/tickets/${solved.number}`)).body.ticket.status).toBe('solved');
    t.clock.advance(86_400_000 + 1);
    expect(await closeSolvedTickets(ctx, 2)).toBeGreaterThan(0);
    const closed = (await as(agent, 'GET', `/api/v1/tickets/${solved.number}`)).body.ticket;
    expect(closed.status).toBe('closed');
    expect((await as(agent, 'GET', `/api/v1/tickets/${open.number}`)).body.ticket.status).toBe('new');
    const events = (await as(agent, 'GET', `/api/v1/tickets/${solved.number}/events`)).body.items;
    expect(events.at(-1)).toMatchObject({
      type: 'status_changed',
      data: { from: 'solved', to: 'closed' },
      actor: { type: 'system' },
    });
  });

  it('searches subjects and messages in Hindi and English with the list filters, and shows a snippet', async () => {
    const hindi = await newTicket(agent, {
      subject: 'ऑर्डर की वापसी कैसे करें?',
      message: { html: '<p>क्रिकेट बैट टूटा हुआ पहुँचा, मेरा रिफ़ंड अभी तक नहीं आया</p>' },
    });
    const english = await newTicket(agent, { subject: 'Résumé upload fails', message: { html: 'Refund requested' } });
    const find = async (q: string, extra = '') =>
      (await as(agent, 'GET', `/api/v1/tickets?q=${encodeURIComponent(q)}${extra}`)).body.items.map(
        (i: { number: number }) => i.number,
      );
    expect(await find('वाप')).toContain(hindi.number);
    expect(await find('रिफंड')).toContain(hindi.number);
    expect(await find('resume')).toContain(english.number);
    expect(await find('refund upload')).toEqual([english.number]);
    expect(await find('वापसी', '&status=solved')).not.toContain(hindi.number);
    const res = await as(agent, 'GET', `/api/v1/tickets?q=${encodeURIComponent('क्रिकेट')}`);
    const item = res.body.items.find((i: { number: number }) => i.number === hindi.number);
    expect(item.snippet).toContain('«क्रिकेट»');
    expect((await as(agent, 'GET', `/api/v1/tickets?q=${encodeURIComponent('" OR 1=1 --')}`)).status).toBe(200);
  });

  it('indexes tickets created together (one commit group on SQLite), each under its own words', async () => {
    const words = Array.from({ length: 8 }, (_, i) => `grouped${unique()}x${i}`);
    const made = await Promise.all(
      words.map((w, i) => newTicket(agent, { subject: `Batch ${w}`, message: { html: `<p>क्रिकेट ${w}body${i}</p>` } })),
    );
    const find = async (q: string) =>
      (await as(agent, 'GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`)).body.items.map(
        (i: { number: number }) => i.number,
      );
    for (const [i, w] of words.entries()) {
      expect(await find(w)).toEqual([made[i].number]);
      expect(await find(`${w}body${i}`)).toEqual([made[i].number]);
    }
  });

  it('pages through a list with a cursor without repeating or skipping', async () => {
    const seen = new Set<number>();
    let cursor: string | null = null;
    let total = 0;
    do {
      const res = await as(
        admin,
        'GET',
        `/api/v1/tickets?limit=3&sort=created_asc${cursor ? `&cursor=${cursor}` : ''}`,
      );
      for (const i of res.body.items as { number: number }[]) seen.add(i.number);
      total += res.body.items.length;
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(total);
    const all = await as(admin, 'GET', '/api/v1/tickets?limit=200');
    expect(all.body.items).toHaveLength(total);
    expect((await as(admin, 'GET', '/api/v1/tickets?cursor=garbage')).status).toBe(400);
  });
});
