// IMAP mailboxes to poll: their settings, the password sealed with SECRET_KEY (never sent back), a
// test of the settings before or after saving, and the running pollers restarted after each change.
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/service.js';
import { iso, isoOrNull } from '../../platform/auth/dto.js';
import type { Ctx, Deps } from '../../platform/context.js';
import { openSecret, sealSecret } from '../../platform/crypto/secret-box.js';
import { type Executor, transaction } from '../../platform/db/index.js';
import type { MailAccountRow } from '../../platform/db/types.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { requirePermission } from '../../platform/rbac.js';
import * as repo from './admin-repo.js';
import type {
  CreateMailAccountBody,
  MailAccountDto,
  TestMailAccountBody,
  TestSavedMailAccountBody,
  UpdateMailAccountBody,
} from './admin-schema.js';
import { testImapAccount } from './imap.js';
import { imapAccountOf, reloadMailboxes, secretKeyOf } from './imap-runner.js';

const toDto = (row: MailAccountRow): MailAccountDto => ({
  id: row.id,
  name: row.name,
  host: row.host,
  port: row.port,
  security: row.security,
  username: row.username,
  hasPassword: row.password_sealed !== '',
  mailbox: row.mailbox,
  moveTo: row.move_to,
  active: row.active === 1,
  allowSelfSigned: row.allow_self_signed === 1,
  lastPollAt: isoOrNull(row.last_poll_at),
  lastError: row.last_error,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

/** What the audit log keeps: the settings, and whether the password changed (never the password). */
const audited = (dto: MailAccountDto) => ({
  name: dto.name,
  host: dto.host,
  port: dto.port,
  security: dto.security,
  username: dto.username,
  mailbox: dto.mailbox,
  moveTo: dto.moveTo,
  active: dto.active,
  allowSelfSigned: dto.allowSelfSigned,
});

async function found(db: Executor, id: number): Promise<MailAccountRow> {
  const row = await repo.findAccount(db, id);
  if (!row) throw new AppError('mail_account_not_found');
  return row;
}

async function nameFree(db: Executor, name: string, self: number | null) {
  const other = await repo.findAccountByName(db, name);
  if (other && other.id !== self) throw fieldError('name', 'taken', 'mail_account_name_taken');
}

/** The pollers pick up the change; a failure to restart them is logged, the change stands. */
function restartPolling(deps: Deps) {
  reloadMailboxes(deps).catch((err: unknown) => deps.log.error({ err }, 'restarting the IMAP pollers failed'));
}

export async function listMailAccounts(ctx: Ctx) {
  requirePermission(ctx, 'channels.manage');
  return { items: (await repo.listAccounts(ctx.deps.db.kysely)).map(toDto) };
}

export async function getMailAccount(ctx: Ctx, id: number) {
  requirePermission(ctx, 'channels.manage');
  return { mailAccount: toDto(await found(ctx.deps.db.kysely, id)) };
}

export async function createMailAccount(ctx: Ctx, input: z.output<typeof CreateMailAccountBody>) {
  requirePermission(ctx, 'channels.manage');
  const sealed = sealSecret(input.password, secretKeyOf(ctx.deps));
  const now = ctx.deps.clock.now();
  const mailAccount = await transaction(ctx.deps.db, async (trx) => {
    await nameFree(trx, input.name, null);
    const id = await repo.insertAccount(trx, {
      name: input.name,
      host: input.host,
      port: input.port,
      security: input.security,
      username: input.username,
      password_sealed: sealed,
      mailbox: input.mailbox,
      move_to: input.moveTo,
      active: input.active ? 1 : 0,
      allow_self_signed: input.allowSelfSigned ? 1 : 0,
      last_poll_at: null,
      last_error: null,
      created_at: now,
      updated_at: now,
    });
    const dto = toDto(await found(trx, id));
    await recordAudit(trx, ctx, {
      action: 'mail_account.created',
      entityType: 'mail_account',
      entityId: id,
      after: audited(dto),
    });
    return dto;
  });
  restartPolling(ctx.deps);
  return { mailAccount };
}

export async function updateMailAccount(ctx: Ctx, id: number, input: z.output<typeof UpdateMailAccountBody>) {
  requirePermission(ctx, 'channels.manage');
  const sealed = input.password !== undefined ? sealSecret(input.password, secretKeyOf(ctx.deps)) : undefined;
  const mailAccount = await transaction(ctx.deps.db, async (trx) => {
    const before = toDto(await found(trx, id));
    if (input.name !== undefined) await nameFree(trx, input.name, id);
    const { password: _password, moveTo, active, allowSelfSigned, ...plain } = input;
    await repo.updateAccount(trx, id, {
      ...plain,
      ...(moveTo !== undefined ? { move_to: moveTo } : {}),
      ...(active !== undefined ? { active: active ? 1 : 0 } : {}),
      ...(allowSelfSigned !== undefined ? { allow_self_signed: allowSelfSigned ? 1 : 0 } : {}),
      ...(sealed !== undefined ? { password_sealed: sealed } : {}),
      // New settings, new story: the last problem was about the old ones.
      last_error: null,
      updated_at: ctx.deps.clock.now(),
    });
    const after = toDto(await found(trx, id));
    await recordAudit(trx, ctx, {
      action: 'mail_account.updated',
      entityType: 'mail_account',
      entityId: id,
      before: audited(before),
      after: { ...audited(after), ...(sealed !== undefined ? { passwordChanged: true } : {}) },
    });
    return after;
  });
  restartPolling(ctx.deps);
  return { mailAccount };
}

export async function deleteMailAccount(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx, 'channels.manage');
  await transaction(ctx.deps.db, async (trx) => {
    const dto = toDto(await found(trx, id));
    await repo.deleteAccount(trx, id);
    await recordAudit(trx, ctx, {
      action: 'mail_account.deleted',
      entityType: 'mail_account',
      entityId: id,
      before: audited(dto),
    });
  });
  restartPolling(ctx.deps);
}

/** "Test connection" before saving: signs in and lists the folders, or says what failed. */
export async function testMailSettings(ctx: Ctx, input: z.output<typeof TestMailAccountBody>) {
  requirePermission(ctx, 'channels.manage');
  const { allowSelfSigned, ...settings } = input;
  return testImapAccount(
    imapAccountOf(
      { id: 0, mailbox: 'INBOX', allow_self_signed: allowSelfSigned ? 1 : 0, ...settings },
      input.password,
      null,
    ),
  );
}

/** "Test connection" of a saved mailbox, with the form's unsaved changes; no password given: the stored one. */
export async function testMailAccount(ctx: Ctx, id: number, input: z.output<typeof TestSavedMailAccountBody>) {
  requirePermission(ctx, 'channels.manage');
  const row = await found(ctx.deps.db.kysely, id);
  let password = input.password;
  if (password === undefined) {
    try {
      password = openSecret(row.password_sealed, secretKeyOf(ctx.deps));
    } catch {
      return { ok: false, error: STORED_PASSWORD_UNREADABLE };
    }
  }
  const { allowSelfSigned, ...changes } = input;
  const settings = {
    ...row,
    ...stripUndefined(changes),
    ...(allowSelfSigned !== undefined ? { allow_self_signed: allowSelfSigned ? (1 as const) : (0 as const) } : {}),
  };
  return testImapAccount(imapAccountOf(settings, password, null));
}

export const STORED_PASSWORD_UNREADABLE =
  'the stored password cannot be opened (was SECRET_KEY changed?); enter the password again';

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
