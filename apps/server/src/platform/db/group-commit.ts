// Group commit for the embedded database. Every command is one transaction, and on SQLite the
// COMMIT is the dearest statement of most commands: it writes the command's pages to the log and
// flushes the search index's pending words, about half a millisecond on the one thread that serves
// every request. Commands that arrive together therefore share one transaction: each runs inside
// its own SAVEPOINT, so a command that fails is rolled back alone and its caller gets its error,
// while the others' writes stay; one COMMIT then makes the whole group durable at once. A caller
// hears of its command's success only after that COMMIT, exactly as with a transaction of its own,
// and if the COMMIT itself fails every command of the group fails: nothing is half stored.
//
// Commands in one group run one after another on the one connection, each seeing the writes of
// those before it, as if they had committed one by one in that order. The group forms by waiting
// one turn of the event loop (setImmediate) before it starts, so the requests whose bytes arrived
// in the same turn join it; a lone command waits for nothing else.
//
// Writes to an FTS5 index are the exception to "in its own savepoint": FTS5 writes the words it
// holds in memory out to a new segment of its index at every savepoint and before every later write
// statement of the transaction, so a group whose commands each indexed a ticket wrote one segment per
// command (and then merged them), about 100 µs a ticket. A command therefore hands such writes to
// lastInGroup(): they run after the group's last command, in the order given, outside any savepoint,
// and FTS5 writes one segment for the whole group at the COMMIT. A command that fails takes its
// handed-over writes with it; if one of those writes fails, the group fails as a whole, as it would
// when its COMMIT fails.
//
// The savepoints need the statement journal in memory (`temp_store = MEMORY`, set by openSqlite):
// with a temporary file each one costs more than the shared COMMIT saves. Even in memory they are
// not free: inside a savepoint SQLite copies every page a command changes for the first time into
// the statement journal, ~50–75 µs of a created ticket's ~400 µs of SQLite work (bench/RESULTS.md,
// session 15). So a group whose commands may all run twice (RunOptions.rerunnable: a command whose
// only effects are its writes to this transaction and its result) runs them without savepoints;
// if one of them fails, the whole transaction is rolled back and the group runs again, this time
// with a savepoint for each, so the failing command fails alone as before. A group of one command
// needs no savepoint either way: its failure rolls back the transaction, which held only it.
import { CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { WriteTurns } from './write-turns.js';

/**
 * Commands per group at most; the rest wait for the next group, which starts right after. Small
 * enough that a load's requests move through the writer thread in more than one group: while the
 * writer runs one, the request thread answers the one before and reads the requests those answers
 * release, which then wait for the writer instead of the writer waiting for them. With the whole
 * load in one group (64 at 32 connections) the two threads took turns: creating tickets at 32
 * connections, the writer sat idle two fifths of the time, and 16 (with the next group started
 * after the answers, below) made ×1.24 the tickets/s of 64; 8, 12 and 24 made fewer than 16
 * (bench/RESULTS.md, section 4, session 17). A larger group saves COMMITs, not
 * time, once the answers wait for it.
 */
export const MAX_GROUP = 16;

// The group's own statements, compiled once: each command runs two or four of them.
// IMMEDIATE: the group holds the write lock from its start. Another connection may write to the
// file (the writer thread's, platform/writer.ts); a deferred transaction that read first would then
// fail at its first write if that connection had committed in between.
const BEGIN = CompiledQuery.raw('begin immediate');
const SAVEPOINT = CompiledQuery.raw('savepoint command');
const RELEASE = CompiledQuery.raw('release command');
const ROLLBACK_TO = CompiledQuery.raw('rollback to command');
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');

type Write<DB> = (trx: Kysely<DB>) => Promise<unknown>;

/** Runs a compiled statement on the connection itself, at once (better-sqlite3 is synchronous). */
export type DirectRun = (query: CompiledQuery) => QueryResult<unknown>;

/** While a group holds its connection: how to run a statement on it without Kysely's executor. */
const directRuns = new WeakMap<object, DirectRun>();

/**
 * The direct way to run a statement on `trx`, when `trx` is the connection of the group now running:
 * prepared.ts takes it for the statements built once, which need nothing of Kysely but the run
 * (its executor's turns of promises cost about a microsecond a statement, some thirty of them a
 * command). Only the group's own commands hold that connection, so nothing else can come between.
 */
export function directRunOf(trx: object): DirectRun | undefined {
  return directRuns.get(trx);
}

/** The writes handed over by the command now running, by the connection its group runs on. */
const handedOver = new WeakMap<object, unknown[]>();

/**
 * Runs `write` in the transaction of `trx` after every other command of its group (see above); at
 * once where `trx` is no group's (PostgreSQL, a script's own connection).
 */
export async function lastInGroup<DB>(trx: Kysely<DB>, write: Write<DB>): Promise<void> {
  const list = handedOver.get(trx) as Write<DB>[] | undefined;
  if (list) list.push(write);
  else await write(trx);
}

/** What the group now running on a connection has read once for all its commands (groupMemo). */
const memos = new WeakMap<object, Map<string, Promise<unknown>>>();
/** The connections whose running command shares its reads (RunOptions.sharesReads). */
const sharing = new WeakSet<object>();

/**
 * `read()` once for the commands of a group that share their reads (RunOptions.sharesReads): for what
 * many commands read and none of them changes (the stamps of cached definitions, the SLA policies, an
 * agent's name). The group holds the write lock from its BEGIN, so no other connection changes it
 * meanwhile; any other command (an admin's, which may change it) reads afresh and empties the memo
 * for those after it, and a group run again begins afresh. Read each time where `trx` is no group's
 * (PostgreSQL, a script's own connection).
 */
export function groupMemo<T>(trx: object, key: string, read: () => Promise<T>): Promise<T> {
  const memo = sharing.has(trx) ? memos.get(trx) : undefined;
  if (!memo) return read();
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = read();
    memo.set(key, value);
  }
  return value;
}

/** The after-commit work of the command now running, by the connection its group runs on. */
const committedWork = new WeakMap<object, (() => void)[]>();

/**
 * Runs `fn` once the group of the command now running on `trx` has committed, if that command is
 * still part of it (a failed command's work goes with it): for a cache of what is now surely stored.
 * Never where `trx` is no group's, so nothing may depend on it but such a cache.
 */
export function whenCommitted(trx: object, fn: () => void): void {
  committedWork.get(trx)?.push(fn);
}

interface Pending<DB> {
  fn: (trx: Kysely<DB>) => Promise<unknown>;
  rerunnable: boolean;
  sharesReads: boolean;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export interface RunOptions {
  /**
   * The command may run more than once before it commits: what it does is only its writes through
   * the transaction and the value it returns (nothing sent, stored elsewhere or kept in a variable
   * outside it). Such commands share a transaction without savepoints (see above).
   */
  rerunnable?: boolean;
  /**
   * The command changes nothing that commands read through groupMemo(): what it read that way stays
   * for the next command of its group. Without it, the group's memo is emptied after the command.
   */
  sharesReads?: boolean;
}

export interface GroupCommitStats {
  /** Transactions committed (or rolled back as a whole). */
  groups: number;
  /** Commands run in them, failed ones included. */
  commands: number;
  /** The largest group so far. */
  largest: number;
}

export interface GroupCommitter<DB> {
  run<T>(fn: (trx: Kysely<DB>) => Promise<T>, options?: RunOptions): Promise<T>;
  stats(): GroupCommitStats;
}

type Outcome = { ok: true; value: unknown } | { ok: false; err: unknown };

/**
 * Runs a group's commands in one transaction and commits it; their outcomes in order. With
 * `savepoints`, each command runs in its own and a failing one is rolled back alone. Without, the
 * first failure rolls back the transaction: the outcome of a lone command, or null for a group,
 * which must then run again with savepoints.
 */
async function runCommands<DB>(
  conn: Kysely<DB>,
  run: (q: CompiledQuery) => Promise<unknown>,
  group: Pending<DB>[],
  savepoints: boolean,
): Promise<Outcome[] | null> {
  const outcomes: Outcome[] = [];
  await run(BEGIN);
  const last: Write<DB>[] = [];
  const committed: (() => void)[] = [];
  memos.set(conn, new Map());
  try {
    for (const command of group) {
      if (savepoints) await run(SAVEPOINT);
      const mine: Write<DB>[] = [];
      const mineAfter: (() => void)[] = [];
      handedOver.set(conn, mine);
      committedWork.set(conn, mineAfter);
      if (command.sharesReads) sharing.add(conn);
      try {
        outcomes.push({ ok: true, value: await command.fn(conn) });
        if (savepoints) await run(RELEASE);
        last.push(...mine);
        committed.push(...mineAfter);
      } catch (err) {
        if (!savepoints) {
          // Nothing to go back to but the start: the transaction goes, and so does the group's try.
          await run(ROLLBACK).catch(() => undefined);
          return group.length === 1 ? [{ ok: false, err }] : null;
        }
        outcomes.push({ ok: false, err });
        try {
          await run(ROLLBACK_TO);
          await run(RELEASE);
        } catch {
          // SQLite ended the whole transaction itself (a full disk, an I/O error): the group
          // fails, with the error that caused it.
          throw err;
        }
      } finally {
        handedOver.delete(conn);
        committedWork.delete(conn);
        sharing.delete(conn);
        if (!command.sharesReads) memos.get(conn)?.clear();
      }
    }
    // A handed-over write's after-commit work is the group's: if the write fails, the group does.
    committedWork.set(conn, committed);
    for (const write of last) await write(conn);
    committedWork.delete(conn);
    await run(COMMIT);
  } catch (err) {
    // The group could not be committed (the disk, the lock): none of its commands took effect.
    await run(ROLLBACK).catch(() => undefined);
    throw err;
  } finally {
    memos.delete(conn);
    committedWork.delete(conn);
  }
  for (const fn of committed) fn();
  return outcomes;
}

/**
 * `direct`: runs a statement on the connection the groups use (see directRunOf). `turns`: where
 * another connection to the file writes too, each group first takes its turn there (write-turns.ts).
 */
export function groupCommitter<DB>(kysely: Kysely<DB>, direct?: DirectRun, turns?: WriteTurns): GroupCommitter<DB> {
  const queue: Pending<DB>[] = [];
  let scheduled = false;
  let running = false;
  const stats: GroupCommitStats = { groups: 0, commands: 0, largest: 0 };

  const schedule = () => {
    if (scheduled || running || !queue.length) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void runGroup();
    });
  };

  async function runGroup(): Promise<void> {
    running = true;
    const group = queue.splice(0, MAX_GROUP);
    let outcomes: Outcome[] = [];
    let turn = false;
    try {
      if (turns) {
        await turns.take();
        turn = true;
      }
      await kysely.connection().execute(async (conn) => {
        if (direct) directRuns.set(conn, direct);
        // The group's own statements run on the connection itself where they can (directRunOf).
        const run = direct ? async (q: CompiledQuery) => direct(q) : (q: CompiledQuery) => conn.executeQuery(q);
        try {
          const bare = group.length === 1 || group.every((command) => command.rerunnable);
          const first = bare ? await runCommands(conn, run, group, false) : null;
          // With savepoints every command has an outcome.
          outcomes = first ?? (await runCommands(conn, run, group, true))!;
        } finally {
          directRuns.delete(conn);
        }
      });
      group.forEach((command, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) command.resolve(outcome.value);
        else command.reject(outcome.err);
      });
    } catch (err) {
      for (const command of group) command.reject(err);
    } finally {
      if (turn) turns!.release();
      stats.groups++;
      stats.commands += group.length;
      stats.largest = Math.max(stats.largest, group.length);
      running = false;
      // The next group starts in the next turn of the loop, not in this one: the outcomes just
      // given resolve their callers first, and on the writer thread those answers leave at the end
      // of this turn (threads.ts). Started at once, the next group ran before them, and a group's
      // answers waited for the whole of the next group: the groups merged into one.
      setImmediate(schedule);
    }
  }

  return {
    run<T>(fn: (trx: Kysely<DB>) => Promise<T>, options: RunOptions = {}): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({
          fn,
          rerunnable: options.rerunnable ?? false,
          sharesReads: options.sharesReads ?? false,
          resolve: resolve as (value: unknown) => void,
          reject,
        });
        schedule();
      });
    },
    stats: () => ({ ...stats }),
  };
}
