#!/usr/bin/env node
// `npm run bench`: start-up + throughput of Sahayak (and, on request, the same on PostgreSQL and
// Request Tracker 5 beside it), then one Markdown table. Raw JSON of every part goes to bench/out/.
//
//   npm run bench                          start-up (1 fresh + 7 seeded starts) + throughput, SQLite
//   npm run bench -w bench -- --pg         … plus throughput on PostgreSQL
//   npm run bench -w bench -- --rt         … plus Request Tracker 5 (root; kit in /work/shared/peers/rt)
//   npm run bench -w bench -- --quick      fewer runs and shorter load, to check that it all works
//   npm run bench -w bench -- --runs 5     number of seeded starts
//   npm run bench -w bench -- --tickets [N] … plus the ticket workload (tickets-load.mjs) on N generated
//                                          tickets (default 1,000,000; gen-tickets.mjs makes them once in
//                                          /tmp/bench-tickets-N, which takes a while); with --pg also on
//                                          PostgreSQL (--tickets-pg N, default 200,000, database
//                                          sahayak_bench_tickets_N, kept for the next run); --tickets-only
//                                          skips start-up and throughput
// (The root script calls npm again, which would take the flags as its own options: pass them through
// the workspace as above, or run `node bench/run-all.mjs --pg --rt`.)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { benchDir, fmtSummary, log, machineInfo, outDir, parseArgs, round, writeJson } from './lib.mjs';

const args = parseArgs();
const quick = args.quick === true;
const startupArgs = ['--runs', String(args.runs ?? (quick ? 2 : 7)), ...(quick ? ['--idle-s', '3'] : [])];
const loadArgs = quick ? ['--duration', '3', '--warmup', '1', '--rounds', '1'] : [];
const rtArgs = quick ? ['--starts', '2', '--idle-s', '3', '--basic-rounds', '1', ...loadArgs] : [];

let current = null;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    // The child stops the servers it started on its own signal handler.
    if (current) current.kill(sig);
    else process.exit(130);
  });
}

async function run(script, scriptArgs, latest) {
  log(`\n=== node bench/${script} ${scriptArgs.join(' ')}`);
  const t0 = Date.now() - 1000;
  current = spawn(process.execPath, [path.join(benchDir, script), ...scriptArgs], { stdio: 'inherit' });
  const r = await new Promise((resolve) => current.on('exit', (status, signal) => resolve({ status, signal })));
  current = null;
  if (r.signal) process.exit(130);
  let data = null;
  try {
    data = JSON.parse(readFileSync(path.join(outDir, `${latest}-latest.json`), 'utf8'));
    if (Date.parse(data.machine.date) < t0) data = null; // left over from an earlier run
  } catch {}
  if (r.status !== 0) {
    log(`!! ${script} failed (exit ${r.status})`);
    return data?.ok === false ? data : null; // rt.mjs records why it could not run
  }
  return data;
}

function pgDbExists(name) {
  try {
    const out = execFileSync(
      'psql',
      [
        '-h',
        '127.0.0.1',
        '-U',
        'postgres',
        '-d',
        'postgres',
        '-Atc',
        `SELECT 1 FROM pg_database WHERE datname = '${name}'`,
      ],
      { encoding: 'utf8' },
    );
    return out.trim() === '1';
  } catch {
    return false;
  }
}

const machine = machineInfo();
const parts = {};
if (!args['tickets-only']) {
  parts.startup = await run('startup.mjs', startupArgs, 'startup-sqlite');
  parts.throughputSqlite = await run('throughput.mjs', loadArgs, 'throughput-sqlite');
  if (args.pg) parts.throughputPg = await run('throughput.mjs', ['--pg', ...loadArgs], 'throughput-postgres');
  if (args.rt) parts.rt = await run('rt.mjs', rtArgs, 'rt');
}
if (args.tickets || args['tickets-only']) {
  // The data sets take long to make (1M tickets: about 15 min on SQLite): made once, reused after.
  const ticketsLoadArgs = quick ? ['--rounds', '1', '--duration', '3', '--warmup', '1'] : [];
  const n = typeof args.tickets === 'string' ? Number(args.tickets) : 1_000_000;
  const dataDir = `/tmp/bench-tickets-${n}`;
  if (!existsSync(path.join(dataDir, 'sahayak.db')))
    parts.genTicketsSqlite = await run(
      'gen-tickets.mjs',
      ['--tickets', String(n), '--data', dataDir],
      `gen-tickets-sqlite-${n}`,
    );
  parts.ticketsSqlite = await run('tickets-load.mjs', ['--data', dataDir, ...ticketsLoadArgs], 'tickets-load-sqlite');
  if (args.pg) {
    const npg = Number(args['tickets-pg'] ?? 200_000);
    const url = `postgres://postgres@127.0.0.1:5432/sahayak_bench_tickets_${npg}`;
    if (!pgDbExists(`sahayak_bench_tickets_${npg}`))
      parts.genTicketsPg = await run(
        'gen-tickets.mjs',
        ['--tickets', String(npg), '--pg', url],
        `gen-tickets-postgres-${npg}`,
      );
    parts.ticketsPg = await run('tickets-load.mjs', ['--pg', url, ...ticketsLoadArgs], 'tickets-load-postgres');
  }
}
const file = writeJson('all', { machine, args, parts });

const sec = (s) =>
  s ? fmtSummary({ ...s, median: s.median / 1000, min: s.min / 1000, max: s.max / 1000 }, 2, ' s') : 'n/a';
const st = parts.startup;
const tS = parts.throughputSqlite;
const tP = parts.throughputPg;
const rt = parts.rt?.ok ? parts.rt : null;
const pgCol = Boolean(tP || parts.ticketsPg);
const cols = [
  'Sahayak, SQLite',
  ...(pgCol ? ['Sahayak, PostgreSQL'] : []),
  ...(rt ? ['RT 5, PostgreSQL'] : []),
  'target',
];
const rows = [];
const row = (figure, sqlite, pg, rtv, target = '') =>
  rows.push([figure, sqlite, ...(pgCol ? [pg ?? ''] : []), ...(rt ? [rtv ?? ''] : []), target]);
const tp = (t, name, k, d = 0) => (t?.stats?.[name] ? fmtSummary(t.stats[name][k], d) : 'n/a');
const ratio = (t, name) => (t?.ratio?.[name] ? String(t.ratio[name].ofMedians) : 'n/a');

if (st) {
  row(
    'first start, empty database (migrate + seed): spawn → 200',
    `${round(st.fresh.readyMs / 1000, 2)} s`,
    null,
    rt ? `${round(rt.summary.firstStartMs / 1000, 2)} s (first start of the run)` : null,
  );
  row(
    `start, seeded: spawn → first 200, median (min–max) of ${st.summary.readyMs.n}`,
    sec(st.summary.readyMs),
    null,
    rt ? sec(rt.summary.startMs) : null,
    '< 5 s',
  );
  row(
    `idle RSS after ${st.params.idleS} s (Sahayak: the listening node; RT: master + workers)`,
    fmtSummary(st.summary.idleRssMiB, 1, ' MiB'),
    null,
    rt
      ? `${fmtSummary(rt.summary.idleRssSumMiB, 0, ' MiB')} RSS sum, ${fmtSummary(rt.summary.idlePssSumMiB, 0, ' MiB')} PSS sum`
      : null,
    '< 200 MB',
  );
}
if (tS) {
  row(
    'bare Fastify GET /hello, req/s (p50 / p99 ms)',
    `${tp(tS, 'bare', 'reqPerS')} (${tp(tS, 'bare', 'p50Ms')} / ${tp(tS, 'bare', 'p99Ms')})`,
    tP ? `${tp(tP, 'bare', 'reqPerS')} (${tp(tP, 'bare', 'p50Ms')} / ${tp(tP, 'bare', 'p99Ms')})` : null,
    null,
  );
  const rtBasic = rt?.summary?.basic?.reqPerS?.n
    ? `${fmtSummary(rt.summary.basic.reqPerS, 1)} (${fmtSummary(rt.summary.basic.p50Ms, 0)} / ${fmtSummary(rt.summary.basic.p99Ms, 0)}) basic auth`
    : null;
  row(
    'GET me, Bearer token, req/s (p50 / p99 ms)',
    `${tp(tS, 'bearer', 'reqPerS')} (${tp(tS, 'bearer', 'p50Ms')} / ${tp(tS, 'bearer', 'p99Ms')})`,
    tP ? `${tp(tP, 'bearer', 'reqPerS')} (${tp(tP, 'bearer', 'p50Ms')} / ${tp(tP, 'bearer', 'p99Ms')})` : null,
    rtBasic,
  );
  const rtKa = rt?.summary?.cookieKeepalive?.reqPerS?.n
    ? `${fmtSummary(rt.summary.cookieKeepalive.reqPerS, 1)} (${fmtSummary(rt.summary.cookieKeepalive.p50Ms, 0)} / ${fmtSummary(rt.summary.cookieKeepalive.p99Ms, 0)}) keep-alive on`
    : null;
  row(
    'GET me, session cookie, autocannon, req/s (p50 / p99 ms)',
    `${tp(tS, 'cookie', 'reqPerS')} (${tp(tS, 'cookie', 'p50Ms')} / ${tp(tS, 'cookie', 'p99Ms')})`,
    tP ? `${tp(tP, 'cookie', 'reqPerS')} (${tp(tP, 'cookie', 'p50Ms')} / ${tp(tP, 'cookie', 'p99Ms')})` : null,
    rtKa,
  );
  if (tS.stats.cookieClose) {
    const rtc = rt?.summary?.cookie?.reqPerS?.n
      ? `${fmtSummary(rt.summary.cookie.reqPerS, 1)} (${fmtSummary(rt.summary.cookie.p50Ms, 0)} / ${fmtSummary(rt.summary.cookie.p99Ms, 0)})`
      : null;
    row(
      'GET me, session cookie, new connection per request, req/s (p50 / p99 ms)',
      `${tp(tS, 'cookieClose', 'reqPerS')} (${tp(tS, 'cookieClose', 'p50Ms')} / ${tp(tS, 'cookieClose', 'p99Ms')})`,
      tP?.stats?.cookieClose
        ? `${tp(tP, 'cookieClose', 'reqPerS')} (${tp(tP, 'cookieClose', 'p50Ms')} / ${tp(tP, 'cookieClose', 'p99Ms')})`
        : null,
      rtc,
    );
  }
  row(
    'ratio Sahayak / bare Fastify (Bearer · cookie)',
    `${ratio(tS, 'bearer')} · ${ratio(tS, 'cookie')}`,
    tP ? `${ratio(tP, 'bearer')} · ${ratio(tP, 'cookie')}` : null,
    null,
  );
  row(
    'server CPU per cookie request (ms)',
    tp(tS, 'cookie', 'serverCpuMsPerReq', 3),
    tP ? tp(tP, 'cookie', 'serverCpuMsPerReq', 3) : null,
    rt ? fmtSummary(rt.summary.cookie.serverCpuMsPerReq, 1) : null,
  );
}

const tk = (t, key, k, d = 1) => (t?.stats?.[key] ? fmtSummary(t.stats[key][k], d) : 'n/a');
for (const [name, t] of [
  ['SQLite', parts.ticketsSqlite],
  ['PostgreSQL', parts.ticketsPg],
]) {
  if (!t) continue;
  const conc = t.params.concs.at(-1);
  const tag = `ticket workload, ${name}, ${t.dataSet.tickets.toLocaleString('en')} tickets`;
  for (const [label, key, k, goal] of [
    ['create ticket, tickets/s at 32 (p50 / p99 ms)', `create@${t.params.createConc}`, null, '≥ 2 000/s'],
    ['view "All unsolved" p50 / p95 ms (1 connection)', 'view_all_unsolved@1', 'lat', 'p95 < 15 ms'],
    ['view "My open" p50 / p95 ms (1 connection)', 'view_my_open@1', 'lat', 'p95 < 15 ms'],
    ['view "Unassigned" p50 / p95 ms (1 connection)', 'view_unassigned@1', 'lat', 'p95 < 15 ms'],
    ['status=open,pending list p50 / p95 ms (1 connection)', 'list_open_pending@1', 'lat', 'p95 < 15 ms'],
    ['search p50 / p95 ms (1 connection)', 'search@1', 'lat', 'p95 < 50 ms'],
    ['ticket page p50 / p95 ms (1 connection)', 'ticket_page@1', 'lat', 'p95 < 20 ms'],
    [`search, ops/s at ${conc} (p95 ms)`, `search@${conc}`, 'tp', ''],
  ]) {
    const v =
      k === null
        ? `${tk(t, key, 'opsPerS', 0)} (${tk(t, key, 'p50Ms')} / ${tk(t, key, 'p99Ms')})`
        : k === 'lat'
          ? `${tk(t, key, 'p50Ms')} / ${tk(t, key, 'p95Ms')}`
          : `${tk(t, key, 'opsPerS', 0)} (${tk(t, key, 'p95Ms')})`;
    row(`${tag}: ${label}`, name === 'SQLite' ? v : null, name === 'SQLite' ? null : v, null, goal);
  }
}

console.log(`\n## Sahayak bench — ${machine.date}\n`);
console.log(
  `${machine.nproc} × ${machine.cpuModel}, ${machine.memTotalGiB} GiB RAM, Node ${machine.node}, ${machine.os}; load generator on the same cores.\n`,
);
console.log(`| figure | ${cols.join(' | ')} |`);
console.log(`|---|${cols.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
if (parts.rt && !parts.rt.ok) console.log(`\nRT: ${parts.rt.reason}`);
console.log(
  `\n"me" = Sahayak GET /api/v1/auth/me, RT GET /rt/REST/2.0/user/root. Concurrency ${tS?.params.conc ?? 32}. raw: ${path.relative(process.cwd(), file)}`,
);
