// The one set of migrations must produce the same schema on SQLite and PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type Db, openPostgres, openSqlite } from '../src/platform/db/index.js';
import { migrateToLatest, migrations, migrationsApplied } from '../src/platform/db/migrate.js';
import { createPgDatabase, TEST_DATABASE_URL } from './helpers.js';

/** Column types by family, since each dialect spells them its own way. */
function family(type: string): string {
  const t = type.toLowerCase();
  if (/int|serial/.test(t)) return 'integer';
  // Search terms: tsvector on PostgreSQL, normalised words as text under FTS5 on SQLite (tickets/search.ts).
  if (/char|text|tsvector/.test(t)) return 'text';
  return t;
}

/** SQLite's full-text index (an FTS5 virtual table and its <name>_* shadow tables) is its search
 *  engine's storage, like PostgreSQL's GIN index, not a table of the schema. */
async function ftsTables(db: Db): Promise<string[]> {
  if (db.dialect !== 'sqlite') return [];
  const { rows } = await sql<{
    name: string;
  }>`select name from sqlite_master where sql like 'create virtual table%'`.execute(db.kysely);
  return rows.map((r) => r.name);
}

async function describeSchema(db: Db) {
  const tables = await db.kysely.introspection.getTables();
  const fts = await ftsTables(db);
  return Object.fromEntries(
    tables
      .filter((t) => !t.name.startsWith('kysely_'))
      .filter((t) => !fts.some((f) => t.name === f || t.name.startsWith(`${f}_`)))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((t) => [
        t.name,
        Object.fromEntries(
          t.columns
            .sort((a, b) => a.name.localeCompare(b.name))
            // SQLite reports its INTEGER PRIMARY KEY (the rowid, never null) as nullable.
            .map((c) => [
              c.name,
              { type: family(c.dataType), nullable: c.isNullable && !c.isAutoIncrementing, auto: c.isAutoIncrementing },
            ]),
        ),
      ]),
  );
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

async function migratedSqlite() {
  const dir = mkdtempSync(path.join(tmpdir(), 'sahayak-mig-'));
  const db = openSqlite(path.join(dir, 'sahayak.db'));
  cleanups.push(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  expect(await migrationsApplied(db)).toBe(false);
  expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
  expect(await migrationsApplied(db)).toBe(true);
  expect(await migrateToLatest(db)).toEqual([]);
  return db;
}

describe('migrations', () => {
  it('run from empty on SQLite, once', async () => {
    const db = await migratedSqlite();
    expect(Object.keys(await describeSchema(db))).toContain('users');
  });

  if (!TEST_DATABASE_URL) {
    console.warn(
      '\n*** SKIPPED: the SQLite-vs-PostgreSQL schema comparison needs TEST_DATABASE_URL (CI sets it). ***\n',
    );
  }
  it.skipIf(!TEST_DATABASE_URL)('give PostgreSQL the same tables, columns and nullability as SQLite', async () => {
    const sqlite = await migratedSqlite();
    const created = await createPgDatabase(TEST_DATABASE_URL!);
    const pg = openPostgres(created.url, 2);
    cleanups.push(async () => {
      await pg.close();
      await created.drop();
    });
    expect(await migrateToLatest(pg)).toEqual(Object.keys(migrations));
    expect(await describeSchema(pg)).toEqual(await describeSchema(sqlite));
  });
});
