// GET /api/v1/live in the embedded mode (in-process bus), over a real socket: who may connect, what arrives.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, createUser, type Session, signedInAs, signIn, type TestApp } from './helpers.js';

interface LiveMessage {
  type: string;
  data: Record<string, unknown>;
}

interface LiveClient {
  received: LiveMessage[];
  waitFor(match: (m: LiveMessage) => boolean, ms?: number): Promise<LiveMessage>;
  close(): Promise<void>;
  onClose(listener: (code: number) => void): void;
}

type Opened = { status: 101; client: LiveClient } | { status: number; body: string };

/** Opens /api/v1/live as a browser would; resolves with the client, or the status and body of the refusal. */
function openLive(baseUrl: string, cookie?: string): Promise<Opened> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/live`, {
    headers: cookie ? { cookie } : {},
  });
  const received: LiveMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (raw) => {
    received.push(JSON.parse(raw.toString()) as LiveMessage);
    for (const w of [...waiters]) w();
  });
  const client: LiveClient = {
    received,
    waitFor(match, ms = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching live message in ${ms} ms; received ${JSON.stringify(received)}`));
        }, ms);
        const check = () => {
          const found = received.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
      });
    },
    onClose: (listener) => {
      socket.once('close', (code) => listener(code));
    },
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ status: 101, client }));
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        socket.terminate();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    socket.once('error', reject);
  });
}

async function connected(baseUrl: string, cookie: string): Promise<LiveClient> {
  const opened = await openLive(baseUrl, cookie);
  if (!('client' in opened)) throw new Error(`live socket refused: ${opened.status} ${opened.body}`);
  return opened.client;
}

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
    const live = await connected(baseUrl, session.cookie);
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
    const before = await connected(baseUrl, session.cookie);
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
    const live = await connected(baseUrl, session.cookie);
    await live.waitFor((m) => m.type === 'hello');
    const closed = new Promise<number>((resolve) => live.onClose(resolve));
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: session.headers });
    expect(await closed).toBe(4401);
  });
});
