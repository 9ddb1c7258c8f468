// Runs one IMAP poller per active mailbox, writes each one's last poll and last problem back to its
// row for the admin's status column, and restarts them all when the mailboxes change.
import type { Deps } from '../../platform/context.js';
import { openSecret } from '../../platform/crypto/secret-box.js';
import type { MailAccountRow } from '../../platform/db/types.js';
import * as repo from './admin-repo.js';
import { createImapPoller, type ImapAccount, type ImapPoller, type IngestRaw } from './imap.js';

/** SECRET_KEY as deps resolved it (from the environment or DATA_DIR/secret.key). */
export function secretKeyOf(deps: Deps): string {
  const key = deps.config.secretKey;
  if (!key) throw new Error('SECRET_KEY is not resolved: build deps with createDeps()');
  return key;
}

/** The poller's and the connection test's view of a mailbox's settings. */
export function imapAccountOf(
  settings: Pick<MailAccountRow, 'id' | 'host' | 'port' | 'security' | 'username' | 'mailbox' | 'allow_self_signed'>,
  password: string,
  moveTo: string | null,
): ImapAccount {
  return {
    id: settings.id,
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    starttls: settings.security === 'starttls',
    allowSelfSigned: settings.allow_self_signed === 1,
    user: settings.username,
    password,
    mailbox: settings.mailbox || 'INBOX',
    moveTo,
  };
}

export interface MailboxPolling {
  /** Stops every poller and starts one per mailbox that is active now. */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

export interface MailboxPollingOptions {
  /** How often each poller polls without IDLE news (imap.ts' default: a minute). */
  pollIntervalMs?: number;
  /** How often the pollers' state is written to their rows. */
  statusIntervalMs?: number;
  /** First wait before a reconnect (imap.ts' default: a second). */
  reconnectMinMs?: number;
}

const STATUS_INTERVAL_MS = 5_000;

/** The polling started for each app's deps, so the admin service can restart it after a change. */
const running = new Map<Deps, MailboxPolling>();

/** Restarts the pollers after a mailbox changed; nothing when polling is not started (tests, API-only nodes). */
export async function reloadMailboxes(deps: Deps): Promise<void> {
  await running.get(deps)?.reload();
}

interface Running {
  accountId: number;
  poller: ImapPoller;
  /** What was written last, to write only changes. */
  written: { lastPollAt: number | null; lastError: string | null };
}

export function startMailboxPolling(
  deps: Deps,
  ingest: IngestRaw,
  options: MailboxPollingOptions = {},
): MailboxPolling {
  const log = deps.log.child({ component: 'imap' });
  const db = deps.db.kysely;
  let pollers: Running[] = [];
  let statusTimer: NodeJS.Timeout | null = null;
  let stopped = false;
  // reload() and stop() run one after another, never over each other.
  let queue: Promise<void> = Promise.resolve();
  const serial = (fn: () => Promise<void>) => {
    const next = queue.then(fn);
    queue = next.catch(() => undefined);
    return next;
  };

  async function writeStatus(r: Running): Promise<void> {
    const s = r.poller.status();
    // Nothing known yet since the (re)start: the row keeps what it said.
    if (s.lastPollAt === null && s.lastError === null) return;
    if (s.lastPollAt === r.written.lastPollAt && s.lastError === r.written.lastError) return;
    // A poller that has not polled yet keeps the row's last poll from before the restart.
    const lastPollAt = s.lastPollAt ?? r.written.lastPollAt;
    await repo.setAccountStatus(db, r.accountId, { last_poll_at: lastPollAt, last_error: s.lastError });
    r.written = { lastPollAt, lastError: s.lastError };
  }

  async function writeAll(): Promise<void> {
    await Promise.all(
      pollers.map((r) =>
        writeStatus(r).catch((err: unknown) => log.warn({ err, accountId: r.accountId }, 'IMAP status write failed')),
      ),
    );
  }

  async function startAll(): Promise<void> {
    const rows = await repo.listActiveAccounts(db);
    for (const row of rows) {
      let password: string;
      try {
        password = openSecret(row.password_sealed, secretKeyOf(deps));
      } catch {
        const lastError = 'the stored password cannot be opened (was SECRET_KEY changed?); enter the password again';
        log.error({ accountId: row.id }, lastError);
        await repo.setAccountStatus(db, row.id, { last_poll_at: row.last_poll_at, last_error: lastError });
        continue;
      }
      const poller = createImapPoller(imapAccountOf(row, password, row.move_to), ingest, {
        logger: log,
        ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
        ...(options.reconnectMinMs !== undefined ? { reconnectMinMs: options.reconnectMinMs } : {}),
      });
      pollers.push({ accountId: row.id, poller, written: { lastPollAt: row.last_poll_at, lastError: row.last_error } });
      poller.start();
    }
    statusTimer = setInterval(() => void writeAll(), options.statusIntervalMs ?? STATUS_INTERVAL_MS);
    statusTimer.unref();
    if (rows.length) log.info({ mailboxes: rows.length }, 'IMAP polling started');
  }

  async function stopAll(): Promise<void> {
    if (statusTimer) clearInterval(statusTimer);
    statusTimer = null;
    await Promise.allSettled(pollers.map((r) => r.poller.stop()));
    // The last word of each poller; a deleted mailbox's row is simply gone.
    await writeAll();
    pollers = [];
  }

  const polling: MailboxPolling = {
    reload: () =>
      serial(async () => {
        if (stopped) return;
        await stopAll();
        await startAll();
      }),
    stop: () =>
      serial(async () => {
        stopped = true;
        running.delete(deps);
        await stopAll();
      }),
  };
  running.set(deps, polling);
  void serial(startAll).catch((err: unknown) => log.error({ err }, 'starting the IMAP pollers failed'));
  return polling;
}
