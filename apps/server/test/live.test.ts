// GET /api/v1/live in the embedded mode (in-process bus), over a real socket: who may connect, what arrives.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type Session, signedInAs, signIn, type TestApp } from './helpers.js';
import { connectLive, openLive } from './live-client.js';

let t: TestApp;
let baseUrl: string;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp({ build: { liveRecheckMs: 100, liveTicketsChangedMs: 500 } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  admin = (await signedInAs(t, 'admin')).session;
});
afterAll(() => t.close());

describe('GET /api/v1/live', () => {
  it('refuses a socket without a session with 401 and does not upgrade', async () => {
    const opened = await openLive(baseUrl);
    expect(opened.status).toBe(401);
    expect('body' in opened && JSON.parse(opened.body).error.code).toBe('unauthenticated');
  });

  it('refuses a socket with a made-up session cookie', async () => {
    const opened = await openLive(baseUrl, 'sahayak_session=forged-value');
    expect(opened.status).toBe(401);
  });

  it('greets a signed-in agent, then carries users.changed after a write', async () => {
    const { user, session } = await signedInAs(t, 'agent');
    const live = await connectLive(baseUrl, session.cookie);
    const hello = await live.waitFor((m) => m.type === 'hello');
    expect(hello.data).toEqual({ userId: user.id });
    expect(live.received[0]?.type).toBe('hello');

    const other = await createUser(t.deps, { name: 'Renamed Later' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${other.id}`,
      headers: admin.headers,
      payload: { name: 'नया नाम' },
    });
    expect(res.statusCode).toBe(200);
    const changed = await live.waitFor((m) => m.type === 'users.changed');
    expect(changed.data).toEqual({ id: other.id });
    await live.close();
  });

  it('carries a burst of tickets.changed as the first at once, the rest as one message at the end of the window', async () => {
    const { session } = await signedInAs(t, 'agent');
    const live = await connectLive(baseUrl, session.cookie);
    await live.waitFor((m) => m.type === 'hello');
    const changed = () => live.received.filter((m) => m.type === 'tickets.changed');

    await t.deps.bus.publish({ type: 'tickets.changed', data: { numbers: [1] } });
    const first = await live.waitFor((m) => m.type === 'tickets.changed');
    expect(first.data).toEqual({ numbers: [1] });
    for (const n of [2, 3, 2, 4]) await t.deps.bus.publish({ type: 'tickets.changed', data: { numbers: [n] } });
    // Other events are not held back with them.
    await t.deps.bus.publish({ type: 'users.changed', data: { id: 99 } });
    await live.waitFor((m) => m.type === 'users.changed');
    expect(changed()).toHaveLength(1);

    const merged = await live.waitFor((m) => m.type === 'tickets.changed' && m !== first);
    expect(merged.data).toEqual({ numbers: [2, 3, 4] });
    expect(changed()).toHaveLength(2);
    await live.close();
  });

  it('refuses a session that was ended by logout', async () => {
    const user = await createUser(t.deps);
    const session = await signIn(t, user.email);
    const before = await connectLive(baseUrl, session.cookie);
    await before.waitFor((m) => m.type === 'hello');
    await before.close();

    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers });
    expect(out.statusCode).toBeLessThan(300);
    const opened = await openLive(baseUrl, session.cookie);
    expect(opened.status).toBe(401);
    expect('body' in opened && JSON.parse(opened.body).error.code).toBe('session_expired');
  });

  it('closes an open socket soon after its session is ended elsewhere', async () => {
    const user = await createUser(t.deps);
    const session = await signIn(t, user.email);
    const live = await connectLive(baseUrl, session.cookie);
    await live.waitFor((m) => m.type === 'hello');
    const closed = new Promise<number>((resolve) => live.onClose(resolve));
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers });
    expect(await closed).toBe(4401);
  });

  it('tells agents on a ticket about each other, and only about tickets the sender may see', async () => {
    const a = await createUser(t.deps, { role: 'agent', name: 'Meera' });
    const b = await createUser(t.deps, { role: 'agent', name: 'Vikram' });
    const sa = await signIn(t, a.email);
    const sb = await signIn(t, b.email);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: sa.headers,
      payload: { subject: 'Refund', requester: { email: 'live@example.test' }, message: { html: 'x' } },
    });
    const number = created.json().ticket.number as number;
    const la = await connectLive(baseUrl, sa.cookie);
    const lb = await connectLive(baseUrl, sb.cookie);
    await la.waitFor((m) => m.type === 'hello');
    await lb.waitFor((m) => m.type === 'hello');
    la.send({ type: 'presence', data: { number, typing: false } });
    expect((await lb.waitFor((m) => m.type === 'ticket.presence')).data).toEqual({
      number,
      userId: a.id,
      name: 'Meera',
      typing: false,
      left: false,
    });
    // A ticket of a team the sender is not in: nothing is broadcast about it.
    const team = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: admin.headers,
      payload: { name: 'Hidden' },
    });
    const hidden = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: admin.headers,
      payload: {
        subject: 'Secret',
        teamId: team.json().team.id,
        requester: { email: 'h@example.test' },
        message: { html: 'x' },
      },
    });
    la.send({ type: 'presence', data: { number: hidden.json().ticket.number, typing: true } });
    la.send({ type: 'presence', data: { number, typing: true } });
    const next = await lb.waitFor((m) => m.type === 'ticket.presence' && m.data.typing === true);
    expect(next.data.number).toBe(number);
    // An update reaches the other agent's inbox as tickets.changed.
    const ticket = created.json().ticket;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${number}`,
      headers: sa.headers,
      payload: { version: ticket.version, priority: 'high' },
    });
    const changed = await lb.waitFor(
      (m) => m.type === 'tickets.changed' && (m.data.numbers as number[]).includes(number),
    );
    expect(changed.data.numbers).toEqual([number]);
    await la.close();
    await lb.close();
  });
});
