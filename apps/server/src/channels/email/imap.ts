// Polls one IMAP mailbox: each unseen message goes to `ingest`, and is marked seen (or moved) only after it is committed.
import { ImapFlow, type ImapFlowError, type ImapFlowOptions } from 'imapflow';

export interface ImapAccount {
  id: number;
  host: string;
  port: number;
  /** Implicit TLS from the first byte (port 993). */
  secure: boolean;
  /** On a cleartext port: true requires STARTTLS, false never upgrades, unset upgrades when offered. */
  starttls?: boolean;
  user: string;
  /** The plain password: open it from its sealed form (platform/crypto/secret-box) just before use. */
  password: string;
  /** Folder to read, 'INBOX' by default. */
  mailbox: string;
  /** Folder processed mail is moved to (created when missing); null marks it \Seen where it is. */
  moveTo: string | null;
  /** Accept a self-signed or otherwise unverifiable server certificate. */
  allowSelfSigned?: boolean;
}

/** Resolves only after the message is committed; rejects if it was not (the message stays unseen and is retried). */
export type IngestRaw = (raw: Buffer, meta: { accountId: number; uid: number }) => Promise<void>;

export interface ImapPoller {
  start(): void;
  stop(): Promise<void>;
  /**
   * Runs one poll now (connecting first if needed; works before start() too) and resolves with the
   * number of messages processed; rejects if the mailbox cannot be reached, or after stop().
   */
  pollNow(): Promise<number>;
  status(): { connected: boolean; lastPollAt: number | null; lastError: string | null; processed: number };
}

type LogFn = (obj: object, msg?: string) => void;

export interface ImapPollerOptions {
  logger: { info: LogFn; warn: LogFn; error: LogFn };
  /** How often to poll: the only trigger when the server has no IDLE, a retry net for failed ingests when it has. */
  pollIntervalMs?: number;
  /** Longest wait between two reconnect attempts (the wait doubles from 1 s). */
  reconnectMaxMs?: number;
  /** First wait before a reconnect; tests shorten it. */
  reconnectMinMs?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 60_000;
const DEFAULT_RECONNECT_MAX_MS = 5 * 60_000;
const DEFAULT_RECONNECT_MIN_MS = 1_000;
/** A clean LOGOUT gets this long before the socket is simply closed. */
const LOGOUT_TIMEOUT_MS = 5_000;

function clientOptions(account: ImapAccount): ImapFlowOptions {
  return {
    host: account.host,
    port: account.port,
    secure: account.secure,
    ...(account.secure || account.starttls === undefined ? {} : { doSTARTTLS: account.starttls }),
    auth: { user: account.user, pass: account.password },
    tls: { rejectUnauthorized: !account.allowSelfSigned },
    logger: false,
    // IDLE starts one second after the last command, so new mail shows up at once; the lock held
    // during a poll keeps IDLE from cutting in between our own commands.
    autoIdleDelay: 1_000,
    // Servers may end an IDLE after 30 minutes of silence; renewing it every few minutes stays clear of that.
    maxIdleTime: 4 * 60_000,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
  };
}

/** One line a person can act on: what failed, with the server's own words when it gave some. */
export function describeImapError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as ImapFlowError;
  const server = e.responseText ? `: ${e.responseText}` : '';
  if (e.authenticationFailed) {
    const text = e.responseText?.replace(/\.$/, '');
    return text && !/^authentication failed$/i.test(text) ? `authentication failed: ${text}` : 'authentication failed';
  }
  if (e.tlsFailed) return `TLS failed: ${e.message}`;
  if (e.mailboxMissing) return `mailbox "${e.path ?? ''}" does not exist${server}`;
  if (e.code && !e.message.includes(e.code)) return `${e.code}: ${e.message}${server}`;
  return `${e.message}${server}`;
}

/** Resolves when the client's connection ends, however it ends. */
function closed(client: ImapFlow): Promise<void> {
  return new Promise((resolve) => {
    if (client.isClosed) resolve();
    else client.once('close', () => resolve());
  });
}

/** LOGOUT, and if the server does not answer in time, drop the socket. */
async function closeClient(client: ImapFlow): Promise<void> {
  if (client.isClosed) return;
  const done = closed(client);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, LOGOUT_TIMEOUT_MS);
  });
  try {
    if (client.usable) await Promise.race([client.logout().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
    if (!client.isClosed) client.close();
  }
  await done;
}

export function createImapPoller(account: ImapAccount, ingest: IngestRaw, opts: ImapPollerOptions): ImapPoller {
  const log = opts.logger;
  const mailbox = account.mailbox || 'INBOX';
  const pollIntervalMs = opts.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const reconnectMaxMs = opts.reconnectMaxMs ?? DEFAULT_RECONNECT_MAX_MS;
  const reconnectMinMs = Math.min(opts.reconnectMinMs ?? DEFAULT_RECONNECT_MIN_MS, reconnectMaxMs);
  const ctx = { accountId: account.id, host: account.host, user: account.user, mailbox };

  let started = false;
  let stopping = false;
  let client: ImapFlow | null = null;
  let connecting: Promise<ImapFlow> | null = null;
  let folderReady = false;
  let lastPollAt: number | null = null;
  let lastError: string | null = null;
  let processed = 0;

  // Polls run one at a time: one in flight, at most one queued behind it.
  let running: Promise<number> | null = null;
  let queued: Promise<number> | null = null;

  // The background loop and the timers it leaves: stop() clears every one of them.
  let loop: Promise<void> | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let wake: (() => void) | null = null;
  let wakeTimer: NodeJS.Timeout | null = null;

  function fail(err: unknown, msg: string): void {
    lastError = describeImapError(err);
    log.warn({ ...ctx, err: lastError }, msg);
  }

  async function connect(): Promise<ImapFlow> {
    if (client?.usable) return client;
    if (connecting) return connecting;
    const attempt = (async () => {
      const next = new ImapFlow(clientOptions(account));
      // Without a listener an 'error' event would crash the process; the close that follows triggers the reconnect.
      next.on('error', (err: unknown) => {
        fail(err, 'IMAP connection error');
      });
      // Only our mailbox is ever selected on this connection, so any growth is new mail for us.
      next.on('exists', (data: { count: number; prevCount: number }) => {
        if (data.count > data.prevCount) pollInBackground('new mail');
      });
      client = next;
      folderReady = false;
      try {
        await next.connect();
        if (stopping) throw new Error('the poller was stopped');
        // A selected mailbox is what IDLE watches.
        await next.mailboxOpen(mailbox);
      } catch (err) {
        if (!next.isClosed) next.close();
        if (client === next) client = null;
        throw err;
      }
      log.info({ ...ctx, idle: next.capabilities.has('IDLE') }, 'IMAP mailbox connected');
      return next;
    })();
    connecting = attempt;
    try {
      return await attempt;
    } finally {
      connecting = null;
    }
  }

  async function ensureFolder(imap: ImapFlow, folder: string): Promise<void> {
    if (folderReady) return;
    const result = await imap.mailboxCreate(folder);
    if (result.created) log.info({ ...ctx, folder }, 'created the IMAP folder for processed mail');
    folderReady = true;
  }

  /** One pass over the unseen messages, oldest UID first. */
  async function pollOnce(): Promise<number> {
    if (stopping) throw new Error('the IMAP poller is stopped');
    const imap = await connect();
    let count = 0;
    let failed = false;
    const lock = await imap.getMailboxLock(mailbox);
    try {
      const found = await imap.search({ seen: false }, { uid: true });
      const uids = (found || []).sort((a, b) => a - b);
      for (const uid of uids) {
        if (stopping) break;
        const message = await imap.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
        if (message === false || !message.source) continue; // expunged by someone else since the search
        try {
          await ingest(message.source, { accountId: account.id, uid });
        } catch (err) {
          // Not committed: leave it unseen, the next poll offers it again.
          fail(err, 'ingesting an IMAP message failed; it stays unseen and is retried on the next poll');
          failed = true;
          continue;
        }
        if (account.moveTo) {
          await ensureFolder(imap, account.moveTo);
          await imap.messageMove(String(uid), account.moveTo, { uid: true });
        } else {
          await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        }
        count++;
        processed++;
      }
    } finally {
      lock.release();
    }
    lastPollAt = Date.now();
    if (!failed) lastError = null;
    return count;
  }

  function pollNow(): Promise<number> {
    if (!running) {
      running = pollOnce().finally(() => {
        running = null;
      });
      return running;
    }
    // A poll asked for mid-poll must see mail that arrived after the current one searched.
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return pollNow();
      });
    return queued;
  }

  function pollInBackground(reason: string): void {
    if (!started || stopping) return;
    pollNow().then(
      (count) => {
        if (count > 0) log.info({ ...ctx, count, reason }, 'IMAP messages ingested');
      },
      (err: unknown) => {
        fail(err, 'IMAP poll failed');
        // A broken connection ends in 'close', which the loop turns into a reconnect.
        if (client && !client.usable && !client.isClosed) client.close();
      },
    );
  }

  function armPollTimer(): void {
    if (pollTimer) clearTimeout(pollTimer);
    if (stopping) return;
    pollTimer = setTimeout(() => {
      pollTimer = null;
      if (stopping) return;
      pollInBackground('interval');
      armPollTimer();
    }, pollIntervalMs);
  }

  /** Waits `ms`, or less if stop() is called. */
  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      wake = resolve;
      wakeTimer = setTimeout(() => {
        wakeTimer = null;
        wake = null;
        resolve();
      }, ms);
    });
  }

  async function run(): Promise<void> {
    let backoff = reconnectMinMs;
    while (!stopping) {
      try {
        const imap = await connect();
        const gone = closed(imap);
        const count = await pollNow();
        if (count > 0) log.info({ ...ctx, count, reason: 'connect' }, 'IMAP messages ingested');
        backoff = reconnectMinMs;
        armPollTimer();
        await gone;
        if (pollTimer) clearTimeout(pollTimer);
        pollTimer = null;
        if (stopping) break;
        lastError = `connection closed${imap.byeReason ? `: ${imap.byeReason}` : ''}`;
        log.warn({ ...ctx, err: lastError }, 'IMAP connection lost; reconnecting');
      } catch (err) {
        if (stopping) break;
        fail(err, 'IMAP connection failed');
        if (client && !client.isClosed) client.close();
      }
      if (stopping) break;
      log.info({ ...ctx, inMs: backoff }, 'IMAP reconnect scheduled');
      await sleep(backoff);
      backoff = Math.min(backoff * 2, reconnectMaxMs);
    }
  }

  return {
    start() {
      if (started) return;
      started = true;
      stopping = false;
      loop = run();
    },

    async stop() {
      stopping = true;
      if (pollTimer) clearTimeout(pollTimer);
      pollTimer = null;
      if (wakeTimer) clearTimeout(wakeTimer);
      wakeTimer = null;
      wake?.();
      wake = null;
      // The message being ingested now is finished and marked; the rest wait for the next start.
      await Promise.allSettled([running, queued]);
      const imap = client;
      if (imap) await closeClient(imap);
      await connecting?.catch(() => undefined);
      await loop;
      loop = null;
      client = null;
      started = false;
    },

    pollNow,

    status() {
      return { connected: client?.usable === true, lastPollAt, lastError, processed };
    },
  };
}

/** For the admin's "test connection" button: signs in and lists the folders. */
export async function testImapAccount(
  account: ImapAccount,
): Promise<{ ok: true; mailboxes: string[] } | { ok: false; error: string }> {
  const imap = new ImapFlow({ ...clientOptions(account), disableAutoIdle: true });
  imap.on('error', () => undefined); // the rejected connect() below carries the same error
  try {
    await imap.connect();
    const list = await imap.list();
    return { ok: true, mailboxes: list.map((m) => m.path).sort() };
  } catch (err) {
    return { ok: false, error: describeImapError(err) };
  } finally {
    await closeClient(imap);
  }
}
