// `npm test`: server tests (SQLite, or PostgreSQL when TEST_DATABASE_URL is set), web unit tests,
// then browser journeys in Chromium when it is installed. Skips are announced loudly, never silent.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import pg from 'pg';
import { ensureWebBuilt } from './web-build.mjs';

const CHROMIUM = '/usr/bin/chromium';
const env = { ...process.env };
const failures = [];
const skipped = [];

function banner(lines) {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  console.log(
    `\n${'*'.repeat(width)}\n${lines.map((l) => `* ${l.padEnd(width - 4)} *`).join('\n')}\n${'*'.repeat(width)}\n`,
  );
}

function reachable(url, defaultPort) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || defaultPort), timeout: 3000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** An empty PostgreSQL database on the TEST_DATABASE_URL server, and how to drop it. */
async function freshDatabase(label) {
  const name = `sahayak_e2e_${label}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: env.TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function run(name, command, args, options = {}) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { stdio: 'inherit', env, ...options });
  if (r.status !== 0) failures.push(name);
}

// A database or Redis that was asked for but does not answer is a failure, not a skip.
for (const [name, port] of [
  ['TEST_DATABASE_URL', 5432],
  ['TEST_REDIS_URL', 6379],
]) {
  if (env[name] && !(await reachable(env[name], port))) {
    banner([
      `${name} is set to ${env[name]} but nothing answers there.`,
      'Start it (see shared/services.md) or unset it.',
    ]);
    process.exit(1);
  }
}

const dialect = env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
console.log(`Sahayak tests on ${dialect}${env.TEST_REDIS_URL ? ' with Redis (cluster tests on)' : ''}`);
if (!env.TEST_DATABASE_URL)
  skipped.push('PostgreSQL dialect and SQLite-vs-PostgreSQL schema comparison (set TEST_DATABASE_URL)');
if (!env.TEST_DATABASE_URL || !env.TEST_REDIS_URL)
  skipped.push('two-node cluster test (set TEST_DATABASE_URL and TEST_REDIS_URL)');
// The IMAP tests start their own dovecot (apps/server/test/imap-server.ts) and skip without it.
if (!existsSync(env.TEST_DOVECOT ?? '/usr/sbin/dovecot'))
  skipped.push(
    'IMAP polling against a real IMAP server: /usr/sbin/dovecot is missing (apt-get install dovecot-imapd; .ci/run does)',
  );

run('server tests', 'npm', ['run', 'test', '--workspace', 'apps/server']);
run('web unit tests', 'npm', ['run', 'test', '--workspace', 'apps/web']);

if (existsSync(CHROMIUM)) {
  try {
    ensureWebBuilt();
    // With PostgreSQL (and Redis) given, the journeys run against servers in that mode too: each on a
    // fresh database of its own, dropped afterwards.
    const databases = env.TEST_DATABASE_URL ? [await freshDatabase('seeded'), await freshDatabase('empty')] : [];
    const e2eEnv = databases.length
      ? {
          ...env,
          E2E_DATABASE_URL: databases[0].url,
          E2E_EMPTY_DATABASE_URL: databases[1].url,
          ...(env.TEST_REDIS_URL ? { E2E_REDIS_URL: env.TEST_REDIS_URL } : {}),
        }
      : env;
    const mode = databases.length ? ` on PostgreSQL${env.TEST_REDIS_URL ? ' + Redis' : ''}` : ' on SQLite';
    try {
      run(`browser journeys (Playwright + Chromium)${mode}`, 'npx', ['playwright', 'test'], {
        cwd: 'apps/web',
        env: e2eEnv,
      });
    } finally {
      for (const d of databases) await d.drop();
    }
  } catch (err) {
    console.error(err.message);
    failures.push('web build');
  }
} else {
  skipped.push(`browser journeys: ${CHROMIUM} is missing (apt-get install chromium; .ci/run does)`);
}

if (skipped.length) banner(['SKIPPED — these parts of the suite did not run here:', ...skipped.map((s) => `- ${s}`)]);
if (failures.length) {
  banner(['FAILED:', ...failures.map((f) => `- ${f}`)]);
  process.exit(1);
}
console.log('All tests passed.');
