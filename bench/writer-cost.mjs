#!/usr/bin/env node
// The writer thread's CPU per created ticket, without HTTP, the request thread or a load generator.
// Creating tickets over HTTP on 2 cores (tickets-load.mjs) swings ±10 % from run to run on these
// machines, more than most single changes to the writer's work; this runs the writer's own code
// alone, so two builds can be compared in alternated runs by the CPU a ticket costs there.
//
//   node bench/writer-cost.mjs --data /tmp/bench-1m [--tickets 8000] [--conc 32] [--rounds 3]
//        [--user agent1] [--keep-created]
//
// Loads the built server (apps/server/dist: run `node scripts/server-build.mjs` first) in this
// process and runs its writer commands as the writer thread does (platform/writer.ts
// writerHandlers), on the data set's SQLite file: --conc 'tickets.create' commands in flight at
// once (so they share commit groups as under load), each with a body made like tickets-load.mjs's
// (ticket-texts.mjs newTicketJson), parsed by the API's schema and cleaned as the route does
// (before the round: that is the request thread's work), until --tickets are created. The commands' after-commit work (live events, jobs) is dropped.
// A main connection is open too, so the checkpointer runs on its own thread as in a server.
// Per round: tickets/s of this one thread and its CPU (on a core) per ticket; medians over
// --rounds. Created tickets are deleted again at the end (lib.mjs undoTicketCreations).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  log,
  machineInfo,
  median,
  parseArgs,
  repoRoot,
  round,
  seededRandom,
  undoTicketCreations,
  writeJson,
} from './lib.mjs';
import { newTicketJson } from './ticket-texts.mjs';

const args = parseArgs();
const DATA_DIR = args.data;
if (!DATA_DIR) throw new Error('--data DIR: a data set made by gen-tickets.mjs (SQLite)');
const TICKETS = Number(args.tickets ?? 8000);
const CONC = Number(args.conc ?? 32);
const ROUNDS = Number(args.rounds ?? 3);
const USER = String(args.user ?? 'agent1');
const KEEP_CREATED = args['keep-created'] === true;

const dist = (p) => import(pathToFileURL(path.join(repoRoot, 'apps/server/dist', p)).href);
const { loadConfig } = await dist('platform/config.js');
const { openSqlite, sqliteFileIn } = await dist('platform/db/index.js');
const { createHandlers } = await dist('writer-thread.js');
const { CreateTicketBody } = await dist('tickets/schema.js');
const { cleanBody } = await dist('platform/html/sanitize.js');

// The data set's agent, customers' addresses and highest ids (to undo the creations).
const Database = createRequire(path.join(repoRoot, 'apps/server/package.json'))('better-sqlite3');
const ro = new Database(path.join(DATA_DIR, 'sahayak.db'), { readonly: true, fileMustExist: true });
const user = ro.prepare('select id, role, locale from users where email = ?').get(`${USER}@bench.sahayak.test`);
if (!user) throw new Error(`no user ${USER}@bench.sahayak.test: was the data made by gen-tickets.mjs?`);
const emails = ro
  .prepare('select email from customers where email is not null order by id limit 5000')
  .all()
  .map((r) => r.email);
const max = ro
  .prepare(`select (select max(id) from tickets) as ticket, (select max(id) from customers) as customer,
    (select value from counters where name = 'ticket_number') as counter`)
  .get();
ro.close();

const config = loadConfig({ ...process.env, DATA_DIR, LOG_LEVEL: 'warn' }, repoRoot);
// The main connection, as a server has it: its checkpointer copies the log into the file on a
// thread of its own, so the writer's commits never do.
const main = openSqlite(sqliteFileIn(DATA_DIR));
// The host's side: what the commands hand back after their commit goes nowhere.
const host = { post: () => undefined, call: async () => undefined };
const writer = createHandlers({ config, turns: main.turns.buffer }, host);
const actor = {
  userId: user.id,
  role: user.role,
  locale: user.locale ?? 'en',
  via: 'session',
  scope: 'write',
  sessionId: null,
  tokenId: null,
};

const random = seededRandom();

let serial = 0;
/** The commands' arguments, made before a round so that only the commands are timed. */
function inputs(n) {
  return Array.from({ length: n }, () => {
    const input = CreateTicketBody.parse(JSON.parse(newTicketJson(emails, serial++, random)));
    return { input, body: cleanBody(input.message.html) };
  });
}

async function createOne(arg) {
  const out = await writer.run({ name: 'tickets.create', ctx: { actor, authProblem: null, now: Date.now() }, arg });
  if (!out.ok) throw new Error(`tickets.create failed: ${JSON.stringify(out.error)}`);
}

/** CPU time of this thread (the one running the commands), in µs: not the checkpointer's. */
const threadCpuUs = () => Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1000;

async function round1(n) {
  const args = inputs(n);
  let next = 0;
  const c0 = threadCpuUs();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      while (next < n) await createOne(args[next++]);
    }),
  );
  const ms = performance.now() - t0;
  return { ticketsPerS: round((n * 1000) / ms, 0), cpuUsPerTicket: round((threadCpuUs() - c0) / n, 1) };
}

const machine = machineInfo();
log(`writer-cost: ${DATA_DIR}, ${TICKETS} tickets × ${ROUNDS} rounds, ${CONC} commands in flight, as ${USER}`);
await round1(Math.min(1000, TICKETS)); // warm-up: statements prepared, caches filled
const rounds = [];
for (let i = 0; i < ROUNDS; i++) {
  const r = await round1(TICKETS);
  rounds.push(r);
  log(`  round ${i + 1}: ${r.ticketsPerS} tickets/s, ${r.cpuUsPerTicket} µs CPU a ticket`);
}
await writer.close();
await main.close();
if (!KEEP_CREATED) await undoTicketCreations({ dataDir: DATA_DIR, max });
const result = {
  machine,
  options: { dataDir: DATA_DIR, tickets: TICKETS, conc: CONC, rounds: ROUNDS, user: USER },
  rounds,
  median: {
    ticketsPerS: median(rounds.map((r) => r.ticketsPerS)),
    cpuUsPerTicket: median(rounds.map((r) => r.cpuUsPerTicket)),
  },
};
const file = writeJson('writer-cost', result);
console.log(
  `\nwriter alone: ${result.median.ticketsPerS} tickets/s, ${result.median.cpuUsPerTicket} µs CPU a ticket (median of ${ROUNDS}); raw: ${path.relative(process.cwd(), file)}`,
);
