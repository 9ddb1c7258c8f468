// Picks the adapter of every port from config: embedded (in-process, SQLite, local folder) or cluster.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { blobFolder, localBlobStore } from './blobs/local.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { Deps } from './context.js';
import { openDb } from './db/index.js';
import { memoryEventBus } from './events/memory.js';
import { memoryJobQueue } from './jobs/memory.js';
import { registerMailJobs } from './mail/jobs.js';
import { mailSender, outboxMailTransport, smtpMailTransport } from './mail/nodemailer.js';
import { loadOutgoing } from './mail/outgoing-settings.js';
import { switchableMailTransport } from './mail/switchable.js';
import { startWriter } from './writer.js';

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel });
}

/** SECRET_KEY, or one generated once into DATA_DIR/secret.key (embedded mode). */
function secretKey(config: Config): string {
  if (config.secretKey) return config.secretKey;
  const file = path.join(config.dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

export async function createDeps(config: Config, overrides: { log?: Logger; clock?: Clock } = {}): Promise<Deps> {
  const log = overrides.log ?? createLogger(config);
  const resolved: Config = { ...config, secretKey: secretKey(config) };
  const db = openDb(resolved, (err) => log.warn({ err }, 'database: background work failed'));
  const cluster = resolved.redisUrl !== undefined;
  const sender = mailSender();
  const deps: Deps = {
    config: resolved,
    db,
    clock: overrides.clock ?? systemClock,
    log,
    // Redis and BullMQ are loaded in cluster mode only: an embedded server never needs them.
    bus: cluster
      ? await (await import('./events/redis.js')).redisEventBus(resolved.redisUrl!, log, resolved.redisPrefix)
      : memoryEventBus(log),
    jobs: cluster
      ? (await import('./jobs/bullmq.js')).bullmqJobQueue(resolved.redisUrl!, log, resolved.redisPrefix)
      : memoryJobQueue(log),
    // The admin's outgoing server when set (Admin → Outgoing mail), else SMTP_URL, else the outbox folder.
    mail: switchableMailTransport(
      sender,
      resolved.smtpUrl
        ? smtpMailTransport(sender, resolved.smtpUrl, resolved.smtpFrom)
        : outboxMailTransport(sender, path.join(resolved.dataDir, 'outbox'), resolved.smtpFrom),
      () => loadOutgoing(db.kysely, resolved.secretKey!),
    ),
    blobs: localBlobStore(blobFolder(resolved.dataDir)),
  };
  const writer = startWriter(resolved, deps);
  if (writer) deps.writer = writer;
  registerMailJobs(deps);
  return deps;
}

export async function closeDeps(deps: Deps): Promise<void> {
  await deps.writer?.close();
  await deps.jobs.close();
  await deps.bus.close();
  await deps.mail.close();
  await deps.db.close();
}
