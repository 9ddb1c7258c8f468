// Attachments: uploaded first (owned by the uploader), then taken by a message; downloaded only by
// someone who may see the ticket.
import { createHash, randomBytes } from 'node:crypto';
import type { Ctx } from '../platform/context.js';
import { transaction } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { requirePermission } from '../platform/rbac.js';
import { toAttachmentDto } from './dto.js';
import * as repo from './repo.js';
import { scopeOf } from './visibility.js';

/** Only the base name of what the browser sent (never a path), without control characters. */
export function safeFileName(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) > 0x1f && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 255);
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean;
}

export async function uploadAttachment(ctx: Ctx, file: { fileName: string; contentType: string; data: Buffer }) {
  const actor = requirePermission(ctx, 'tickets.work');
  if (file.data.length > ctx.deps.config.attachmentMaxBytes) {
    throw new AppError('payload_too_large', { limitBytes: ctx.deps.config.attachmentMaxBytes });
  }
  const now = ctx.deps.clock.now();
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const key = `attachments/${new Date(now).toISOString().slice(0, 7)}/${sha256.slice(0, 2)}/${randomBytes(12).toString('hex')}`;
  // The blob first: a crash between the two leaves an orphan file, never a row without its bytes.
  await ctx.deps.blobs.put(key, file.data);
  const row = await transaction(ctx.deps.db, async (trx) => {
    const id = await repo.insertAttachment(trx, {
      ticket_id: null,
      message_id: null,
      blob_key: key,
      file_name: safeFileName(file.fileName),
      content_type: /^[\w.+-]+\/[\w.+-]+$/.test(file.contentType) ? file.contentType : 'application/octet-stream',
      size: file.data.length,
      sha256,
      uploaded_by_id: actor.userId,
      created_at: now,
    });
    return (await repo.findAttachment(trx, id))!;
  });
  return { attachment: toAttachmentDto(row) };
}

export async function downloadAttachment(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'tickets.work');
  const db = ctx.deps.db.kysely;
  const row = await repo.findAttachment(db, id);
  const visible =
    row &&
    (row.ticket_id === null
      ? row.uploaded_by_id === actor.userId
      : await repo.canSee(db, row.ticket_id, await scopeOf(db, actor)));
  if (!row || !visible) throw new AppError('attachment_not_found');
  const data = await ctx.deps.blobs.get(row.blob_key);
  if (!data) throw new AppError('attachment_not_found');
  return { fileName: row.file_name, contentType: row.content_type, data };
}
