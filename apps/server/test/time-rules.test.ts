// Time rules through the API and the hourly run: who may read and change them, bad rules refused,
// "pending 5 days → remind the customer; 10 days → solve" acting once per ticket and period (the
// moment the hours count from), the triggers their changes set off, and work that fell due while the
// server was down done at the next start (a new process on the same database).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAutomationJobs, startTimeRules } from '../src/automation/jobs.js';
import { runTimeRules } from '../src/automation/time-rules.js';
import type { Role } from '../src/platform/context.js';
import {
  createPgDatabase,
  createTestApp,
  createUser,
  readOutbox,
  type Session,
  signIn,
  TEST_DATABASE_URL,
  type TestApp,
} from './helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let t: TestApp;
let admin: Session;
let lead: Session;
let agent: Session;
let n = 0;
const unique = () => `${Date.now().toString(36)}${++n}`;

async function as(app: TestApp, s: Session | null, method: string, url: string, payload?: unknown) {
  const res = await app.app.inject({
    method: method as 'GET',
    url,
    headers: s?.headers ?? {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: res.body ? res.json() : {} };
}

async function user(app: TestApp, role: Role) {
  return signIn(app, (await createUser(app.deps, { role })).email);
}

const countRules = async () =>
  Number(
    (
      await t.deps.db.kysely
        .selectFrom('time_rules')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A pending ticket whose subject carries `word`. */
async function pendingTicket(app: TestApp, s: Session, word: string) {
  const made = await as(app, s, 'POST', '/api/v1/tickets', {
    subject: `Waiting on the customer ${word}`,
    requester: { email: `c${unique()}@example.test`, name: 'Sunita Devi' },
    message: { html: '<p>Could you send the invoice?</p>', kind: 'reply' },
    status: 'pending',
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return made.body.ticket as { number: number; version: number };
}

const reminderRules = (word: string) => [
  {
    name: `Remind after 5 days ${word}`,
    since: 'pending',
    hours: 120,
    conditions: { all: [{ field: 'subject', op: 'contains', value: word }] },
    actions: [
      { type: 'add_tags', value: ['reminded'] },
      {
        type: 'send_email',
        subjectEn: 'Still waiting on you: ticket #{{ticket.number}}',
        bodyEn: 'Hello {{requester.first_name}}, we are still waiting for your answer.',
        subjectHi: '',
        bodyHi: '',
      },
    ],
  },
  {
    name: `Solve after 10 days ${word}`,
    since: 'pending',
    hours: 240,
    conditions: { all: [{ field: 'subject', op: 'contains', value: word }] },
    actions: [{ type: 'set_status', value: 'solved' }],
  },
];

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  t = await createTestApp();
  registerAutomationJobs(t.deps);
  admin = await user(t, 'admin');
  lead = await user(t, 'lead');
  agent = await user(t, 'agent');
}, 60_000);
afterAll(() => t.close());

describe('who may read and change time rules', () => {
  it('asks for a session, lets leads read and only admins and managers change', async () => {
    expect((await as(t, null, 'GET', '/api/v1/time-rules')).status).toBe(401);
    expect((await as(t, agent, 'GET', '/api/v1/time-rules')).status).toBe(403);
    expect((await as(t, lead, 'GET', '/api/v1/time-rules')).status).toBe(200);
    const body = reminderRules(unique())[0];
    expect((await as(t, lead, 'POST', '/api/v1/time-rules', body)).status).toBe(403);
  });

  it('refuses a bad rule, naming the field, and writes nothing', async () => {
    const before = await countRules();
    const base = reminderRules(unique())[1]!;
    const bad = async (patch: Record<string, unknown>, field: string) => {
      const res = await as(t, admin, 'POST', '/api/v1/time-rules', { ...base, name: `Bad ${unique()}`, ...patch });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(Object.keys(res.body.error.details.fields)).toContain(field);
    };
    await bad({ hours: 0 }, 'hours');
    await bad({ since: 'assigned' }, 'since');
    await bad({ conditions: { all: [{ field: 'update', op: 'is', value: 'updated' }] } }, 'conditions.all.0.field');
    await bad({ actions: [] }, 'actions');
    await bad({ actions: [{ type: 'webhook', url: 'gopher://example.com' }] }, 'actions.0.url');
    expect(await countRules()).toBe(before);
  });
});

describe('the hourly run', () => {
  it('reminds after 5 days pending and solves after 10, each once per period, setting off triggers', async () => {
    const word = unique();
    const ids: number[] = [];
    for (const rule of reminderRules(word)) {
      const res = await as(t, admin, 'POST', '/api/v1/time-rules', rule);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.timeRule.id);
    }
    // A trigger on what the time rule does: solved by it → tag.
    const trig = await as(t, admin, 'POST', '/api/v1/triggers', {
      name: `Auto-solved ${word}`,
      conditions: { all: [{ field: 'changed', key: 'status', to: 'solved' }] },
      actions: [{ type: 'add_tags', value: ['auto-solved'] }],
    });
    expect(trig.status, JSON.stringify(trig.body)).toBe(201);
    const ticket = await pendingTicket(t, admin, word);
    const get = async () => (await as(t, admin, 'GET', `/api/v1/tickets/${ticket.number}`)).body.ticket;

    t.clock.advance(4 * DAY);
    expect(await runTimeRules(t.deps)).toBe(0);

    t.clock.advance(DAY + HOUR);
    expect(await runTimeRules(t.deps)).toBe(1);
    expect((await get()).tags).toContain('reminded');
    await t.deps.jobs.drain();
    const mails = (await readOutbox(t.dataDir)).filter((m) => m.subject.includes(`#${ticket.number}`));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('Hello Sunita');

    // The next hours: the same period, so no second reminder.
    t.clock.advance(HOUR);
    expect(await runTimeRules(t.deps)).toBe(0);
    t.clock.advance(2 * HOUR);
    expect(await runTimeRules(t.deps)).toBe(0);
    await t.deps.jobs.drain();
    expect((await readOutbox(t.dataDir)).filter((m) => m.subject.includes(`#${ticket.number}`))).toHaveLength(1);

    t.clock.advance(5 * DAY);
    expect(await runTimeRules(t.deps)).toBe(1);
    const solved = await get();
    expect(solved.status).toBe('solved');
    expect(solved.tags).toContain('auto-solved');
    const events = (await as(t, admin, 'GET', `/api/v1/tickets/${ticket.number}/events?limit=100`)).body.items as {
      type: string;
      data: Record<string, unknown>;
    }[];
    const applied = events.filter((e) => e.type === 'automation_applied').map((e) => e.data);
    expect(applied).toEqual([
      expect.objectContaining({ kind: 'time_rule', ruleId: ids[0] }),
      expect.objectContaining({ kind: 'time_rule', ruleId: ids[1] }),
      expect.objectContaining({ kind: 'trigger', ruleId: trig.body.trigger.id }),
    ]);

    // Pending again later: a new period, so the reminder may come again.
    const reopened = await as(t, admin, 'PATCH', `/api/v1/tickets/${ticket.number}`, {
      version: solved.version,
      status: 'pending',
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    t.clock.advance(5 * DAY + HOUR);
    expect(await runTimeRules(t.deps)).toBe(1);
    await t.deps.jobs.drain();
    expect((await readOutbox(t.dataDir)).filter((m) => m.subject.includes(`#${ticket.number}`))).toHaveLength(2);

    for (const id of ids) await as(t, admin, 'PATCH', `/api/v1/time-rules/${id}`, { active: false });
    await as(t, admin, 'DELETE', `/api/v1/triggers/${trig.body.trigger.id}`);
  });
});

describe('time rules across a restart', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sahayak-rules-restart-'));
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('acts at the next start on what fell due while the server was down, once', async () => {
    let databaseUrl: string | undefined;
    if (TEST_DATABASE_URL) ({ url: databaseUrl, drop } = await createPgDatabase(TEST_DATABASE_URL));
    const open = () => createTestApp({ env: { DATA_DIR: dataDir }, ...(databaseUrl ? { databaseUrl } : {}) });
    const first = await open();
    const boss = await user(first, 'admin');
    const word = unique();
    const rule = reminderRules(word)[1]!;
    expect((await as(first, boss, 'POST', '/api/v1/time-rules', rule)).status).toBe(201);
    const ticket = await pendingTicket(first, boss, word);
    const startedAt = first.clock.now();
    await first.close();

    // Eleven days later a new process starts on the same database.
    const second = await open();
    try {
      second.clock.advance(startedAt + 11 * DAY - second.clock.now());
      registerAutomationJobs(second.deps);
      await startTimeRules(second.deps);
      const status = async () =>
        (
          await second.deps.db.kysely
            .selectFrom('tickets')
            .select('status')
            .where('number', '=', ticket.number)
            .executeTakeFirstOrThrow()
        ).status;
      // The start's run is a job of its own (the hourly one waits for the next hour): wait for it.
      expect(await until(status, (s) => s === 'solved')).toBe('solved');
      // Another start acts no more.
      await startTimeRules(second.deps);
      await new Promise((r) => setTimeout(r, 300));
      const applied = await second.deps.db.kysely
        .selectFrom('ticket_events')
        .select('id')
        .where('type', '=', 'automation_applied')
        .execute();
      expect(applied).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
