// Inbound mail: SMTP → committed ticket (issue 6 point 10). Starts the real server (main.ts, no demo
// data, one support address) and sends it mail over 8 SMTP connections at once, each connection one
// message after another: MAIL FROM, RCPT TO, DATA, the message, and the time from the end of DATA
// ("." sent) to the 250 — which the listener sends only after the mail's transaction has committed.
// Reports mails per second over the run and that latency's percentiles; every mail is a new ticket
// (a new sender each), and a check counts the tickets afterwards. Issue 6's target on SQLite:
// ≥ 300 mails/s at concurrency 8, p99 recorded.
// A warm-up round (--warmup mails, not counted in the figures, as throughput.mjs warms up before
// it measures) lets the server compile its hot paths and statements first.
// Usage: node bench/email-ingest.mjs [--mails 3000] [--conc 8] [--rounds 3] [--warmup 500] [--pg] [--size 2000]
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createPgDb,
  dropPgDb,
  log,
  machineInfo,
  median,
  parseArgs,
  pct,
  round,
  signIn,
  spawnSahayak,
  stopGroup,
  waitFor200,
  writeJson,
} from './lib.mjs';

const args = parseArgs();
const MAILS = Number(args.mails ?? 3000);
const CONC = Number(args.conc ?? 8);
const ROUNDS = Number(args.rounds ?? 3);
const WARMUP = Number(args.warmup ?? 500);
const SIZE = Number(args.size ?? 2000);
const PG = Boolean(args.pg);
const HTTP_PORT = 3760;
const SMTP_PORT = 3761;
const SUPPORT = 'support@bench.sahayak.test';

/** One SMTP connection that sends messages one after another and times DATA end → reply. */
function smtpConnection(port) {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  let buffer = '';
  let waiting = null;
  socket.on('data', (d) => {
    buffer += d.toString('latin1');
    for (;;) {
      // A reply ends with a line "NNN text" (a space after the code, not a dash).
      const m = /^(\d{3}) [^\r\n]*\r\n/m.exec(buffer);
      if (!m) break;
      const end = m.index + m[0].length;
      const reply = buffer.slice(0, end);
      buffer = buffer.slice(end);
      const w = waiting;
      waiting = null;
      w?.(reply);
    }
  });
  const next = () => new Promise((resolve) => (waiting = resolve));
  const command = async (line) => {
    const p = next();
    socket.write(`${line}\r\n`);
    return p;
  };
  return {
    async open() {
      await new Promise((r) => socket.once('connect', r));
      const greeting = await next();
      if (!greeting.startsWith('220')) throw new Error(`greeting: ${greeting}`);
      const ehlo = await command('EHLO bench.local');
      if (!ehlo.includes('250')) throw new Error(`EHLO: ${ehlo}`);
    },
    async send(from, raw) {
      const mailFrom = await command(`MAIL FROM:<${from}>`);
      if (!mailFrom.startsWith('250')) throw new Error(`MAIL FROM: ${mailFrom}`);
      const rcpt = await command(`RCPT TO:<${SUPPORT}>`);
      if (!rcpt.startsWith('250')) throw new Error(`RCPT TO: ${rcpt}`);
      const data = await command('DATA');
      if (!data.startsWith('354')) throw new Error(`DATA: ${data}`);
      const p = next();
      socket.write(`${raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..')}\r\n.\r\n`);
      const t0 = performance.now();
      const reply = await p;
      const ms = performance.now() - t0;
      if (!reply.startsWith('250')) throw new Error(`after DATA: ${reply}`);
      return ms;
    },
    close() {
      socket.end('QUIT\r\n');
    },
  };
}

const filler = (n) =>
  Array.from({ length: Math.ceil(n / 60) }, (_, i) => `Line ${i} of the customer's description of the problem.`).join(
    '\n',
  );
const hindi = 'नमस्ते, मेरा ऑर्डर अभी तक नहीं पहुँचा है। कृपया जाँच करें।';

function mail(roundNo, i) {
  const from = `customer${roundNo}x${i}@bench-customers.example`;
  const raw = [
    `From: Customer ${i} <${from}>`,
    `To: ${SUPPORT}`,
    `Subject: Order ${roundNo}-${i} has not arrived`,
    `Message-ID: <bench.${roundNo}.${i}.${Date.now()}@bench-customers.example>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    i % 4 === 3 ? hindi : 'Hello, my order has not arrived yet. Please check.',
    '',
    filler(SIZE),
  ].join('\n');
  return { from, raw };
}

async function runRound(roundNo, mails = MAILS) {
  const conns = [];
  for (let c = 0; c < CONC; c++) {
    const conn = smtpConnection(SMTP_PORT);
    await conn.open();
    conns.push(conn);
  }
  const latencies = [];
  let nextIndex = 0;
  const t0 = performance.now();
  await Promise.all(
    conns.map(async (conn) => {
      for (;;) {
        const i = nextIndex++;
        if (i >= mails) break;
        const m = mail(roundNo, i);
        latencies.push(await conn.send(m.from, m.raw));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  for (const c of conns) c.close();
  latencies.sort((a, b) => a - b);
  return {
    mails,
    seconds: round3(seconds),
    perSecond: round(mails / seconds, 1),
    p50: round(pct(latencies, 50)),
    p95: round(pct(latencies, 95)),
    p99: round(pct(latencies, 99)),
    max: round(latencies.at(-1)),
  };
}
const round3 = (x) => round(x, 3);

async function ticketCount(base, session) {
  const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const res = await fetch(
    `${base}/api/v1/analytics/query?metrics=tickets_created&from=${day(-1)}&to=${day(1)}&tz=UTC`,
    {
      headers: { cookie: session.cookie },
    },
  );
  if (!res.ok) {
    log(`ticket count: ${res.status} ${await res.text()}`);
    return null;
  }
  const body = await res.json();
  return body.totals?.tickets_created ?? null;
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sahayak-bench-mail-'));
  const dbName = `sahayak_bench_mail_${Date.now().toString(36)}`;
  const databaseUrl = PG ? createPgDb(dbName) : undefined;
  log(`email ingest: ${MAILS} mails × ${ROUNDS} rounds at concurrency ${CONC}, ${PG ? 'PostgreSQL' : 'SQLite'}`);
  const server = spawnSahayak({
    mode: 'direct',
    port: HTTP_PORT,
    dataDir,
    databaseUrl,
    extraEnv: {
      SEED_DEMO: 'false',
      ADMIN_EMAIL: 'admin@bench.sahayak.test',
      ADMIN_PASSWORD: 'bench-password-1',
      SUPPORT_ADDRESSES: SUPPORT,
      INBOUND_SMTP_PORT: String(SMTP_PORT),
      INBOUND_SMTP_HOST: '127.0.0.1',
    },
  });
  const base = `http://127.0.0.1:${HTTP_PORT}`;
  try {
    await waitFor200(`${base}/readyz`, server.t0, { isDead: () => server.exited });
    // The listener starts right after the HTTP server; give it a moment.
    for (let i = 0; i < 100 && !server.out.includes('received over SMTP'); i++)
      await new Promise((r) => setTimeout(r, 50));
    if (WARMUP > 0) {
      const warm = await runRound(ROUNDS, WARMUP);
      log(`  warm-up: ${warm.mails} mails, ${warm.perSecond} mails/s (not counted)`);
    }
    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) {
      const result = await runRound(r);
      log(`  round ${r + 1}: ${result.perSecond} mails/s, DATA end → 250 p50 ${result.p50} ms, p99 ${result.p99} ms`);
      rounds.push(result);
    }
    const session = await signIn(base, 'admin@bench.sahayak.test', 'bench-password-1');
    const tickets = await ticketCount(base, session);
    const out = {
      machine: machineInfo(),
      dialect: PG ? 'postgres' : 'sqlite',
      concurrency: CONC,
      mailBytes: mail(0, 0).raw.length,
      warmupMails: WARMUP,
      rounds,
      median: {
        perSecond: median(rounds.map((r) => r.perSecond)),
        p50: median(rounds.map((r) => r.p50)),
        p99: median(rounds.map((r) => r.p99)),
      },
      ticketsCreated: tickets,
      expectedTickets: MAILS * ROUNDS + WARMUP,
    };
    log(
      `median of ${ROUNDS}: ${out.median.perSecond} mails/s, p99 ${out.median.p99} ms; tickets created ${tickets} of ${MAILS * ROUNDS + WARMUP}`,
    );
    writeJson(`email-ingest-${out.dialect}`, out);
  } finally {
    await stopGroup(server, { port: HTTP_PORT });
    rmSync(dataDir, { recursive: true, force: true });
    if (PG) dropPgDb(dbName);
  }
}

await main();
