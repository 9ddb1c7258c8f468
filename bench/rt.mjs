#!/usr/bin/env node
// Request Tracker 5 (Debian's packages, PostgreSQL) measured the way startup.mjs and throughput.mjs
// measure Sahayak, using the peer kit in /work/shared/peers/rt (its README describes the kit).
//
//   node bench/rt.mjs [--starts 5] [--idle-s 10] [--conc 32] [--duration 10] [--warmup 3]
//                     [--rounds 3] [--basic-rounds 1] [--install] [--keep-db]
//                     [--kit /work/shared/peers/rt] [--run-dir /var/tmp/sahayak-bench-rt]
//
// Needs root (RT runs as www-data through setpriv) and PostgreSQL on 127.0.0.1:5432 with trust auth.
// --install runs the kit's install step (apt-get update, debconf preseed, apt-get install) first.
//  1. Creates RT's database with the kit's setup-rt-pg-db.sh when it does not exist (and drops it
//     at the end unless --keep-db or it existed before).
//  2. --starts times: spawn start-rt-pg.sh → its exit (the script polls /rt/NoAuth/Login.html every
//     50 ms and exits at the first 200; its own first_200_s is recorded too); after --idle-s idle,
//     RSS and PSS summed over the Starlet master and its workers (from /proc); stop-rt-pg.sh.
//  3. Throughput at --conc concurrent clients of GET /rt/REST/2.0/user/root, the REST 2.0 twin of
//     Sahayak's GET /api/v1/auth/me, each a 3 s warm-up + 10 s window as in throughput.mjs:
//     a. the kit's server as it ships (Starlet, 10 workers, one request per connection: it answers
//        `Connection: close`). autocannon mishandles that (it writes the next request into the
//        closing socket: ECONNRESET and a growing queue of stale start times, so latencies come out
//        wrong), so this server is driven by lib.mjs closedLoop(): --conc loops, a new connection
//        per request. With the session cookie of one form login (--rounds) and with HTTP basic auth
//        (--basic-rounds; RT checks the bcrypt password on every request, as it does for tokens).
//     b. the same server restarted with Starlet's keep-alive on (--max-keepalive-reqs, same 10
//        workers), driven by autocannon with the session cookie (--rounds). Only 10 of the 32
//        connections are served at a time (one per worker); the others wait, so autocannon's
//        latency percentiles describe the served ones. --no-keepalive skips b.
//  RT's CPU = utime+stime of master and workers (+ the master's cutime for reaped workers), sampled
//  when each window closes. PostgreSQL's own CPU is not counted (for Sahayak on SQLite there is none).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import {
  children,
  closedLoop,
  fmtSummary,
  httpGet,
  httpRequest,
  log,
  MAX_OTHERS_BUSY,
  machineInfo,
  memOf,
  onInterrupt,
  parseArgs,
  pgCpuS,
  portInUse,
  rerunWhenBusy,
  round,
  sampledWindow,
  sleep,
  summary,
  systemCpu,
  waitQuiet,
  writeJson,
} from './lib.mjs';

const args = parseArgs();
const KIT = path.resolve(String(args.kit ?? '/work/shared/peers/rt'));
const RUN_DIR = path.resolve(String(args['run-dir'] ?? '/var/tmp/sahayak-bench-rt'));
const STARTS = Number(args.starts ?? 5);
const IDLE_S = Number(args['idle-s'] ?? 10);
const CONC = Number(args.conc ?? 32);
const DURATION = Number(args.duration ?? 10);
const WARMUP = Number(args.warmup ?? 3);
const ROUNDS = Number(args.rounds ?? 3);
const BASIC_ROUNDS = Number(args['basic-rounds'] ?? 1);
const RT_PORT = Number(process.env.RT_PORT ?? 18081);
const RT_DB_NAME = process.env.RT_DB_NAME ?? 'rt5bench';
const RT_SERVER = '/usr/share/request-tracker5/libexec/rt-server';
const BASE = `http://127.0.0.1:${RT_PORT}/rt`;
// Starlet's own options, passed through start-rt-pg.sh and rt-server (default: 1 request per connection).
const KEEPALIVE_ARGS = ['--max-keepalive-reqs', '1000000', '--keepalive-timeout', '30'];
const env = { ...process.env, RT_PORT: String(RT_PORT), RT_RUN_DIR: RUN_DIR, RT_DB_NAME };

function sh(script, scriptArgs = [], opts = {}) {
  return execFileSync(path.join(KIT, script), scriptArgs, {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...opts,
  });
}

function fail(reason) {
  const file = writeJson('rt', { bench: 'rt', machine: machineInfo(), ok: false, reason });
  console.log(`\nRT could not be measured: ${reason}\nraw: ${path.relative(process.cwd(), file)}`);
  process.exit(1);
}

function install() {
  log('installing RT 5 from Debian packages (kit README, step 1)…');
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('debconf-set-selections', [path.join(KIT, 'debconf-preseed.pg.txt')], { stdio: 'inherit' });
  execFileSync(
    'apt-get',
    [
      'install',
      '-y',
      '--no-install-recommends',
      'request-tracker5',
      'rt5-db-postgresql',
      'rt5-standalone',
      'rt5-clients',
      'w3m',
      'curl',
    ],
    { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } },
  );
}

function dbExists() {
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
      `SELECT 1 FROM pg_database WHERE datname = '${RT_DB_NAME}'`,
    ],
    {
      encoding: 'utf8',
    },
  );
  return out.trim() === '1';
}

function rtVersion() {
  try {
    // dpkg-query's own format syntax, not a JavaScript template
    const format = ['$', '{Version}'].join('');
    return execFileSync('dpkg-query', ['-W', '-f', format, 'request-tracker5'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/** Master + live workers of the Starlet server. */
function rtProcs(master) {
  return [master, ...children(master)];
}

/** utime+stime of master and workers, plus the master's cutime+cstime (workers it has reaped). */
function rtCpuS(master) {
  let ticks = 0;
  for (const pid of rtProcs(master)) {
    try {
      const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]) + (pid === master ? Number(f[13]) + Number(f[14]) : 0);
    } catch {}
  }
  return ticks / 100;
}

function rtMem(master) {
  let rss = 0;
  let pss = 0;
  let n = 0;
  for (const pid of rtProcs(master)) {
    try {
      const m = memOf(pid);
      rss += m.rssKiB;
      pss += m.pssKiB;
      n++;
    } catch {}
  }
  return {
    rssMiB: round(rss / 1024, 1),
    pssMiB: round(pss / 1024, 1),
    procs: n,
    masterRssMiB: round(memOf(master).rssKiB / 1024, 1),
  };
}

function masterPid() {
  return Number(readFileSync(path.join(RUN_DIR, 'rt-server.pid'), 'utf8').trim());
}

/** CPU seconds of this process and of its reaped children (the start script and its curl polls). */
function selfAndChildrenCpuS() {
  const st = readFileSync('/proc/self/stat', 'utf8');
  const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
}

async function startRt(extra = []) {
  const sys0 = systemCpu();
  const pg0 = pgCpuS();
  const me0 = selfAndChildrenCpuS();
  const t0 = performance.now();
  const child = spawn(path.join(KIT, 'start-rt-pg.sh'), extra, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const code = await new Promise((r) => child.on('exit', r));
  const ms = performance.now() - t0;
  if (code !== 0) throw new Error(`start-rt-pg.sh exited ${code}:\n${out}`);
  const first200 = Number(/first_200_s\s+([\d.]+)/.exec(out)?.[1]);
  const master = masterPid();
  const rtCpu = rtCpuS(master);
  const busy = systemCpu().busyS - sys0.busyS;
  const others = busy - rtCpu - (pgCpuS() - pg0) - (selfAndChildrenCpuS() - me0);
  return {
    ms: round(ms, 0),
    scriptFirst200S: first200,
    master,
    startCpuS: round(rtCpu, 2),
    otherBusyCores: round(Math.max(0, others) / (ms / 1000), 2),
    out,
  };
}

function stopRt() {
  const t0 = performance.now();
  const out = sh('stop-rt-pg.sh').trim();
  return { ms: round(performance.now() - t0, 0), out };
}

async function rtLogin() {
  const r = await httpRequest(`${BASE}/NoAuth/Login.html`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'user=root&pass=password',
  });
  const c = [].concat(r.headers['set-cookie'] ?? []).find((x) => x.startsWith('RT_SID_'));
  if (!c) throw new Error(`RT login set no RT_SID_ cookie (HTTP ${r.status})`);
  return c.split(';')[0];
}

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONC, pipelining: 1, timeout: 30, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

/** Warm-up + measured run. kind 'closed': closedLoop() (new connection per request); 'autocannon'. */
async function measure(name, kind, url, headers, master) {
  const run = (duration) =>
    kind === 'autocannon'
      ? cannon({ url, headers, duration })
      : closedLoop({ url, headers, conc: CONC, durationS: duration });
  await run(WARMUP);
  // CPU is sampled when the window closes: answers still in flight then (32 × 0.5 s of bcrypt for
  // basic auth) are not counted, so their CPU must not be either (lib.mjs sampledWindow).
  const w = await sampledWindow({ durationS: DURATION, serverCpuS: () => rtCpuS(master), dbCpuS: pgCpuS }, run);
  const r = w.result;
  const wallS = DURATION;
  const cpu = w.serverCpuS;
  const ok = kind === 'autocannon' ? r['2xx'] : r.ok;
  const out = {
    target: name,
    client: kind,
    reqPerS: round(ok / DURATION, 1),
    p50Ms: kind === 'autocannon' ? r.latency.p50 : r.p50Ms,
    p90Ms: kind === 'autocannon' ? r.latency.p90 : r.p90Ms,
    p99Ms: kind === 'autocannon' ? r.latency.p99 : r.p99Ms,
    maxMs: kind === 'autocannon' ? r.latency.max : r.maxMs,
    ok,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts ?? 0,
    durationS: DURATION,
    serverCpuCores: round(cpu / wallS, 2),
    serverCpuMsPerReq: ok ? round((cpu * 1000) / ok, 2) : null,
    loadGenCpuCores: round(w.loadGenCpuS / wallS, 2),
    dbCpuCores: round(w.dbCpuS / wallS, 2),
    dbCpuMsPerReq: ok ? round((w.dbCpuS * 1000) / ok, 2) : null,
    othersBusyCores: w.othersBusyCores,
    stealCores: w.stealCores,
    memAfter: rtMem(master),
  };
  log(
    `  ${name.padEnd(16)} ${String(out.reqPerS).padStart(7)} req/s  p50 ${out.p50Ms} ms  p99 ${out.p99Ms} ms  RT ${out.serverCpuCores} cores` +
      ` (${out.serverCpuMsPerReq} ms/req), PostgreSQL ${out.dbCpuCores}, load generator ${out.loadGenCpuCores}, others ${out.othersBusyCores}` +
      (out.non2xx || out.errors ? `  !! non2xx=${out.non2xx} errors=${out.errors} timeouts=${out.timeouts}` : ''),
  );
  return out;
}

/** measure(), re-run (up to twice) when other people's work used the machine during the window. */
const measureClean = (...a) => rerunWhenBusy(() => measure(...a));

// ------------------------------------------------------------------ main
if (process.getuid?.() !== 0)
  fail('must run as root (the kit runs RT as www-data through setpriv and installs Debian packages)');
if (!existsSync(path.join(KIT, 'start-rt-pg.sh'))) fail(`no RT kit at ${KIT}`);
if (!existsSync(RT_SERVER)) {
  if (args.install) install();
  if (!existsSync(RT_SERVER))
    fail(`${RT_SERVER} is missing: RT 5 is not installed (run with --install, as root, on Debian 12)`);
}
if (portInUse(RT_PORT))
  fail(`port ${RT_PORT} is already in use (is RT still running? stop it with ${KIT}/stop-rt-pg.sh)`);
mkdirSync(RUN_DIR, { recursive: true });

const machine = machineInfo();
const createdDb = !dbExists();
if (createdDb) {
  log(`creating RT's database ${RT_DB_NAME} (setup-rt-pg-db.sh)…`);
  sh('setup-rt-pg-db.sh', ['init']);
}
const result = {
  bench: 'rt',
  ok: true,
  machine,
  rtVersion: rtVersion(),
  params: {
    starts: STARTS,
    idleS: IDLE_S,
    conc: CONC,
    durationS: DURATION,
    warmupS: WARMUP,
    rounds: ROUNDS,
    basicRounds: BASIC_ROUNDS,
    port: RT_PORT,
    db: RT_DB_NAME,
  },
  starts: [],
};

let running = null;
onInterrupt(() => {
  if (running) console.error(`stop RT: ${stopRt().out}`);
  running = null;
  if (createdDb && !args['keep-db']) sh('setup-rt-pg-db.sh', ['drop']);
});
try {
  for (let i = 1; i <= STARTS; i++) {
    const quiet = await waitQuiet();
    let s = await startRt();
    running = s.master;
    const discarded = [];
    while (s.otherBusyCores > MAX_OTHERS_BUSY && discarded.length < 2) {
      log(`    (other processes used ${s.otherBusyCores} cores during that start: starting again)`);
      stopRt();
      running = null;
      discarded.push({ ms: s.ms, otherBusyCores: s.otherBusyCores });
      await waitQuiet();
      s = await startRt();
      running = s.master;
    }
    await sleep(IDLE_S * 1000);
    const mem = rtMem(s.master);
    const last = i === STARTS;
    const stop = last ? null : stopRt();
    if (!last) running = null;
    result.starts.push({
      n: i,
      ms: s.ms,
      scriptFirst200S: s.scriptFirst200S,
      startCpuS: s.startCpuS,
      otherBusyCores: s.otherBusyCores,
      ...(discarded.length ? { discarded } : {}),
      master: s.master,
      idle: mem,
      stop,
      quietBefore: quiet,
    });
    log(
      `start #${i}: ${s.ms} ms to first 200 (script says ${s.scriptFirst200S} s; RT CPU ${s.startCpuS} s, others ${s.otherBusyCores} cores); idle ${IDLE_S} s: RSS sum ${mem.rssMiB} MiB, PSS sum ${mem.pssMiB} MiB over ${mem.procs} processes`,
    );
  }

  // Throughput on the kit's default server (10 workers, Connection: close): closed-loop client.
  let master = running;
  const url = `${BASE}/REST/2.0/user/root`;
  const basic = `Basic ${Buffer.from('root:password').toString('base64')}`;
  let cookie = await rtLogin();
  for (const [name, headers] of [
    ['cookie', { cookie }],
    ['basic', { authorization: basic }],
  ]) {
    const r = await httpGet(url, { headers, timeoutMs: 5000 });
    if (r.status !== 200) throw new Error(`${name}: GET ${url} -> ${r.status}`);
  }
  const sample = await httpGet(url, { headers: { cookie } });
  result.meSample = JSON.parse(sample.body).Name;
  result.connectionHeader = sample.headers.connection ?? null;
  result.rounds = [];
  for (let i = 0; i < Math.max(ROUNDS, BASIC_ROUNDS); i++) {
    const quiet = await waitQuiet();
    log(`round ${i + 1}, default server (machine busy before: ${quiet.busyCores} cores)`);
    const runs = {};
    if (i < ROUNDS) runs.cookie = await measureClean('cookie', 'closed', url, { cookie }, master);
    if (i < BASIC_ROUNDS) runs.basic = await measureClean('basic', 'closed', url, { authorization: basic }, master);
    result.rounds.push({ quietBefore: quiet, runs });
  }

  // autocannon needs keep-alive: restart with Starlet's keep-alive on, same 10 workers.
  if (!args['no-keepalive']) {
    log(`stop: ${stopRt().out}`);
    running = null;
    const s = await startRt(KEEPALIVE_ARGS);
    running = master = s.master;
    cookie = await rtLogin();
    const r = await httpGet(url, { headers: { cookie } });
    result.keepaliveConnectionHeader = r.headers.connection ?? null;
    for (let i = 0; i < ROUNDS; i++) {
      const quiet = await waitQuiet();
      log(
        `round ${i + 1}, keep-alive server ${KEEPALIVE_ARGS.join(' ')} (machine busy before: ${quiet.busyCores} cores)`,
      );
      result.rounds[i].runs.cookieKeepalive = await measureClean(
        'cookie keep-alive',
        'autocannon',
        url,
        { cookie },
        master,
      );
      result.rounds[i].quietBeforeKeepalive = quiet;
    }
  }
} finally {
  if (running) log(`stop: ${stopRt().out}`);
  if (createdDb && !args['keep-db']) {
    log(`dropping RT's database ${RT_DB_NAME}`);
    sh('setup-rt-pg-db.sh', ['drop']);
  }
}

const st = result.starts;
const firstStart = st[0];
const rest = st.slice(1);
const stat = (k, xs = result.rounds) => summary(xs.map((r) => k(r)).filter((x) => x !== undefined));
result.summary = {
  firstStartMs: firstStart.ms,
  startMs: summary(rest.map((s) => s.ms)),
  startMsAll: summary(st.map((s) => s.ms)),
  startCpuS: summary(rest.map((s) => s.startCpuS)),
  idleRssSumMiB: summary(st.map((s) => s.idle.rssMiB)),
  idlePssSumMiB: summary(st.map((s) => s.idle.pssMiB)),
  idleMasterRssMiB: summary(st.map((s) => s.idle.masterRssMiB)),
  procs: st[0].idle.procs,
};
for (const name of ['cookie', 'basic', 'cookieKeepalive']) {
  result.summary[name] = {
    reqPerS: stat((r) => r.runs[name]?.reqPerS),
    p50Ms: stat((r) => r.runs[name]?.p50Ms),
    p99Ms: stat((r) => r.runs[name]?.p99Ms),
    serverCpuCores: stat((r) => r.runs[name]?.serverCpuCores),
    serverCpuMsPerReq: stat((r) => r.runs[name]?.serverCpuMsPerReq),
    dbCpuMsPerReq: stat((r) => r.runs[name]?.dbCpuMsPerReq),
    othersBusyCores: stat((r) => r.runs[name]?.othersBusyCores),
    non2xx: result.rounds.reduce((a, r) => a + (r.runs[name]?.non2xx ?? 0), 0),
    errors: result.rounds.reduce((a, r) => a + (r.runs[name]?.errors ?? 0), 0),
  };
}
const file = writeJson('rt', result);

const S = result.summary;
const sec = (s) => fmtSummary({ ...s, median: s.median / 1000, min: s.min / 1000, max: s.max / 1000 }, 2, ' s');
console.log(
  `\n### Request Tracker ${result.rtVersion} (Debian 12, PostgreSQL, Starlet 1 master + workers, ${machine.nproc} cores)\n`,
);
console.log('| figure | value |');
console.log('|---|---|');
console.log(`| start-rt-pg.sh → first 200, first start of this run | ${round(S.firstStartMs / 1000, 2)} s |`);
console.log(`| start-rt-pg.sh → first 200, starts 2–${STARTS}, median (min–max) | ${sec(S.startMs)} |`);
console.log(
  `| idle ${IDLE_S} s: RSS sum of master + workers (${S.procs} processes) | ${fmtSummary(S.idleRssSumMiB, 1, ' MiB')} |`,
);
console.log(`| idle: PSS sum (shared pages divided among the forks) | ${fmtSummary(S.idlePssSumMiB, 1, ' MiB')} |`);
console.log(`| idle: RSS of the master alone | ${fmtSummary(S.idleMasterRssMiB, 1, ' MiB')} |`);
for (const [name, label] of [
  ['cookie', 'session cookie, default server (Connection: close), closed-loop client'],
  ['basic', 'basic auth (bcrypt per request), default server, closed-loop client'],
  ['cookieKeepalive', 'session cookie, Starlet keep-alive on, autocannon'],
]) {
  const s = S[name];
  if (!s.reqPerS.n) continue;
  console.log(
    `| GET /rt/REST/2.0/user/root, ${label}, ${CONC} conn: req/s · p50 · p99 · RT CPU ms/req | ${fmtSummary(s.reqPerS, 1)} · ${fmtSummary(s.p50Ms, 0)} ms · ${fmtSummary(s.p99Ms, 0)} ms · ${fmtSummary(s.serverCpuMsPerReq, 1)} |`,
  );
}
const bad = ['cookie', 'basic', 'cookieKeepalive'].filter((n) => S[n].non2xx || S[n].errors);
if (bad.length) console.log(`\n!! non-2xx or connection errors in: ${bad.join(', ')} (see raw JSON)`);
console.log(
  `\nThe kit's RT answers with Connection: ${result.connectionHeader ?? '(none)'}; autocannon writes its next request into the` +
    ' closing socket (ECONNRESET, wrong latencies), so the default server is driven by a closed-loop client with one' +
    ' connection per request, and autocannon runs against a restart with keep-alive on.',
);
console.log(`raw: ${path.relative(process.cwd(), file)}`);
