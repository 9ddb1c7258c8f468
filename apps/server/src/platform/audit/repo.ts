// Queries of the audit log.
import type { Executor } from '../db/index.js';

export async function insertAudit(
  db: Executor,
  row: {
    actor_id: number | null;
    action: string;
    entity_type: string;
    entity_id: string | null;
    before_json: string | null;
    after_json: string | null;
    ip: string | null;
    created_at: number;
  },
): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export interface AuditFilter {
  actorId?: number | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  /** Keyset cursor: entries strictly older than this (created_at, id). */
  before?: { createdAt: number; id: number } | undefined;
  limit: number;
}

export function listAudit(db: Executor, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.id',
      'audit_log.actor_id',
      'users.name as actor_name',
      'audit_log.action',
      'audit_log.entity_type',
      'audit_log.entity_id',
      'audit_log.before_json',
      'audit_log.after_json',
      'audit_log.ip',
      'audit_log.created_at',
    ]);
  if (f.actorId !== undefined) q = q.where('audit_log.actor_id', '=', f.actorId);
  if (f.action !== undefined) q = q.where('audit_log.action', '=', f.action);
  if (f.entityType !== undefined) q = q.where('audit_log.entity_type', '=', f.entityType);
  if (f.from !== undefined) q = q.where('audit_log.created_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('audit_log.created_at', '<', f.to);
  const before = f.before;
  if (before) {
    q = q.where((eb) =>
      eb.or([
        eb('audit_log.created_at', '<', before.createdAt),
        eb.and([eb('audit_log.created_at', '=', before.createdAt), eb('audit_log.id', '<', before.id)]),
      ]),
    );
  }
  return q.orderBy('audit_log.created_at', 'desc').orderBy('audit_log.id', 'desc').limit(f.limit).execute();
}
