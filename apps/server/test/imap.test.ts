// The IMAP poller against a real dovecot over a socket: commit first, then \Seen or move; IDLE; reconnects.
import net from 'node:net';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createImapPoller,
  type ImapAccount,
  type ImapPoller,
  type IngestRaw,
  testImapAccount,
} from '../src/channels/email/imap.js';
import { dovecotAvailable, type ImapServer, startImapServer, warnIfDovecotMissing } from './imap-server.js';

warnIfDovecotMissing();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting until ${what}`);
    await sleep(25);
  }
}

/** A plain-text mail with a Hindi body, sent as 8-bit UTF-8 so the raw bytes are worth comparing. */
function mail(subject: string, body = 'नमस्ते, मेरा ऑर्डर अभी तक नहीं आया।'): string {
  return [
    'From: Asha Verma <asha@example.in>',
    'To: support@example.test',
    `Subject: ${subject}`,
    `Message-ID: <${subject.replace(/\W+/g, '-')}-${Date.now()}@example.in>`,
    'Date: Mon, 23 Nov 2026 10:00:00 +0530',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\r\n');
}

const subjectOf = (raw: Buffer) => /^Subject: (.*)\r$/m.exec(raw.toString('utf8'))?.[1] ?? '?';

function quietLogger() {
  const warnings: string[] = [];
  const note = (obj: object, msg?: string) => warnings.push(`${msg ?? ''} ${JSON.stringify(obj)}`);
  return { warnings, logger: { info: () => undefined, warn: note, error: note } };
}

function accountFor(server: ImapServer, overrides: Partial<ImapAccount> = {}): ImapAccount {
  return {
    id: 7,
    host: server.host,
    port: server.port,
    secure: false,
    starttls: false,
    user: server.user,
    password: server.password,
    mailbox: 'INBOX',
    moveTo: null,
    ...overrides,
  };
}

/** A TCP relay to the server whose connections the test can cut, as a flaky network would. */
async function relayTo(port: number): Promise<{ port: number; cut(): void; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((inbound) => {
    const outbound = net.connect(port, '127.0.0.1');
    for (const [a, b] of [
      [inbound, outbound],
      [outbound, inbound],
    ] as const) {
      sockets.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const cut = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    port: (relay.address() as net.AddressInfo).port,
    cut,
    close: () => {
      cut();
      return new Promise((resolve) => relay.close(() => resolve()));
    },
  };
}

const activeTimeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe.skipIf(!dovecotAvailable)('IMAP poller against dovecot', () => {
  let server: ImapServer;
  const pollers: ImapPoller[] = [];
  const track = (p: ImapPoller) => {
    pollers.push(p);
    return p;
  };

  beforeAll(async () => {
    server = await startImapServer();
  });

  beforeEach(({ onTestFailed }) => {
    onTestFailed(async () => {
      console.warn(`dovecot log:\n${await server.log()}`);
    });
  });

  afterEach(async () => {
    await Promise.all(pollers.splice(0).map((p) => p.stop()));
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('ingests each unseen message once, oldest first, and marks it seen only after ingest resolved', async () => {
    const folder = 'order';
    const sent = [mail('first'), mail('second'), mail('third')];
    for (const raw of sent) await server.deliver(raw, folder);
    const got: { subject: string; raw: string; uid: number; accountId: number; seenDuringIngest: number }[] = [];
    const ingest: IngestRaw = async (raw, meta) => {
      // Still unseen on the server while we have not committed it.
      const seenDuringIngest = await server.count(folder, '\\Seen');
      got.push({ subject: subjectOf(raw), raw: raw.toString('utf8'), ...meta, seenDuringIngest });
    };
    const { logger } = quietLogger();
    const poller = track(createImapPoller(accountFor(server, { mailbox: folder }), ingest, { logger }));

    expect(await poller.pollNow()).toBe(3);
    expect(got.map((g) => g.subject)).toEqual(['first', 'second', 'third']);
    expect(got.map((g) => g.seenDuringIngest)).toEqual([0, 1, 2]);
    expect(got.map((g) => g.raw)).toEqual(sent);
    expect(got.every((g) => g.accountId === 7)).toBe(true);
    expect(got.map((g) => g.uid)).toEqual([...got.map((g) => g.uid)].sort((a, b) => a - b));
    expect(await server.count(folder, '\\Seen')).toBe(3);
    expect(await server.count(folder)).toBe(3);

    expect(await poller.pollNow()).toBe(0);
    expect(got).toHaveLength(3);
    expect(poller.status()).toMatchObject({ processed: 3, lastError: null, connected: true });
    expect(poller.status().lastPollAt).toBeGreaterThan(Date.now() - 10_000);
  });

  it('leaves a message unseen when ingest rejects, and offers it again on the next poll', async () => {
    const folder = 'retry';
    await server.deliver(mail('fine'), folder);
    await server.deliver(mail('database down'), folder);
    await server.deliver(mail('after it'), folder);
    const calls: string[] = [];
    let failing = true;
    const ingest: IngestRaw = async (raw) => {
      const subject = subjectOf(raw);
      calls.push(subject);
      if (subject === 'database down' && failing) throw new Error('SQLITE_BUSY: database is locked');
    };
    const { logger, warnings } = quietLogger();
    const poller = track(createImapPoller(accountFor(server, { mailbox: folder }), ingest, { logger }));

    expect(await poller.pollNow()).toBe(2);
    expect(calls).toEqual(['fine', 'database down', 'after it']);
    expect(await server.count(folder, '!\\Seen')).toBe(1);
    expect(poller.status().lastError).toMatch(/SQLITE_BUSY/);
    expect(warnings.join('\n')).toMatch(/stays unseen/);

    failing = false;
    expect(await poller.pollNow()).toBe(1);
    expect(calls).toEqual(['fine', 'database down', 'after it', 'database down']);
    expect(await server.count(folder, '!\\Seen')).toBe(0);
    expect(poller.status()).toMatchObject({ processed: 3, lastError: null });
  });

  it('moves processed mail to moveTo, creating the folder, and leaves failed mail where it was', async () => {
    const folder = 'to-move';
    const moveTo = 'Processed/Sahayak';
    expect(await server.mailboxes()).not.toContain(moveTo);
    await server.deliver(mail('move me'), folder);
    await server.deliver(mail('keep me'), folder);
    await server.deliver(mail('move me too'), folder);
    const ingest: IngestRaw = async (raw) => {
      if (subjectOf(raw) === 'keep me') throw new Error('not committed');
    };
    const poller = track(
      createImapPoller(accountFor(server, { mailbox: folder, moveTo }), ingest, { logger: quietLogger().logger }),
    );

    expect(await poller.pollNow()).toBe(2);
    expect(await server.mailboxes()).toContain(moveTo);
    expect(await server.count(moveTo)).toBe(2);
    expect(await server.count(folder)).toBe(1);
    expect(await server.count(folder, '!\\Seen')).toBe(1);
  });

  it('never ingests a message twice when polls are asked for at the same time', async () => {
    const folder = 'concurrent';
    for (const n of [1, 2, 3]) await server.deliver(mail(`parallel ${n}`), folder);
    const calls: string[] = [];
    let inside = 0;
    let most = 0;
    const ingest: IngestRaw = async (raw) => {
      inside++;
      most = Math.max(most, inside);
      calls.push(subjectOf(raw));
      await sleep(100);
      inside--;
    };
    const poller = track(
      createImapPoller(accountFor(server, { mailbox: folder }), ingest, { logger: quietLogger().logger }),
    );

    const counts = await Promise.all([poller.pollNow(), poller.pollNow(), poller.pollNow()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(calls).toEqual(['parallel 1', 'parallel 2', 'parallel 3']);
    expect(most).toBe(1);
  });

  it('does not ingest a message again while its first ingest is still running, even across a reconnect', async () => {
    const folder = 'slow-commit';
    await server.deliver(mail('already there'), folder);
    const relay = await relayTo(server.port);
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    let inside = 0;
    let most = 0;
    const ingest: IngestRaw = async () => {
      calls++;
      inside++;
      most = Math.max(most, inside);
      if (calls === 2) await gate;
      inside--;
    };
    const poller = track(
      createImapPoller(accountFor(server, { mailbox: folder, port: relay.port }), ingest, {
        logger: quietLogger().logger,
        reconnectMinMs: 50,
        reconnectMaxMs: 100,
        pollIntervalMs: 200,
      }),
    );
    try {
      poller.start();
      await until('the first poll is done', () => calls === 1 && poller.status().lastPollAt !== null);
      // The next one comes in through a poll of its own (the interval here), not the one at connect.
      await server.deliver(mail('slow commit'), folder);
      await until('its ingest began', () => calls === 2);
      relay.cut(); // the connection drops while the message is being committed
      await until('the drop is noticed', () => !poller.status().connected);
      await until('the poller is connected again', () => poller.status().connected);
      await sleep(400);
      expect(calls).toBe(2);

      release();
      // Marking it seen failed with the old connection; it is offered again, after the first ingest ended.
      await until('it was marked seen', async () => (await server.count(folder, '\\Seen')) === 2);
      expect(calls).toBe(3);
      expect(most).toBe(1);
    } finally {
      await poller.stop();
      await relay.close();
    }
  });

  it('picks up new mail through IDLE without pollNow, and stops cleanly while idling', async () => {
    const folder = 'idle';
    await server.deliver(mail('waiting before start'), folder);
    const got: string[] = [];
    const ingest: IngestRaw = async (raw) => {
      got.push(subjectOf(raw));
    };
    const timeoutsBefore = activeTimeouts();
    // An interval far beyond the test: only IDLE can bring the second message in.
    const poller = track(
      createImapPoller(accountFor(server, { mailbox: folder }), ingest, {
        logger: quietLogger().logger,
        pollIntervalMs: 10 * 60_000,
      }),
    );
    poller.start();
    await until('the first poll ran', () => got.length === 1 && poller.status().connected);
    // Past imapflow's auto-IDLE delay, so the server is in IDLE when the mail arrives.
    await sleep(1500);

    const delivered = Date.now();
    await server.deliver(mail('arrived during idle'), folder);
    await until('the new mail was ingested', () => got.length === 2, 5000);
    expect(Date.now() - delivered).toBeLessThan(5000);
    expect(got).toEqual(['waiting before start', 'arrived during idle']);
    await until('it was marked seen', async () => (await server.count(folder, '\\Seen')) === 2);
    await sleep(1500); // idling again

    const stopping = Date.now();
    await poller.stop();
    expect(Date.now() - stopping).toBeLessThan(3000);
    expect(poller.status().connected).toBe(false);
    expect(activeTimeouts()).toBeLessThanOrEqual(timeoutsBefore);

    // Mail after stop() stays on the server for the next start.
    await server.deliver(mail('after stop'), folder);
    await sleep(300);
    expect(got).toHaveLength(2);
    expect(await server.count(folder, '!\\Seen')).toBe(1);
  });

  it('records a wrong password in lastError, keeps retrying with backoff, and does not crash', async () => {
    const { logger, warnings } = quietLogger();
    let ingested = 0;
    const poller = track(
      createImapPoller(
        accountFor(server, { password: 'wrong' }),
        async () => {
          ingested++;
        },
        { logger, reconnectMinMs: 50, reconnectMaxMs: 200 },
      ),
    );
    const timeoutsBefore = activeTimeouts();
    poller.start();
    await until('the failure is recorded', () => poller.status().lastError !== null);
    expect(poller.status().lastError).toMatch(/authentication failed/i);
    expect(poller.status().connected).toBe(false);
    await until('it retried', () => warnings.filter((w) => /IMAP connection failed/.test(w)).length >= 3);
    await expect(poller.pollNow()).rejects.toThrow();

    await poller.stop();
    expect(activeTimeouts()).toBeLessThanOrEqual(timeoutsBefore);
    expect(ingested).toBe(0);
  });

  it('reconnects after the connection is lost and carries on polling', async () => {
    const own = await startImapServer();
    try {
      const got: string[] = [];
      const { logger } = quietLogger();
      const poller = track(
        createImapPoller(
          accountFor(own),
          async (raw) => {
            got.push(subjectOf(raw));
          },
          { logger, reconnectMinMs: 100, reconnectMaxMs: 400, pollIntervalMs: 10 * 60_000 },
        ),
      );
      await own.deliver(mail('before the outage'));
      poller.start();
      await until('connected and polled', () => got.length === 1 && poller.status().connected);

      await own.stop();
      await until('the loss is noticed', () => !poller.status().connected && poller.status().lastError !== null);

      const back = await startImapServer({ port: own.port });
      try {
        await back.deliver(mail('after the outage'));
        await until('reconnected and polled', () => got.length === 2, 10_000);
        expect(got).toEqual(['before the outage', 'after the outage']);
        await until('lastError cleared', () => poller.status().lastError === null && poller.status().connected);
        await poller.stop();
      } finally {
        await back.stop();
      }
    } finally {
      await own.stop();
    }
  });

  it('polls on an interval when the server offers no IDLE', async () => {
    const plain = await startImapServer({ idle: false });
    try {
      const got: string[] = [];
      const poller = track(
        createImapPoller(
          accountFor(plain),
          async (raw) => {
            got.push(subjectOf(raw));
          },
          // The app's own pino logger fits the poller's logger option.
          { logger: pino({ level: 'silent' }), pollIntervalMs: 300 },
        ),
      );
      poller.start();
      await until('connected', () => poller.status().connected && poller.status().lastPollAt !== null);
      await plain.deliver(mail('no idle here'));
      await until('the interval poll found it', () => got.length === 1, 5000);
      await poller.stop();
    } finally {
      await plain.stop();
    }
  });

  it('speaks TLS: implicit and STARTTLS, refusing a self-signed certificate unless allowed', async () => {
    const tls = await startImapServer({ tls: true });
    try {
      const implicit = accountFor(tls, { port: tls.tlsPort!, secure: true, starttls: undefined });
      expect(await testImapAccount(implicit)).toEqual({
        ok: false,
        error: expect.stringMatching(/self[- ]signed certificate/i),
      });
      expect(await testImapAccount({ ...implicit, allowSelfSigned: true })).toMatchObject({ ok: true });

      const starttls = accountFor(tls, { starttls: true, allowSelfSigned: true });
      await tls.deliver(mail('over starttls'));
      const got: string[] = [];
      const poller = track(
        createImapPoller(
          starttls,
          async (raw) => {
            got.push(subjectOf(raw));
          },
          { logger: quietLogger().logger },
        ),
      );
      expect(await poller.pollNow()).toBe(1);
      expect(got).toEqual(['over starttls']);
      await poller.stop();

      // A server without STARTTLS is refused when it is required, so the password never goes out in clear.
      expect(await testImapAccount(accountFor(server, { starttls: true }))).toMatchObject({ ok: false });
    } finally {
      await tls.stop();
    }
  });

  it('tests an account for the admin: folders when it works, a reason when it does not', async () => {
    await server.deliver(mail('listed'), 'Support/Hindi');
    const ok = await testImapAccount(accountFor(server));
    expect(ok).toMatchObject({ ok: true });
    if (ok.ok) expect(ok.mailboxes).toEqual(expect.arrayContaining(['INBOX', 'Support/Hindi']));

    const wrong = await testImapAccount(accountFor(server, { password: 'wrong' }));
    expect(wrong).toEqual({ ok: false, error: 'authentication failed' });

    const closedPort = await startImapServer();
    const port = closedPort.port;
    await closedPort.stop();
    const refused = await testImapAccount(accountFor(server, { port }));
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) });
  });
});
