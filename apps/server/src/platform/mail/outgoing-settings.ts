// Where the admin's outgoing SMTP server is kept: one row of the settings table, its password sealed
// with SECRET_KEY (platform/crypto/secret-box.ts). Read by the switchable transport, written by the
// email channel's admin service.
import { openSecret } from '../crypto/secret-box.js';
import type { Executor } from '../db/index.js';
import type { SmtpSettings } from './switchable.js';

export const OUTGOING_KEY = 'mail.outgoing';

/** As stored: the password sealed. */
export interface StoredOutgoing extends Omit<SmtpSettings, 'password'> {
  passwordSealed: string | null;
}

export async function readStoredOutgoing(db: Executor): Promise<StoredOutgoing | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', OUTGOING_KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as StoredOutgoing) : null;
}

/** The admin's outgoing server with its password opened; null when none is set (the environment's is used). */
export async function loadOutgoing(db: Executor, secretKey: string): Promise<SmtpSettings | null> {
  const stored = await readStoredOutgoing(db);
  if (!stored) return null;
  const { passwordSealed, ...rest } = stored;
  return { ...rest, password: passwordSealed ? openSecret(passwordSealed, secretKey) : null };
}

export async function writeStoredOutgoing(db: Executor, value: StoredOutgoing | null, now: number): Promise<void> {
  if (value === null) {
    await db.deleteFrom('settings').where('key', '=', OUTGOING_KEY).execute();
    return;
  }
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key: OUTGOING_KEY, value: json, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now }))
    .execute();
}
