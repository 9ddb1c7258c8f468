// Request and response schemas of the email channel's admin: support addresses (with their
// acknowledgement texts) and IMAP mailboxes.
import { z } from 'zod';
import { IsoTime } from '../../platform/auth/schema.js';

/** Lower case; a plain address (no display name), with a domain that has a dot. */
const Address = z
  .string()
  .trim()
  .toLowerCase()
  .max(320)
  .regex(
    /^[^\s@<>()[\]",;:\\]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/,
    'email_format',
  );
const Subject = z.string().trim().max(300);
const Body = z.string().max(10_000);

const addressFields = {
  address: Address,
  /** Display name of mail sent from it ("Demo Company Support"). */
  name: z.string().trim().max(200),
  /** New tickets by mail to this address go to this team; null: no team. */
  teamId: z.number().int().positive().nullable(),
  /** Mail sent without a better address to answer from uses the default. Exactly one is the default. */
  isDefault: z.boolean(),
  /** Acknowledge each new ticket by mail, in the customer's language. */
  ackEnabled: z.boolean(),
  /** Plain text with {{placeholders}}; a language left empty falls back to the other. */
  ackSubjectEn: Subject,
  ackBodyEn: Body,
  ackSubjectHi: Subject,
  ackBodyHi: Body,
};
export const CreateSupportAddressBody = z.object({
  ...addressFields,
  name: addressFields.name.default(''),
  teamId: addressFields.teamId.default(null),
  isDefault: addressFields.isDefault.default(false),
  ackEnabled: addressFields.ackEnabled.default(true),
  // Missing: the standard texts (addresses.ts DEFAULT_ACKNOWLEDGEMENT).
  ackSubjectEn: addressFields.ackSubjectEn.optional(),
  ackBodyEn: addressFields.ackBodyEn.optional(),
  ackSubjectHi: addressFields.ackSubjectHi.optional(),
  ackBodyHi: addressFields.ackBodyHi.optional(),
});
export const UpdateSupportAddressBody = z.object(addressFields).partial();

export const SupportAddress = z.object({
  id: z.number(),
  address: z.string(),
  name: z.string(),
  teamId: z.number().nullable(),
  isDefault: z.boolean(),
  ackEnabled: z.boolean(),
  ackSubjectEn: z.string(),
  ackBodyEn: z.string(),
  ackSubjectHi: z.string(),
  ackBodyHi: z.string(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type SupportAddressDto = z.infer<typeof SupportAddress>;
export const SupportAddressEnvelope = z.object({ supportAddress: SupportAddress });
export const SupportAddressList = z.object({
  items: z.array(SupportAddress),
  /** The placeholders the acknowledgement texts may use. */
  placeholders: z.array(z.string()),
  /** The texts a new address gets when none are given, for the form to start from. */
  defaultAcknowledgement: z.object({
    ackSubjectEn: z.string(),
    ackBodyEn: z.string(),
    ackSubjectHi: z.string(),
    ackBodyHi: z.string(),
  }),
});

// ---------- IMAP mailboxes ----------

/** A host name or an IP address: no scheme, no port, no path. */
const Host = z
  .string()
  .trim()
  .toLowerCase()
  .max(255)
  .regex(
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[?(?=[0-9a-f.]*:[0-9a-f.]*:)[0-9a-f:.]+\]?)$/,
    'host_format',
  );
/** Blank clears it. */
const optionalFolder = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z.string().trim().max(200).nullable(),
);
export const MailSecurity = z.enum(['tls', 'starttls', 'none']);

const accountFields = {
  name: z.string().trim().min(1, 'required').max(100),
  host: Host,
  port: z.number().int().min(1).max(65_535),
  /** tls: encrypted from the first byte (port 993); starttls: upgraded on a plain port (143); none: never. */
  security: MailSecurity,
  username: z.string().trim().min(1, 'required').max(320),
  /** Write-only: stored sealed with SECRET_KEY, never sent back. */
  password: z.string().min(1, 'required').max(1000),
  /** The folder to read. */
  mailbox: z.string().trim().min(1, 'required').max(200),
  /** Processed mail moves here (created when missing); null: it is marked read where it is. */
  moveTo: optionalFolder,
  /** Inactive mailboxes are kept but not polled. */
  active: z.boolean(),
  /**
   * Accept a certificate no trusted authority signed (a self-hosted server's own). The connection is
   * still encrypted, but a machine in between could pose as the server: only for servers you run.
   */
  allowSelfSigned: z.boolean(),
};
export const CreateMailAccountBody = z.object({
  ...accountFields,
  security: accountFields.security.default('tls'),
  mailbox: accountFields.mailbox.default('INBOX'),
  moveTo: accountFields.moveTo.default(null),
  active: accountFields.active.default(true),
  allowSelfSigned: accountFields.allowSelfSigned.default(false),
});
/** Without a password the stored one is kept. */
export const UpdateMailAccountBody = z.object(accountFields).partial();
/** Settings not saved yet: everything needed to sign in. */
export const TestMailAccountBody = z.object({
  host: accountFields.host,
  port: accountFields.port,
  security: accountFields.security.default('tls'),
  username: accountFields.username,
  password: accountFields.password,
  allowSelfSigned: accountFields.allowSelfSigned.default(false),
});
/** A saved mailbox, with changes from the form not saved yet (a missing password: the stored one). */
export const TestSavedMailAccountBody = z
  .object({
    host: accountFields.host,
    port: accountFields.port,
    security: accountFields.security,
    username: accountFields.username,
    password: accountFields.password,
    allowSelfSigned: accountFields.allowSelfSigned,
  })
  .partial()
  .default({});

export const MailAccount = z.object({
  id: z.number(),
  name: z.string(),
  host: z.string(),
  port: z.number(),
  security: MailSecurity,
  username: z.string(),
  /** Always true: a mailbox has a password, which is never sent back. */
  hasPassword: z.boolean(),
  mailbox: z.string(),
  moveTo: z.string().nullable(),
  active: z.boolean(),
  allowSelfSigned: z.boolean(),
  /** The last poll that finished, and the last problem (null once a poll succeeds again). */
  lastPollAt: IsoTime.nullable(),
  lastError: z.string().nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type MailAccountDto = z.infer<typeof MailAccount>;
export const MailAccountEnvelope = z.object({ mailAccount: MailAccount });
export const MailAccountList = z.object({ items: z.array(MailAccount) });
export const MailAccountTestResult = z.object({
  ok: z.boolean(),
  /** The folders found, when it signed in. */
  mailboxes: z.array(z.string()).optional(),
  /** What failed, in the server's words where it gave some. */
  error: z.string().optional(),
});

// ---------- the outgoing SMTP server ----------

/** "Name <address>" or a bare address. */
const Sender = z
  .string()
  .trim()
  .min(3)
  .max(320)
  .regex(/^(?:[^<>@\r\n]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/, 'email_format');
export const OutgoingBody = z.object({
  host: Host,
  port: z.number().int().min(1).max(65_535),
  /** tls: encrypted from the first byte (465); starttls: upgraded, required (587); none: never. */
  security: MailSecurity,
  /** Blank: the server takes mail without signing in. */
  username: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.string().trim().max(320).nullable(),
  ),
  /** Write-only; left out on a change: the stored one stays. */
  password: z.string().min(1).max(1000).optional(),
  from: Sender,
});
export const Outgoing = z.object({
  /** admin: the server set here; environment: SMTP_URL; outbox: no server, mail is written as .eml files. */
  source: z.enum(['admin', 'environment', 'outbox']),
  smtp: z
    .object({
      host: z.string(),
      port: z.number(),
      security: MailSecurity,
      username: z.string().nullable(),
      hasPassword: z.boolean(),
      from: z.string(),
    })
    .nullable(),
});
export const TestOutgoingBody = z.object({
  to: z.string().trim().toLowerCase().email('email_format').max(320),
  /** Settings not saved yet (the form as it stands); without: the server mail goes out through now. */
  smtp: OutgoingBody.optional(),
});
export const TestOutgoingResult = z.object({ ok: z.boolean(), error: z.string().optional() });
