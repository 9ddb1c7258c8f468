// The audit log: admin-level changes with actor, time, before and after.
import { z } from 'zod';
import type { Ctx } from '../context.js';
import type { Executor } from '../db/index.js';
import { fieldError } from '../errors.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { requirePermission } from '../rbac.js';
import { insertAudit, listAudit } from './repo.js';
import type { AuditQuery } from './schema.js';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Appends an audit entry inside the caller's transaction, so it commits with the change. */
export async function recordAudit(trx: Executor, ctx: Ctx, rec: AuditRecord): Promise<void> {
  await insertAudit(trx, {
    actor_id: ctx.actor?.userId ?? null,
    action: rec.action,
    entity_type: rec.entityType,
    entity_id: rec.entityId === null ? null : String(rec.entityId),
    before_json: rec.before ? JSON.stringify(rec.before) : null,
    after_json: rec.after ? JSON.stringify(rec.after) : null,
    ip: ctx.ip || null,
    created_at: ctx.deps.clock.now(),
  });
}

const Cursor = z.object({ t: z.number(), id: z.number() });
const DAY = 86_400_000;

export async function listAuditLog(ctx: Ctx, query: z.infer<typeof AuditQuery>) {
  requirePermission(ctx, 'audit.read');
  const from = query.from ? Date.parse(`${query.from}T00:00:00Z`) : undefined;
  const to = query.to ? Date.parse(`${query.to}T00:00:00Z`) + DAY : undefined;
  if (from !== undefined && to !== undefined && from >= to) {
    throw fieldError('to', 'before_from');
  }
  const cursor = query.cursor ? decodeCursor(query.cursor, Cursor) : undefined;
  const rows = await listAudit(ctx.deps.db.kysely, {
    actorId: query.actorId,
    action: query.action,
    entityType: query.entityType,
    from,
    to,
    before: cursor ? { createdAt: cursor.t, id: cursor.id } : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before_json ? (JSON.parse(r.before_json) as Record<string, unknown>) : null,
      after: r.after_json ? (JSON.parse(r.after_json) as Record<string, unknown>) : null,
      ip: r.ip,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ t: last.created_at, id: last.id }) : null,
  };
}
