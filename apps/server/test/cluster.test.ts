// Cluster mode end to end: two app nodes on one PostgreSQL database and one Redis, each listening on
// its own port. Live events cross nodes, a job id runs once across nodes, and migrations may race.
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../src/platform/db/index.js';
import { migrateToLatest, migrations, migrationsApplied } from '../src/platform/db/migrate.js';
import type { LiveEvent } from '../src/platform/events/bus.js';
import { registerJobs, startTimedWork } from '../src/timed-work.js';
import {
  createPgDatabase,
  createTestApp,
  createUser,
  type Session,
  signIn,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  type TestApp,
} from './helpers.js';
import { connectLive, type LiveClient } from './live-client.js';

const missing = [TEST_DATABASE_URL ? null : 'TEST_DATABASE_URL', TEST_REDIS_URL ? null : 'TEST_REDIS_URL'].filter(
  (v) => v !== null,
);
if (missing.length > 0) {
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      `!!! CLUSTER TEST SKIPPED: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`,
      '!!! Cluster mode (PostgreSQL + Redis, two nodes) was NOT tested in this run. Run it with e.g.',
      '!!! TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test TEST_REDIS_URL=redis://127.0.0.1:6379',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * pg's Pool.end() resolves before its sockets have closed; dropping the database WITH (FORCE) at that
 * moment would cut connections still closing. Wait until PostgreSQL shows no session on it first.
 */
async function untilDisconnected(url: string, ms = 5000): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const { rows } = await admin.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [name],
      );
      if (rows[0]?.n === 0) return;
      await sleep(20);
    }
  } finally {
    await admin.end();
  }
}

const COUNT_JOB = 'cluster.count';

describe.skipIf(missing.length > 0)('cluster mode: two nodes, one PostgreSQL, one Redis', () => {
  // One namespace per run: parallel runs sharing the Redis never see each other's jobs or events.
  const prefix = `sahayak_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const secretKey = `cluster-test-secret-${Math.random().toString(36).slice(2)}-0123456789`;
  const opened: LiveClient[] = [];
  let redis: Redis;
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  let nodeA: TestApp | undefined;
  let nodeB: TestApp | undefined;
  let urlA: string;
  let urlB: string;

  const a = () => nodeA!;
  const b = () => nodeB!;
  const live = async (baseUrl: string, session: Session) => {
    const client = await connectLive(baseUrl, session.cookie);
    opened.push(client);
    await client.waitFor((m) => m.type === 'hello');
    return client;
  };

  async function startNode(sharedDatabaseUrl: string): Promise<{ node: TestApp; url: string }> {
    const node = await createTestApp({
      databaseUrl: sharedDatabaseUrl,
      redisUrl: TEST_REDIS_URL!,
      env: { REDIS_PREFIX: prefix, SECRET_KEY: secretKey },
    });
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    // Counts runs in Redis, which both nodes share, so a run on either node is counted.
    node.deps.jobs.register(COUNT_JOB, async (payload) => {
      await redis.incr(`${prefix}:test:runs:${String(payload.key)}`);
    });
    return { node, url: `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}` };
  }

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL!);
    const database = await createPgDatabase(TEST_DATABASE_URL!);
    databaseUrl = database.url;
    dropDatabase = database.drop;
    // Node A migrates the fresh database; node B finds nothing left to apply.
    ({ node: nodeA, url: urlA } = await startNode(database.url));
    ({ node: nodeB, url: urlB } = await startNode(database.url));
  });

  afterAll(async () => {
    await Promise.allSettled(opened.map((c) => c.close()));
    await Promise.allSettled([nodeA?.close(), nodeB?.close()]);
    if (databaseUrl) await untilDisconnected(databaseUrl);
    await dropDatabase?.();
    if (redis) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      await redis.quit();
    }
  });

  it('both nodes are ready on the same database, and both run in cluster mode', async () => {
    for (const node of [a(), b()]) {
      const ready = await node.app.inject({ url: '/readyz' });
      expect(ready.json()).toEqual({ status: 'ready', database: 'postgres' });
      expect(node.deps.config.redisPrefix).toBe(prefix);
    }
    const user = await createUser(a().deps);
    const seenByB = await b()
      .deps.db.kysely.selectFrom('users')
      .select('email')
      .where('id', '=', user.id)
      .executeTakeFirst();
    expect(seenByB?.email).toBe(user.email);
  });

  it('a socket on node B receives users.changed caused by an HTTP write on node A', async () => {
    const admin = await createUser(a().deps, { role: 'admin' });
    const agent = await createUser(a().deps, { role: 'agent' });
    const adminOnA = await signIn(a(), admin.email);
    const agentOnB = await signIn(b(), agent.email);
    const socket = await live(urlB, agentOnB);

    const target = await createUser(a().deps);
    const res = await a().app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${target.id}`,
      headers: adminOnA.headers,
      payload: { name: 'बदला हुआ नाम' },
    });
    expect(res.statusCode).toBe(200);
    const changed = await socket.waitFor((m) => m.type === 'users.changed' && m.data.id === target.id);
    expect(changed.data).toEqual({ id: target.id });
  });

  it('a ticket written on node A updates inboxes on node B; presence crosses nodes too', async () => {
    const agent1 = await createUser(a().deps, { role: 'agent', name: 'Kavya' });
    const agent2 = await createUser(a().deps, { role: 'agent', name: 'Arjun' });
    const onA = await signIn(a(), agent1.email);
    const onB = await signIn(b(), agent2.email);
    const socketB = await live(urlB, onB);
    const socketA = await live(urlA, onA);
    const res = await a().app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: onA.headers,
      payload: { subject: 'बल्ला टूटा', requester: { email: 'cluster@example.test' }, message: { html: 'x' } },
    });
    expect(res.statusCode).toBe(201);
    const number = res.json().ticket.number as number;
    const changed = await socketB.waitFor((m) => m.type === 'tickets.changed');
    expect(changed.data.numbers).toEqual([number]);
    socketA.send({ type: 'presence', data: { number, typing: true } });
    const seen = await socketB.waitFor((m) => m.type === 'ticket.presence');
    expect(seen.data).toEqual({ number, userId: agent1.id, name: 'Kavya', typing: true, left: false });
  });

  it("an event published on node A's bus reaches node B's socket, on the prefixed channel", async () => {
    const agent = await createUser(a().deps);
    const socket = await live(urlB, await signIn(b(), agent.email));
    const listener = new Redis(TEST_REDIS_URL!);
    const onChannel: string[] = [];
    listener.on('message', (channel: string, message: string) => {
      onChannel.push(`${channel} ${(JSON.parse(message) as LiveEvent).type}`);
    });
    await listener.subscribe(`${prefix}:events`);

    const nonce = Math.random().toString(36).slice(2);
    await a().deps.bus.publish({ type: 'cluster.ping', data: { nonce } });
    const ping = await socket.waitFor((m) => m.type === 'cluster.ping');
    expect(ping.data).toEqual({ nonce });
    await expect.poll(() => onChannel).toContain(`${prefix}:events cluster.ping`);
    await listener.quit();
  });

  it('an event for one user reaches only that user, on either node', async () => {
    const alice = await createUser(a().deps, { name: 'Alice' });
    const bob = await createUser(a().deps, { name: 'Bob' });
    const aliceOnB = await live(urlB, await signIn(b(), alice.email));
    const aliceOnA = await live(urlA, await signIn(a(), alice.email));
    const bobOnB = await live(urlB, await signIn(b(), bob.email));

    const nonce = Math.random().toString(36).slice(2);
    await a().deps.bus.publish({ type: 'note.private', data: { nonce }, userIds: [alice.id] });
    // Redis delivers one publisher's messages in order: once Bob sees the marker, the private note is past.
    await a().deps.bus.publish({ type: 'marker', data: { nonce } });

    for (const socket of [aliceOnB, aliceOnA]) {
      expect((await socket.waitFor((m) => m.type === 'note.private')).data).toEqual({ nonce });
    }
    await bobOnB.waitFor((m) => m.type === 'marker' && m.data.nonce === nonce);
    expect(bobOnB.received.map((m) => m.type)).not.toContain('note.private');
  });

  it('a job enqueued under one id from both nodes runs exactly once; other jobs run too', async () => {
    const runs = async (key: string) => Number((await redis.get(`${prefix}:test:runs:${key}`)) ?? 0);
    const settle = async () => {
      await Promise.all([a().deps.jobs.drain(), b().deps.jobs.drain()]);
      await sleep(200);
    };

    await Promise.all([
      a().deps.jobs.enqueue(COUNT_JOB, { key: 'same' }, { jobId: 'ticket:42:breach' }),
      b().deps.jobs.enqueue(COUNT_JOB, { key: 'same' }, { jobId: 'ticket:42:breach' }),
      b().deps.jobs.enqueue(COUNT_JOB, { key: 'different' }, { jobId: 'ticket:43:breach' }),
      a().deps.jobs.enqueue(COUNT_JOB, { key: 'no-id' }),
      b().deps.jobs.enqueue(COUNT_JOB, { key: 'no-id' }),
    ]);
    await settle();
    expect(await runs('same')).toBe(1);
    expect(await runs('different')).toBe(1);
    expect(await runs('no-id')).toBe(2);

    // The id is remembered after the job completed: a late duplicate from the other node is ignored.
    await b().deps.jobs.enqueue(COUNT_JOB, { key: 'same' }, { jobId: 'ticket:42:breach' });
    await settle();
    expect(await runs('same')).toBe(1);

    const [, queueKeys] = await redis.scan('0', 'MATCH', `${prefix}:sahayak-jobs:*`, 'COUNT', 1000);
    expect(queueKeys.length).toBeGreaterThan(0);
  });

  it('several nodes migrating one empty database at the same time apply each migration once', async () => {
    const fresh = await createPgDatabase(TEST_DATABASE_URL!);
    const dbs = [openPostgres(fresh.url, 2), openPostgres(fresh.url, 2), openPostgres(fresh.url, 2)];
    try {
      const applied = await Promise.all(dbs.map((db) => migrateToLatest(db)));
      expect(applied.flat().sort()).toEqual(Object.keys(migrations).sort());
      for (const db of dbs) expect(await migrationsApplied(db)).toBe(true);
    } finally {
      await Promise.allSettled(dbs.map((db) => db.close()));
      await untilDisconnected(fresh.url);
      await fresh.drop();
    }
  });

  it('timed work runs once across nodes: both start it, a breach due meanwhile is logged once', async () => {
    const admin = await signIn(a(), (await createUser(a().deps, { role: 'admin' })).email);
    const policy = await a().app.inject({
      method: 'POST',
      url: '/api/v1/sla-policies',
      headers: admin.headers,
      payload: { name: 'Cluster', targets: { normal: { firstReply: 30 } }, businessHours: false },
    });
    expect(policy.statusCode, policy.body).toBe(201);
    const created = await a().app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: admin.headers,
      payload: {
        subject: 'Two nodes',
        requester: { email: 'c@cluster.test', name: 'Ravi' },
        message: { html: '<p>Hi</p>' },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const number = created.json().ticket.number as number;
    // An hour passes on both nodes; then both start their timed work at once (as after a deploy).
    a().clock.advance(60 * 60_000);
    b().clock.advance(60 * 60_000);
    registerJobs(a().deps);
    registerJobs(b().deps);
    await Promise.all([startTimedWork(a().deps), startTimedWork(b().deps)]);
    const breaches = () =>
      a()
        .deps.db.kysely.selectFrom('ticket_events')
        .innerJoin('tickets', 'tickets.id', 'ticket_events.ticket_id')
        .select('ticket_events.id')
        .where('tickets.number', '=', number)
        .where('ticket_events.type', '=', 'sla_breached')
        .execute();
    const deadline = Date.now() + 15_000;
    while ((await breaches()).length === 0 && Date.now() < deadline) await sleep(50);
    // Both nodes' start-up sweeps have run (each node enqueued one) before the count is final.
    await sleep(1000);
    expect(await breaches()).toHaveLength(1);
  });
});
