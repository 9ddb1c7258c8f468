// The SMTP listener's thread (platform/threads.ts). The conversation with the sending server —
// greeting, MAIL FROM, RCPT TO, DATA, the size limit, STARTTLS, rate limits — reading the MIME and
// storing the mail's bytes (prepare.ts) all happen here, so none of it waits behind the database
// work on the main thread, and none of that work waits behind it. Only two things cross to the
// main thread: which addresses are ours (kept here for a few seconds, asked again on a miss so a
// new address works at once), and the prepared mail, which the ingest pipeline records there; the
// 250 goes out when that has committed, exactly as before.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { localBlobStore } from '../../platform/blobs/local.js';
import type { Host } from '../../platform/threads.js';
import { prepareInbound } from './prepare.js';
import type { SmtpHostHandlers } from './smtp.js';
import { baseAddress } from './tokens.js';

export interface InboundSmtpOptions {
  port: number;
  host: string;
  maxBytes: number;
  /** PEM files; STARTTLS is offered only with both. */
  tlsKeyFile?: string | undefined;
  tlsCertFile?: string | undefined;
  /** Mails one sender may send per minute, and connections one client address may open per minute. */
  perSenderPerMinute?: number | undefined;
  perIpPerMinute?: number | undefined;
}

export interface SmtpThreadOptions extends InboundSmtpOptions {
  /** The blob store's folder (platform/blobs/local.ts), where this thread stores each mail's bytes. */
  blobFolder: string;
}

/** How long the list of support addresses is trusted before it is read again. */
const ADDRESSES_TTL_MS = 5_000;

/** Counts events per key in a sliding minute; true while the key is under its limit. */
function rateLimiter(limit: number, now: () => number) {
  const hits = new Map<string, number[]>();
  return (key: string): boolean => {
    const t = now();
    const recent = (hits.get(key) ?? []).filter((at) => at > t - 60_000);
    if (recent.length >= limit) {
      hits.set(key, recent);
      return false;
    }
    recent.push(t);
    hits.set(key, recent);
    // Forget quiet keys now and then, so the map does not grow with every sender ever seen.
    if (hits.size > 10_000) for (const [k, v] of hits) if (!v.some((at) => at > t - 60_000)) hits.delete(k);
    return true;
  };
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export function createHandlers(opts: SmtpThreadOptions, host: Host<SmtpHostHandlers>) {
  const blobs = localBlobStore(opts.blobFolder);
  const senderAllowed = rateLimiter(opts.perSenderPerMinute ?? 60, Date.now);
  const ipAllowed = rateLimiter(opts.perIpPerMinute ?? 120, Date.now);
  let ours: { at: number; addresses: Set<string> } | null = null;
  const isOurs = async (address: string): Promise<boolean> => {
    if (ours && Date.now() - ours.at < ADDRESSES_TTL_MS && ours.addresses.has(address)) return true;
    ours = { at: Date.now(), addresses: new Set(await host.call('supportAddresses', null)) };
    return ours.addresses.has(address);
  };
  const log = (level: 'warn' | 'error', msg: string, err: unknown) =>
    void host.call('log', { level, msg, err: String((err as Error)?.message ?? err) }).catch(() => undefined);

  const tls =
    opts.tlsKeyFile && opts.tlsCertFile
      ? { key: readFileSync(opts.tlsKeyFile), cert: readFileSync(opts.tlsCertFile) }
      : null;
  const options: SMTPServerOptions = {
    name: 'sahayak',
    banner: 'Sahayak support mail',
    size: opts.maxBytes,
    // Mail for us arrives unauthenticated, as it does at any MX.
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ? { key: tls.key, cert: tls.cert } : {}),
    logger: false,
    onConnect(session, cb) {
      if (!ipAllowed(session.remoteAddress))
        return cb(smtpError(421, 'Too many connections from your address, try again later'));
      cb();
    },
    onMailFrom(address, _session, cb) {
      const from = address.address.toLowerCase();
      if (from && !senderAllowed(from)) return cb(smtpError(450, `Too many messages from ${from}, try again later`));
      cb();
    },
    onRcptTo(address, _session, cb) {
      isOurs(baseAddress(address.address))
        .then((yes) => (yes ? cb() : cb(smtpError(550, `No such mailbox here: ${address.address}`))))
        .catch((err: unknown) => {
          log('error', 'smtp: could not read the support addresses', err);
          cb(smtpError(451, 'Temporary failure, try again later'));
        });
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err) => cb(err));
      stream.on('end', () => {
        // Over the limit: the whole mail is refused, nothing of it stored.
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          return cb(smtpError(552, `Message exceeds the size limit of ${opts.maxBytes} bytes`));
        }
        const raw = Buffer.concat(chunks);
        prepareInbound(blobs, raw, Date.now())
          .then((prepared) =>
            host.call('record', {
              prepared,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            }),
          )
          .then((r) => cb(null, `Accepted ${r.outcome} ${r.ticketNumber ? `#${r.ticketNumber}` : ''}`.trim()))
          .catch((err: unknown) => {
            log('error', 'smtp: ingest failed; the sender will retry', err);
            cb(smtpError(451, 'Temporary failure storing the message, try again later'));
          });
      });
    },
  };
  const server = new SMTPServer(options);
  server.on('error', (err) => log('warn', 'smtp: connection error', err));

  return {
    async listen(): Promise<{ port: number }> {
      await new Promise<void>((resolve, reject) => {
        const fail = (err: Error) => reject(err);
        server.server.once('error', fail);
        server.listen(opts.port, opts.host, () => {
          server.server.off('error', fail);
          resolve();
        });
      });
      return { port: (server.server.address() as AddressInfo).port };
    },
    async close(): Promise<void> {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type SmtpThreadHandlers = ReturnType<typeof createHandlers>;
