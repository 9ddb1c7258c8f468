// What a service needs to do its work: the ports (deps) and who is asking (actor).
import type { Logger } from 'pino';
import type { BlobStore } from './blobs/store.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/index.js';
import type { Locale } from './errors.js';
import type { EventBus } from './events/bus.js';
import type { JobQueue } from './jobs/queue.js';
import type { MailTransport } from './mail/transport.js';
import type { Writer } from './writer.js';

export type Role = 'admin' | 'manager' | 'lead' | 'agent';
export const roles: readonly Role[] = ['admin', 'manager', 'lead', 'agent'];

export interface Deps {
  config: Config;
  db: Db;
  clock: Clock;
  bus: EventBus;
  jobs: JobQueue;
  mail: MailTransport;
  blobs: BlobStore;
  log: Logger;
  /** Embedded mode: the thread ticket commands run on (writer.ts); unset where they run on this one. */
  writer?: Writer;
}

export interface Actor {
  userId: number;
  role: Role;
  locale: Locale;
  via: 'session' | 'token';
  /** Token scope; sessions may always write. */
  scope: 'read' | 'write';
  sessionId: number | null;
  tokenId: number | null;
}

export interface Ctx {
  deps: Deps;
  actor: Actor | null;
  /** Why there is no actor although credentials were sent (expired session). */
  authProblem: 'session_expired' | null;
  locale: Locale;
  ip: string;
  userAgent: string;
}
