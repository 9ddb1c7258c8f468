// Kysely queries of customers and organisations (the minimal tables the CRM issue enriches).
import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../platform/db/index.js';
import { prepared } from '../platform/db/prepared.js';
import type { Database } from '../platform/db/types.js';

const customerById = prepared((db, p: { id: number }) => db.selectFrom('customers').selectAll().where('id', '=', p.id));
const customerByEmail = prepared((db, p: { email: string }) =>
  db.selectFrom('customers').selectAll().where('email', '=', p.email),
);

export function findCustomer(db: Executor, id: number) {
  return customerById.first(db, { id });
}

export function findCustomerByEmail(db: Executor, email: string) {
  return customerByEmail.first(db, { email });
}

export async function setCustomerLocale(db: Executor, id: number, locale: 'en' | 'hi', now: number) {
  await db.updateTable('customers').set({ locale, updated_at: now }).where('id', '=', id).execute();
}

export function findCustomers(db: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  if (ids.length === 1) return customerById.all(db, { id: ids[0]! });
  return db.selectFrom('customers').selectAll().where('id', 'in', ids).execute();
}

const customerInsert = prepared((db, row: Insertable<Database['customers']>) =>
  db.insertInto('customers').values(row).returning('id'),
);

export async function insertCustomer(db: Executor, row: Insertable<Database['customers']>): Promise<number> {
  return (await customerInsert.first(db, row))!.id;
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

const organisationColumns = [
  'id',
  'name',
  'domain',
  'tier',
  'notes',
  'portal_shares_tickets',
  'created_at',
  'updated_at',
] as const;

/**
 * Organisations whose name or domain contains `q` (case-insensitive for Latin), or these ids, or of
 * this tier; by name then id, after the (name, id) of the cursor.
 */
export function searchOrganisations(
  db: Executor,
  f: { q?: string | undefined; ids?: number[] | undefined; tier?: string | undefined },
  after: { name: string; id: number } | null,
  limit: number,
) {
  let qb = db.selectFrom('organisations').select(organisationColumns);
  if (f.ids?.length) qb = qb.where('id', 'in', f.ids);
  if (f.tier !== undefined) qb = qb.where(sql<string>`lower(tier)`, '=', f.tier.toLowerCase());
  if (f.q) {
    const like = containsPattern(f.q);
    qb = qb.where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb('domain', 'like', like)]));
  }
  if (after) {
    qb = qb.where((eb) =>
      eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]),
    );
  }
  return qb.orderBy('name').orderBy('id').limit(limit).execute();
}

export function findOrganisation(db: Executor, id: number) {
  return db.selectFrom('organisations').select(organisationColumns).where('id', '=', id).executeTakeFirst();
}

export function findOrganisations(db: Executor, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('organisations').select(['id', 'name', 'tier']).where('id', 'in', ids).execute();
}

/** Another organisation whose name is this one, ignoring case. */
export function organisationNamed(db: Executor, name: string) {
  return db
    .selectFrom('organisations')
    .select('id')
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
}

const organisationByDomain = prepared((db, p: { domain: string }) =>
  db.selectFrom('organisations').select('id').where('domain', '=', p.domain).orderBy('id').limit(1),
);

export function organisationOfDomain(db: Executor, domain: string) {
  return organisationByDomain.first(db, { domain });
}

export async function insertOrganisation(db: Executor, row: Insertable<Database['organisations']>): Promise<number> {
  const r = await db.insertInto('organisations').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateOrganisation(db: Executor, id: number, patch: Updateable<Database['organisations']>) {
  await db.updateTable('organisations').set(patch).where('id', '=', id).execute();
}

export async function deleteOrganisation(db: Executor, id: number) {
  await db.deleteFrom('organisations').where('id', '=', id).execute();
}

/** How many customers each organisation has. */
export async function customerCounts(db: Executor, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('customers')
    .select(['organisation_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('organisation_id', 'in', ids)
    .groupBy('organisation_id')
    .execute();
  return new Map(rows.map((r) => [r.organisation_id!, Number(r.n)]));
}

export async function ticketCount(db: Executor, organisationId: number): Promise<number> {
  const r = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every tier in use, with how many organisations carry it (case-insensitively one tier). */
export async function tiers(db: Executor): Promise<{ tier: string; organisations: number }[]> {
  const rows = await db
    .selectFrom('organisations')
    .select([(eb) => eb.fn.min<string>('tier').as('tier'), (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('tier', 'is not', null)
    .groupBy(sql`lower(tier)`)
    .execute();
  return rows.map((r) => ({ tier: r.tier, organisations: Number(r.n) })).sort((a, b) => a.tier.localeCompare(b.tier));
}
