#!/usr/bin/env node
// Throughput of an authenticated cheap API call of Sahayak against a bare Fastify 5 route.
//
//   node bench/throughput.mjs [--pg] [--conc 32] [--duration 10] [--warmup 3] [--rounds 3]
//                             [--port 3411] [--bare-port 3412] [--mode npm|node|direct]
//
// Starts one Sahayak server (fresh DATA_DIR, demo data seeded; SQLite, or a scratch PostgreSQL
// database with --pg) and, in its own process, a bare Fastify server (bare-fastify.mjs) with one
// route returning {"hello":"world"}. Signs in as the demo admin, creates a read-scoped API token,
// then measures with autocannon (in this process, on the same cores as both servers):
//   bare    GET /hello                              (no auth, no plugins)
//   bearer  GET /api/v1/auth/me  Authorization: Bearer shk_…
//   cookie  GET /api/v1/auth/me  Cookie: sahayak_session=…
// Each measurement: 3 s warm-up (discarded), then 10 s at 32 connections. Rounds alternate the
// order (bare, bearer, cookie / cookie, bearer, bare / …). Reports medians over the rounds of
// req/s (2xx responses / duration), p50 and p99 latency, and Sahayak/bare ratios; also the CPU used
// by each server and by the load generator during the measured 10 s. Unless --no-close, each round
// also drives the cookie call with the closed-loop client rt.mjs uses for RT's default server (one
// new connection per request), for a like-for-like figure beside RT.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  benchDir,
  closedLoop,
  cpuSecondsOf,
  createPgDb,
  createToken,
  dropPgDb,
  fmtSummary,
  httpGet,
  listenerPid,
  log,
  machineInfo,
  memOf,
  onInterrupt,
  parseArgs,
  pgCpuS,
  pgVersion,
  portInUse,
  processTree,
  rerunWhenBusy,
  round,
  sampledWindow,
  signIn,
  spawnSahayak,
  stopGroup,
  summary,
  trackGroup,
  waitFor200,
  waitQuiet,
  writeJson,
} from './lib.mjs';

const args = parseArgs();
const CONC = Number(args.conc ?? 32);
const DURATION = Number(args.duration ?? 10);
const WARMUP = Number(args.warmup ?? 3);
const ROUNDS = Number(args.rounds ?? 3);
const PORT = Number(args.port ?? 3411);
const BARE_PORT = Number(args['bare-port'] ?? 3412);
const MODE = String(args.mode ?? 'npm');
const PG = args.pg === true;
const CLOSE = args['no-close'] !== true;

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONC, pipelining: 1, timeout: 10, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

/**
 * One warm-up + one measured run against `target` (autocannon, or target.client === 'closed': the
 * closed-loop client with a new connection per request, as used for RT); CPU of the server process
 * and of this process (the load generator) over the measured window.
 */
async function measure(target, serverPid) {
  const closed = target.client === 'closed';
  const run = (duration) =>
    closed
      ? closedLoop({ url: target.url, headers: target.headers, conc: CONC, durationS: duration })
      : cannon({ url: target.url, headers: target.headers, duration });
  await run(WARMUP);
  const tree = processTree(serverPid);
  const withDb = PG && target.name !== 'bare';
  const w = await sampledWindow(
    { durationS: DURATION, serverCpuS: () => cpuSecondsOf(tree), dbCpuS: withDb ? pgCpuS : undefined },
    run,
  );
  const r = w.result;
  const srvCpuS = w.serverCpuS;
  const ok = closed ? r.ok : r['2xx'];
  const out = {
    target: target.name,
    client: closed ? 'closed-loop, new connection per request' : 'autocannon',
    reqPerS: round(ok / DURATION, 1),
    avgReqPerS: closed ? null : r.requests.average,
    p50Ms: closed ? r.p50Ms : r.latency.p50,
    p90Ms: closed ? r.p90Ms : r.latency.p90,
    p99Ms: closed ? r.p99Ms : r.latency.p99,
    maxMs: closed ? r.maxMs : r.latency.max,
    ok,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts ?? 0,
    durationS: DURATION,
    serverCpuCores: round(srvCpuS / DURATION, 2),
    serverCpuMsPerReq: ok ? round((srvCpuS * 1000) / ok, 3) : null,
    loadGenCpuCores: round(w.loadGenCpuS / DURATION, 2),
    dbCpuCores: withDb ? round(w.dbCpuS / DURATION, 2) : null,
    dbCpuMsPerReq: withDb && ok ? round((w.dbCpuS * 1000) / ok, 3) : null,
    othersBusyCores: w.othersBusyCores,
    stealCores: w.stealCores,
    serverRssAfterMiB: round(memOf(serverPid).rssKiB / 1024, 1),
  };
  log(
    `  ${target.name.padEnd(12)} ${String(out.reqPerS).padStart(8)} req/s  p50 ${out.p50Ms} ms  p99 ${out.p99Ms} ms  ` +
      `server ${out.serverCpuCores} cores${out.dbCpuCores !== null ? `, PostgreSQL ${out.dbCpuCores}` : ''}, load generator ${out.loadGenCpuCores}, others ${out.othersBusyCores}` +
      (out.non2xx || out.errors ? `  !! non2xx=${out.non2xx} errors=${out.errors}` : ''),
  );
  return out;
}

/** measure(), re-run (up to twice) when other people's work used the machine during the window. */
const measureClean = (target, serverPid) => rerunWhenBusy(() => measure(target, serverPid));

const machine = machineInfo();
for (const p of [PORT, BARE_PORT]) if (portInUse(p)) throw new Error(`port ${p} is already in use`);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sahayak-bench-tp-'));
const dbName = `sahayak_bench_tp_${process.pid}`;
const databaseUrl = PG ? createPgDb(dbName) : undefined;
onInterrupt(() => {
  rmSync(dataDir, { recursive: true, force: true });
  if (PG) dropPgDb(dbName);
});
log(
  `throughput bench: db=${PG ? 'postgres' : 'sqlite'} conc=${CONC} ${WARMUP}s warm-up + ${DURATION}s x ${ROUNDS} rounds`,
);

let sahayak;
let bare;
let result;
try {
  sahayak = spawnSahayak({ mode: MODE, port: PORT, dataDir, databaseUrl });
  const readyMs = await waitFor200(`http://127.0.0.1:${PORT}/readyz`, sahayak.t0, { isDead: () => sahayak.exited });
  sahayak.listener = listenerPid(processTree(sahayak.child.pid), PORT);
  const t0 = performance.now();
  bare = {
    child: spawn(process.execPath, [path.join(benchDir, 'bare-fastify.mjs')], {
      env: { ...process.env, PORT: String(BARE_PORT) },
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  };
  bare.child.on('exit', () => (bare.exited = true));
  trackGroup(bare);
  await waitFor200(`http://127.0.0.1:${BARE_PORT}/hello`, t0, { isDead: () => bare.exited });
  bare.listener = listenerPid(processTree(bare.child.pid), BARE_PORT);
  log(`Sahayak ready in ${round(readyMs, 0)} ms (listener pid ${sahayak.listener}); bare Fastify pid ${bare.listener}`);

  const base = `http://127.0.0.1:${PORT}`;
  const session = await signIn(base);
  const token = await createToken(base, session);
  const targets = {
    bare: { name: 'bare', url: `http://127.0.0.1:${BARE_PORT}/hello`, headers: {} },
    bearer: { name: 'bearer', url: `${base}/api/v1/auth/me`, headers: { authorization: `Bearer ${token}` } },
    cookie: { name: 'cookie', url: `${base}/api/v1/auth/me`, headers: { cookie: session.cookie } },
    // The client rt.mjs uses for RT's default server: one new connection per request.
    cookieClose: {
      name: 'cookieClose',
      url: `${base}/api/v1/auth/me`,
      headers: { cookie: session.cookie },
      client: 'closed',
    },
  };
  const samples = {};
  for (const t of Object.values(targets)) {
    if (t.client === 'closed') continue;
    const r = await httpGet(t.url, { headers: t.headers });
    if (r.status !== 200) throw new Error(`${t.name}: GET ${t.url} -> ${r.status} ${r.body}`);
    samples[t.name] = JSON.parse(r.body);
  }
  const idle = {
    sahayakRssMiB: round(memOf(sahayak.listener).rssKiB / 1024, 1),
    bareRssMiB: round(memOf(bare.listener).rssKiB / 1024, 1),
  };

  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    const base3 = ['bare', 'bearer', 'cookie'];
    const order = (i % 2 === 0 ? base3 : base3.toReversed()).concat(CLOSE ? ['cookieClose'] : []);
    const quiet = await waitQuiet();
    log(`round ${i + 1}/${ROUNDS} (${order.join(', ')}; machine busy before: ${quiet.busyCores} cores)`);
    const runs = {};
    for (const name of order)
      runs[name] = await measureClean(targets[name], name === 'bare' ? bare.listener : sahayak.listener);
    rounds.push({ order, quietBefore: quiet, runs });
  }

  const per = (name, key) => rounds.map((r) => r.runs[name][key]);
  const stats = {};
  for (const name of Object.keys(targets)) {
    if (!rounds[0].runs[name]) continue;
    stats[name] = {
      reqPerS: summary(per(name, 'reqPerS')),
      p50Ms: summary(per(name, 'p50Ms')),
      p99Ms: summary(per(name, 'p99Ms')),
      serverCpuCores: summary(per(name, 'serverCpuCores')),
      serverCpuMsPerReq: summary(per(name, 'serverCpuMsPerReq')),
      dbCpuMsPerReq: PG && name !== 'bare' ? summary(per(name, 'dbCpuMsPerReq')) : null,
      othersBusyCores: summary(per(name, 'othersBusyCores')),
      loadGenCpuCores: summary(per(name, 'loadGenCpuCores')),
      non2xx: per(name, 'non2xx').reduce((a, b) => a + b, 0),
      errors: per(name, 'errors').reduce((a, b) => a + b, 0),
    };
  }
  const ratio = (name) => ({
    ofMedians: round(stats[name].reqPerS.median / stats.bare.reqPerS.median, 3),
    perRound: summary(rounds.map((r) => r.runs[name].reqPerS / r.runs.bare.reqPerS)),
  });
  result = {
    bench: 'throughput',
    machine,
    params: {
      db: PG ? 'postgres' : 'sqlite',
      pg: PG ? pgVersion() : null,
      conc: CONC,
      durationS: DURATION,
      warmupS: WARMUP,
      rounds: ROUNDS,
      mode: MODE,
    },
    sahayakReadyMs: round(readyMs, 0),
    idle,
    meSample: { bearer: samples.bearer.user?.email, cookie: samples.cookie.user?.email },
    rounds,
    stats,
    ratio: {
      bearer: ratio('bearer'),
      cookie: ratio('cookie'),
      ...(CLOSE ? { cookieClose: ratio('cookieClose') } : {}),
    },
    serverRssAfterLoadMiB: round(memOf(sahayak.listener).rssKiB / 1024, 1),
    serverHwmMiB: round(memOf(sahayak.listener).hwmKiB / 1024, 1),
  };
} finally {
  if (sahayak) await stopGroup(sahayak, { port: PORT }).catch((e) => log(`stop Sahayak: ${e.message}`));
  if (bare) await stopGroup(bare, { port: BARE_PORT }).catch((e) => log(`stop bare: ${e.message}`));
  rmSync(dataDir, { recursive: true, force: true });
  if (PG) dropPgDb(dbName);
}

const file = writeJson(`throughput-${result.params.db}`, result);
const S = result.stats;
const m = (s, d = 0) => fmtSummary(s, d);
console.log(
  `\n### Throughput, ${result.params.db}, ${CONC} connections, ${DURATION} s × ${ROUNDS} rounds (${machine.nproc} cores shared with autocannon)\n`,
);
console.log(
  '| target | req/s median (min–max) | p50 ms | p99 ms | server CPU (cores) | CPU ms/req | autocannon CPU (cores) | ratio to bare |',
);
console.log('|---|---|---|---|---|---|---|---|');
const label = {
  bare: 'bare Fastify `GET /hello`',
  bearer: 'Sahayak `GET /api/v1/auth/me` (Bearer token)',
  cookie: 'Sahayak `GET /api/v1/auth/me` (session cookie)',
  cookieClose: 'Sahayak `GET /api/v1/auth/me` (session cookie), closed-loop client, new connection per request',
};
for (const name of Object.keys(S)) {
  const s = S[name];
  const r =
    name === 'bare' ? '1' : `${result.ratio[name].ofMedians} (per round ${fmtSummary(result.ratio[name].perRound, 3)})`;
  console.log(
    `| ${label[name]} | ${m(s.reqPerS)} | ${m(s.p50Ms)} | ${m(s.p99Ms)} | ${fmtSummary(s.serverCpuCores, 2)} | ${fmtSummary(s.serverCpuMsPerReq, 3)} | ${fmtSummary(s.loadGenCpuCores, 2)} | ${r} |`,
  );
}
const bad = Object.keys(S).filter((n) => S[n].non2xx || S[n].errors);
if (bad.length) console.log(`\n!! non-2xx or connection errors in: ${bad.join(', ')}`);
console.log(
  `\nidle RSS: Sahayak ${result.idle.sahayakRssMiB} MiB, bare Fastify ${result.idle.bareRssMiB} MiB; Sahayak after load ${result.serverRssAfterLoadMiB} MiB (peak ${result.serverHwmMiB} MiB)`,
);
console.log(`raw: ${path.relative(process.cwd(), file)}`);
