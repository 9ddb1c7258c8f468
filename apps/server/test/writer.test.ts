// The writer thread (embedded mode): ticket commands run on a thread of their own with a connection
// of their own, and behave exactly as on the main thread: same answers, same errors, the caller's
// clock, their live events on the main thread's bus; and the main thread's own writes take their
// turns beside them without a "database is locked". On PostgreSQL there is no writer thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveEvent } from '../src/platform/events/bus.js';
import { createTestApp, dialect, type Session, signedInAs, type TestApp } from './helpers.js';

const embedded = dialect === 'sqlite';
let t: TestApp;
let agent: Session;
let n = 0;

const newTicket = (s: Session, extra: Record<string, unknown> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/tickets',
    headers: s.headers,
    payload: {
      subject: `Writer ${++n}`,
      requester: { email: `writer${n}@example.test` },
      message: { html: '<p>Hello</p>' },
      ...extra,
    },
  });

beforeAll(async () => {
  t = await createTestApp();
  agent = (await signedInAs(t, 'agent')).session;
});
afterAll(() => t.close());

describe('writer thread', () => {
  it('runs ticket commands off the main thread in embedded mode (and on it with PostgreSQL)', async () => {
    expect(t.deps.writer !== undefined).toBe(embedded);
    const before = t.deps.db.groupCommitStats?.().commands ?? 0;
    const res = await newTicket(agent);
    expect(res.statusCode).toBe(201);
    const number = res.json().ticket.number as number;
    // The main thread's own commit groups did not run it; its connection reads what the thread wrote.
    if (embedded) expect(t.deps.db.groupCommitStats!().commands).toBe(before);
    const row = await t.deps.db.kysely
      .selectFrom('tickets')
      .select('subject')
      .where('number', '=', number)
      .executeTakeFirst();
    expect(row?.subject).toBe(`Writer ${n}`);
  });

  it('answers with the error the command raised there, as it would here', async () => {
    const created = (await newTicket(agent)).json().ticket;
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tickets/${created.number}`,
      headers: agent.headers,
      payload: { priority: 'high', version: created.version + 5 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const badField = await newTicket(agent, { fields: { no_such_field: 'x' } });
    expect(badField.statusCode).toBe(400);
    expect(JSON.stringify(badField.json().error.details)).toContain('no_such_field');
  });

  it("uses the caller's clock and publishes its live events on the main thread's bus", async () => {
    const events: LiveEvent[] = [];
    const unsubscribe = t.deps.bus.subscribe((e) => events.push(e));
    t.clock.advance(3_600_000);
    const res = await newTicket(agent);
    unsubscribe();
    const ticket = res.json().ticket;
    expect(Date.parse(ticket.createdAt)).toBe(t.clock.now());
    expect(
      events.some((e) => e.type === 'tickets.changed' && (e.data.numbers as number[]).includes(ticket.number)),
    ).toBe(true);
  });

  it('lets the main thread write beside it: commands on both threads at once all succeed', async () => {
    const prefs = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications/preferences',
      headers: agent.headers,
    });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2
          ? newTicket(agent)
          : t.app.inject({
              method: 'PUT',
              url: '/api/v1/notifications/preferences',
              headers: agent.headers,
              payload: prefs.json(),
            }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array.from({ length: 40 }, (_, i) => (i % 2 ? 201 : 200)));
    const numbers = results.filter((_, i) => i % 2).map((r) => r.json().ticket.number as number);
    expect(new Set(numbers).size).toBe(20);
  });

  it('runs commands on the main thread when WRITER_THREAD=false', async () => {
    const off = await createTestApp({ env: { WRITER_THREAD: 'false' } });
    try {
      expect(off.deps.writer).toBeUndefined();
      const s = (await signedInAs(off, 'agent')).session;
      const before = off.deps.db.groupCommitStats?.().commands ?? 0;
      const res = await off.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: s.headers,
        payload: { subject: 'Here', requester: { email: 'here@example.test' }, message: { html: '<p>x</p>' } },
      });
      expect(res.statusCode).toBe(201);
      if (embedded) expect(off.deps.db.groupCommitStats!().commands).toBeGreaterThan(before);
    } finally {
      await off.close();
    }
  });
});
