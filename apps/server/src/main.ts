// Start-up: config -> adapters -> migrations -> seed -> listen.
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { ensureSupportAddresses } from './channels/email/addresses.js';
import { startMailboxPolling } from './channels/email/imap-runner.js';
import { ingestMail } from './channels/email/ingest.js';
import { startInboundSmtp } from './channels/email/smtp.js';
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
  // SUPPORT_ADDRESSES: each one not there yet is added (the first becomes the default if none is).
  await ensureSupportAddresses(deps.db.kysely, config.supportAddresses, deps.clock.now());
  registerJobs(deps);

  const app = await buildApp(deps, { serveWeb: true });
  await app.listen({ port: config.port, host: config.host });
  // Timed work starts once the app answers, so a backlog never delays start-up.
  await startTimedWork(deps);
  // Mail for the support addresses (INBOUND_SMTP_PORT; 0 turns the listener off).
  const smtp = config.inboundSmtpPort
    ? await startInboundSmtp(deps, {
        port: config.inboundSmtpPort,
        host: config.inboundSmtpHost,
        maxBytes: config.inboundSmtpMaxBytes,
        tlsKeyFile: config.inboundSmtpTlsKey,
        tlsCertFile: config.inboundSmtpTlsCert,
      }).catch((err: NodeJS.ErrnoException) => {
        const why = err.code === 'EADDRINUSE' ? 'the port is in use' : err.message;
        console.error(
          `Sahayak cannot receive mail on SMTP port ${config.inboundSmtpPort}: ${why}. Set INBOUND_SMTP_PORT to a free port, or to 0 to turn the listener off.`,
        );
        process.exit(1);
      })
    : null;
  // IMAP mailboxes (Admin → Mailboxes): their mail takes the same way in.
  const mailboxes = startMailboxPolling(deps, (raw) => ingestMail(deps, raw, { via: 'imap' }).then(() => undefined));

  const lines = [`Sahayak is running at ${config.publicUrl} (${deps.db.dialect}${config.redisUrl ? ' + redis' : ''})`];
  if (demo) {
    lines.push(`Demo company seeded. Sign in with any of these (password: ${DEMO_PASSWORD}):`);
    for (const p of demo.filter((_, i) => i < 5)) lines.push(`  ${p.role.padEnd(8)} ${p.email}`);
    lines.push('  … and agent2 … agent8 at the same domain.');
  }
  if (smtp) lines.push(`Mail for the support addresses is received over SMTP on port ${smtp.port}.`);
  console.log(lines.join('\n'));

  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await app.close();
    await smtp?.close();
    await mailboxes.stop();
    await closeDeps(deps);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
