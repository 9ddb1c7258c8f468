// Kysely queries of customers and organisations (the minimal tables the CRM issue enriches).
import type { Insertable } from 'kysely';
import type { Executor } from '../platform/db/index.js';
import type { Database } from '../platform/db/types.js';

export function findCustomer(db: Executor, id: number) {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCustomerByEmail(db: Executor, email: string) {
  return db.selectFrom('customers').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findCustomers(db: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('customers').selectAll().where('id', 'in', ids).execute();
}

export async function insertCustomer(db: Executor, row: Insertable<Database['customers']>): Promise<number> {
  const r = await db.insertInto('customers').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** A LIKE pattern for "contains q", lower case, with LIKE's own characters escaped. */
const containsPattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Customers whose name or email contains `q` (case-insensitive for Latin), by name then id. */
export function searchCustomers(db: Executor, q: string | undefined, afterId: number, limit: number) {
  let qb = db.selectFrom('customers').selectAll().where('id', '>', afterId);
  if (q) {
    const like = containsPattern(q);
    qb = qb.where((eb) =>
      eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb('email', 'like', like), eb('phone', 'like', like)]),
    );
  }
  return qb.orderBy('id').limit(limit).execute();
}

/** Organisations whose name or domain contains `q` (case-insensitive for Latin), or these ids; by name. */
export function searchOrganisations(db: Executor, q: string | undefined, ids: number[] | undefined, limit: number) {
  let qb = db.selectFrom('organisations').select(['id', 'name', 'domain']);
  if (ids?.length) qb = qb.where('id', 'in', ids);
  if (q) {
    const like = containsPattern(q);
    qb = qb.where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb('domain', 'like', like)]));
  }
  return qb.orderBy('name').orderBy('id').limit(limit).execute();
}

export function findOrganisations(db: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute();
}
