// A query built once runs with each call's own values, on either dialect, in and out of transactions,
// and refuses what it cannot express (a list, a value that did not become a parameter).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/helpers.js';
import { directRunOf } from './group-commit.js';
import { type Executor, transaction } from './index.js';
import { prepared } from './prepared.js';

let env: TestEnv;
let db: Executor;
beforeAll(async () => {
  env = await createTestEnv();
  db = env.deps.db.kysely;
});
afterAll(() => env.close());

const now = 1_700_000_000_000;
const insertTeam = prepared((db, p: { name: string; description: string; created_at: number; updated_at: number }) =>
  db.insertInto('teams').values(p).returning(['id', 'name']),
);
const teamByName = prepared((db, p: { name: string }) =>
  db.selectFrom('teams').select(['id', 'name', 'description']).where('name', '=', p.name),
);
const rename = prepared((db, p: { id: number; name: string }) =>
  db.updateTable('teams').set({ name: p.name }).where('id', '=', p.id),
);

describe('prepared queries', () => {
  it('run with the values of each call, and keep the constants written into the query', async () => {
    const a = await insertTeam.first(db, { name: 'Prepared A', description: 'one', created_at: now, updated_at: now });
    const b = await insertTeam.first(db, { name: 'Prepared B', description: 'two', created_at: now, updated_at: now });
    expect(a!.name).toBe('Prepared A');
    expect(b!.id).not.toBe(a!.id);
    expect(await teamByName.first(db, { name: 'Prepared B' })).toEqual({
      id: b!.id,
      name: 'Prepared B',
      description: 'two',
    });
    expect(await teamByName.first(db, { name: 'nobody' })).toBeUndefined();
    expect(await rename.run(db, { id: a!.id, name: 'Prepared A2' })).toBe(1);
    expect(await rename.run(db, { id: -1, name: 'x' })).toBe(0);
    expect((await teamByName.all(db, { name: 'Prepared A2' })).map((r) => r.id)).toEqual([a!.id]);

    const limited = prepared((db, p: { prefix: string; limit: number }) =>
      db
        .selectFrom('teams')
        .select('name')
        .where('name', 'like', p.prefix)
        .where('description', '!=', 'never')
        .orderBy('name')
        .limit(p.limit),
    );
    expect(await limited.all(db, { prefix: 'Prepared%', limit: 1 })).toEqual([{ name: 'Prepared A2' }]);
    expect(await limited.all(db, { prefix: 'Prepared%', limit: 5 })).toEqual([
      { name: 'Prepared A2' },
      { name: 'Prepared B' },
    ]);
  });

  it('takes an sql template as well, its values as parameters', async () => {
    const named = prepared(
      (_db, p: { name: string }) =>
        sql<{ id: number; name: string }>`select id, name from teams where name = ${p.name}`,
    );
    expect((await named.all(db, { name: 'Prepared B' })).map((r) => r.name)).toEqual(['Prepared B']);
    expect(await named.all(db, { name: 'Prepared Z' })).toEqual([]);
  });

  it('leaves an undefined value out of an insert, as Kysely does, and compiles that shape apart', async () => {
    type Team = { name: string; description: string; created_at: number; updated_at: number };
    const insert = prepared((db, p: Omit<Team, 'description'> & { description?: string }) =>
      db
        .insertInto('teams')
        .values(p as Team)
        .returning(['id', 'description']),
    );
    const full = await insert.first(db, { name: 'Prepared C', description: 'given', created_at: now, updated_at: now });
    const without = await insert.first(db, {
      name: 'Prepared D',
      description: undefined,
      created_at: now,
      updated_at: now,
    });
    expect(full!.description).toBe('given');
    expect(without!.description).toBe('');
    // And back: the shape used last is not taken for another one.
    const again = await insert.first(db, {
      name: 'Prepared E',
      description: 'again',
      created_at: now,
      updated_at: now,
    });
    expect(again!.description).toBe('again');
  });

  it('builds one query per set of keys, as many rows as a call has keys (lists of words)', async () => {
    const named = prepared(
      (_db, p: Record<string, string>) =>
        sql<{
          name: string;
        }>`select name from teams where name in (${sql.join(Object.keys(p).map((k) => p[k]))}) order by name`,
    );
    const names = (...list: string[]) => Object.fromEntries(list.map((n, i) => [`w${i}`, n]));
    expect(await named.all(db, names('Prepared B'))).toEqual([{ name: 'Prepared B' }]);
    expect(await named.all(db, names('Prepared B', 'Prepared C', 'nobody'))).toEqual([
      { name: 'Prepared B' },
      { name: 'Prepared C' },
    ]);
    expect(await named.all(db, names('Prepared D'))).toEqual([{ name: 'Prepared D' }]);
  });

  it('runs inside a transaction and is undone with it', async () => {
    await expect(
      transaction(env.deps.db, async (trx) => {
        await rename.run(trx, { id: (await teamByName.first(trx, { name: 'Prepared B' }))!.id, name: 'Prepared B2' });
        expect(await teamByName.first(trx, { name: 'Prepared B2' })).toBeDefined();
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await teamByName.first(db, { name: 'Prepared B2' })).toBeUndefined();
    expect(await teamByName.first(db, { name: 'Prepared B' })).toBeDefined();
  });

  it('runs on the connection itself inside a command of a group (SQLite), with the same results and undo', async () => {
    const seen: { direct: boolean; inserted?: { id: number; name: string }; changed?: number }[] = [];
    const results = await Promise.allSettled([
      transaction(env.deps.db, async (trx) => {
        const inserted = await insertTeam.first(trx, {
          name: 'Direct A',
          description: '',
          created_at: now,
          updated_at: now,
        });
        seen.push({
          direct: directRunOf(trx) !== undefined,
          inserted,
          changed: await rename.run(trx, { id: inserted!.id, name: 'Direct A2' }),
        });
      }),
      transaction(env.deps.db, async (trx) => {
        await insertTeam.run(trx, { name: 'Direct B', description: '', created_at: now, updated_at: now });
        expect(await teamByName.first(trx, { name: 'Direct B' })).toBeDefined();
        throw new Error('undo B');
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(seen[0]!.direct).toBe(env.deps.db.dialect === 'sqlite');
    expect(seen[0]!.inserted).toMatchObject({ name: 'Direct A' });
    expect(seen[0]!.changed).toBe(1);
    expect(await teamByName.first(db, { name: 'Direct A2' })).toBeDefined();
    expect(await teamByName.first(db, { name: 'Direct B' })).toBeUndefined();
    // Outside a group, Kysely runs it: the connection may be another command's at that moment.
    expect(directRunOf(db)).toBeUndefined();
  });

  it('refuses a list, and a value that was not used as a parameter', async () => {
    const byIds = prepared((db, p: { ids: number }) => db.selectFrom('teams').select('id').where('id', '=', p.ids));
    await expect(byIds.all(db, { ids: [1, 2] as unknown as number })).rejects.toThrow(/list/);
    const decides = prepared((db, p: { name: string; unused: string }) =>
      db.selectFrom('teams').select('id').where('name', '=', p.name),
    );
    await expect(decides.all(db, { name: 'x', unused: 'y' })).rejects.toThrow(/unused not used/);
    const inlined = prepared((db, p: { name: string }) =>
      db.selectFrom('teams').select('id').where(sql.lit(p.name), '=', 'x'),
    );
    await expect(inlined.all(db, { name: 'x' })).rejects.toThrow(/written into the SQL/);
  });
});
