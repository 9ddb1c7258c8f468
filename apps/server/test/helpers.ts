// Test support: a real database per test file (SQLite file, or a fresh PostgreSQL database when
// TEST_DATABASE_URL is set), the real app over HTTP via inject, and factories for test data.
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import pino from 'pino';
import { type BuildOptions, buildApp } from '../src/app.js';
import { hashPassword } from '../src/platform/auth/passwords.js';
import { manualClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import type { Deps, Role } from '../src/platform/context.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { closeDeps, createDeps } from '../src/platform/deps.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || undefined;
export const dialect = TEST_DATABASE_URL ? 'postgres' : 'sqlite';

/** Creates an empty PostgreSQL database on the test server; returns its URL and a dropper. */
export async function createPgDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sahayak_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestEnv {
  deps: Deps;
  clock: ReturnType<typeof manualClock>;
  dataDir: string;
  close(): Promise<void>;
}

/** Real deps on a fresh database, migrated; the clock is manual. */
export async function createTestEnv(
  options: { env?: Record<string, string>; databaseUrl?: string; redisUrl?: string } = {},
): Promise<TestEnv> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sahayak-test-'));
  let drop: (() => Promise<void>) | undefined;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl && TEST_DATABASE_URL) {
    const created = await createPgDatabase(TEST_DATABASE_URL);
    databaseUrl = created.url;
    drop = created.drop;
  }
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  });
  const clock = manualClock(Date.now());
  const deps = await createDeps(config, { log: pino({ level: 'silent' }), clock });
  await migrateToLatest(deps.db);
  return {
    deps,
    clock,
    dataDir,
    async close() {
      await closeDeps(deps);
      await drop?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createTestApp(options: Parameters<typeof createTestEnv>[0] & { build?: BuildOptions } = {}) {
  const env = await createTestEnv(options);
  const app = await buildApp(env.deps, options.build);
  await app.ready();
  return {
    ...env,
    app,
    async close() {
      await app.close();
      await env.close();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

let seq = 0;
export const TEST_PASSWORD = 'correct horse battery';
let cachedHash: Promise<string> | null = null;

/** Factory: inserts a user (password TEST_PASSWORD) and returns its row. */
export async function createUser(
  deps: Deps,
  overrides: Partial<{ name: string; email: string; role: Role; locale: 'en' | 'hi'; active: 0 | 1 }> = {},
) {
  seq += 1;
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const now = deps.clock.now();
  const row = {
    name: overrides.name ?? `User ${seq}`,
    email: overrides.email ?? `user${seq}.${Math.random().toString(36).slice(2, 7)}@example.test`,
    password_hash: await cachedHash,
    role: overrides.role ?? 'agent',
    locale: overrides.locale ?? 'en',
    time_zone: 'Asia/Kolkata',
    theme: 'auto' as const,
    active: overrides.active ?? 1,
    capacity: 20,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  };
  const { id } = await deps.db.kysely.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return { ...row, id };
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: number;
  headers: Record<string, string>;
}

/** Signs in through the API and returns the headers a browser would send on writes. */
export async function signIn(t: TestApp, email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'sahayak_session');
  const body = res.json() as { csrfToken: string; user: { id: number } };
  const cookie = `sahayak_session=${setCookie!.value}`;
  return { cookie, csrf: body.csrfToken, userId: body.user.id, headers: { cookie, 'x-csrf-token': body.csrfToken } };
}

/** A user of the given role, signed in. */
export async function signedInAs(t: TestApp, role: Role) {
  const user = await createUser(t.deps, { role });
  return { user, session: await signIn(t, user.email) };
}

/** The mails the outbox transport wrote (no SMTP_URL), parsed. */
export async function readOutbox(dataDir: string) {
  const dir = path.join(dataDir, 'outbox');
  if (!existsSync(dir)) return [];
  return Promise.all(
    readdirSync(dir)
      .sort()
      .map(async (f) => {
        const m = await simpleParser(readFileSync(path.join(dir, f)));
        const one = (a: typeof m.to) => (a && !Array.isArray(a) ? a.text : '');
        return {
          to: one(m.to),
          cc: one(m.cc),
          from: m.from?.text ?? '',
          replyTo: m.replyTo?.text ?? '',
          subject: m.subject ?? '',
          text: m.text ?? '',
          messageId: m.messageId ?? '',
          inReplyTo: m.inReplyTo ?? '',
          references: typeof m.references === 'string' ? [m.references] : (m.references ?? []),
          autoSubmitted: String(m.headers.get('auto-submitted') ?? ''),
        };
      }),
  );
}

export function linkToken(text: string): string | undefined {
  return /reset-password\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
}

/** A local HTTP endpoint that records the JSON bodies POSTed to it (webhook targets in tests). */
export async function startWebhookReceiver(pathName = '/hook') {
  const received: { body: unknown; headers: http.IncomingHttpHeaders }[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => {
      received.push({ body: JSON.parse(data), headers: req.headers });
      res.writeHead(204).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${pathName}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
