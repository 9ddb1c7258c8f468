// Start-up: config -> adapters -> migrations -> seed -> listen.
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { DEMO_PASSWORD, seedDemo } from './demo/seed.js';
import { ensureConfiguredAdmin } from './people/service.js';
import { ConfigError, loadConfig } from './platform/config.js';
import type { Ctx } from './platform/context.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { closeDeps, createDeps } from './platform/deps.js';
import { registerJobs, startTimedWork } from './timed-work.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, repoRoot);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Sahayak cannot start. ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const deps = await createDeps(config);
  const { log } = deps;
  const applied = await migrateToLatest(deps.db);
  if (applied.length) log.info({ applied }, 'migrations applied');

  const systemCtx: Ctx = { deps, actor: null, authProblem: null, locale: 'en', ip: '', userAgent: 'start-up' };
  if (config.adminEmail && config.adminPassword) {
    if (await ensureConfiguredAdmin(systemCtx, config.adminEmail, config.adminPassword)) {
      log.info({ email: config.adminEmail }, 'admin created from ADMIN_EMAIL');
    }
  }
  const demo = config.seedDemo ? await seedDemo(deps) : null;
  registerJobs(deps);

  const app = await buildApp(deps, { serveWeb: true });
  await app.listen({ port: config.port, host: config.host });
  // Timed work starts once the app answers, so a backlog never delays start-up.
  await startTimedWork(deps);

  const lines = [`Sahayak is running at ${config.publicUrl} (${deps.db.dialect}${config.redisUrl ? ' + redis' : ''})`];
  if (demo) {
    lines.push(`Demo company seeded. Sign in with any of these (password: ${DEMO_PASSWORD}):`);
    for (const p of demo.filter((_, i) => i < 5)) lines.push(`  ${p.role.padEnd(8)} ${p.email}`);
    lines.push('  … and agent2 … agent8 at the same domain.');
  }
  console.log(lines.join('\n'));

  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await app.close();
    await closeDeps(deps);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
