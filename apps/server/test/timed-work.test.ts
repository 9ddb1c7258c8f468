// Timed work in the embedded mode survives a restart: what fell due while the server was down is done
// at the next start. A ticket's first-reply target runs out while no server runs; the next start logs
// the breach at the moment it happened, once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registerJobs, startTimedWork } from '../src/timed-work.js';
import { createPgDatabase, createTestApp, createUser, signIn, TEST_DATABASE_URL, type TestApp } from './helpers.js';

const MIN = 60_000;
const dataDir = mkdtempSync(path.join(tmpdir(), 'sahayak-restart-'));
let drop: (() => Promise<void>) | undefined;
afterAll(async () => {
  await drop?.();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('timed work across a restart (embedded job queue)', () => {
  it('logs a breach that fell due while the server was down at the next start, once', async () => {
    // One database for both lives of the server: the data folder (SQLite) or one PostgreSQL database.
    let databaseUrl: string | undefined;
    if (TEST_DATABASE_URL) ({ url: databaseUrl, drop } = await createPgDatabase(TEST_DATABASE_URL));
    const open = () => createTestApp({ env: { DATA_DIR: dataDir }, ...(databaseUrl ? { databaseUrl } : {}) });

    let first: TestApp | undefined = await open();
    const admin = await signIn(
      first,
      (await createUser(first.deps, { role: 'admin', email: 'admin@restart.test' })).email,
    );
    const policy = await first.app.inject({
      method: 'POST',
      url: '/api/v1/sla-policies',
      headers: admin.headers,
      payload: { name: 'Everyone', targets: { normal: { firstReply: 30 } }, businessHours: false },
    });
    expect(policy.statusCode, policy.body).toBe(201);
    const created = await first.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: admin.headers,
      payload: {
        subject: 'Parcel lost',
        requester: { email: 'c@restart.test', name: 'Ravi' },
        message: { html: '<p>Hi</p>' },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const createdAt = Date.parse(created.json().ticket.createdAt);
    await first.close();
    first = undefined;

    // Two hours later (the new process's clock), the server starts again.
    const second = await open();
    try {
      second.clock.advance(createdAt + 2 * 60 * MIN - second.clock.now());
      registerJobs(second.deps);
      await startTimedWork(second.deps);
      const breaches = () =>
        second.deps.db.kysely
          .selectFrom('ticket_events')
          .select(['created_at', 'data'])
          .where('type', '=', 'sla_breached')
          .execute();
      const logged = await until(breaches, (rows) => rows.length > 0);
      expect(logged).toHaveLength(1);
      expect(logged[0]!.created_at).toBe(createdAt + 30 * MIN);
      expect(JSON.parse(logged[0]!.data)).toMatchObject({ metric: 'first_reply', dueAt: createdAt + 30 * MIN });
      // A second start (another sweep) does not log it again.
      await startTimedWork(second.deps);
      await new Promise((r) => setTimeout(r, 200));
      expect(await breaches()).toHaveLength(1);
    } finally {
      await second.close();
    }
  }, 60_000);
});
