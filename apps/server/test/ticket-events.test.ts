// The event log is the source of truth: for thousands of random histories driven through the ticket
// service, folding each ticket's stored events gives back exactly its stored row, and the KPI facts
// kept as the events arrived (analytics) equal the facts folded from the whole log.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldFacts } from '../src/analytics/facts.js';
import { factsToRow } from '../src/analytics/repo.js';
import type { Actor, Ctx } from '../src/platform/context.js';
import { AppError } from '../src/platform/errors.js';
import { eventOfRow, foldEvents } from '../src/tickets/events.js';
import * as fields from '../src/tickets/fields.js';
import * as tickets from '../src/tickets/service.js';
import { derivedToRow } from '../src/tickets/write.js';
import { createTestEnv, createUser, dialect, type TestEnv } from './helpers.js';

let env: TestEnv;
let ctx: Ctx;
let agentIds: number[];
let teamIds: number[];

const runs = Number(process.env.EVENT_LOG_RUNS ?? (dialect === 'postgres' ? 1000 : 2500));

beforeAll(async () => {
  env = await createTestEnv();
  const admin = await createUser(env.deps, { role: 'admin' });
  const a1 = await createUser(env.deps, { role: 'agent' });
  const a2 = await createUser(env.deps, { role: 'agent' });
  agentIds = [admin.id, a1.id, a2.id];
  const now = env.clock.now();
  teamIds = [];
  for (const [name, members] of [
    ['One', [admin.id, a1.id]],
    ['Two', [admin.id, a2.id]],
  ] as const) {
    const { id } = await env.deps.db.kysely
      .insertInto('teams')
      .values({ name, description: '', lead_id: null, last_assigned_user_id: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await env.deps.db.kysely
      .insertInto('team_members')
      .values(members.map((user_id) => ({ team_id: id, user_id, created_at: now })))
      .execute();
    teamIds.push(id);
  }
  const actor: Actor = {
    userId: admin.id,
    role: 'admin',
    locale: 'en',
    via: 'session',
    scope: 'write',
    sessionId: null,
    tokenId: null,
  };
  ctx = { deps: env.deps, actor, authProblem: null, locale: 'en', ip: '', userAgent: 'property test' };
  const opts = [
    { value: 'a', labelEn: 'A', labelHi: 'ए' },
    { value: 'b', labelEn: 'B', labelHi: 'बी' },
  ];
  await fields.createField(ctx, {
    key: 'note',
    labelEn: 'Note',
    labelHi: 'नोट',
    kind: 'text',
    options: [],
    requiredOnSolve: false,
    position: 1,
  });
  await fields.createField(ctx, {
    key: 'parts',
    labelEn: 'Parts',
    labelHi: 'भाग',
    kind: 'multiselect',
    options: opts,
    requiredOnSolve: false,
    position: 2,
  });
  await fields.createField(ctx, {
    key: 'vip',
    labelEn: 'VIP',
    labelHi: 'वीआईपी',
    kind: 'checkbox',
    options: [],
    requiredOnSolve: false,
    position: 3,
  });
}, 60_000);
afterAll(() => env.close());

const status = fc.constantFrom('open', 'pending', 'on_hold', 'solved', 'closed', 'new');
const op = fc.oneof(
  fc.record(
    {
      kind: fc.constant('update' as const),
      status,
      priority: fc.constantFrom('low', 'normal', 'high', 'urgent'),
      type: fc.constantFrom('question', 'incident', 'problem', 'task'),
      assignee: fc.integer({ min: -1, max: 2 }),
      team: fc.integer({ min: -1, max: 1 }),
      tags: fc.uniqueArray(fc.constantFrom('bat', 'ball', 'refund', 'वापसी'), { maxLength: 3 }),
      note: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
      parts: fc.uniqueArray(fc.constantFrom('a', 'b'), { maxLength: 2 }),
      vip: fc.option(fc.boolean(), { nil: null }),
      subject: fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: undefined }),
      solveIncidents: fc.boolean(),
    },
    { requiredKeys: ['kind'] },
  ),
  fc.record({
    kind: fc.constant('message' as const),
    message: fc.constantFrom('reply', 'note', 'customer'),
    status: fc.option(fc.constantFrom('open', 'pending', 'on_hold', 'solved'), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('follow' as const), on: fc.boolean() }),
  fc.record({ kind: fc.constant('merge' as const) }),
  fc.record({ kind: fc.constant('link' as const) }),
);
const history = fc.record({
  ops: fc.array(
    fc.record({ op, target: fc.integer({ min: 0, max: 1 }), wait: fc.integer({ min: 0, max: 86_400_000 }) }),
    {
      minLength: 1,
      maxLength: 8,
    },
  ),
});

/** Runs one command; refusals (409/400) are part of a realistic history and must write nothing. */
async function attempt(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
  }
}

async function current(number: number) {
  return (await tickets.getTicket(ctx, number)).ticket;
}

async function checkFold(number: number) {
  const db = env.deps.db.kysely;
  const row = await db.selectFrom('tickets').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
  const events = await db
    .selectFrom('ticket_events')
    .selectAll()
    .where('ticket_id', '=', row.id)
    .orderBy('id')
    .execute();
  const log = events.map(eventOfRow);
  const folded = foldEvents(log);
  const { id: _id, ...stored } = row;
  expect(derivedToRow(folded)).toEqual(stored);
  const tags = await db
    .selectFrom('ticket_tags')
    .select('tag')
    .where('ticket_id', '=', row.id)
    .orderBy('tag')
    .execute();
  expect(tags.map((t) => t.tag)).toEqual([...folded.tags].sort());
  const messages = await db
    .selectFrom('ticket_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ticket_id', '=', row.id)
    .executeTakeFirstOrThrow();
  expect(Number(messages.n)).toBe(folded.messageCount);
  // The KPI facts kept as events arrived = the facts folded from the whole log.
  const facts = await db.selectFrom('ticket_facts').selectAll().where('ticket_id', '=', row.id).executeTakeFirst();
  expect(facts).toEqual(factsToRow(row.id, foldFacts(log)));
}

describe('ticket event log', () => {
  it(`rebuilds every derived field from the events (${runs} random histories, ${dialect})`, async () => {
    await fc.assert(
      fc.asyncProperty(history, async ({ ops }) => {
        const numbers: number[] = [];
        for (let i = 0; i < 2; i++) {
          const created = await tickets.createTicket(ctx, {
            subject: `History ${i}`,
            requester: { email: `p${i}@example.test` },
            channel: 'email',
            priority: 'normal',
            type: i === 1 ? 'problem' : 'incident',
            tags: i ? ['bat'] : [],
            fields: {},
            returnDetails: null,
            message: { kind: 'customer', html: 'help', attachmentIds: [] },
          });
          numbers.push(created.ticket.number);
        }
        for (const { op, target, wait } of ops) {
          (env.clock as { advance(ms: number): void }).advance(wait);
          const number = numbers[target]!;
          const other = numbers[1 - target]!;
          const t = await current(number);
          switch (op.kind) {
            case 'update': {
              const team = op.team === undefined ? undefined : op.team < 0 ? null : teamIds[op.team]!;
              const assignee = op.assignee === undefined ? undefined : op.assignee < 0 ? null : agentIds[op.assignee]!;
              await attempt(() =>
                tickets.updateTicket(ctx, number, {
                  version: t.version,
                  ...(op.status ? { status: op.status } : {}),
                  ...(op.priority ? { priority: op.priority } : {}),
                  ...(op.type ? { type: op.type } : {}),
                  ...(team !== undefined ? { teamId: team } : {}),
                  ...(assignee !== undefined ? { assigneeId: assignee } : {}),
                  ...(op.tags ? { tags: op.tags } : {}),
                  ...(op.subject ? { subject: op.subject } : {}),
                  ...(op.solveIncidents ? { solveIncidents: true } : {}),
                  fields: {
                    ...(op.note !== undefined ? { note: op.note } : {}),
                    ...(op.parts ? { parts: op.parts } : {}),
                    ...(op.vip !== undefined ? { vip: op.vip } : {}),
                  },
                }),
              );
              break;
            }
            case 'message':
              await attempt(() =>
                tickets.createMessage(ctx, number, {
                  version: t.version,
                  kind: op.message,
                  html: `<p>${op.message} at ${env.clock.now()}</p>`,
                  attachmentIds: [],
                  ...(op.status ? { status: op.status } : {}),
                }),
              );
              break;
            case 'follow':
              await attempt(() => tickets.follow(ctx, number, undefined, op.on));
              break;
            case 'merge':
              await attempt(() => tickets.mergeTicket(ctx, number, { intoNumber: other }));
              break;
            case 'link':
              await attempt(() => tickets.updateTicket(ctx, number, { version: t.version, problemNumber: other }));
              break;
          }
        }
        for (const number of numbers) await checkFold(number);
      }),
      { numRuns: runs },
    );
  }, 900_000);
});
