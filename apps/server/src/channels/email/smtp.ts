// The built-in SMTP listener (smtp-server): mail for the support addresses comes in here and goes
// through the one ingest pipeline. Other recipients are refused with 550, a mail over the size limit
// with 552 before anything is stored, and a sender or a client address that sends too much in a
// minute waits (450/421). The 250 goes out only after the mail's transaction has committed; when the
// commit fails the sender hears 451 and tries again later, so nothing is lost.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { Deps } from '../../platform/context.js';
import { supportAddressRows } from './addresses.js';
import { ingestMail } from './ingest.js';
import { baseAddress } from './tokens.js';

export interface InboundSmtpOptions {
  port: number;
  host: string;
  maxBytes: number;
  /** PEM files; STARTTLS is offered only with both. */
  tlsKeyFile?: string | undefined;
  tlsCertFile?: string | undefined;
  /** Mails one sender may send per minute, and connections one client address may open per minute. */
  perSenderPerMinute?: number;
  perIpPerMinute?: number;
}

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

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

export async function startInboundSmtp(deps: Deps, opts: InboundSmtpOptions): Promise<InboundSmtp> {
  const clock = () => deps.clock.now();
  const senderAllowed = rateLimiter(opts.perSenderPerMinute ?? 60, clock);
  const ipAllowed = rateLimiter(opts.perIpPerMinute ?? 120, clock);
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
      supportAddressRows(deps.db.kysely)
        .then((rows) => {
          const to = baseAddress(address.address);
          if (rows.some((r) => r.address === to)) cb();
          else cb(smtpError(550, `No such mailbox here: ${address.address}`));
        })
        .catch((err: unknown) => {
          deps.log.error({ err }, 'smtp: could not read the support addresses');
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
        ingestMail(deps, raw, {
          via: 'smtp',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        })
          .then((r) => cb(null, `Accepted ${r.outcome} ${r.ticketNumber ? `#${r.ticketNumber}` : ''}`.trim()))
          .catch((err: unknown) => {
            deps.log.error({ err }, 'smtp: ingest failed; the sender will retry');
            cb(smtpError(451, 'Temporary failure storing the message, try again later'));
          });
      });
    },
  };
  const server = new SMTPServer(options);
  server.on('error', (err) => deps.log.warn({ err }, 'smtp: connection error'));
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error) => reject(err);
    server.server.once('error', fail);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', fail);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
