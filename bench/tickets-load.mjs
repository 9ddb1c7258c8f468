#!/usr/bin/env node
// The ticket workload over HTTP on a data set made by gen-tickets.mjs: inbox views, ticket lists,
// full-text search, the ticket page and ticket creation.
//
//   node bench/tickets-load.mjs --data /tmp/bench-1m              (SQLite file DATA/sahayak.db)
//   node bench/tickets-load.mjs --pg postgres://postgres@127.0.0.1:5432/sahayak_bench_1m
//        [--rounds 3] [--duration 8] [--warmup 2] [--conc 1,32] [--create-conc 32] [--only a,b]
//        [--user agent1] [--keep-created] [--port 3411] [--mode direct|npm|node] [--client raw|node]
//
// Starts the real server (default `node apps/server/dist/main.js`, built as `npm start` builds it; SEED_DEMO=false) on the
// generated data, signs in as --user (an agent: views and lists go through the agent's visibility
// scope, as in a real inbox) with POST /api/v1/auth/login, and measures, in --rounds rounds:
//   view_all_unsolved, view_my_open, view_unassigned   GET /api/v1/views/:id/tickets?limit=50
//   list_open_pending   GET /api/v1/tickets?status=open,pending&limit=50
//   view_counts         GET /api/v1/views/counts (the inbox sidebar's counts)
//   search              GET /api/v1/tickets?q=…&limit=50, English and Hindi words and prefixes of
//                       varied frequency, one after the other (per-query figures in the JSON)
//   ticket_page         GET /api/v1/tickets/:number and GET /api/v1/tickets/:number/messages?limit=100
//                       together (as the page fetches them), random tickets the user may see
// each at every concurrency of --conc (closed loop, keep-alive; 1 = one person's latency, 32 = a
// loaded server), --warmup s discarded then --duration s measured; then, after all read rounds,
// create: POST /api/v1/tickets {subject, requester: {email}, message: {html}} at --create-conc,
// session cookie + x-csrf-token, 80 % existing customers, 20 % new e-mail addresses.
// Created tickets (and new customers) are deleted again after the server stops, so the data set
// stays as generated (--keep-created keeps them).
// --client: the load loops' HTTP client, lib.mjs RawAgent (default: ~0.05 ms of CPU a request) or
// Node's http.Agent (the figures before session 16: ~0.25 ms a request, taken from the same 2 cores).
// Reports per target medians over rounds of ops/s, p50, p95 and p99 (min–max), the server's CPU per
// request (and PostgreSQL's), and writes bench/out/tickets-load-<db>-*.json.
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  agentRequest,
  cpuSecondsOf,
  fmtSummary,
  keepAliveLoop,
  listenerPid,
  log,
  machineInfo,
  memOf,
  parseArgs,
  pgCpuS,
  pgVersion,
  portInUse,
  processTree,
  repoRoot,
  round,
  sampledWindow,
  seededRandom,
  signIn,
  spawnSahayak,
  stopGroup,
  summary,
  undoTicketCreations,
  waitFor200,
  waitQuiet,
  writeJson,
} from './lib.mjs';
import { newTicketJson } from './ticket-texts.mjs';

const DOMAIN = 'bench.sahayak.test';
const PASSWORD = 'sahayak-bench';

const args = parseArgs();
const PG_URL = typeof args.pg === 'string' ? args.pg : null;
const DATA_DIR = args.data ? path.resolve(String(args.data)) : null;
if (!PG_URL && !DATA_DIR) throw new Error('pass --data DIR (SQLite, made by gen-tickets.mjs) or --pg URL');
const ROUNDS = Number(args.rounds ?? 3);
const DURATION = Number(args.duration ?? 8);
const WARMUP = Number(args.warmup ?? 2);
const CONCS = String(args.conc ?? '1,32')
  .split(',')
  .map(Number);
const CREATE_CONC = Number(args['create-conc'] ?? 32);
const PORT = Number(args.port ?? 3411);
const MODE = String(args.mode ?? 'direct');
const CLIENT = String(args.client ?? 'raw');
if (!['raw', 'node'].includes(CLIENT)) throw new Error(`--client is raw or node, not ${CLIENT}`);
const USER = String(args.user ?? 'agent1');
const ONLY = args.only ? new Set(String(args.only).split(',')) : null;
const KEEP_CREATED = args['keep-created'] === true;
const DB = PG_URL ? 'postgres' : 'sqlite';

// Search queries: words and prefixes from the generator's texts, common to rare, English and Hindi.
const SEARCHES = [
  'order', // in most English tickets
  'refund',
  'delivery',
  'invoice',
  'warranty',
  'treadmill',
  'lucknow',
  'razorpay',
  'gstin',
  'ref', // prefixes
  'deliv',
  'tread',
  'refund bank', // two terms
  'damaged box',
  '"out for delivery"', // phrase
  'ऑर्डर', // in most Hindi tickets
  'रिफंड',
  'डिलीवरी',
  'पासवर्ड',
  'वापसी',
  'खराब',
  'लखनऊ',
  'कूरियर',
  'वाप', // prefixes
  'रिफ',
  'रिफंड बैंक',
];

// ------------------------------------------------------------------ the data set, read directly

/** Ticket numbers the user may see, customer e-mails, and the highest ids (to undo creations). */
async function readDataSet(userEmail) {
  const serverRequire = createRequire(path.join(repoRoot, 'apps/server/package.json'));
  const queries = {
    user: `select id, role from users where email = ?`,
    teams: `select team_id from team_members where user_id = ?`,
    maxIds: `select (select max(id) from tickets) as t, (select max(id) from customers) as c,
      (select max(id) from ticket_messages) as m, (select max(id) from ticket_events) as e,
      (select value from counters where name = 'ticket_number') as counter`,
    emails: `select email from customers where email is not null order by id limit 5000`,
  };
  const visible = (teams) =>
    `select number from tickets where team_id is null or team_id in (${teams.join(',') || 'null'}) or assignee_id = ?
     order by number limit 200000`;
  let all;
  let close;
  if (PG_URL) {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    all = async (sql, ...p) => {
      let n = 0;
      return (
        await c.query(
          sql.replace(/\?/g, () => `$${++n}`),
          p,
        )
      ).rows;
    };
    close = () => c.end();
  } else {
    const Database = serverRequire('better-sqlite3');
    const d = new Database(path.join(DATA_DIR, 'sahayak.db'), { readonly: true, fileMustExist: true });
    all = async (sql, ...p) => d.prepare(sql).all(...p);
    close = async () => d.close();
  }
  const [user] = await all(queries.user, userEmail);
  if (!user) throw new Error(`no user ${userEmail}: was the data made by gen-tickets.mjs?`);
  const teams = (await all(queries.teams, user.id)).map((r) => r.team_id);
  const numbers = (await all(visible(teams), user.id)).map((r) => Number(r.number));
  const [max] = await all(queries.maxIds);
  const emails = (await all(queries.emails)).map((r) => r.email);
  await close();
  return {
    userId: user.id,
    teams,
    numbers,
    emails,
    max: {
      ticket: Number(max.t),
      customer: Number(max.c),
      message: Number(max.m),
      event: Number(max.e),
      counter: Number(max.counter),
    },
  };
}

// ------------------------------------------------------------------ targets

const random = seededRandom();
const pick = (xs) => xs[Math.floor(random() * xs.length)];

function targets(base, session, views, data) {
  const headers = { cookie: session.cookie };
  const get = (agent, url) => agentRequest(agent, `${base}${url}`, { headers });
  const one = (url) => async (agent) => {
    const r = await get(agent, url);
    return { ok: r.status === 200, status: r.status, body: r.body, error: r.error };
  };
  const searchStats = {};
  return {
    view_all_unsolved: {
      label: 'view "All unsolved", page of 50',
      op: one(`/api/v1/views/${views.all_unsolved}/tickets?limit=50`),
    },
    view_my_open: {
      label: 'view "My open tickets", page of 50',
      op: one(`/api/v1/views/${views.my_open}/tickets?limit=50`),
    },
    view_unassigned: {
      label: 'view "Unassigned", page of 50',
      op: one(`/api/v1/views/${views.unassigned}/tickets?limit=50`),
    },
    list_open_pending: {
      label: 'GET /tickets?status=open,pending&limit=50',
      op: one('/api/v1/tickets?status=open,pending&limit=50'),
    },
    // One at a time only: at 1M tickets one takes over a second, and 32 queued ones outlast the
    // window and the client's timeout, then slow the next target down.
    view_counts: { label: 'GET /views/counts (sidebar)', op: one('/api/v1/views/counts'), concs: [1] },
    search: {
      label: `search, ${SEARCHES.length} queries in turn, limit 50`,
      searchStats,
      op: async (agent, i) => {
        const q = SEARCHES[i % SEARCHES.length];
        const r = await get(agent, `/api/v1/tickets?q=${encodeURIComponent(q)}&limit=50`);
        if (r.status === 200 && currentConc === 1) {
          searchStats[q] ??= { ms: [], hits: 0 };
          const s = searchStats[q];
          s.ms.push(r.ms);
          s.hits = JSON.parse(r.body).items.length;
        }
        return { ok: r.status === 200, status: r.status, body: r.body, error: r.error };
      },
    },
    ticket_page: {
      label: 'ticket page: GET /tickets/:n + /tickets/:n/messages?limit=100 in parallel',
      op: async (agent) => {
        const n = pick(data.numbers);
        const [a, b] = await Promise.all([
          get(agent, `/api/v1/tickets/${n}`),
          get(agent, `/api/v1/tickets/${n}/messages?limit=100`),
        ]);
        const bad = a.status !== 200 ? a : b.status !== 200 ? b : null;
        return bad
          ? { ok: false, status: bad.status, body: bad.body, error: bad.error }
          : { ok: true, parts: { ticket: a.ms, messages: b.ms } };
      },
    },
    create: {
      label: 'POST /tickets (subject, requester e-mail, first message)',
      write: true,
      op: async (agent, i) => {
        const r = await agentRequest(agent, `${base}/api/v1/tickets`, {
          method: 'POST',
          headers: { ...headers, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
          body: newTicketJson(data.emails, i, random),
        });
        return { ok: r.status === 201, status: r.status, body: r.body, error: r.error };
      },
    },
  };
}

/** The concurrency being measured: per-query search figures are kept for one connection only. */
let currentConc = 0;

async function measure(name, t, conc, serverPid) {
  currentConc = conc;
  await keepAliveLoop({ conc, durationS: WARMUP, op: t.op, client: CLIENT });
  const tree = processTree(serverPid);
  const w = await sampledWindow(
    { durationS: DURATION, serverCpuS: () => cpuSecondsOf(tree), dbCpuS: PG_URL ? pgCpuS : undefined },
    (d) => keepAliveLoop({ conc, durationS: d, op: t.op, client: CLIENT }),
  );
  const r = w.result;
  const out = {
    target: name,
    conc,
    opsPerS: r.opsPerS,
    p50Ms: r.p50Ms,
    p90Ms: r.p90Ms,
    p95Ms: r.p95Ms,
    p99Ms: r.p99Ms,
    maxMs: r.maxMs,
    ok: r.ok,
    failed: r.failed,
    firstError: r.firstError,
    parts: r.parts,
    serverCpuCores: round(w.serverCpuS / DURATION, 2),
    serverCpuMsPerOp: r.ok ? round((w.serverCpuS * 1000) / r.ok, 2) : null,
    dbCpuCores: PG_URL ? round(w.dbCpuS / DURATION, 2) : null,
    dbCpuMsPerOp: PG_URL && r.ok ? round((w.dbCpuS * 1000) / r.ok, 2) : null,
    loadGenCpuCores: round(w.loadGenCpuS / DURATION, 2),
    othersBusyCores: w.othersBusyCores,
  };
  log(
    `  ${name.padEnd(18)} c=${String(conc).padEnd(3)} ${String(out.opsPerS).padStart(8)}/s  p50 ${out.p50Ms}  p95 ${out.p95Ms}  p99 ${out.p99Ms} ms  server ${out.serverCpuCores} cores (${out.serverCpuMsPerOp} ms/op)` +
      (PG_URL ? `, PostgreSQL ${out.dbCpuCores} (${out.dbCpuMsPerOp} ms/op)` : '') +
      `, others ${out.othersBusyCores}` +
      (r.failed ? `  !! ${r.failed} failed: ${r.firstError}` : ''),
  );
  return out;
}

// ------------------------------------------------------------------ main

const machine = machineInfo();
if (portInUse(PORT)) throw new Error(`port ${PORT} is already in use`);
const data = await readDataSet(`${USER}@${DOMAIN}`);
log(
  `tickets-load: ${DB}, user ${USER} (teams ${data.teams.join(',')}, ${data.numbers.length} visible ticket numbers sampled), ${data.max.ticket} tickets; ` +
    `${ROUNDS} rounds × ${WARMUP}+${DURATION} s per target, concurrency ${CONCS.join(',')} (create ${CREATE_CONC}), client ${CLIENT}`,
);

let server;
let result;
try {
  server = spawnSahayak({
    mode: MODE,
    port: PORT,
    dataDir: DATA_DIR ?? '/tmp/sahayak-bench-unused',
    databaseUrl: PG_URL ?? undefined,
    extraEnv: { SEED_DEMO: 'false' },
  });
  const readyMs = await waitFor200(`http://127.0.0.1:${PORT}/readyz`, server.t0, { isDead: () => server.exited });
  server.listener = listenerPid(processTree(server.child.pid), PORT);
  log(
    `server ready in ${round(readyMs, 0)} ms (pid ${server.listener}), RSS ${round(memOf(server.listener).rssKiB / 1024, 0)} MiB`,
  );
  const base = `http://127.0.0.1:${PORT}`;
  const session = await signIn(base, `${USER}@${DOMAIN}`, PASSWORD);
  const r = await agentRequest(undefined, `${base}/api/v1/views`, { headers: { cookie: session.cookie } });
  if (r.status !== 200) throw new Error(`GET /api/v1/views -> ${r.status} ${r.body}`);
  const viewList = JSON.parse(r.body).items;
  const views = Object.fromEntries(viewList.filter((v) => v.systemKey).map((v) => [v.systemKey, v.id]));
  const viewCounts = Object.fromEntries(viewList.map((v) => [v.systemKey ?? v.name, v.count]));
  log(`views (counts for ${USER}): ${JSON.stringify(viewCounts)}`);
  const all = targets(base, session, views, data);
  const names = Object.keys(all).filter((n) => !ONLY || ONLY.has(n));
  const readNames = names.filter((n) => !all[n].write);

  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    const quiet = await waitQuiet({ maxWaitMs: 20_000 });
    log(`round ${i + 1}/${ROUNDS} (machine busy before: ${quiet.busyCores} cores)`);
    const runs = [];
    const order = i % 2 ? readNames.toReversed() : readNames;
    for (const name of order)
      for (const conc of all[name].concs ?? CONCS) runs.push(await measure(name, all[name], conc, server.listener));
    rounds.push({ quietBefore: quiet, runs });
  }
  // Writes last, so the read rounds all see the data set as generated.
  if (names.includes('create')) {
    for (let i = 0; i < ROUNDS; i++) {
      const quiet = await waitQuiet({ maxWaitMs: 20_000 });
      log(`create round ${i + 1}/${ROUNDS} (machine busy before: ${quiet.busyCores} cores)`);
      rounds[i].runs.push(await measure('create', all.create, CREATE_CONC, server.listener));
    }
  }
  const searchPerQuery = Object.fromEntries(
    Object.entries(all.search.searchStats).map(([q, s]) => {
      s.ms.sort((a, b) => a - b);
      return [
        q,
        {
          n: s.ms.length,
          hits: s.hits,
          p50Ms: round(s.ms[Math.floor(s.ms.length / 2)], 1),
          maxMs: round(s.ms.at(-1), 1),
        },
      ];
    }),
  );
  const keys = [...new Set(rounds.flatMap((r) => r.runs.map((x) => `${x.target}@${x.conc}`)))];
  const stats = {};
  for (const key of keys) {
    const runs = rounds.flatMap((r) => r.runs.filter((x) => `${x.target}@${x.conc}` === key));
    const s = (k) => summary(runs.map((x) => x[k]));
    stats[key] = {
      target: runs[0].target,
      conc: runs[0].conc,
      label: all[runs[0].target].label,
      opsPerS: s('opsPerS'),
      p50Ms: s('p50Ms'),
      p95Ms: s('p95Ms'),
      p99Ms: s('p99Ms'),
      serverCpuMsPerOp: s('serverCpuMsPerOp'),
      dbCpuMsPerOp: PG_URL ? s('dbCpuMsPerOp') : null,
      othersBusyCores: s('othersBusyCores'),
      failed: runs.reduce((a, x) => a + x.failed, 0),
      parts:
        runs[0].parts && Object.keys(runs[0].parts).length
          ? Object.fromEntries(
              Object.keys(runs[0].parts).map((p) => [
                p,
                {
                  p50Ms: summary(runs.map((x) => x.parts[p]?.p50Ms)),
                  p95Ms: summary(runs.map((x) => x.parts[p]?.p95Ms)),
                },
              ]),
            )
          : null,
    };
  }
  result = {
    bench: 'tickets-load',
    machine,
    params: {
      db: DB,
      pg: PG_URL ? pgVersion() : null,
      dataDir: DATA_DIR,
      pgUrl: PG_URL,
      rounds: ROUNDS,
      durationS: DURATION,
      warmupS: WARMUP,
      concs: CONCS,
      createConc: CREATE_CONC,
      user: USER,
      mode: MODE,
      client: CLIENT,
    },
    dataSet: { tickets: data.max.ticket, visibleNumbersSampled: data.numbers.length, viewCounts },
    serverReadyMs: round(readyMs, 0),
    rounds,
    stats,
    searchPerQuery,
    serverRssAfterMiB: round(memOf(server.listener).rssKiB / 1024, 1),
    serverHwmMiB: round(memOf(server.listener).hwmKiB / 1024, 1),
  };
} finally {
  if (server) await stopGroup(server, { port: PORT }).catch((e) => log(`stop server: ${e.message}`));
}
const file = writeJson(`tickets-load-${DB}`, result);
if (!KEEP_CREATED && result.stats[`create@${CREATE_CONC}`]) {
  await undoTicketCreations({ dataDir: DATA_DIR, pgUrl: PG_URL, max: data.max });
  log(`deleted the tickets and customers the creation runs added (ids > ${data.max.ticket} / ${data.max.customer})`);
}
console.log(
  `\n### Ticket workload, ${DB}, ${result.dataSet.tickets.toLocaleString('en')} tickets, user ${USER}, ${ROUNDS} rounds × ${DURATION} s\n`,
);
console.log(
  `| target | conc | ops/s | p50 ms | p95 ms | p99 ms | server CPU ms/op |${PG_URL ? ' PostgreSQL CPU ms/op |' : ''}`,
);
console.log(`|---|---|---|---|---|---|---|${PG_URL ? '---|' : ''}`);
for (const s of Object.values(result.stats)) {
  console.log(
    `| ${s.label} | ${s.conc} | ${fmtSummary(s.opsPerS, 0)} | ${fmtSummary(s.p50Ms, 1)} | ${fmtSummary(s.p95Ms, 1)} | ${fmtSummary(s.p99Ms, 1)} | ${fmtSummary(s.serverCpuMsPerOp, 2)} |` +
      (PG_URL ? ` ${fmtSummary(s.dbCpuMsPerOp, 2)} |` : '') +
      (s.failed ? ` !! ${s.failed} failed` : ''),
  );
}
console.log('\nsearch, per query (1 connection, all rounds): p50 ms (hits on the first page)');
console.log(
  Object.entries(result.searchPerQuery)
    .map(([q, s]) => `${q}: ${s.p50Ms} (${s.hits})`)
    .join(' · '),
);
console.log(
  `\nview counts for ${USER}: ${JSON.stringify(result.dataSet.viewCounts)}; server RSS after ${result.serverRssAfterMiB} MiB (peak ${result.serverHwmMiB} MiB)`,
);
console.log(`raw: ${path.relative(process.cwd(), file)}`);
