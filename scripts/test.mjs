// `npm test`: server tests (SQLite, or PostgreSQL when TEST_DATABASE_URL is set), web unit tests,
// then browser journeys in Chromium when it is installed. Skips are announced loudly, never silent.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
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

run('server tests', 'npm', ['run', 'test', '--workspace', 'apps/server']);
run('web unit tests', 'npm', ['run', 'test', '--workspace', 'apps/web']);

if (existsSync(CHROMIUM)) {
  try {
    ensureWebBuilt();
    run('browser journeys (Playwright + Chromium)', 'npx', ['playwright', 'test'], { cwd: 'apps/web' });
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
