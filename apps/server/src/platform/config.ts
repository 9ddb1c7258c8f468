// Configuration: read once from the environment, validated with zod; nothing else reads process.env.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1' || v === 'yes'));

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

const port = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(fallback);

/**
 * Every variable Sahayak reads, with its one-line doc. The README's configuration table is
 * generated from these descriptions (`node scripts/config-table.mjs`).
 */
export const configVariables = {
  PORT: { schema: port(3000), doc: 'HTTP port of the web app and API.', default: '3000' },
  HOST: { schema: z.string().min(1).default('0.0.0.0'), doc: 'Interface to listen on.', default: '0.0.0.0' },
  PUBLIC_URL: {
    schema: url(['http:', 'https:']).optional(),
    doc: 'Address people use to reach Sahayak; used in emailed links. With https the session cookie is Secure.',
    default: 'http://localhost:PORT',
  },
  DATA_DIR: {
    schema: z.string().min(1).default('data'),
    doc: 'Folder for the embedded database (sahayak.db), attachments and the mail outbox.',
    default: './data',
  },
  DATABASE_URL: {
    schema: url(['postgres:', 'postgresql:']).optional(),
    doc: 'PostgreSQL connection URL. Unset: the embedded SQLite database in DATA_DIR.',
    default: '(unset)',
  },
  REDIS_URL: {
    schema: url(['redis:', 'rediss:']).optional(),
    doc: 'Redis URL for cluster mode: jobs run through BullMQ and live events fan out over pub/sub. Unset: in-process.',
    default: '(unset)',
  },
  REDIS_PREFIX: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'must be 1-64 letters, digits, _ . : or -')
      .default('sahayak'),
    doc: 'Prefix of every Redis key and channel (jobs, events), so several installations can share one Redis.',
    default: 'sahayak',
  },
  SECRET_KEY: {
    schema: z.string().min(32, 'must be at least 32 characters').optional(),
    doc: 'Key for encrypting stored credentials such as mail-account passwords. Unset: one is generated in DATA_DIR/secret.key on first start (set the same one on every node in cluster mode).',
    default: '(generated)',
  },
  TRUST_PROXY: {
    schema: z
      .string()
      .refine(
        (v) =>
          v.split(',').every((part) => {
            const [addr = '', bits] = part.trim().split('/');
            return (
              ['loopback', 'linklocal', 'uniquelocal'].includes(addr) ||
              (isIP(addr) !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits)))
            );
          }),
        { message: 'must be comma-separated proxy addresses or CIDRs such as 10.0.0.0/8, or loopback' },
      )
      .optional(),
    doc: 'Addresses/CIDRs of your load balancers (or loopback, uniquelocal); only their X-Forwarded-For is believed for the client address used by sign-in throttling and the audit log. Unset: none.',
    default: '(unset)',
  },
  SMTP_URL: {
    schema: url(['smtp:', 'smtps:']).optional(),
    doc: 'Outbound mail server, smtp://user:pass@host:port. Unset: mail is written as .eml files to DATA_DIR/outbox.',
    default: '(unset)',
  },
  SMTP_FROM: {
    schema: z.string().min(3).default('Sahayak <no-reply@sahayak.local>'),
    doc: 'From address of mail Sahayak sends (password resets, invitations).',
    default: 'Sahayak <no-reply@sahayak.local>',
  },
  INBOUND_SMTP_PORT: {
    schema: port(2525),
    doc: 'Port of the built-in SMTP listener that receives mail for the support addresses; 0 turns it off.',
    default: '2525',
  },
  INBOUND_SMTP_HOST: {
    schema: z.string().min(1).default('0.0.0.0'),
    doc: 'Interface the SMTP listener binds to.',
    default: '0.0.0.0',
  },
  INBOUND_SMTP_MAX_BYTES: {
    schema: z.coerce
      .number()
      .int()
      .min(1024)
      .max(200 * 1024 * 1024)
      .default(25 * 1024 * 1024),
    doc: 'Largest message the SMTP listener accepts, in bytes (larger: 552 at SMTP time).',
    default: '26214400',
  },
  INBOUND_SMTP_TLS_KEY: {
    schema: z.string().min(1).optional(),
    doc: 'PEM key file for STARTTLS on the SMTP listener (with INBOUND_SMTP_TLS_CERT). Unset: no STARTTLS.',
    default: '(unset)',
  },
  INBOUND_SMTP_TLS_CERT: {
    schema: z.string().min(1).optional(),
    doc: 'PEM certificate (chain) file for STARTTLS on the SMTP listener.',
    default: '(unset)',
  },
  SUPPORT_ADDRESSES: {
    schema: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((a) => a.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine((list) => list.every((a) => /^[^\s@<>(),;:"]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(a)), {
        message: 'must be email addresses separated by commas',
      }),
    doc: 'Support addresses (comma-separated) added at start-up; mail to them becomes tickets.',
    default: '(none)',
  },
  WRITER_THREAD: {
    schema: bool(true),
    doc: 'Embedded mode: run ticket commands on a second thread with its own database connection, so a second core works while the first serves requests. Ignored with DATABASE_URL.',
    default: 'true',
  },
  SEED_DEMO: {
    schema: bool(true),
    doc: 'Seed the demo company into an empty database on start.',
    default: 'true',
  },
  ADMIN_EMAIL: {
    schema: z.email('must be an email address').optional(),
    doc: 'With ADMIN_PASSWORD: creates this admin on first start (instead of the setup page).',
    default: '(unset)',
  },
  ADMIN_PASSWORD: {
    schema: z.string().min(10, 'must be at least 10 characters').optional(),
    doc: 'Password of ADMIN_EMAIL on first start.',
    default: '(unset)',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    doc: 'Log level (pino): fatal, error, warn, info, debug, trace or silent.',
    default: 'info',
  },
  SESSION_DAYS: {
    schema: z.coerce.number().int().min(1, 'must be at least 1').max(365, 'must be at most 365').default(14),
    doc: 'Days a sign-in session lasts without use.',
    default: '14',
  },
  ATTACHMENT_MAX_MB: {
    schema: z.coerce.number().int().min(1, 'must be at least 1').max(1024, 'must be at most 1024').default(20),
    doc: 'Largest attachment accepted, in MiB; a bigger upload is refused with 413 and nothing is stored.',
    default: '20',
  },
  WEB_DIST: {
    schema: z.string().optional(),
    doc: 'Folder of the built web app to serve. Default: apps/web/dist.',
    default: 'apps/web/dist',
  },
} as const;

type Vars = typeof configVariables;
type Raw = { [K in keyof Vars]: z.output<Vars[K]['schema']> };

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  secureCookies: boolean;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  redisPrefix: string;
  /** Fastify's trustProxy: false or the proxies' addresses. */
  trustProxy: false | string;
  secretKey: string | undefined;
  smtpUrl: string | undefined;
  smtpFrom: string;
  inboundSmtpPort: number;
  inboundSmtpHost: string;
  inboundSmtpMaxBytes: number;
  inboundSmtpTlsKey: string | undefined;
  inboundSmtpTlsCert: string | undefined;
  supportAddresses: string[];
  /** Embedded mode: ticket commands on the writer thread (platform/writer.ts). */
  writerThread: boolean;
  seedDemo: boolean;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  logLevel: Raw['LOG_LEVEL'];
  sessionDays: number;
  attachmentMaxBytes: number;
  webDist: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError listing every bad variable by name. */
export function loadConfig(env: Record<string, string | undefined>, repoRoot = process.cwd()): Config {
  const shape = Object.fromEntries(Object.entries(configVariables).map(([k, v]) => [k, v.schema]));
  // Empty strings mean "unset", as most .env tooling writes them.
  const input = Object.fromEntries(Object.keys(configVariables).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = z.object(shape).safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0]);
        const got = input[name];
        return `${name}: ${i.message}${got === undefined ? ' (it is not set)' : ` (got "${got}")`}`;
      }),
    );
  }
  const raw = parsed.data as Raw;
  const problems: string[] = [];
  if ((raw.INBOUND_SMTP_TLS_KEY === undefined) !== (raw.INBOUND_SMTP_TLS_CERT === undefined)) {
    problems.push('INBOUND_SMTP_TLS_KEY and INBOUND_SMTP_TLS_CERT: set both or neither');
  }
  if ((raw.ADMIN_EMAIL === undefined) !== (raw.ADMIN_PASSWORD === undefined)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither');
  }
  if (raw.REDIS_URL && !raw.DATABASE_URL) {
    problems.push('REDIS_URL: cluster mode needs DATABASE_URL (PostgreSQL) as well');
  }
  if (problems.length) throw new ConfigError(problems);
  const publicUrl = (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, '');
  return {
    port: raw.PORT,
    host: raw.HOST,
    publicUrl,
    secureCookies: publicUrl.startsWith('https:'),
    dataDir: path.resolve(repoRoot, raw.DATA_DIR),
    databaseUrl: raw.DATABASE_URL,
    redisUrl: raw.REDIS_URL,
    redisPrefix: raw.REDIS_PREFIX,
    trustProxy: raw.TRUST_PROXY ?? false,
    secretKey: raw.SECRET_KEY,
    smtpUrl: raw.SMTP_URL,
    smtpFrom: raw.SMTP_FROM,
    inboundSmtpPort: raw.INBOUND_SMTP_PORT,
    inboundSmtpHost: raw.INBOUND_SMTP_HOST,
    inboundSmtpMaxBytes: raw.INBOUND_SMTP_MAX_BYTES,
    inboundSmtpTlsKey: raw.INBOUND_SMTP_TLS_KEY,
    inboundSmtpTlsCert: raw.INBOUND_SMTP_TLS_CERT,
    supportAddresses: raw.SUPPORT_ADDRESSES,
    writerThread: raw.WRITER_THREAD,
    seedDemo: raw.SEED_DEMO,
    adminEmail: raw.ADMIN_EMAIL?.toLowerCase(),
    adminPassword: raw.ADMIN_PASSWORD,
    logLevel: raw.LOG_LEVEL,
    sessionDays: raw.SESSION_DAYS,
    attachmentMaxBytes: raw.ATTACHMENT_MAX_MB * 1024 * 1024,
    webDist: path.resolve(repoRoot, raw.WEB_DIST ?? 'apps/web/dist'),
  };
}
