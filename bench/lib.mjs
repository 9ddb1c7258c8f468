// Shared helpers of the bench scripts: process handling, /proc reading, HTTP polling, statistics,
// machine description, Sahayak sign-in and PostgreSQL scratch databases.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = fileURLToPath(new URL('.', import.meta.url));
export const repoRoot = path.resolve(benchDir, '..');
export const outDir = path.join(benchDir, 'out');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A repeatable generator of numbers 0 ≤ x < 1 (a linear congruential one), so runs make the same inputs. */
export function seededRandom(seed = 12345) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/** `--name value` / `--flag` arguments into an object (values stay strings; flags become true). */
export function parseArgs(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const [k, inline] = a.slice(2).split('=', 2);
    if (inline !== undefined) out[k] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) out[k] = argv[++i];
    else out[k] = true;
  }
  return out;
}

// ------------------------------------------------------------------ statistics

export function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function summary(xs) {
  const s = xs.filter((x) => Number.isFinite(x));
  return { median: median(s), min: Math.min(...s), max: Math.max(...s), n: s.length };
}

export const round = (x, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);

/** "1.23 (1.10–1.40)" */
export function fmtSummary(s, d = 2, unit = '') {
  if (!s || !Number.isFinite(s.median)) return 'n/a';
  if (s.n === 1) return `${round(s.median, d)}${unit}`;
  return `${round(s.median, d)}${unit} (${round(s.min, d)}–${round(s.max, d)})`;
}

// ------------------------------------------------------------------ machine

export function machineInfo() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  let free = '';
  try {
    free = execFileSync('free', ['-g'], { encoding: 'utf8' }).trim();
  } catch {}
  let nproc = os.availableParallelism?.() ?? os.cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {}
  const memTotalGiB = round(os.totalmem() / 1024 ** 3, 1);
  let osName = '';
  try {
    osName = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';
  } catch {}
  let git = null;
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', 'apps/server', 'scripts'], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean).length;
    git = { head, uncommittedServerFiles: dirty };
  } catch {}
  return {
    date: new Date().toISOString(),
    git,
    nproc,
    cpuModel: model,
    memTotalGiB,
    freeG: free,
    node: process.version,
    os: osName,
    kernel: os.release(),
    loadavg: os.loadavg().map((x) => round(x, 2)),
  };
}

// ------------------------------------------------------------------ /proc

export function readStat(pid) {
  const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
  // f[0]=state f[1]=ppid f[11]=utime f[12]=stime (clock ticks)
  return { state: f[0], ppid: Number(f[1]), cpuTicks: Number(f[11]) + Number(f[12]) };
}

export function children(pid) {
  const kids = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readStat(d).ppid === pid) kids.push(Number(d));
    } catch {}
  }
  return kids;
}

/** pid and every live descendant. */
export function processTree(pid) {
  const all = [];
  const walk = (p) => {
    all.push(p);
    for (const c of children(p)) walk(c);
  };
  walk(pid);
  return all.filter(alive);
}

export function alive(pid) {
  try {
    return readStat(pid).state !== 'Z';
  } catch {
    return false;
  }
}

export function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/** { rssKiB, pssKiB, hwmKiB } of one process (VmRSS, Pss from smaps_rollup, VmHWM). */
export function memOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (re, text) => Number(re.exec(text)?.[1] ?? Number.NaN);
  let pss = Number.NaN;
  try {
    pss = kib(/^Pss:\s+(\d+)/m, readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
  } catch {}
  return { rssKiB: kib(/^VmRSS:\s+(\d+)/m, status), hwmKiB: kib(/^VmHWM:\s+(\d+)/m, status), pssKiB: pss };
}

export function cpuSecondsOf(pids) {
  let t = 0;
  for (const p of pids) {
    try {
      t += readStat(p).cpuTicks;
    } catch {}
  }
  return t / 100; // USER_HZ is 100 on Linux
}

/** Socket inodes listening on TCP `port` (IPv4 and IPv6). */
function listeningInodes(port) {
  const inodes = new Set();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const localPort = Number.parseInt(cols[1].split(':')[1], 16);
      if (localPort === port && cols[3] === '0A') inodes.add(cols[9]);
    }
  }
  return inodes;
}

/** The pid among `candidates` that holds the listening socket of `port`, or null. */
export function listenerPid(candidates, port) {
  const inodes = listeningInodes(port);
  if (!inodes.size) return null;
  for (const pid of candidates) {
    let fds = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return pid;
      } catch {}
    }
  }
  return null;
}

export function portInUse(port) {
  return listeningInodes(port).size > 0;
}

// ------------------------------------------------------------------ HTTP

/** One GET; resolves { status, body } or { status: 0 } on a connection error / timeout. */
export function httpGet(url, { headers = {}, timeoutMs = 1000 } = {}) {
  return new Promise((resolve) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', () => resolve({ status: 0 }));
    });
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on('error', () => resolve({ status: 0 }));
  });
}

export function httpRequest(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * Polls `url` every `everyMs` until it answers 200; returns ms since `t0` (performance.now() time).
 * Throws when `isDead()` turns true or after `timeoutMs`.
 */
export async function waitFor200(url, t0, { everyMs = 25, timeoutMs = 120_000, isDead = () => false } = {}) {
  for (;;) {
    const r = await httpGet(url, { timeoutMs: 1000 });
    const now = performance.now();
    if (r.status === 200) return now - t0;
    if (isDead()) throw new Error(`server exited before ${url} answered 200`);
    if (now - t0 > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    const wait = everyMs - (performance.now() - now);
    if (wait > 0) await sleep(wait);
  }
}

// ------------------------------------------------------------------ Sahayak server

/**
 * Spawns the Sahayak server in its own process group.
 *   mode 'npm'    : `npm start` at the repo root (the documented way)
 *   mode 'node'   : `node scripts/start.mjs` (what `npm start` runs, without npm)
 *   mode 'direct' : `node apps/server/dist/main.js`, the server's build as `npm start` runs it (built
 *                   first when its sources changed, before the clock starts; no web build check)
 */
export function spawnSahayak({ mode = 'npm', port, dataDir, databaseUrl, extraEnv = {} }) {
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    ...extraEnv,
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  // BENCH_NODE_ARGS (direct mode): extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  if (mode === 'direct') {
    const built = spawnSync(process.execPath, ['scripts/server-build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the server failed to build');
  }
  const [cmd, args] =
    mode === 'npm'
      ? ['npm', ['start']]
      : mode === 'node'
        ? [process.execPath, ['scripts/start.mjs']]
        : [process.execPath, [...nodeArgs, 'apps/server/dist/main.js']];
  const t0 = performance.now();
  const child = spawn(cmd, args, { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const state = { child, t0, out: '', exited: false, exitCode: null, runningAt: null };
  trackGroup(state);
  const onData = (d) => {
    state.out += d.toString();
    if (state.runningAt === null && state.out.includes('Sahayak is running')) state.runningAt = performance.now();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.on('exit', (code, sig) => {
    state.exited = true;
    state.exitCode = code ?? sig;
  });
  return state;
}

// Servers run in their own process groups, so a bench killed midway must stop them itself.
const liveGroups = new Set();
const onExitHooks = [];

/** Registers a { child, listener? } whose process group is stopped if this process is interrupted. */
export function trackGroup(state) {
  liveGroups.add(state);
  state.child.on('exit', () => {
    if (!state.listener || !alive(state.listener)) liveGroups.delete(state);
  });
}

/** Runs `fn` (synchronous) when this process is interrupted by a signal (after its servers got SIGTERM). */
export function onInterrupt(fn) {
  onExitHooks.push(fn);
}

function killGroups() {
  for (const s of liveGroups) {
    try {
      process.kill(-s.child.pid, 'SIGTERM');
    } catch {}
    if (s.listener) {
      try {
        process.kill(s.listener, 'SIGTERM');
      } catch {}
    }
  }
  liveGroups.clear();
}

function cleanUp() {
  killGroups();
  while (onExitHooks.length) {
    try {
      onExitHooks.pop()();
    } catch {}
  }
}
process.once('exit', killGroups);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    console.error(`\n${sig}: stopping the servers this bench started`);
    cleanUp();
    process.exit(130);
  });
}

/** SIGTERM to the server's process group (it is its own group leader), then SIGKILL after graceMs. */
export async function stopGroup(state, { graceMs = 10_000, port } = {}) {
  const pgid = state.child.pid;
  const members = () =>
    processTree(pgid)
      .concat(state.listener ? [state.listener] : [])
      .filter(alive);
  const tracked = new Set(processTree(pgid));
  if (state.listener) tracked.add(state.listener);
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {}
  const t0 = performance.now();
  let killed = false;
  for (;;) {
    const left = [...tracked].filter(alive);
    const portBusy = port ? portInUse(port) : false;
    if (!left.length && !portBusy) break;
    if (performance.now() - t0 > graceMs && !killed) {
      killed = true;
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {}
      for (const p of left) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {}
      }
    }
    if (performance.now() - t0 > graceMs + 5000) throw new Error(`could not stop ${members().join(',')}`);
    await sleep(50);
  }
  liveGroups.delete(state);
  return { stopMs: performance.now() - t0, forced: killed };
}

/** Signs in as the demo admin; returns { cookie, csrfToken }. */
export async function signIn(base, email = 'admin@demo.sahayak.test', password = 'sahayak-demo') {
  const r = await httpRequest(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (r.status !== 200) throw new Error(`login -> ${r.status} ${r.body}`);
  const setCookie = [].concat(r.headers['set-cookie'] ?? []).find((c) => c.startsWith('sahayak_session='));
  if (!setCookie) throw new Error('login set no sahayak_session cookie');
  return { cookie: setCookie.split(';')[0], csrfToken: JSON.parse(r.body).csrfToken };
}

/** Creates a personal API token with the session; returns its secret. */
export async function createToken(base, session, name = 'bench', scope = 'read') {
  const r = await httpRequest(`${base}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    body: JSON.stringify({ name, scope }),
  });
  if (r.status !== 200 && r.status !== 201) throw new Error(`POST /tokens -> ${r.status} ${r.body}`);
  return JSON.parse(r.body).secret;
}

// ------------------------------------------------------------------ PostgreSQL scratch database

const PG_ADMIN = [
  '-h',
  '127.0.0.1',
  '-p',
  '5432',
  '-U',
  'postgres',
  '-d',
  'postgres',
  '-v',
  'ON_ERROR_STOP=1',
  '-qAtc',
];

export function createPgDb(name) {
  execFileSync('psql', [...PG_ADMIN, `CREATE DATABASE "${name}"`], { stdio: ['ignore', 'pipe', 'pipe'] });
  return `postgres://postgres@127.0.0.1:5432/${name}`;
}

export function dropPgDb(name) {
  execFileSync('psql', [...PG_ADMIN, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function pgVersion() {
  try {
    return execFileSync('psql', [...PG_ADMIN, 'SHOW server_version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ output

export function writeJson(name, data) {
  mkdirSync(outDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(outDir, `${name}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  writeFileSync(path.join(outDir, `${name}-latest.json`), `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

export const log = (...a) => console.error(...a);

// ------------------------------------------------------------------ machine load

/** Busy and total CPU seconds of the whole machine since boot (from /proc/stat). */
export function systemCpu() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal
  const busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] ?? 0);
  const total = busy + f[3] + f[4];
  return { busyS: busy / 100, totalS: total / 100, stealS: (f[7] ?? 0) / 100 };
}

/**
 * CPU seconds of every PostgreSQL server process (comm "postgres": postmaster, backends, helpers),
 * plus the postmaster's cutime/cstime (backends that have exited).
 */
export function pgCpuS() {
  let ticks = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'postgres') continue;
      const st = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
      if (Number(f[1]) === 1) ticks += Number(f[13]) + Number(f[14]);
    } catch {}
  }
  return ticks / 100;
}

/**
 * Samples CPU over a measurement window: `ours()` returns CPU seconds of what is being measured
 * (servers, database, load generator); the rest of the machine's busy time is other people's.
 * start() now, stop() at the end of the window → { oursCores, othersBusyCores, stealCores }.
 */
export function cpuWindow(ours) {
  const a = systemCpu();
  const o = ours();
  const t = performance.now();
  return () => {
    const b = systemCpu();
    const secs = (performance.now() - t) / 1000;
    const mine = ours() - o;
    return {
      oursCores: round(mine / secs, 2),
      othersBusyCores: round(Math.max(0, b.busyS - a.busyS - mine) / secs, 2),
      stealCores: round((b.stealS - a.stealS) / secs, 2),
    };
  };
}

/** A measurement whose window had more than this many cores busy with other people's work is re-run. */
export const MAX_OTHERS_BUSY = 0.25;

/** Fraction (0..1 per core summed, i.e. 0..nproc) of CPU busy over `ms`. */
export async function busyCores(ms = 1000) {
  const a = systemCpu();
  const t = performance.now();
  await sleep(ms);
  const b = systemCpu();
  return (b.busyS - a.busyS) / ((performance.now() - t) / 1000);
}

/**
 * Waits (up to maxWaitMs) until the machine is quiet: less than `maxBusyCores` cores busy over a
 * 1 s sample. Other people's builds and tests share this machine; returns what it saw.
 */
export async function waitQuiet({ maxBusyCores = 0.3, maxWaitMs = 60_000 } = {}) {
  const t0 = performance.now();
  let busy = await busyCores(1000);
  while (busy > maxBusyCores && performance.now() - t0 < maxWaitMs) busy = await busyCores(1000);
  return { busyCores: round(busy, 2), waitedMs: round(performance.now() - t0, 0), quiet: busy <= maxBusyCores };
}

/** CPU seconds (user + system) this process has used: the load generator's own CPU. */
export function selfCpuS() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * Runs one measured window: `run(durationS)` drives the load; meanwhile CPU is counted for the server
 * (`serverCpuS()`), the database (`dbCpuS()`), this process (the load generator) and the rest of the
 * machine. The sample is taken when the window closes (after durationS), not when `run` resolves:
 * answers still in flight then are not counted, so their CPU must not be either.
 * Returns { result, serverCpuS, dbCpuS, loadGenCpuS, othersBusyCores, stealCores }.
 */
export async function sampledWindow({ durationS, serverCpuS, dbCpuS = () => 0 }, run) {
  const srv0 = serverCpuS();
  const db0 = dbCpuS();
  const me0 = process.cpuUsage();
  const win = cpuWindow(() => serverCpuS() + dbCpuS() + selfCpuS());
  let sample = null;
  const take = () => {
    const me = process.cpuUsage(me0);
    sample = {
      serverCpuS: serverCpuS() - srv0,
      dbCpuS: dbCpuS() - db0,
      loadGenCpuS: (me.user + me.system) / 1e6,
      ...win(),
    };
  };
  const timer = setTimeout(take, durationS * 1000);
  const result = await run(durationS);
  clearTimeout(timer);
  if (!sample) take();
  const { oursCores: _ours, ...rest } = sample;
  return { result, ...rest };
}

/**
 * Runs `measure()` (which returns an object with `othersBusyCores`) again, up to `maxRetries` times,
 * while other people's work kept more than MAX_OTHERS_BUSY cores busy during its window; the
 * discarded attempts are kept under `discarded`.
 */
export async function rerunWhenBusy(measure, { maxRetries = 2, quiet = {} } = {}) {
  const discarded = [];
  for (let attempt = 0; ; attempt++) {
    const r = await measure();
    if (r.othersBusyCores <= MAX_OTHERS_BUSY || attempt === maxRetries)
      return discarded.length ? { ...r, discarded } : r;
    log(`    (other processes used ${r.othersBusyCores} cores during that window: measuring again)`);
    discarded.push(r);
    await waitQuiet(quiet);
  }
}

// ------------------------------------------------------------------ closed-loop clients

/** Percentile `p` (0–100) of an ascending array (nearest rank). */
export function pct(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : Number.NaN;
}

/**
 * `conc` loops, each sending GET `url` on a new TCP connection (Node's `agent: false`, i.e.
 * `Connection: close`), waiting for the whole answer, then sending the next, for `durationS`.
 * For servers that close the connection after every answer (RT's Starlet by default), where
 * autocannon writes its next request into the closing socket and its latency figures go wrong.
 * Counts answers that complete within the window; latency percentiles over those.
 */
export async function closedLoop({ url, headers = {}, conc, durationS, timeoutMs = 60_000 }) {
  const lat = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const t0 = performance.now();
  const end = t0 + durationS * 1000;
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (performance.now() < end) {
        const a = performance.now();
        const r = await httpGet(url, { headers, timeoutMs });
        const b = performance.now();
        if (b > end) break;
        if (r.status === 0) errors++;
        else if (r.status >= 200 && r.status < 300) {
          ok++;
          lat.push(b - a);
        } else non2xx++;
      }
    }),
  );
  lat.sort((x, y) => x - y);
  return {
    ok,
    non2xx,
    errors,
    durationS,
    reqPerS: round(ok / durationS, 1),
    p50Ms: round(pct(lat, 50), 1),
    p90Ms: round(pct(lat, 90), 1),
    p99Ms: round(pct(lat, 99), 1),
    maxMs: round(lat.at(-1) ?? Number.NaN, 1),
  };
}

/**
 * A keep-alive HTTP/1.1 client of the load loops' own, for one server. Node's http client cost the
 * bench process ~0.25 ms of CPU a request (ClientRequest and IncomingMessage objects, llhttp, header
 * objects, a timer each): at 32 connections it took 0.3 of this machine's 2 cores from the server it
 * measured. This one writes each request as one string and reads the answer by its Content-Length
 * (or chunks); a connection is reused as http.Agent's keep-alive does, one request at a time.
 */
export class RawAgent {
  constructor({ maxSockets = Number.POSITIVE_INFINITY, timeoutMs = 30_000 } = {}) {
    this.maxSockets = maxSockets;
    /** Requests waiting for a connection when maxSockets are busy (as http.Agent queues them). */
    this.queue = [];
    this.free = [];
    this.all = new Set();
    this.timeoutMs = timeoutMs;
    this.timer = setInterval(() => {
      const now = performance.now();
      for (const c of this.all) if (c.pending && now - c.pending.t0 > this.timeoutMs) c.fail(new Error('timeout'));
    }, 1000);
    this.timer.unref();
  }

  request(url, method, headers, body, t0) {
    return new Promise((resolve) => {
      const slash = url.indexOf('/', url.indexOf('//') + 2);
      const hostPort = url.slice(url.indexOf('//') + 2, slash);
      let head = `${method} ${url.slice(slash)} HTTP/1.1\r\nHost: ${hostPort}\r\n`;
      for (const k in headers) head += `${k}: ${headers[k]}\r\n`;
      if (body !== undefined) head += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
      const text = `${head}\r\n${body ?? ''}`;
      const conn = this.free.pop() ?? (this.all.size < this.maxSockets ? new RawConn(this, hostPort) : undefined);
      if (conn) conn.send(text, resolve, t0);
      else this.queue.push({ text, resolve, t0 });
    });
  }

  /** A connection whose answer is complete: the next queued request, else the free list. */
  release(conn) {
    const next = this.queue.shift();
    if (next) conn.send(next.text, next.resolve, next.t0);
    else this.free.push(conn);
  }

  destroy() {
    clearInterval(this.timer);
    for (const c of this.all) c.socket.destroy();
    this.all.clear();
    this.free.length = 0;
  }
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CHUNKS_END = Buffer.from('\r\n0\r\n\r\n');

class RawConn {
  constructor(agent, hostPort) {
    this.agent = agent;
    this.hostPort = hostPort;
    this.dead = false;
    const colon = hostPort.lastIndexOf(':');
    this.socket = net.connect({ host: hostPort.slice(0, colon), port: Number(hostPort.slice(colon + 1)) });
    this.socket.setNoDelay(true);
    this.buf = null;
    this.pending = null;
    this.socket.on('data', (d) => this.onData(d));
    this.socket.on('error', (e) => this.fail(e));
    this.socket.on('close', () => this.fail(new Error('connection closed')));
    agent.all.add(this);
  }

  send(text, resolve, t0) {
    this.pending = { resolve, t0 };
    this.socket.write(text);
  }

  onData(d) {
    this.buf = this.buf ? Buffer.concat([this.buf, d]) : d;
    const buf = this.buf;
    const h = buf.indexOf(HEAD_END);
    if (h < 0) return;
    const head = buf.toString('latin1', 0, h);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    let body;
    if (length) {
      const end = h + 4 + Number(length[1]);
      if (buf.length < end) return;
      body = buf.toString('utf8', h + 4, end);
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      if (buf.indexOf(CHUNKS_END, h) < 0) return;
      const parts = [];
      let i = h + 4;
      for (;;) {
        const eol = buf.indexOf('\r\n', i);
        const size = Number.parseInt(buf.toString('latin1', i, eol), 16);
        if (!size) break;
        parts.push(buf.subarray(eol + 2, eol + 2 + size));
        i = eol + 2 + size + 2;
      }
      body = Buffer.concat(parts).toString();
    } else if (status === 204 || status === 304) body = '';
    else return this.fail(new Error(`an answer without a length: ${head.split('\r\n')[0]}`));
    this.buf = null;
    const { resolve, t0 } = this.pending;
    this.pending = null;
    if (/\r\nconnection: *close/i.test(head)) {
      resolve({ status, body, ms: performance.now() - t0 });
      this.fail(new Error('closed by the server'));
    } else {
      resolve({ status, body, ms: performance.now() - t0 });
      this.agent.release(this);
    }
  }

  fail(error) {
    if (this.dead) return;
    this.dead = true;
    const agent = this.agent;
    agent.all.delete(this);
    const i = agent.free.indexOf(this);
    if (i >= 0) agent.free.splice(i, 1);
    this.socket.destroy();
    const p = this.pending;
    this.pending = null;
    p?.resolve({ status: 0, error, ms: performance.now() - p.t0 });
    // Its place goes to the next request waiting for one.
    const next = agent.queue.shift();
    if (next) new RawConn(agent, this.hostPort).send(next.text, next.resolve, next.t0);
  }
}

/**
 * One request on a keep-alive `agent` (a RawAgent or an http.Agent); resolves { status, body
 * (string), ms } or { status: 0, error }.
 */
export function agentRequest(agent, url, { method = 'GET', headers = {}, body, timeoutMs = 30_000 } = {}) {
  if (agent instanceof RawAgent) return agent.request(url, method, headers, body, performance.now());
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(), ms: performance.now() - t0 }),
      );
      res.on('error', (error) => resolve({ status: 0, error, ms: performance.now() - t0 }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, error, ms: performance.now() - t0 }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/**
 * `conc` loops over keep-alive connections, each calling `op(agent, i)` again and again for
 * `durationS`; `op` does one operation (one or several requests) and resolves { ok: boolean, parts?:
 * { name: ms } }. Latency is per operation (wall time of `op`); operations that end after the window
 * are not counted. Returns counts, ops/s and p50/p90/p95/p99/max, plus per-part percentiles.
 * `client`: 'raw' (RawAgent, the default) or 'node' (http.Agent, the figures before session 16).
 */
export async function keepAliveLoop({ conc, durationS, op, client = 'raw' }) {
  const agent =
    client === 'node'
      ? new http.Agent({ keepAlive: true, maxSockets: conc, maxFreeSockets: conc })
      : new RawAgent({ maxSockets: conc });
  const lat = [];
  const parts = {};
  let ok = 0;
  let failed = 0;
  let n = 0;
  let firstError = null;
  const t0 = performance.now();
  const end = t0 + durationS * 1000;
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (performance.now() < end) {
        const a = performance.now();
        let r;
        try {
          r = await op(agent, n++);
        } catch (e) {
          r = { ok: false, error: e };
        }
        const b = performance.now();
        if (b > end) break;
        if (r.ok) {
          ok++;
          lat.push(b - a);
          for (const [k, ms] of Object.entries(r.parts ?? {})) {
            parts[k] ??= [];
            parts[k].push(ms);
          }
        } else {
          failed++;
          firstError ??= r.error
            ? String(r.error.message ?? r.error)
            : `HTTP ${r.status} ${String(r.body ?? '').slice(0, 300)}`;
        }
      }
    }),
  );
  agent.destroy();
  const stats = (xs) => {
    xs.sort((x, y) => x - y);
    return {
      p50Ms: round(pct(xs, 50), 2),
      p90Ms: round(pct(xs, 90), 2),
      p95Ms: round(pct(xs, 95), 2),
      p99Ms: round(pct(xs, 99), 2),
      maxMs: round(xs.at(-1) ?? Number.NaN, 1),
    };
  };
  return {
    ok,
    failed,
    firstError,
    durationS,
    opsPerS: round(ok / durationS, 1),
    ...stats(lat),
    parts: Object.fromEntries(Object.entries(parts).map(([k, xs]) => [k, stats(xs)])),
  };
}

/**
 * Deletes what the creation runs added (server stopped). Child rows go first by ticket id, with
 * foreign-key checks off: deleting a customer with them on scans ticket_messages and ticket_events
 * for author_customer_id / actor_customer_id, which have no index (minutes at 1M tickets).
 * ticket_search's delete trigger (SQLite) removes the FTS5 rows; ticket_search_words keeps the
 * words, as the app does.
 */
export async function undoTicketCreations({ dataDir, pgUrl, max }) {
  const stmts = [
    ...[
      'ticket_messages',
      'ticket_events',
      'ticket_tags',
      'ticket_field_values',
      'ticket_followers',
      'ticket_attachments',
      'notifications',
      'ticket_search',
      'ticket_facts',
      'agent_activity',
      'ticket_sla',
      'ticket_cc',
    ].map((t) => [`delete from ${t} where ticket_id > ?`, max.ticket]),
    // SQLite's full-text index rows (PostgreSQL's live in ticket_search).
    ...(pgUrl ? [] : [['delete from ticket_search_fts where rowid > ?', max.ticket]]),
    ['delete from tickets where id > ?', max.ticket],
    ['delete from customers where id > ?', max.customer],
    [`update counters set value = ? where name = 'ticket_number'`, max.counter],
  ];
  if (pgUrl) {
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query('begin');
    await c.query('set local session_replication_role = replica');
    for (const [sql, v] of stmts) await c.query(sql.replace('?', '$1'), [v]);
    await c.query('commit');
    await c.end();
  } else {
    const Database = createRequire(path.join(repoRoot, 'apps/server/package.json'))('better-sqlite3');
    const d = new Database(path.join(dataDir, 'sahayak.db'));
    d.pragma('foreign_keys = OFF');
    d.transaction(() => {
      for (const [sql, v] of stmts) d.prepare(sql).run(v);
    })();
    d.pragma('wal_checkpoint(TRUNCATE)');
    d.close();
  }
}
