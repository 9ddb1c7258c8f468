// Outbound mail leaves the request path as a job with retries.
import type { Deps } from '../context.js';
import type { OutboundMail } from './transport.js';

export const SEND_MAIL_JOB = 'mail.send';
/** An agent's reply going out to the customer as mail (channels/email/outbound.ts): `{ messageId, attempt }`. */
export const REPLY_MAIL_JOB = 'mail.reply';

export function registerMailJobs(deps: Pick<Deps, 'jobs' | 'mail'>): void {
  deps.jobs.register(SEND_MAIL_JOB, async (payload) => {
    await deps.mail.send(payload as unknown as OutboundMail);
  });
}

export function enqueueMail(deps: Pick<Deps, 'jobs'>, mail: OutboundMail, jobId?: string): Promise<void> {
  return deps.jobs.enqueue(SEND_MAIL_JOB, { ...mail }, { attempts: 5, ...(jobId ? { jobId } : {}) });
}
