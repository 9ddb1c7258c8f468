// Writes outside the commit groups take their turns at the write lock too (write-turns.ts). The
// groups take theirs (group-commit.ts); but a single statement run outside any transaction (a
// session's last-seen time, a sign-in's throttle row, a mail's delivery state) and a transaction
// opened with Kysely's own transaction() (a script's, a background catch-up's) would otherwise meet
// the other connection's lock in SQLite's busy handler: the thread sleeps there (1, 2, 5, 10 … ms),
// can keep missing the short gaps between the other thread's groups, and after busy_timeout fails
// with "database is locked". This driver wraps Kysely's SQLite driver so that such a write, and such
// a transaction from its BEGIN to its end, first waits for a turn, as a promise.
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  SqliteDialect,
  type SqliteDialectConfig,
} from 'kysely';
import type { WriteTurns } from './write-turns.js';

/** Statements that open, close or mark a transaction: the group's own and Kysely's. */
const CONTROL = /^\s*(begin|commit|end|rollback|savepoint|release)\b/i;

const BEGIN = CompiledQuery.raw('begin immediate');

export interface TurnRules {
  turns: WriteTurns;
  /** Whether the connection is inside a transaction now (a group's, or a transaction() of Kysely's). */
  inTransaction(): boolean;
  /** Whether a statement may write (better-sqlite3: it returns no rows). */
  writes(sql: string): boolean;
}

/** Kysely's SQLite dialect, with a driver whose writes outside the groups take turns. */
export class TurnTakingSqliteDialect extends SqliteDialect {
  readonly #rules: TurnRules;

  constructor(config: SqliteDialectConfig, rules: TurnRules) {
    super(config);
    this.#rules = rules;
  }

  override createDriver(): Driver {
    return new TurnTakingDriver(super.createDriver(), this.#rules);
  }
}

class TurnTakingDriver implements Driver {
  readonly #inner: Driver;
  readonly #rules: TurnRules;
  /** The one connection SQLite's driver has, wrapped; and the wrapper's inner connection. */
  #wrapped: { outer: DatabaseConnection; inner: DatabaseConnection } | null = null;
  /** Ends the turn of the transaction() now open, if one is. */
  #endTransaction: (() => void) | null = null;

  constructor(inner: Driver, rules: TurnRules) {
    this.#inner = inner;
    this.#rules = rules;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await this.#inner.acquireConnection();
    if (this.#wrapped?.inner !== inner) this.#wrapped = { inner, outer: this.#wrap(inner) };
    return this.#wrapped.outer;
  }

  #wrap(inner: DatabaseConnection): DatabaseConnection {
    const { turns, inTransaction, writes } = this.#rules;
    return {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        // A query built as a select reads; only other statements need the (cached) statement's answer.
        const reads = SelectQueryNode.is(query.query) || CONTROL.test(query.sql) || !writes(query.sql);
        if (reads || inTransaction()) return inner.executeQuery<R>(query);
        const end = await turns.hold();
        try {
          return await inner.executeQuery<R>(query);
        } finally {
          end();
        }
      },
      streamQuery: (query, chunkSize) => inner.streamQuery(query, chunkSize),
    };
  }

  #innerOf(connection: DatabaseConnection): DatabaseConnection {
    return this.#wrapped?.outer === connection ? this.#wrapped.inner : connection;
  }

  // IMMEDIATE: the transaction holds the write lock from its start, within its turn.
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const end = await this.#rules.turns.hold();
    try {
      await this.#innerOf(connection).executeQuery(BEGIN);
    } catch (err) {
      end();
      throw err;
    }
    this.#endTransaction = end;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.#inner.commitTransaction(this.#innerOf(connection));
    this.#endTurn();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.#inner.rollbackTransaction(this.#innerOf(connection));
    } finally {
      this.#endTurn();
    }
  }

  /** Once: a failed COMMIT is followed by Kysely's ROLLBACK. */
  #endTurn() {
    const end = this.#endTransaction;
    this.#endTransaction = null;
    end?.();
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#inner.releaseConnection(this.#innerOf(connection));
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}
