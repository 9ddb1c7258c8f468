// Writes outside the commit groups wait for their turn at the write lock as a promise: while the
// other connection to the file writes, the thread goes on, and the write follows once that turn ends.
// (In SQLite's busy handler it would block this thread, which here holds the other connection's
// turn too: it could only fail after busy_timeout with "database is locked".)
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, dialect, type TestEnv } from '../../../test/helpers.js';
import { type Db, openSqlite, sqliteFileIn, transaction } from './index.js';
import { WRITER_PARTY, writeTurns } from './write-turns.js';

const embedded = dialect === 'sqlite';
let env: TestEnv;
let other: Db;

beforeAll(async () => {
  env = await createTestEnv();
  if (embedded) {
    other = openSqlite(sqliteFileIn(env.dataDir), undefined, {
      background: false,
      turns: writeTurns(WRITER_PARTY, env.deps.db.turns!.buffer),
    });
  }
});
afterAll(async () => {
  await other?.close();
  await env.close();
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

/** The other connection holds the write lock, in its turn, until the returned function is called. */
async function otherWrites() {
  await other.turns!.take();
  await sql`begin immediate`.execute(other.kysely);
  await sql`insert into settings (key, value, updated_at) values ('turn-test', '"other"', 0)
    on conflict (key) do update set value = excluded.value`.execute(other.kysely);
  return async () => {
    await sql`commit`.execute(other.kysely);
    other.turns!.release();
  };
}

const storedValue = async (db: Db) =>
  (await sql<{ value: string }>`select value from settings where key = 'turn-test'`.execute(db.kysely)).rows[0]?.value;

describe.runIf(embedded)('writes outside the commit groups', () => {
  it('wait for their turn without blocking the thread, then write after the other connection', async () => {
    const end = await otherWrites();
    let done = false;
    const write = sql`insert into settings (key, value, updated_at) values ('turn-test', '"main"', 0)
      on conflict (key) do update set value = excluded.value`
      .execute(env.deps.db.kysely)
      .then(() => {
        done = true;
      });
    // The thread went on (timers ran) and the write waits.
    await tick();
    expect(done).toBe(false);
    await end();
    await write;
    expect(await storedValue(env.deps.db)).toBe('"main"');
  });

  it('hold a transaction of their own from its BEGIN to its COMMIT in one turn', async () => {
    const end = await otherWrites();
    let done = false;
    const tx = env.deps.db.kysely
      .transaction()
      .execute(async (trx) => {
        await sql`update settings set value = '"main tx"' where key = 'turn-test'`.execute(trx);
      })
      .then(() => {
        done = true;
      });
    await tick();
    expect(done).toBe(false);
    await end();
    await tx;
    expect(await storedValue(other)).toBe('"main tx"');
    // The turn ended with the transaction: a group of this connection gets its own at once.
    await transaction(env.deps.db, async (trx) => {
      await sql`update settings set value = '"group"' where key = 'turn-test'`.execute(trx);
    });
    expect(await storedValue(other)).toBe('"group"');
  });

  it('share the turn a group of their own connection gets while they wait, and pass their own on', async () => {
    const end = await otherWrites();
    // The group takes its turn first and then waits for the connection, which the write below holds
    // while it waits for a turn: without sharing, each would wait for the other.
    const group = transaction(env.deps.db, async (trx) => {
      await sql`update settings set value = '"group 2"' where key = 'turn-test'`.execute(trx);
    });
    await new Promise((resolve) => setImmediate(resolve));
    const write = sql`update settings set value = '"write 2"' where key = 'turn-test'`.execute(env.deps.db.kysely);
    await tick();
    await end();
    await Promise.all([group, write]);
    // Both ran; and the turns still flow: the other connection gets one again.
    expect(['"group 2"', '"write 2"']).toContain(await storedValue(other));
    const again = await otherWrites();
    await again();
    expect(await storedValue(env.deps.db)).toBe('"other"');
  });
});
