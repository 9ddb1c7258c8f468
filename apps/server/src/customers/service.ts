// Customers and their organisations: find, search, create on first contact (a ticket for a new email
// address, filed under the organisation of its domain), and manage organisations and their tiers.
import { z } from 'zod';
import { recordAudit } from '../platform/audit/service.js';
import { iso } from '../platform/auth/dto.js';
import type { Ctx } from '../platform/context.js';
import { type Executor, transaction } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { requirePermission } from '../platform/rbac.js';
import { changeRules } from '../sla/recompute.js';
import * as repo from './repo.js';
import type {
  CreateOrganisationBody,
  CustomerDto,
  CustomerListQuery,
  OrganisationDto,
  OrganisationListQuery,
  UpdateOrganisationBody,
} from './schema.js';

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

type OrganisationRow = NonNullable<Awaited<ReturnType<typeof repo.findOrganisation>>>;

async function organisationDtos(db: Executor, rows: OrganisationRow[]): Promise<OrganisationDto[]> {
  const counts = await repo.customerCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    domain: r.domain,
    tier: r.tier,
    notes: r.notes,
    portalSharesTickets: r.portal_shares_tickets === 1,
    customerCount: counts.get(r.id) ?? 0,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }));
}

const audited = (o: OrganisationDto) => ({
  name: o.name,
  domain: o.domain,
  tier: o.tier,
  notes: o.notes,
  portalSharesTickets: o.portalSharesTickets,
});

/** The body's fields as columns. */
function organisationColumns<T extends z.output<typeof UpdateOrganisationBody>>(input: T) {
  const { portalSharesTickets, ...rest } = input;
  return {
    ...rest,
    ...(portalSharesTickets !== undefined
      ? { portal_shares_tickets: portalSharesTickets ? (1 as const) : (0 as const) }
      : {}),
  };
}

const OrgCursor = z.object({ name: z.string(), id: z.number().int() });

/** Organisations by name or domain, by tier, or some by id (the admin list and every picker). */
export async function listOrganisations(ctx: Ctx, query: z.output<typeof OrganisationListQuery>) {
  requirePermission(ctx, 'customers.read');
  const db = ctx.deps.db.kysely;
  const after = query.cursor ? decodeCursor(query.cursor, OrgCursor) : null;
  const rows = await repo.searchOrganisations(db, query, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await organisationDtos(db, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
  };
}

export async function getOrganisation(ctx: Ctx, id: number) {
  requirePermission(ctx, 'customers.read');
  const db = ctx.deps.db.kysely;
  return { organisation: (await organisationDtos(db, [await foundOrganisation(db, id)]))[0]! };
}

/** The tiers organisations carry now (the tier field's suggestions, an SLA policy's tier picker). */
export async function listTiers(ctx: Ctx) {
  requirePermission(ctx, 'customers.read');
  return { items: await repo.tiers(ctx.deps.db.kysely) };
}

export async function createOrganisation(ctx: Ctx, input: z.output<typeof CreateOrganisationBody>) {
  requirePermission(ctx, 'organisations.manage');
  const now = ctx.deps.clock.now();
  const organisation = await transaction(ctx.deps.db, async (trx) => {
    await organisationFree(trx, { name: input.name, domain: input.domain }, null);
    const id = await repo.insertOrganisation(trx, { ...organisationColumns(input), created_at: now, updated_at: now });
    const dto = (await organisationDtos(trx, [await foundOrganisation(trx, id)]))[0]!;
    await recordAudit(trx, ctx, {
      action: 'organisation.created',
      entityType: 'organisation',
      entityId: id,
      after: audited(dto),
    });
    return dto;
  });
  return { organisation };
}

/**
 * A change of tier can move the organisation's open tickets to another SLA policy: it runs as an SLA
 * rule change, which recomputes their timers once it commits.
 */
export async function updateOrganisation(ctx: Ctx, id: number, input: z.output<typeof UpdateOrganisationBody>) {
  requirePermission(ctx, 'organisations.manage');
  const current = await foundOrganisation(ctx.deps.db.kysely, id);
  const tierChanges =
    input.tier !== undefined && (input.tier ?? '').toLowerCase() !== (current.tier ?? '').toLowerCase();
  const run = tierChanges ? changeRules : <T>(c: Ctx, fn: (trx: Executor) => Promise<T>) => transaction(c.deps.db, fn);
  const organisation = await run(ctx, async (trx) => {
    const before = (await organisationDtos(trx, [await foundOrganisation(trx, id)]))[0]!;
    await organisationFree(trx, input, id);
    await repo.updateOrganisation(trx, id, { ...organisationColumns(input), updated_at: ctx.deps.clock.now() });
    const after = (await organisationDtos(trx, [await foundOrganisation(trx, id)]))[0]!;
    await recordAudit(trx, ctx, {
      action: 'organisation.updated',
      entityType: 'organisation',
      entityId: id,
      before: audited(before),
      after: audited(after),
    });
    return after;
  });
  return { organisation };
}

/** Only an organisation nothing refers to: customers and tickets keep theirs (409 with the counts). */
export async function deleteOrganisation(ctx: Ctx, id: number): Promise<void> {
  requirePermission(ctx, 'organisations.manage');
  await transaction(ctx.deps.db, async (trx) => {
    const dto = (await organisationDtos(trx, [await foundOrganisation(trx, id)]))[0]!;
    const tickets = await repo.ticketCount(trx, id);
    if (dto.customerCount || tickets)
      throw new AppError('organisation_in_use', { customers: dto.customerCount, tickets });
    await repo.deleteOrganisation(trx, id);
    await recordAudit(trx, ctx, {
      action: 'organisation.deleted',
      entityType: 'organisation',
      entityId: id,
      before: audited(dto),
    });
  });
}

async function foundOrganisation(db: Executor, id: number): Promise<OrganisationRow> {
  const row = await repo.findOrganisation(db, id);
  if (!row) throw new AppError('organisation_not_found');
  return row;
}

/** Names are one per organisation ignoring case; a domain files customers under one organisation only. */
async function organisationFree(
  db: Executor,
  input: { name?: string | undefined; domain?: string | null | undefined },
  self: number | null,
): Promise<void> {
  if (input.name !== undefined) {
    const other = await repo.organisationNamed(db, input.name);
    if (other && other.id !== self) throw new AppError('organisation_name_taken');
  }
  if (input.domain) {
    const other = await repo.organisationOfDomain(db, input.domain);
    if (other && other.id !== self) throw new AppError('organisation_domain_taken', { organisationId: other.id });
  }
}

// ---------- for other domains (their service has checked permission) ----------

export type CustomerBrief = Pick<CustomerRow, 'id' | 'name' | 'email' | 'organisation_id' | 'locale'>;

export async function customerBriefs(db: Executor, ids: number[]): Promise<Map<number, CustomerBrief>> {
  return new Map((await repo.findCustomers(db, [...new Set(ids)])).map((c) => [c.id, c]));
}

export async function findCustomerBrief(db: Executor, id: number): Promise<CustomerBrief | undefined> {
  return repo.findCustomer(db, id);
}

/** The whole customer row, with what decides whether mail may go to them (opt-out, bounce). */
export function findCustomerRow(db: Executor, id: number): Promise<CustomerRow | undefined> {
  return repo.findCustomer(db, id);
}

/** The customer with this email (lower case), if one has written in. */
export async function findCustomerByEmail(db: Executor, email: string): Promise<CustomerBrief | undefined> {
  return repo.findCustomerByEmail(db, email.toLowerCase());
}

/** The language a customer reads Sahayak's mail and portal in (they chose it in the portal). */
export async function setCustomerLocale(db: Executor, id: number, locale: 'en' | 'hi', now: number): Promise<void> {
  await repo.setCustomerLocale(db, id, locale, now);
}

/** An organisation as the portal needs it: its name and whether its customers share tickets. */
export async function portalOrganisation(
  db: Executor,
  id: number,
): Promise<{ id: number; name: string; sharesTickets: boolean } | undefined> {
  const row = await repo.findOrganisation(db, id);
  return row ? { id: row.id, name: row.name, sharesTickets: row.portal_shares_tickets === 1 } : undefined;
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
    // A new address at an organisation's domain belongs to that organisation.
    organisation_id: (await repo.organisationOfDomain(db, email.split('@')[1] ?? ''))?.id ?? null,
    locale: input.locale ?? 'en',
    created_at: now,
    updated_at: now,
  };
  const id = await repo.insertCustomer(db, row);
  return { id, ...row };
}

/** The tier of each organisation that has one. */
export async function organisationTiers(db: Executor, ids: number[]): Promise<Map<number, string>> {
  const rows = await repo.findOrganisations(db, [...new Set(ids)]);
  return new Map(rows.flatMap((o) => (o.tier ? [[o.id, o.tier] as const] : [])));
}

export async function organisationNames(db: Executor, ids: number[]): Promise<Map<number, string>> {
  return new Map((await repo.findOrganisations(db, [...new Set(ids)])).map((o) => [o.id, o.name]));
}
