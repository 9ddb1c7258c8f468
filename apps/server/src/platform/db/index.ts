// The Db port: one Kysely instance over better-sqlite3 (embedded) or pg (cluster), picked by config.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { BACKSTOP_PAGES, startCheckpointer } from './checkpointer.js';
import { type DirectRun, type GroupCommitStats, groupCommitter, type RunOptions } from './group-commit.js';
import { TurnTakingSqliteDialect } from './turn-driver.js';
import type { Database } from './types.js';
import { MAIN_PARTY, type WriteTurns, writeTurns } from './write-turns.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** Runs `fn` in one transaction (use `transaction(db, fn, options)`). */
  transaction<T>(fn: (trx: Executor) => Promise<T>, options?: RunOptions): Promise<T>;
  /** SQLite: how commands have shared transactions (group-commit.ts). */
  groupCommitStats?(): GroupCommitStats;
  /** SQLite: the turns at the file's write lock, which a second connection to it shares (write-turns.ts). */
  turns?: WriteTurns;
  close(): Promise<void>;
}

// int8 (bigint) columns hold epoch milliseconds and counts: all fit in a JS number.
pg.types.setTypeParser(20, (v: string) => Number(v));
pg.types.setTypeParser(1700, (v: string) => Number(v));

/**
 * better-sqlite3 compiles a statement on every prepare(), and Kysely prepares every query it runs;
 * with a few dozen distinct statements doing all the work, keeping them compiled saves a large share
 * of each request's time. (One connection runs one statement at a time, so sharing is safe.)
 */
function withStatementCache(database: SQLite.Database, size = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SQLite.Statement {
      let stmt = cache.get(sql);
      if (stmt) {
        // Most recently used last, so the oldest goes first when the cache is full.
        cache.delete(sql);
      } else {
        stmt = database.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/**
 * `onBackgroundError`: a WAL checkpoint in the background failed (checkpointer.ts). `background`:
 * whether this connection keeps the file's background work (the checkpointer, the planner's
 * statistics); false for a second connection to a file whose first does (the writer thread's).
 * `turns`: the first connection's turns at the write lock, for a second one (write-turns.ts).
 */
export function openSqlite(
  file: string,
  onBackgroundError?: (err: Error) => void,
  options: { background?: boolean; turns?: WriteTurns } = {},
): Db {
  const background = options.background ?? true;
  const turns = options.turns ?? writeTurns(MAIN_PARTY);
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  // Savepoint journals in memory: each command of a group runs in a savepoint (group-commit.ts).
  database.pragma('temp_store = MEMORY');
  const checkpointer = file === ':memory:' || !background ? null : startCheckpointer(file, onBackgroundError);
  if (file !== ':memory:') database.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  // Planner statistics: without them SQLite guesses every indexed filter matches ~10 rows and can
  // pick a plan that scans a whole table. Gather them cheaply now and refresh them now and then.
  let optimize: NodeJS.Timeout | undefined;
  if (background) {
    database.pragma('optimize=0x10002');
    optimize = setInterval(() => database.pragma('optimize'), 3_600_000);
    optimize.unref();
  }
  const statements = withStatementCache(database);
  // A database in memory has one connection only: nothing to take turns with (see turns below).
  const dialect =
    file === ':memory:'
      ? new SqliteDialect({ database: statements })
      : new TurnTakingSqliteDialect(
          { database: statements },
          { turns, inTransaction: () => database.inTransaction, writes: (sql) => !statements.prepare(sql).reader },
        );
  const kysely = new Kysely<Database>({ dialect });
  // What Kysely's SQLite driver does with a compiled statement, for the group's commands (group-commit.ts).
  const direct: DirectRun = ({ sql, parameters }) => {
    const stmt = statements.prepare(sql);
    if (stmt.reader) return { rows: stmt.all(parameters) };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
  };
  const groups = groupCommitter(kysely, direct, turns);
  return {
    kysely,
    dialect: 'sqlite',
    transaction: groups.run,
    groupCommitStats: groups.stats,
    // A file can have a second connection (the writer thread's); a database in memory cannot.
    ...(file === ':memory:' ? {} : { turns }),
    close: async () => {
      clearInterval(optimize);
      await checkpointer?.close();
      await kysely.destroy();
    },
  };
}

export function openPostgres(url: string, poolSize = 10, onIdleError?: (err: Error) => void): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server drops (restart, failover, idle timeout) emits 'error' on the
  // pool; unhandled, that would end the process. The pool replaces the connection on next use.
  pool.on('error', (err) => onIdleError?.(err));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    // Each command its own transaction on a connection of the pool: PostgreSQL runs them side by side.
    transaction: (fn) => kysely.transaction().execute(fn),
    close: () => kysely.destroy(),
  };
}

/** The embedded database's file in DATA_DIR. */
export const sqliteFileIn = (dataDir: string) => path.join(dataDir, 'sahayak.db');

/** `onBackgroundError`: what failed outside any request (a dropped idle connection, a WAL checkpoint). */
export function openDb(
  options: { databaseUrl?: string | undefined; dataDir: string },
  onBackgroundError?: (err: Error) => void,
): Db {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, 10, onBackgroundError)
    : openSqlite(sqliteFileIn(options.dataDir), onBackgroundError);
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db.kysely);
}

export { groupMemo, lastInGroup, type RunOptions, whenCommitted } from './group-commit.js';

/** A database or an open transaction: repos accept either. */
export type Executor = Kysely<Database>;

/**
 * Runs `fn` in one transaction: the whole command commits or nothing does, and the promise settles
 * after the commit. On SQLite commands that arrive together share the commit (group-commit.ts).
 */
export function transaction<T>(db: Db, fn: (trx: Executor) => Promise<T>, options?: RunOptions): Promise<T> {
  return db.transaction(fn, options);
}
