// The SLA sweep (apps/server/src/sla/jobs.ts `sweepBreaches`) over many open tickets that owe
// targets. Issue 7's target: a sweep over 100,000 open tickets under 2 s. The sweep runs every
// minute; what it costs depends on how many targets ran out since the last one, so it is measured
//   - idle: nothing due (the usual minute: an index probe),
//   - busy: a share of the tickets due at once (default 1 %, a busy minute after an outage),
//   - catch-up: every ticket's first reply due at once (a server that was down for a day).
// The tickets are written straight into the tables (row, created event, facts, two owed targets)
// with the same functions the write path uses, so building 100,000 takes seconds, not minutes.
// Usage: node --import tsx bench/sla-sweep.mjs [--tickets 100000] [--due 0.01] [--rounds 5] [--pg]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { foldFacts } from '../apps/server/src/analytics/facts.ts';
import { factsToRow } from '../apps/server/src/analytics/repo.ts';
import { manualClock } from '../apps/server/src/platform/clock.ts';
import { loadConfig } from '../apps/server/src/platform/config.ts';
import { migrateToLatest } from '../apps/server/src/platform/db/migrate.ts';
import { closeDeps, createDeps } from '../apps/server/src/platform/deps.ts';
import { sweepBreaches } from '../apps/server/src/sla/jobs.ts';
import { seedSlaPolicies } from '../apps/server/src/sla/policies.ts';
import { applyEvent } from '../apps/server/src/tickets/events.ts';
import { derivedToRow } from '../apps/server/src/tickets/write.ts';
import { createPgDb, dropPgDb, log, machineInfo, parseArgs, round, summary, writeJson } from './lib.mjs';

const args = parseArgs();
const TICKETS = Number(args.tickets ?? 100_000);
const DUE = Number(args.due ?? 0.01);
const ROUNDS = Number(args.rounds ?? 5);
const MIN = 60_000;
const HOUR = 60 * MIN;
const CHUNK = 500;

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sahayak-sla-sweep-'));
const pgName = args.pg ? `sahayak_sla_sweep_${process.pid}` : null;
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

// ---------- the data ----------
const t0 = performance.now();
const [policyId] = await seedSlaPolicies(
  db,
  [
    {
      name: 'Everyone',
      conditions: {},
      targets: { normal: { firstReply: 240, resolution: 2880 } },
      businessHours: false,
    },
  ],
  now,
);
const { id: requesterId } = await db
  .insertInto('customers')
  .values({
    name: 'Bench',
    email: 'bench@example.test',
    phone: null,
    organisation_id: null,
    locale: 'en',
    created_at: now,
    updated_at: now,
  })
  .returning('id')
  .executeTakeFirstOrThrow();

let seed = 7;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
for (let from = 0; from < TICKETS; from += CHUNK) {
  await db.transaction().execute(async (trx) => {
    const created = [];
    for (let i = from; i < Math.min(TICKETS, from + CHUNK); i++) {
      // Created within the last 4 hours, so the first reply (4 h) is still owed by every ticket.
      const at = now - Math.floor(rnd() * 4 * HOUR);
      created.push({
        type: 'created',
        data: {
          number: i + 1,
          subject: `Bench ticket ${i + 1}`,
          status: 'open',
          priority: 'normal',
          type: 'question',
          channel: 'email',
          requesterId,
          organisationId: null,
          assigneeId: null,
          teamId: null,
          tags: [],
          fields: {},
          returnDetails: null,
        },
        version: 1,
        at,
        actorUserId: null,
        actorCustomerId: requesterId,
      });
    }
    const ids = (
      await trx
        .insertInto('tickets')
        .values(created.map((e) => derivedToRow(applyEvent(null, e))))
        .returning('id')
        .execute()
    ).map((r) => r.id);
    await trx
      .insertInto('ticket_events')
      .values(
        created.map((e, k) => ({
          ticket_id: ids[k],
          version: 1,
          type: 'created',
          actor_user_id: null,
          actor_customer_id: requesterId,
          data: JSON.stringify(e.data),
          created_at: e.at,
        })),
      )
      .execute();
    await trx
      .insertInto('ticket_facts')
      .values(created.map((e, k) => factsToRow(ids[k], foldFacts([e]))))
      .execute();
    await trx
      .insertInto('ticket_sla')
      .values(
        created.flatMap((e, k) => [
          {
            ticket_id: ids[k],
            metric: 'first_reply',
            cycle: 1,
            policy_id: policyId,
            target_minutes: 240,
            started_at: e.at,
            paused: 0,
            due_at: e.at + 4 * HOUR,
            remaining_ms: null,
            warn_at: e.at + 3 * HOUR,
            breach_logged: 0,
          },
          {
            ticket_id: ids[k],
            metric: 'resolution',
            cycle: 1,
            policy_id: policyId,
            target_minutes: 2880,
            started_at: e.at,
            paused: 0,
            due_at: e.at + 48 * HOUR,
            remaining_ms: null,
            warn_at: e.at + 36 * HOUR,
            breach_logged: 0,
          },
        ]),
      )
      .execute();
  });
}
const buildS = (performance.now() - t0) / 1000;
log(`${TICKETS} open tickets with ${2 * TICKETS} owed targets built in ${round(buildS, 1)} s`);

// ---------- the sweeps ----------
/** Puts the clock where `share` of the first replies have run out, with no breach logged yet. */
async function reset(share) {
  await db.deleteFrom('ticket_events').where('type', '=', 'sla_breached').execute();
  await db.updateTable('ticket_sla').set({ breach_logged: 0 }).execute();
  // The first replies fall due over 4 hours from `now`: move the clock to the `share` point.
  clock.advance(now + Math.round(share * 4 * HOUR) - clock.now());
}

async function measure(share, rounds) {
  const ms = [];
  let logged = 0;
  for (let r = 0; r < rounds; r++) {
    await reset(share);
    const a = performance.now();
    logged = await sweepBreaches(deps);
    ms.push(performance.now() - a);
  }
  return { logged, ms: summary(ms) };
}

await measure(DUE, 1); // warm-up: statement cache, JIT
const idle = await measure(0, ROUNDS);
const busy = await measure(DUE, ROUNDS);
const catchUp = await measure(1, Math.max(1, Math.min(ROUNDS, 3)));

const result = {
  machine: machineInfo(),
  database: deps.db.dialect,
  tickets: TICKETS,
  ownedTargets: 2 * TICKETS,
  buildS: round(buildS, 1),
  idle: {
    breaches: idle.logged,
    medianMs: round(idle.ms.median, 1),
    min: round(idle.ms.min, 1),
    max: round(idle.ms.max, 1),
  },
  busy: {
    share: DUE,
    breaches: busy.logged,
    medianMs: round(busy.ms.median, 1),
    min: round(busy.ms.min, 1),
    max: round(busy.ms.max, 1),
  },
  catchUp: {
    breaches: catchUp.logged,
    medianMs: round(catchUp.ms.median, 1),
    min: round(catchUp.ms.min, 1),
    max: round(catchUp.ms.max, 1),
  },
};
console.log(JSON.stringify(result, null, 2));
writeJson(`sla-sweep-${deps.db.dialect}`, result);

await closeDeps(deps);
rmSync(dataDir, { recursive: true, force: true });
if (pgName) dropPgDb(pgName);
