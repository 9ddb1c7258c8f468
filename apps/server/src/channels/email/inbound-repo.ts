// Kysely queries of the email channel's inbound side: the record of every mail received (once per
// Message-ID), and the automatic mails counted per address.
import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import type { Database } from '../../platform/db/types.js';

/** Claims the Message-ID: false when another delivery of the same mail got there first. */
export async function claimInbound(db: Executor, row: Insertable<Database['inbound_mails']>): Promise<number | null> {
  const r = await db
    .insertInto('inbound_mails')
    .values(row)
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function updateInbound(db: Executor, id: number, patch: Updateable<Database['inbound_mails']>) {
  await db.updateTable('inbound_mails').set(patch).where('id', '=', id).execute();
}

export async function autoMailsSince(db: Executor, address: string, since: number): Promise<number> {
  const r = await db
    .selectFrom('auto_mail_log')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('address', '=', address)
    .where('sent_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function logAutoMail(db: Executor, address: string, at: number) {
  await db.insertInto('auto_mail_log').values({ address, sent_at: at }).execute();
}
