// GET /api/v1/live in the embedded mode (in-process bus), over a real socket: who may connect, what arrives.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type Session, signedInAs, signIn, type TestApp } from './helpers.js';
import { connectLive, openLive } from './live-client.js';

let t: TestApp;
let baseUrl: string;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp({ build: { liveRecheckMs: 100 } });
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
});
