// Kysely queries of support addresses and IMAP mailboxes.
import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import type { Database, MailAccountRow, SupportAddressRow } from '../../platform/db/types.js';

/** The default first, then by address. */
export function listAddresses(db: Executor): Promise<SupportAddressRow[]> {
  return db.selectFrom('support_addresses').selectAll().orderBy('is_default', 'desc').orderBy('address').execute();
}

export function findAddress(db: Executor, id: number): Promise<SupportAddressRow | undefined> {
  return db.selectFrom('support_addresses').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAddressByAddress(db: Executor, address: string): Promise<SupportAddressRow | undefined> {
  return db.selectFrom('support_addresses').selectAll().where('address', '=', address).executeTakeFirst();
}

export async function countAddresses(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('support_addresses')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function hasDefaultAddress(db: Executor): Promise<boolean> {
  return !!(await db.selectFrom('support_addresses').select('id').where('is_default', '=', 1).executeTakeFirst());
}

export async function insertAddress(db: Executor, row: Insertable<Database['support_addresses']>): Promise<number> {
  const r = await db.insertInto('support_addresses').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateAddress(db: Executor, id: number, set: Updateable<Database['support_addresses']>) {
  await db.updateTable('support_addresses').set(set).where('id', '=', id).execute();
}

export async function deleteAddress(db: Executor, id: number) {
  await db.deleteFrom('support_addresses').where('id', '=', id).execute();
}

/** Makes this address the only default. */
export async function makeDefaultAddress(db: Executor, id: number) {
  await db.updateTable('support_addresses').set({ is_default: 0 }).where('id', '!=', id).execute();
  await db.updateTable('support_addresses').set({ is_default: 1 }).where('id', '=', id).execute();
}

export async function teamExists(db: Executor, id: number): Promise<boolean> {
  return !!(await db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst());
}

// ---------- IMAP mailboxes ----------

export function listAccounts(db: Executor): Promise<MailAccountRow[]> {
  return db.selectFrom('mail_accounts').selectAll().orderBy('name').execute();
}

export function listActiveAccounts(db: Executor): Promise<MailAccountRow[]> {
  return db.selectFrom('mail_accounts').selectAll().where('active', '=', 1).orderBy('id').execute();
}

export function findAccount(db: Executor, id: number): Promise<MailAccountRow | undefined> {
  return db.selectFrom('mail_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAccountByName(db: Executor, name: string): Promise<MailAccountRow | undefined> {
  return db.selectFrom('mail_accounts').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertAccount(db: Executor, row: Insertable<Database['mail_accounts']>): Promise<number> {
  const r = await db.insertInto('mail_accounts').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateAccount(db: Executor, id: number, set: Updateable<Database['mail_accounts']>) {
  await db.updateTable('mail_accounts').set(set).where('id', '=', id).execute();
}

export async function deleteAccount(db: Executor, id: number) {
  await db.deleteFrom('mail_accounts').where('id', '=', id).execute();
}

/** The poller's state, written back for the admin's status column. */
export async function setAccountStatus(
  db: Executor,
  id: number,
  status: { last_poll_at: number | null; last_error: string | null },
) {
  await db.updateTable('mail_accounts').set(status).where('id', '=', id).execute();
}
