// The webhook job: POSTs a rule's JSON to its URL after the ticket's change committed, so a slow
// endpoint never holds a ticket transaction. The target is checked again here, on every address the
// name resolves to at connection time (a name that resolves to a private address, or rebinds to one,
// is refused unless an admin allows private targets); redirects are not followed; 10 s timeout;
// failures are retried by JobQueue (3 attempts).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { Deps } from '../platform/context.js';
import { readSettingsFor } from '../platform/settings/service.js';
import { isInternalAddress, webhookUrlProblem } from './webhook-target.js';

export const WEBHOOK_JOB = 'automation.webhook';
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** A target refused for where it points: not worth a retry. */
export class WebhookRefused extends Error {}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that refuses internal addresses (unless allowed), for the connection itself. */
function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => isInternalAddress(a.address));
      if (!allowPrivate && bad) {
        return callback(
          Object.assign(new WebhookRefused(`${hostname} resolves to a private address (${bad.address})`), {
            code: 'EWEBHOOKPRIVATE',
          }),
          [],
        );
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

/** One POST; resolves with the status code, rejects on network errors, refusals and timeouts. */
export function postJson(url: string, body: unknown, allowPrivate: boolean, timeoutMs = WEBHOOK_TIMEOUT_MS) {
  const problem = webhookUrlProblem(url, allowPrivate);
  if (problem) return Promise.reject(new WebhookRefused(`webhook target refused: ${problem}`));
  const u = new URL(url);
  const data = Buffer.from(JSON.stringify(body));
  const request = u.protocol === 'https:' ? https.request : http.request;
  return new Promise<number>((resolve, reject) => {
    const req = request(
      u,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': data.length,
          'user-agent': 'Sahayak-Webhook/1',
        },
        lookup: guardedLookup(allowPrivate) as never,
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`webhook timed out after ${timeoutMs} ms`)));
    req.on('error', (err) => reject(err instanceof WebhookRefused ? err : err));
    req.end(data);
  });
}

export function registerWebhookJob(deps: Pick<Deps, 'jobs' | 'db' | 'log'>): void {
  deps.jobs.register(WEBHOOK_JOB, async (payload) => {
    const { url, body } = payload as { url: string; body: unknown };
    const { webhookAllowPrivateTargets } = await readSettingsFor(deps.db.kysely);
    let status: number;
    try {
      status = await postJson(url, body, webhookAllowPrivateTargets);
    } catch (err) {
      if (err instanceof WebhookRefused || (err as { code?: string }).code === 'EWEBHOOKPRIVATE') {
        // Where it points will not change by retrying: logged once, not retried.
        deps.log.warn({ url, reason: (err as Error).message }, 'automation: webhook refused');
        return;
      }
      throw err;
    }
    // 2xx is done; anything else is retried (a redirect is not followed: it could lead anywhere).
    if (status < 200 || status >= 300) throw new Error(`webhook answered ${status}`);
  });
}
