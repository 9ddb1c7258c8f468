// Customers: find, search, and create on first contact (a ticket for a new email address).
import { z } from 'zod';
import { iso } from '../platform/auth/dto.js';
import type { Ctx } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { requirePermission } from '../platform/rbac.js';
import * as repo from './repo.js';
import type { CustomerDto, CustomerListQuery, OrganisationListQuery } from './schema.js';

type CustomerRow = NonNullable<Awaited<ReturnType<typeof repo.findCustomer>>>;

async function toDtos(db: Executor, rows: CustomerRow[]): Promise<CustomerDto[]> {
  const orgs = new Map(
    (
      await repo.findOrganisations(db, [
        ...new Set(rows.flatMap((r) => (r.organisation_id ? [r.organisation_id] : []))),
      ])
    ).map((o) => [o.id, o]),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    organisation: r.organisation_id ? (orgs.get(r.organisation_id) ?? null) : null,
    locale: r.locale,
    createdAt: iso(r.created_at),
  }));
}

export async function listCustomers(ctx: Ctx, query: z.output<typeof CustomerListQuery>) {
  requirePermission(ctx, 'customers.read');
  const after = query.cursor ? decodeCursor(query.cursor, z.object({ id: z.number().int() })).id : 0;
  const rows = await repo.searchCustomers(ctx.deps.db.kysely, query.q, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: await toDtos(ctx.deps.db.kysely, page),
    nextCursor: rows.length > query.limit ? encodeCursor({ id: page.at(-1)!.id }) : null,
  };
}

export async function getCustomer(ctx: Ctx, id: number) {
  requirePermission(ctx, 'customers.read');
  const row = await repo.findCustomer(ctx.deps.db.kysely, id);
  if (!row) throw new AppError('customer_not_found');
  return { customer: (await toDtos(ctx.deps.db.kysely, [row]))[0]! };
}

/** Organisations by name or domain (pickers: an SLA policy's organisations, filters). */
export async function listOrganisations(ctx: Ctx, query: z.output<typeof OrganisationListQuery>) {
  requirePermission(ctx, 'customers.read');
  return { items: await repo.searchOrganisations(ctx.deps.db.kysely, query.q, query.ids, query.limit) };
}

// ---------- for other domains (their service has checked permission) ----------

export type CustomerBrief = Pick<CustomerRow, 'id' | 'name' | 'email' | 'organisation_id' | 'locale'>;

export async function customerBriefs(db: Executor, ids: number[]): Promise<Map<number, CustomerBrief>> {
  return new Map((await repo.findCustomers(db, [...new Set(ids)])).map((c) => [c.id, c]));
}

export async function findCustomerBrief(db: Executor, id: number): Promise<CustomerBrief | undefined> {
  return repo.findCustomer(db, id);
}

/** The customer with this email, created (named after the address when no name is given) if new. */
export async function findOrCreateCustomer(
  db: Executor,
  input: { email: string; name?: string | undefined; locale?: 'en' | 'hi' },
  now: number,
): Promise<CustomerBrief> {
  const email = input.email.toLowerCase();
  const existing = await repo.findCustomerByEmail(db, email);
  if (existing) return existing;
  const name = input.name?.trim() || email.split('@')[0]!;
  const row = {
    name,
    email,
    phone: null,
    organisation_id: null,
    locale: input.locale ?? 'en',
    created_at: now,
    updated_at: now,
  };
  const id = await repo.insertCustomer(db, row);
  return { id, ...row };
}

export async function organisationNames(db: Executor, ids: number[]): Promise<Map<number, string>> {
  return new Map((await repo.findOrganisations(db, [...new Set(ids)])).map((o) => [o.id, o.name]));
}
