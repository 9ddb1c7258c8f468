// Triggers on a ticket update (apps/server/src/automation/engine.ts). Issue 7's target: evaluating all
// triggers on a ticket update with 200 active triggers, p99 < 2 ms. Measured two ways:
//   - evaluation: the compiled triggers (as a command finds them in its cache) run as a chain over a
//     ticket update, in memory: every trigger's conditions tested, the matching ones acting (their
//     changes applied as the fold would), pass after pass until none acts — the work the triggers add
//     to a command;
//   - whole command: PATCH-like updates through the ticket service (tickets/service.ts updateTicket)
//     with the 200 triggers and with none, so the difference is what triggers cost a real update,
//     including the stamp read that checks the cache and the actions' own events.
// The 200 triggers are a mix of the conditions admins write (subject words, tags any/all/none,
// priority, status, type, channel, "is created/updated", field changed, requester language); on a
// typical update a handful match and act.
// Usage: node --import tsx bench/triggers.mjs [--triggers 200] [--updates 2000] [--rounds 5] [--commands 300] [--pg]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { compileRules, runChain } from '../apps/server/src/automation/engine.ts';
import { seedTriggers } from '../apps/server/src/automation/triggers.ts';
import { manualClock } from '../apps/server/src/platform/clock.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { migrateToLatest } from '../apps/server/src/platform/db/migrate.ts';
import { closeDeps, createDeps } from '../apps/server/src/platform/deps.ts';
import { createTicket, updateTicket } from '../apps/server/src/tickets/service.ts';
import { createPgDb, dropPgDb, log, machineInfo, median, parseArgs, pct, round, writeJson } from './lib.mjs';

const args = parseArgs();
const TRIGGERS = Number(args.triggers ?? 200);
const UPDATES = Number(args.updates ?? 2000);
const ROUNDS = Number(args.rounds ?? 5);
const COMMANDS = Number(args.commands ?? 300);

// ---------- the triggers ----------
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const STATUSES = ['open', 'pending', 'on_hold'];
const TYPES = ['question', 'incident', 'task'];
const CHANNELS = ['email', 'chat', 'phone', 'web'];

/** Trigger i of the mix; about one in forty matches a given update and acts (adds a tag). */
function spec(i) {
  const tag = `t${i}`;
  const kinds = [
    { all: [{ field: 'subject', op: 'contains', value: `word${i % 40}` }], any: [] },
    {
      all: [{ field: 'tags', op: 'contains_any', value: [`in${i % 40}`, `x${i}`] }],
      any: [{ field: 'priority', op: 'is', value: [PRIORITIES[i % 4]] }],
    },
    {
      all: [
        { field: 'status', op: 'is', value: [STATUSES[i % 3]] },
        { field: 'type', op: 'is', value: [TYPES[i % 3]] },
        { field: 'channel', op: 'is', value: [CHANNELS[i % 4]] },
        { field: 'tags', op: 'contains_none', value: [tag] },
        { field: 'subject', op: 'contains', value: `word${i % 40}` },
      ],
      any: [],
    },
    {
      all: [
        { field: 'update', op: 'is', value: 'updated' },
        { field: 'changed', key: 'priority', to: PRIORITIES[i % 4] },
        { field: 'tags', op: 'contains_all', value: [`in${i % 40}`, 'vip'] },
      ],
      any: [],
    },
    {
      all: [
        { field: 'requester_locale', op: 'is', value: ['hi'] },
        { field: 'subject', op: 'not_contains', value: `nothing${i}` },
        { field: 'tags', op: 'contains_any', value: [`in${i % 40}`] },
      ],
      any: [],
    },
  ];
  return {
    name: `Bench trigger ${i}`,
    conditions: kinds[i % kinds.length],
    actions: [{ type: 'add_tags', value: [tag] }],
  };
}
const specs = Array.from({ length: TRIGGERS }, (_, i) => spec(i));

// ---------- 1. evaluation, in memory ----------
const set = compileRules(
  'trigger',
  specs.map((s, i) => ({
    id: i + 1,
    name: s.name,
    conditions: JSON.stringify(s.conditions),
    actions: JSON.stringify(s.actions),
  })),
);
let seed = 11;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
function update() {
  const before = {
    number: 1,
    subject: `Order ${Math.floor(rnd() * 1e6)} word${Math.floor(rnd() * 40)} please help`,
    status: pick(STATUSES),
    priority: pick(PRIORITIES),
    type: pick(TYPES),
    channel: pick(CHANNELS),
    requesterId: 1,
    organisationId: null,
    assigneeId: null,
    teamId: null,
    tags: [`in${Math.floor(rnd() * 40)}`, ...(rnd() < 0.3 ? ['vip'] : [])].sort(),
    fields: {},
    version: 3,
  };
  return { before, state: { ...before, priority: pick(PRIORITIES) }, locale: rnd() < 0.3 ? 'hi' : 'en' };
}
const inputs = Array.from({ length: UPDATES }, update);

async function evaluateOnce(u) {
  let state = u.state;
  const facts = () => ({ state, before: u.before, message: null, requesterLocale: u.locale, working: true });
  return runChain(set.rules, facts, (rule) => {
    // What the fold does with the trigger's tags_changed event.
    const tags = new Set(state.tags);
    for (const t of rule.changes.addTags ?? []) tags.add(t);
    state = { ...state, tags: [...tags].sort() };
    return true;
  });
}

for (const u of inputs.slice(0, 500)) await evaluateOnce(u); // warm-up: JIT
const perRound = [];
const all = [];
let fired = 0;
for (let r = 0; r < ROUNDS; r++) {
  const ms = [];
  for (const u of inputs) {
    const a = performance.now();
    const out = await evaluateOnce(u);
    ms.push(performance.now() - a);
    fired += out.fired.length;
  }
  ms.sort((x, y) => x - y);
  perRound.push({ median: median(ms), p99: pct(ms, 99), max: ms.at(-1) });
  all.push(...ms);
}
all.sort((x, y) => x - y);
const evaluation = {
  triggers: TRIGGERS,
  updatesPerRound: UPDATES,
  rounds: ROUNDS,
  firedPerUpdate: round(fired / (UPDATES * ROUNDS), 2),
  medianMs: round(median(all), 4),
  p99Ms: round(pct(all, 99), 4),
  maxMs: round(all.at(-1), 3),
  roundsP99Ms: perRound.map((x) => round(x.p99, 4)),
};
log(`evaluation: median ${evaluation.medianMs} ms, p99 ${evaluation.p99Ms} ms over ${all.length} updates`);

// ---------- 2. whole commands through the ticket service ----------
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sahayak-triggers-'));
const pgName = args.pg ? `sahayak_triggers_${process.pid}` : null;
const databaseUrl = pgName ? createPgDb(pgName) : undefined;
const config = loadConfig({
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const clock = manualClock(Date.UTC(2026, 10, 23, 12, 0, 0));
const deps = await createDeps(config, { log: pino({ level: 'silent' }), clock });
await migrateToLatest(deps.db);
const db = deps.db.kysely;
const now = clock.now();
const { id: adminId } = await db
  .insertInto('users')
  .values({
    name: 'Bench Admin',
    email: 'admin@bench.test',
    password_hash: 'x',
    role: 'admin',
    locale: 'en',
    time_zone: 'Asia/Kolkata',
    theme: 'auto',
    active: 1,
    capacity: 20,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const ctx = {
  deps,
  actor: {
    userId: adminId,
    role: 'admin',
    locale: 'en',
    via: 'session',
    scope: 'write',
    sessionId: null,
    tokenId: null,
  },
  authProblem: null,
  locale: 'en',
  ip: '',
  userAgent: 'bench',
};

async function commands(label) {
  const ms = [];
  const made = [];
  for (let i = 0; i < 20; i++) {
    const u = update();
    const { ticket } = await createTicket(ctx, {
      subject: u.before.subject,
      requester: { email: `c${i}-${label}@bench.test`, name: 'Bench Customer' },
      message: { kind: 'customer', html: '<p>Hello</p>', attachmentIds: [] },
      priority: 'normal',
      type: 'question',
      channel: 'email',
      tags: u.before.tags,
      fields: {},
    });
    made.push({ number: ticket.number, version: ticket.version });
  }
  for (let i = 0; i < COMMANDS + 20; i++) {
    const t = made[i % made.length];
    clock.advance(1000);
    const a = performance.now();
    const { ticket } = await updateTicket(ctx, t.number, { version: t.version, priority: PRIORITIES[i % 4] });
    const took = performance.now() - a;
    t.version = ticket.version;
    if (i >= 20) ms.push(took); // the first 20: warm-up
  }
  ms.sort((x, y) => x - y);
  return { updates: ms.length, medianMs: round(median(ms), 2), p99Ms: round(pct(ms, 99), 2) };
}

await commands('warm'); // warm-up: statement cache, JIT
const without = await commands('none');
await seedTriggers(db, specs, now);
const withTriggers = await commands('with');
const applied = await db
  .selectFrom('ticket_events')
  .select((eb) => eb.fn.countAll().as('n'))
  .where('type', '=', 'automation_applied')
  .executeTakeFirstOrThrow();
log(
  `commands: without ${without.medianMs} / ${without.p99Ms} ms, with ${withTriggers.medianMs} / ${withTriggers.p99Ms} ms`,
);

const result = {
  machine: machineInfo(),
  database: deps.db.dialect,
  evaluation,
  commands: { withoutTriggers: without, withTriggers, triggersActed: Number(applied.n) },
};
console.log(JSON.stringify(result, null, 2));
writeJson(`triggers-${deps.db.dialect}`, result);

await closeDeps(deps);
rmSync(dataDir, { recursive: true, force: true });
if (pgName) dropPgDb(pgName);
