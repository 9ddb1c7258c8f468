// The built-in SMTP listener (smtp-server): mail for the support addresses comes in here and goes
// through the one ingest pipeline. Other recipients are refused with 550, a mail over the size limit
// with 552 before anything is stored, and a sender or a client address that sends too much in a
// minute waits (450/421). The 250 goes out only after the mail's transaction has committed; when the
// commit fails the sender hears 451 and tries again later, so nothing is lost.
//
// The conversation itself runs on a thread of its own (smtp-thread.ts); this side answers its two
// questions: which addresses are ours, and "store this mail".
import { blobFolder } from '../../platform/blobs/local.js';
import type { Deps } from '../../platform/context.js';
import { workerThread } from '../../platform/threads.js';
import { supportAddressRows } from './addresses.js';
import { recordInbound } from './ingest.js';
import type { PreparedMail } from './prepare.js';
import type { InboundSmtpOptions, SmtpThreadHandlers, SmtpThreadOptions } from './smtp-thread.js';

export type { InboundSmtpOptions };

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

/** A mail as the SMTP thread hands it over: read, its bytes stored. */
interface ReceivedMail {
  prepared: PreparedMail;
  envelopeTo: string[];
  envelopeFrom: string | null;
}

/** The main thread's answers to the SMTP thread. */
export function smtpHostHandlers(deps: Deps) {
  return {
    async supportAddresses(_: null): Promise<string[]> {
      return (await supportAddressRows(deps.db.kysely)).map((r) => r.address);
    },
    async record(mail: ReceivedMail) {
      return recordInbound(deps, mail.prepared, {
        via: 'smtp',
        envelopeTo: mail.envelopeTo,
        envelopeFrom: mail.envelopeFrom,
      });
    },
    async log({ level, msg, err }: { level: 'warn' | 'error'; msg: string; err: string }) {
      deps.log[level]({ err }, msg);
    },
  };
}

export type SmtpHostHandlers = ReturnType<typeof smtpHostHandlers>;

export async function startInboundSmtp(deps: Deps, opts: InboundSmtpOptions): Promise<InboundSmtp> {
  const data: SmtpThreadOptions = { ...opts, blobFolder: blobFolder(deps.config.dataDir) };
  const thread = workerThread<SmtpThreadHandlers>(
    new URL('./smtp-thread.js', import.meta.url),
    data,
    'smtp',
    smtpHostHandlers(deps),
  );
  try {
    const { port } = await thread.call('listen', undefined as never);
    return { port, close: () => thread.close() };
  } catch (err) {
    await thread.close();
    throw err;
  }
}
