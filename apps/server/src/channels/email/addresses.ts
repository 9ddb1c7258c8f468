// Support addresses: the addresses customers write to, the team new tickets by mail to each go to,
// the default one, and the acknowledgement each sends for a new ticket in English or Hindi.
import type { z } from 'zod';
import {
  PLACEHOLDERS,
  type PlaceholderValues,
  renderText,
  unknownPlaceholders,
} from '../../automation/placeholders.js';
import { recordAudit } from '../../platform/audit/service.js';
import { iso } from '../../platform/auth/dto.js';
import type { Ctx } from '../../platform/context.js';
import { type Executor, transaction } from '../../platform/db/index.js';
import type { SupportAddressRow } from '../../platform/db/types.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { requirePermission } from '../../platform/rbac.js';
import * as repo from './admin-repo.js';
import type { CreateSupportAddressBody, SupportAddressDto, UpdateSupportAddressBody } from './admin-schema.js';

/** The texts a new address starts with: they say the ticket's number and that a reply adds to it. */
export const DEFAULT_ACKNOWLEDGEMENT = {
  ackSubjectEn: 'We have received your request [#{{ticket.number}}]',
  ackBodyEn: [
    'Hello {{requester.first_name}},',
    '',
    'Thank you for writing to us. We have received your request "{{ticket.subject}}" and opened ticket #{{ticket.number}} for it. Someone from our support team will answer soon.',
    '',
    'To add anything, simply reply to this email: your reply is added to the same ticket. Please keep [#{{ticket.number}}] in the subject.',
    '',
    'Regards,',
    'The support team',
  ].join('\n'),
  ackSubjectHi: 'हमें आपका अनुरोध मिल गया है [#{{ticket.number}}]',
  ackBodyHi: [
    'नमस्ते {{requester.first_name}},',
    '',
    'हमें लिखने के लिए धन्यवाद। हमें आपका अनुरोध "{{ticket.subject}}" मिल गया है और इसके लिए टिकट #{{ticket.number}} खोला गया है। हमारी सहायता टीम का कोई सदस्य जल्द ही उत्तर देगा।',
    '',
    'कुछ और जोड़ना हो तो बस इसी ईमेल का उत्तर दें: आपका उत्तर इसी टिकट में जुड़ जाएगा। कृपया विषय में [#{{ticket.number}}] बना रहने दें।',
    '',
    'सादर,',
    'सहायता टीम',
  ].join('\n'),
};

type AckTexts = typeof DEFAULT_ACKNOWLEDGEMENT;
const ACK_FIELDS = ['ackSubjectEn', 'ackBodyEn', 'ackSubjectHi', 'ackBodyHi'] as const;

const toDto = (row: SupportAddressRow): SupportAddressDto => ({
  id: row.id,
  address: row.address,
  name: row.name,
  teamId: row.team_id,
  isDefault: row.is_default === 1,
  ackEnabled: row.ack_enabled === 1,
  ackSubjectEn: row.ack_subject_en,
  ackBodyEn: row.ack_body_en,
  ackSubjectHi: row.ack_subject_hi,
  ackBodyHi: row.ack_body_hi,
  createdAt: iso(row.created_at),
  updatedAt: iso(row.updated_at),
});

const audited = ({ id: _id, createdAt: _c, updatedAt: _u, ...rest }: SupportAddressDto) => rest;

const complete = (subject: string, body: string) => subject.trim() !== '' && body.trim() !== '';

/**
 * Refuses acknowledgement texts that cannot be sent: an unknown placeholder (400 naming each field,
 * as macros do), or, when switched on, no language with both a subject and a text.
 */
function checkAcknowledgement(enabled: boolean, texts: AckTexts) {
  const found: Record<string, string[]> = {};
  for (const field of ACK_FIELDS) {
    const unknown = unknownPlaceholders(texts[field]);
    if (unknown.length) found[field] = unknown;
  }
  if (Object.keys(found).length) {
    throw new AppError('validation_failed', {
      fields: Object.fromEntries(Object.keys(found).map((f) => [f, 'unknown_placeholder'])),
      placeholders: found,
      allowed: [...PLACEHOLDERS],
    });
  }
  if (enabled && !complete(texts.ackSubjectEn, texts.ackBodyEn) && !complete(texts.ackSubjectHi, texts.ackBodyHi)) {
    throw fieldError(texts.ackSubjectEn.trim() ? 'ackBodyEn' : 'ackSubjectEn', 'email_empty');
  }
}

async function checkTeam(db: Executor, teamId: number | null | undefined) {
  if (teamId != null && !(await repo.teamExists(db, teamId))) throw fieldError('teamId', 'no_such_team');
}

async function found(db: Executor, id: number): Promise<SupportAddressRow> {
  const row = await repo.findAddress(db, id);
  if (!row) throw new AppError('support_address_not_found');
  return row;
}

async function addressFree(db: Executor, address: string, self: number | null) {
  const other = await repo.findAddressByAddress(db, address);
  if (other && other.id !== self) throw fieldError('address', 'taken', 'support_address_taken');
}

export async function listSupportAddresses(ctx: Ctx) {
  requirePermission(ctx, 'channels.manage');
  return {
    items: (await repo.listAddresses(ctx.deps.db.kysely)).map(toDto),
    placeholders: [...PLACEHOLDERS],
    defaultAcknowledgement: DEFAULT_ACKNOWLEDGEMENT,
  };
}

export async function getSupportAddress(ctx: Ctx, id: number) {
  requirePermission(ctx, 'channels.manage');
  return { supportAddress: toDto(await found(ctx.deps.db.kysely, id)) };
}

export async function createSupportAddress(ctx: Ctx, input: z.output<typeof CreateSupportAddressBody>) {
  requirePermission(ctx, 'channels.manage');
  const texts: AckTexts = {
    ackSubjectEn: input.ackSubjectEn ?? DEFAULT_ACKNOWLEDGEMENT.ackSubjectEn,
    ackBodyEn: input.ackBodyEn ?? DEFAULT_ACKNOWLEDGEMENT.ackBodyEn,
    ackSubjectHi: input.ackSubjectHi ?? DEFAULT_ACKNOWLEDGEMENT.ackSubjectHi,
    ackBodyHi: input.ackBodyHi ?? DEFAULT_ACKNOWLEDGEMENT.ackBodyHi,
  };
  checkAcknowledgement(input.ackEnabled, texts);
  const now = ctx.deps.clock.now();
  const supportAddress = await transaction(ctx.deps.db, async (trx) => {
    await addressFree(trx, input.address, null);
    await checkTeam(trx, input.teamId);
    // The first address is the default, whatever was asked.
    const isDefault = input.isDefault || !(await repo.hasDefaultAddress(trx));
    const id = await repo.insertAddress(trx, {
      address: input.address,
      name: input.name,
      team_id: input.teamId,
      is_default: 0,
      ack_enabled: input.ackEnabled ? 1 : 0,
      ack_subject_en: texts.ackSubjectEn,
      ack_body_en: texts.ackBodyEn,
      ack_subject_hi: texts.ackSubjectHi,
      ack_body_hi: texts.ackBodyHi,
      created_at: now,
      updated_at: now,
    });
    if (isDefault) await repo.makeDefaultAddress(trx, id);
    const dto = toDto(await found(trx, id));
    await recordAudit(trx, ctx, {
      action: 'support_address.created',
      entityType: 'support_address',
      entityId: id,
      after: audited(dto),
    });
    return dto;
  });
  return { supportAddress };
}

export async function updateSupportAddress(ctx: Ctx, id: number, input: z.output<typeof UpdateSupportAddressBody>) {
  requirePermission(ctx, 'channels.manage');
  const supportAddress = await transaction(ctx.deps.db, async (trx) => {
    const row = await found(trx, id);
    const before = toDto(row);
    const texts: AckTexts = {
      ackSubjectEn: input.ackSubjectEn ?? before.ackSubjectEn,
      ackBodyEn: input.ackBodyEn ?? before.ackBodyEn,
      ackSubjectHi: input.ackSubjectHi ?? before.ackSubjectHi,
      ackBodyHi: input.ackBodyHi ?? before.ackBodyHi,
    };
    checkAcknowledgement(input.ackEnabled ?? before.ackEnabled, texts);
    if (input.address !== undefined) await addressFree(trx, input.address, id);
    await checkTeam(trx, input.teamId);
    // Exactly one default: it moves by making another address the default, never by switching it off.
    if (input.isDefault === false && before.isDefault) throw fieldError('isDefault', 'default_required');
    await repo.updateAddress(trx, id, {
      ...(input.address !== undefined ? { address: input.address } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.teamId !== undefined ? { team_id: input.teamId } : {}),
      ...(input.ackEnabled !== undefined ? { ack_enabled: input.ackEnabled ? 1 : 0 } : {}),
      ack_subject_en: texts.ackSubjectEn,
      ack_body_en: texts.ackBodyEn,
      ack_subject_hi: texts.ackSubjectHi,
      ack_body_hi: texts.ackBodyHi,
      updated_at: ctx.deps.clock.now(),
    });
    if (input.isDefault) await repo.makeDefaultAddress(trx, id);
    const after = toDto(await found(trx, id));
    await recordAudit(trx, ctx, {
      action: 'support_address.updated',
      entityType: 'support_address',
      entityId: id,
      before: audited(before),
      after: audited(after),
    });
    return after;
  });
  return { supportAddress };
}

/**
 * The default address goes only when it is the last one (409 otherwise: make another the default
 * first), so that once any address exists exactly one is the default.
 */
export async function deleteSupportAddress(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx, 'channels.manage');
  await transaction(ctx.deps.db, async (trx) => {
    const row = await found(trx, id);
    if (row.is_default === 1 && (await repo.countAddresses(trx)) > 1) throw new AppError('support_address_default');
    await repo.deleteAddress(trx, id);
    await recordAudit(trx, ctx, {
      action: 'support_address.deleted',
      entityType: 'support_address',
      entityId: id,
      before: audited(toDto(row)),
    });
  });
}

// ---------- for the ingest, start-up and the demo (no actor) ----------

/** A support address as the sender of a mail, `"Name" <address>`: no quote or line break of the name gets into the header. */
export function senderOf(row: Pick<SupportAddressRow, 'name' | 'address'>): string {
  const name = row.name.replace(/["\\\r\n\t]+/g, ' ').trim();
  return name ? `"${name}" <${row.address}>` : row.address;
}

/** Every support address, the default first. */
export async function supportAddressRows(db: Executor): Promise<SupportAddressRow[]> {
  return repo.listAddresses(db);
}

/**
 * The acknowledgement of a new ticket in the customer's language, placeholders filled in: the other
 * language's texts when that language has no subject or no text; null when switched off or empty.
 */
export function renderAcknowledgement(
  row: SupportAddressRow,
  values: PlaceholderValues,
  locale: 'en' | 'hi',
): { subject: string; text: string } | null {
  if (row.ack_enabled !== 1) return null;
  const texts = {
    en: { subject: row.ack_subject_en, body: row.ack_body_en },
    hi: { subject: row.ack_subject_hi, body: row.ack_body_hi },
  };
  const other = locale === 'en' ? 'hi' : 'en';
  const lang = complete(texts[locale].subject, texts[locale].body)
    ? locale
    : complete(texts[other].subject, texts[other].body)
      ? other
      : null;
  if (!lang) return null;
  return {
    // A subject is one line, whatever a placeholder's value holds.
    subject: renderText(texts[lang].subject, values, lang)
      .replace(/\s*[\r\n]+\s*/g, ' ')
      .trim(),
    text: renderText(texts[lang].body, values, lang),
  };
}

/** Writes an address without an actor (the demo seed). Returns its id. */
export async function seedSupportAddress(
  db: Executor,
  spec: { address: string; name: string; teamId: number | null; isDefault: boolean } & Partial<AckTexts>,
  now: number,
): Promise<number> {
  const texts = { ...DEFAULT_ACKNOWLEDGEMENT, ...spec };
  checkAcknowledgement(true, texts);
  const id = await repo.insertAddress(db, {
    address: spec.address.trim().toLowerCase(),
    name: spec.name,
    team_id: spec.teamId,
    is_default: 0,
    ack_enabled: 1,
    ack_subject_en: texts.ackSubjectEn,
    ack_body_en: texts.ackBodyEn,
    ack_subject_hi: texts.ackSubjectHi,
    ack_body_hi: texts.ackBodyHi,
    created_at: now,
    updated_at: now,
  });
  if (spec.isDefault || !(await repo.hasDefaultAddress(db))) await repo.makeDefaultAddress(db, id);
  return id;
}

/**
 * SUPPORT_ADDRESSES at start-up: adds each address not there yet (no team, the standard
 * acknowledgement); the first becomes the default when there is none. Existing ones are left as the
 * admin set them. Returns the addresses added.
 */
export async function ensureSupportAddresses(db: Executor, addresses: string[], now: number): Promise<string[]> {
  const wanted = [...new Set(addresses.map((a) => a.trim().toLowerCase()).filter(Boolean))];
  if (!wanted.length) return [];
  const added: string[] = [];
  for (const address of wanted) {
    if (await repo.findAddressByAddress(db, address)) continue;
    try {
      await seedSupportAddress(db, { address, name: '', teamId: null, isDefault: false }, now);
    } catch (err) {
      // Another node starting at the same moment added it first.
      if (await repo.findAddressByAddress(db, address)) continue;
      throw err;
    }
    added.push(address);
  }
  if (!(await repo.hasDefaultAddress(db))) {
    const first = await repo.findAddressByAddress(db, wanted[0]!);
    if (first) await repo.makeDefaultAddress(db, first.id);
  }
  return added;
}
