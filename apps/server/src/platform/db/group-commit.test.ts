// Commands that arrive together share one SQLite transaction, and still behave as commands of their
// own: a failing one is undone alone, the others' writes stay, later ones see earlier ones' writes,
// and nobody hears of success before the COMMIT.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_GROUP } from './group-commit.js';
import { type Db, type Executor, groupMemo, lastInGroup, openSqlite, transaction, whenCommitted } from './index.js';

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sahayak-group-'));
  db = openSqlite(path.join(dir, 'sahayak.db'));
  await sql`create table items (id integer primary key, name text not null unique)`.execute(db.kysely);
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (trx: Executor, name: string) => sql`insert into items (name) values (${name})`.execute(trx);
const names = async () =>
  (await sql<{ name: string }>`select name from items order by id`.execute(db.kysely)).rows.map((r) => r.name);

describe('group commit', () => {
  it('runs commands that arrive together in one transaction', async () => {
    const before = db.groupCommitStats!();
    await Promise.all(Array.from({ length: 10 }, (_, i) => transaction(db, (trx) => insert(trx, `item ${i}`))));
    const after = db.groupCommitStats!();
    expect(after.commands - before.commands).toBe(10);
    expect(after.groups - before.groups).toBe(1);
    expect(await names()).toHaveLength(10);
  });

  it('undoes a failing command alone and gives its caller the error', async () => {
    const results = await Promise.allSettled([
      transaction(db, (trx) => insert(trx, 'first')),
      transaction(db, async (trx) => {
        await insert(trx, 'half done');
        throw new Error('rule broken');
      }),
      // A constraint failure inside SQLite, after a write of the same command.
      transaction(db, async (trx) => {
        await insert(trx, 'also half done');
        await insert(trx, 'first');
      }),
      transaction(db, (trx) => insert(trx, 'last')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('rule broken');
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(await names()).toEqual(['first', 'last']);
    expect(db.groupCommitStats!().largest).toBe(4);
  });

  it('lets a later command of the group see an earlier one’s writes, and returns each result', async () => {
    const [a, b] = await Promise.all([
      transaction(db, async (trx) => {
        await insert(trx, 'alpha');
        return 'a done';
      }),
      transaction(
        db,
        async (trx) => (await sql<{ n: number }>`select count(*) as n from items`.execute(trx)).rows[0]!.n,
      ),
    ]);
    expect(a).toBe('a done');
    expect(b).toBe(1);
  });

  it('settles a command only after the commit, so another connection sees its writes', async () => {
    const SQLite = (await import('better-sqlite3')).default;
    const reader = new SQLite(path.join(dir, 'sahayak.db'), { readonly: true });
    try {
      const seen = await Promise.all(
        ['x', 'y', 'z'].map((name) =>
          transaction(db, (trx) => insert(trx, name)).then(
            () => (reader.prepare('select count(*) as n from items').get() as { n: number }).n,
          ),
        ),
      );
      // Each caller, when it resumes, finds all three committed: they were one transaction.
      expect(seen).toEqual([3, 3, 3]);
    } finally {
      reader.close();
    }
  });

  it('takes at most MAX_GROUP commands into a group; the rest form the next', async () => {
    const before = db.groupCommitStats!();
    const count = MAX_GROUP + 3;
    await Promise.all(Array.from({ length: count }, (_, i) => transaction(db, (trx) => insert(trx, `item ${i}`))));
    const after = db.groupCommitStats!();
    expect(after.groups - before.groups).toBe(2);
    expect(after.largest).toBe(MAX_GROUP);
    expect(await names()).toEqual(Array.from({ length: count }, (_, i) => `item ${i}`));
  });

  it('lets a group’s callers answer before the next group starts', async () => {
    // A caller answers at the end of the turn its command's outcome arrives in, as the writer thread
    // sends its answers (threads.ts). The next group must not run in between.
    const log: string[] = [];
    await Promise.all(
      Array.from({ length: MAX_GROUP + 1 }, (_, i) =>
        transaction(db, async (trx) => {
          log.push(`run ${i}`);
          await insert(trx, `item ${i}`);
        }).then(() => new Promise<void>((r) => setImmediate(() => r(void log.push(`answered ${i}`))))),
      ),
    );
    expect(log.indexOf('answered 0')).toBeGreaterThan(-1);
    expect(log.indexOf('answered 0')).toBeLessThan(log.indexOf(`run ${MAX_GROUP}`));
  });

  it('starts the next group for commands that arrive while one runs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = transaction(db, async (trx) => {
      await insert(trx, 'slow');
      await gate;
    });
    await new Promise((r) => setImmediate(r));
    const later = [transaction(db, (trx) => insert(trx, 'later 1')), transaction(db, (trx) => insert(trx, 'later 2'))];
    release();
    await Promise.all([first, ...later]);
    expect(await names()).toEqual(['slow', 'later 1', 'later 2']);
  });

  it('runs the writes a command hands over after the group’s last command, in order, and not those of a failed one', async () => {
    const results = await Promise.allSettled([
      transaction(db, async (trx) => {
        await insert(trx, 'a');
        await lastInGroup(trx, (t) => insert(t, 'a, last'));
      }),
      transaction(db, async (trx) => {
        await lastInGroup(trx, (t) => insert(t, 'never'));
        throw new Error('rule broken');
      }),
      transaction(db, async (trx) => {
        await lastInGroup(trx, (t) => insert(t, 'c, last'));
        await insert(trx, 'c');
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await names()).toEqual(['a', 'c', 'a, last', 'c, last']);
  });

  it('fails the whole group when a handed-over write fails, and stores nothing of it', async () => {
    await insert(db.kysely, 'taken');
    const results = await Promise.allSettled([
      transaction(db, (trx) => insert(trx, 'b')),
      transaction(db, async (trx) => {
        await insert(trx, 'c');
        await lastInGroup(trx, (t) => insert(t, 'taken'));
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(await names()).toEqual(['taken']);
  });

  it('runs a handed-over write at once outside a group', async () => {
    await lastInGroup(db.kysely, (t) => insert(t, 'now'));
    expect(await names()).toEqual(['now']);
  });
});

describe('group commit of commands that may run twice', () => {
  const rerunnable = { rerunnable: true };

  it('runs them without going back when all succeed, and again with savepoints when one fails', async () => {
    const runs = { a: 0, b: 0, c: 0 };
    const results = await Promise.allSettled([
      transaction(
        db,
        async (trx) => {
          runs.a++;
          await insert(trx, 'a');
          await lastInGroup(trx, (t) => insert(t, 'a, last'));
          return 'a done';
        },
        rerunnable,
      ),
      transaction(
        db,
        async (trx) => {
          runs.b++;
          await insert(trx, 'b, half done');
          throw new Error('rule broken');
        },
        rerunnable,
      ),
      transaction(
        db,
        async (trx) => {
          runs.c++;
          await insert(trx, 'c');
        },
        rerunnable,
      ),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseFulfilledResult<string>).value).toBe('a done');
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('rule broken');
    // Stored once each, the failing command's write not at all, the handed-over write once.
    expect(await names()).toEqual(['a', 'c', 'a, last']);
    // The first try ended at the failure; the second ran every command.
    expect(runs).toEqual({ a: 2, b: 2, c: 1 });

    const again = await Promise.all(
      ['d', 'e'].map((name) => transaction(db, (trx) => insert(trx, name).then(() => name), rerunnable)),
    );
    expect(again).toEqual(['d', 'e']);
    expect(await names()).toEqual(['a', 'c', 'a, last', 'd', 'e']);
  });

  it('runs a command that may not run twice once, though another of its group fails', async () => {
    let once = 0;
    const results = await Promise.allSettled([
      transaction(db, (trx) => insert(trx, 'a'), rerunnable),
      transaction(db, async (trx) => {
        once++;
        await insert(trx, 'once');
      }),
      transaction(
        db,
        async (trx) => {
          await insert(trx, 'c');
          await insert(trx, 'a');
        },
        rerunnable,
      ),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(once).toBe(1);
    expect(await names()).toEqual(['a', 'once']);
  });

  it('undoes a lone command that fails, whatever it may do', async () => {
    for (const options of [rerunnable, {}]) {
      const result = await transaction(
        db,
        async (trx) => {
          await insert(trx, 'half done');
          throw new Error('rule broken');
        },
        options,
      ).catch((err: Error) => err.message);
      expect(result).toBe('rule broken');
    }
    expect(await names()).toEqual([]);
    await transaction(db, (trx) => insert(trx, 'after'));
    expect(await names()).toEqual(['after']);
  });
});

describe('reads shared by a group, and work after its commit', () => {
  const shares = { sharesReads: true };
  const countItems = async (trx: Executor) =>
    (await sql<{ n: number }>`select count(*) as n from items`.execute(trx)).rows[0]!.n;

  it('reads once for the commands of a group that share their reads, afresh after any other command', async () => {
    let reads = 0;
    const memo = (trx: Executor) =>
      groupMemo(trx, 'count', () => {
        reads++;
        return countItems(trx);
      });
    await insert(db.kysely, 'seed');
    const seen = await Promise.all([
      transaction(db, memo, shares),
      transaction(db, memo, shares),
      // An admin's command: changes what the memo holds, and reads for itself.
      transaction(db, async (trx) => {
        await insert(trx, 'admin');
        return memo(trx);
      }),
      transaction(db, memo, shares),
      transaction(db, memo, shares),
    ]);
    expect(seen).toEqual([1, 1, 2, 2, 2]);
    expect(reads).toBe(3);
    // The next group reads again; outside a group every call reads.
    await transaction(db, memo, shares);
    await memo(db.kysely);
    await memo(db.kysely);
    expect(reads).toBe(6);
  });

  it('reads again when the group runs again, and not what a command read itself in memo', async () => {
    let reads = 0;
    const results = await Promise.allSettled([
      transaction(
        db,
        (trx) =>
          groupMemo(trx, 'count', () => {
            reads++;
            return countItems(trx);
          }),
        { sharesReads: true, rerunnable: true },
      ),
      transaction(
        db,
        async () => {
          throw new Error('rule broken');
        },
        { rerunnable: true },
      ),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    // The bare try and the try with savepoints each read once.
    expect(reads).toBe(2);
  });

  it('runs work after the commit for the commands that stay, and none for a failed one or a failed group', async () => {
    const done: string[] = [];
    const results = await Promise.allSettled([
      transaction(db, async (trx) => {
        await insert(trx, 'a');
        whenCommitted(trx, () => done.push('a'));
        // Work asked for by a handed-over write is the group's too.
        await lastInGroup(trx, async (t) => {
          await insert(t, 'a, last');
          whenCommitted(t, () => done.push('a, last'));
        });
      }),
      transaction(db, async (trx) => {
        whenCommitted(trx, () => done.push('b'));
        throw new Error('rule broken');
      }),
      transaction(db, async (trx) => {
        whenCommitted(trx, () => done.push(`c saw ${done.length}`));
        await insert(trx, 'c');
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(done).toEqual(['a', 'c saw 1', 'a, last']);

    // A group that cannot commit (a handed-over write fails) runs none of its work.
    done.length = 0;
    const failed = await Promise.allSettled([
      transaction(db, async (trx) => {
        whenCommitted(trx, () => done.push('x'));
        await insert(trx, 'x');
      }),
      transaction(db, async (trx) => {
        await lastInGroup(trx, (t) => insert(t, 'a'));
      }),
    ]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(done).toEqual([]);
    // Outside a group it never runs: nothing may depend on it but a cache.
    whenCommitted(db.kysely, () => done.push('outside'));
    expect(done).toEqual([]);
  });
});
