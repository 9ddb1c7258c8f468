#!/usr/bin/env node
// The manager's dashboard over HTTP on a data set made by gen-tickets.mjs (SQLite or PostgreSQL).
//
//   node bench/analytics-load.mjs --data /tmp/bench-1m
//   node bench/analytics-load.mjs --pg postgres://postgres@127.0.0.1:5432/sahayak_bench_1m
//        [--rounds 3] [--runs 30] [--days 30] [--user manager] [--port 3412]
//
// Starts the real server (`node apps/server/dist/main.js`, built as `npm start` builds it; SEED_DEMO=false) on the data
// set. On its first start the server applies new migrations and computes the KPI facts of every
// ticket in the background (analytics/jobs.ts); the script reports how long that took (polling the
// facts count) and only then measures. Signed in as --user, it asks in --rounds rounds, --runs times
// each, one request at a time:
//   dashboard   GET /api/v1/analytics/query, 8 KPIs by team over the last --days days (the target:
//               < 300 ms at 1M tickets); dashboard_compare the same with the previous period's totals
//   trend       tickets created and solved, first reply median, by day over --days days (the sparklines)
//   agents      6 KPIs by agent over --days days (the agents table)
//   heatmap     tickets created by weekday × hour of day over 90 days (busiest hours)
//   dashboard_bh first reply, resolution and wait medians in business hours by team (an office
//               calendar, the default, is created first)
//   productivity replies sent and tickets touched by agent, and per agent-day, over --days days
// and reports p50 / p95 (median over rounds, min–max) and the server's CPU per request.
// Writes bench/out/analytics-load-<db>-*.json.
import {
  cpuSecondsOf,
  httpGet,
  httpRequest,
  listenerPid,
  log,
  machineInfo,
  median,
  parseArgs,
  pgCpuS,
  processTree,
  round,
  signIn,
  sleep,
  spawnSahayak,
  stopGroup,
  summary,
  waitFor200,
  writeJson,
} from './lib.mjs';

const args = parseArgs();
const PG_URL = typeof args.pg === 'string' ? args.pg : null;
const DATA_DIR = args.data ? String(args.data) : null;
if (!PG_URL && !DATA_DIR) throw new Error('pass --data DIR (SQLite) or --pg URL');
const ROUNDS = Number(args.rounds ?? 3);
const RUNS = Number(args.runs ?? 30);
const DAYS = Number(args.days ?? 30);
const PORT = Number(args.port ?? 3412);
const USER = String(args.user ?? 'manager');
const DB = PG_URL ? 'postgres' : 'sqlite';
const PASSWORD = 'sahayak-bench';
const TZ = 'Asia/Kolkata';

const dateIn = (t) => new Date(t + 5.5 * 3_600_000).toISOString().slice(0, 10);
const now = Date.now();
const to = dateIn(now);
const from = dateIn(now - (DAYS - 1) * 86_400_000);
const from90 = dateIn(now - 89 * 86_400_000);

const KPIS = [
  'tickets_created',
  'tickets_solved',
  'backlog',
  'first_reply_time.median',
  'full_resolution_time.median',
  'requester_wait_time.median',
  'reopen_rate',
  'one_touch_rate',
];
const targets = {
  dashboard: `metrics=${KPIS.join(',')}&dimensions=team&from=${from}&to=${to}&tz=${TZ}`,
  dashboard_compare: `metrics=${KPIS.join(',')}&dimensions=team&from=${from}&to=${to}&tz=${TZ}&compare=previous`,
  trend: `metrics=tickets_created,tickets_solved,first_reply_time.median&dimensions=day&from=${from}&to=${to}&tz=${TZ}`,
  agents: `metrics=tickets_solved,first_reply_time.median,full_resolution_time.median,one_touch_rate,reopen_rate,replies_per_ticket&dimensions=agent&from=${from}&to=${to}&tz=${TZ}`,
  heatmap: `metrics=tickets_created&dimensions=weekday,hour_of_day&from=${from90}&to=${to}&tz=${TZ}`,
  // The three time KPIs in business hours (the script gives the teams an office calendar first).
  dashboard_bh: `metrics=first_reply_time_bh.median,full_resolution_time_bh.median,requester_wait_time_bh.median&dimensions=team&from=${from}&to=${to}&tz=${TZ}`,
  productivity: `metrics=replies_sent,tickets_touched,replies_per_agent_day,tickets_touched_per_agent_day&dimensions=agent&from=${from}&to=${to}&tz=${TZ}`,
};

const machine = machineInfo();
let server;
const result = { db: DB, user: USER, days: DAYS, machine, rounds: [], targets };
try {
  const t0 = performance.now();
  server = spawnSahayak({
    mode: 'direct',
    port: PORT,
    dataDir: DATA_DIR ?? '/tmp/sahayak-bench-unused',
    databaseUrl: PG_URL ?? undefined,
    extraEnv: { SEED_DEMO: 'false', LOG_LEVEL: 'info' },
  });
  const readyMs = await waitFor200(`http://127.0.0.1:${PORT}/readyz`, server.t0, {
    isDead: () => server.exited,
    timeoutMs: 1_800_000,
  });
  server.listener = listenerPid(processTree(server.child.pid), PORT);
  log(`server ready in ${round(readyMs / 1000, 1)} s (migrations included)`);
  result.readyS = round(readyMs / 1000, 1);
  const base = `http://127.0.0.1:${PORT}`;
  const { cookie, csrfToken } = await signIn(base, `${USER}@bench.sahayak.test`, PASSWORD);
  // An office calendar for every team (Monday–Saturday 09:00–18:00 in India), once per data set.
  const calendar = await httpRequest(`${base}/api/v1/calendars`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Bench office',
      timeZone: TZ,
      hours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '09:00', to: '18:00' })),
      holidays: [
        { date: '2026-01-26', yearly: true },
        { date: '2026-08-15', yearly: true },
      ],
      isDefault: true,
    }),
  });
  if (calendar.status !== 201 && calendar.status !== 409)
    throw new Error(`calendar -> ${calendar.status} ${calendar.body}`);
  // Wait for the background facts rebuild (a first start on a data set made without facts).
  while (!server.out.includes('KPI facts are up to date')) {
    if (server.exited) throw new Error(`server exited:\n${server.out.slice(-2000)}`);
    await sleep(1000);
  }
  result.factsReadyS = round((performance.now() - t0) / 1000, 1);
  log(`KPI facts complete ${result.factsReadyS} s after start`);

  for (let round_ = 0; round_ < ROUNDS; round_++) {
    const r = {};
    for (const [name, qs] of Object.entries(targets)) {
      const lat = [];
      const cpu0 = cpuSecondsOf([server.listener]);
      const pg0 = PG_URL ? pgCpuS() : 0;
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        const res = await httpGet(`${base}/api/v1/analytics/query?${qs}`, { headers: { cookie }, timeoutMs: 60_000 });
        lat.push(performance.now() - s);
        if (res.status !== 200) throw new Error(`${name} -> ${res.status} ${res.body.slice(0, 300)}`);
        if (i === 0 && round_ === 0) r[`${name}_sample`] = JSON.parse(res.body).totals;
      }
      const cpuMs = ((cpuSecondsOf([server.listener]) - cpu0) * 1000) / RUNS;
      const pgMs = PG_URL ? ((pgCpuS() - pg0) * 1000) / RUNS : null;
      lat.sort((a, b) => a - b);
      r[name] = {
        p50: round(median(lat), 1),
        p95: round(lat[Math.ceil(0.95 * lat.length) - 1], 1),
        serverCpuMs: round(cpuMs, 1),
        pgCpuMs: pgMs === null ? null : round(pgMs, 1),
      };
      log(
        `round ${round_ + 1} ${name.padEnd(10)} p50 ${r[name].p50} ms  p95 ${r[name].p95} ms  server CPU ${r[name].serverCpuMs} ms${pgMs === null ? '' : `, PostgreSQL ${r[name].pgCpuMs} ms`}`,
      );
    }
    result.rounds.push(r);
  }
  const table = Object.keys(targets).map((name) => {
    const p50 = summary(result.rounds.map((r) => r[name].p50));
    const p95 = summary(result.rounds.map((r) => r[name].p95));
    return { name, p50, p95, cpu: median(result.rounds.map((r) => r[name].serverCpuMs)) };
  });
  result.summary = table;
  console.log(`\n### Analytics, ${DB}, user ${USER}, ${ROUNDS} rounds × ${RUNS} requests, period ${DAYS} days\n`);
  console.log('| query | p50 ms | p95 ms | server CPU ms/req |');
  console.log('|---|---|---|---|');
  for (const x of table) {
    console.log(
      `| ${x.name} | ${round(x.p50.median, 1)} (${round(x.p50.min, 1)}–${round(x.p50.max, 1)}) | ${round(x.p95.median, 1)} (${round(x.p95.min, 1)}–${round(x.p95.max, 1)}) | ${round(x.cpu, 1)} |`,
    );
  }
  console.log(`\nsample totals (dashboard): ${JSON.stringify(result.rounds[0]?.dashboard_sample)}`);
  console.log(`raw: ${writeJson(`analytics-load-${DB}`, result)}`);
} finally {
  if (server) await stopGroup(server, { port: PORT });
}
