// The outgoing SMTP server an admin sets (Admin → Outgoing mail): stored with its password sealed,
// taking over from SMTP_URL while set, and a test mail sent on demand with the saved settings or the
// ones in the form — answered with the server's own words when it fails.
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit/service.js';
import type { Ctx } from '../../platform/context.js';
import { sealSecret } from '../../platform/crypto/secret-box.js';
import { transaction } from '../../platform/db/index.js';
import { fieldError } from '../../platform/errors.js';
import { loadOutgoing, readStoredOutgoing, writeStoredOutgoing } from '../../platform/mail/outgoing-settings.js';
import { message, smtpTransporter } from '../../platform/mail/send-thread.js';
import type { SmtpSettings } from '../../platform/mail/switchable.js';
import type { OutboundMail } from '../../platform/mail/transport.js';
import { requirePermission } from '../../platform/rbac.js';
import type { OutgoingBody, TestOutgoingBody } from './admin-schema.js';
import { secretKeyOf } from './imap-runner.js';

type Stored = NonNullable<Awaited<ReturnType<typeof readStoredOutgoing>>>;

function toDto(ctx: Ctx, stored: Stored | null) {
  return {
    source: stored ? ('admin' as const) : ctx.deps.config.smtpUrl ? ('environment' as const) : ('outbox' as const),
    smtp: stored
      ? {
          host: stored.host,
          port: stored.port,
          security: stored.security,
          username: stored.username,
          hasPassword: stored.passwordSealed !== null,
          from: stored.from,
        }
      : null,
  };
}

const audited = (s: Stored | null) =>
  s ? { host: s.host, port: s.port, security: s.security, username: s.username, from: s.from } : null;

export async function getOutgoing(ctx: Ctx) {
  requirePermission(ctx, 'channels.manage');
  return toDto(ctx, await readStoredOutgoing(ctx.deps.db.kysely));
}

/** Sets the outgoing server; a change without a password keeps the stored one. */
export async function setOutgoing(ctx: Ctx, input: z.output<typeof OutgoingBody>) {
  requirePermission(ctx, 'channels.manage');
  const stored = await transaction(ctx.deps.db, async (trx) => {
    const before = await readStoredOutgoing(trx);
    const passwordSealed =
      input.password !== undefined
        ? sealSecret(input.password, secretKeyOf(ctx.deps))
        : (before?.passwordSealed ?? null);
    if (input.username && !passwordSealed) throw fieldError('password', 'required');
    const next: Stored = {
      host: input.host,
      port: input.port,
      security: input.security,
      username: input.username,
      passwordSealed: input.username ? passwordSealed : null,
      from: input.from,
    };
    await writeStoredOutgoing(trx, next, ctx.deps.clock.now());
    await recordAudit(trx, ctx, {
      action: 'mail_outgoing.updated',
      entityType: 'mail_outgoing',
      entityId: null,
      before: audited(before),
      after: { ...audited(next), passwordChanged: input.password !== undefined },
    });
    return next;
  });
  ctx.deps.mail.invalidate?.();
  return toDto(ctx, stored);
}

/** Back to the environment's server (SMTP_URL) or the outbox. */
export async function clearOutgoing(ctx: Ctx) {
  requirePermission(ctx, 'channels.manage');
  await transaction(ctx.deps.db, async (trx) => {
    const before = await readStoredOutgoing(trx);
    await writeStoredOutgoing(trx, null, ctx.deps.clock.now());
    await recordAudit(trx, ctx, {
      action: 'mail_outgoing.cleared',
      entityType: 'mail_outgoing',
      entityId: null,
      before: audited(before),
    });
  });
  ctx.deps.mail.invalidate?.();
  return toDto(ctx, null);
}

/**
 * Sends a test mail now, not through the job queue: with the settings in the form when given (the
 * stored password when the form has none), else the way all mail goes out now.
 */
export async function testOutgoing(ctx: Ctx, input: z.output<typeof TestOutgoingBody>) {
  requirePermission(ctx, 'channels.manage');
  const mail: OutboundMail = {
    to: input.to,
    subject: ctx.locale === 'hi' ? 'सहायक: परीक्षण मेल' : 'Sahayak: test mail',
    text:
      ctx.locale === 'hi'
        ? 'यह मेल सहायक की आउटगोइंग मेल सेटिंग की जाँच के लिए भेजा गया है। यह पहुँच गया, तो सेटिंग ठीक है।'
        : 'This mail tests Sahayak’s outgoing mail settings. If it arrived, they work.',
  };
  try {
    if (input.smtp) {
      const saved = await loadOutgoing(ctx.deps.db.kysely, secretKeyOf(ctx.deps));
      const settings: SmtpSettings = {
        host: input.smtp.host,
        port: input.smtp.port,
        security: input.smtp.security,
        username: input.smtp.username,
        password: input.smtp.password ?? saved?.password ?? null,
        from: input.smtp.from,
      };
      const transporter = smtpTransporter(settings);
      try {
        await transporter.sendMail(message(settings.from, mail));
      } finally {
        transporter.close();
      }
    } else {
      await ctx.deps.mail.send(mail);
    }
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
