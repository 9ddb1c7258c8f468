// Sessions this process has resolved, kept in memory in embedded mode. Every request of a signed-in
// agent resolves its cookie; on SQLite that lookup cost ~60 µs of the thread that serves every
// request under a write load (the writer thread's commits empty the main connection's page cache, so
// each lookup reads its pages again): about a seventh of that thread's work per created ticket.
//
// Exact, not merely fresh enough: in embedded mode this process is the database file's only server,
// and every change to what a resolved session depends on (a session revoked; a user's role, locale or
// active flag; a password that revokes sessions) goes through the repository functions that call
// forgetSessions(). A lookup that started before such a change is not kept after it (the generation
// below), and what a lookup keeps is checked again on every use for expiry. The age limit only bounds
// what a change made outside those functions (a hand edit of the file) could leave.
//
// Cluster mode keeps no copy: other nodes change sessions too, and a lookup in PostgreSQL is not
// what limits a node.
import type { Db } from '../db/index.js';

/** A kept session is read from the database again after this long, whatever happened. */
const MAX_AGE_MS = 10_000;
/** Sessions kept per database at most; the oldest go first. */
const MAX_ENTRIES = 10_000;

interface Kept {
  /** The generation the entries were read in. */
  generation: number;
  entries: Map<string, { row: unknown; at: number }>;
}

/** Bumped by every change that could alter a resolved session, in any database of this process. */
let generation = 0;
const caches = new WeakMap<Db, Kept>();

/** Called by every write that revokes a session or changes a user's role, locale or active flag. */
export function forgetSessions(): void {
  generation++;
}

/**
 * The session with token hash `hash`: kept, or read by `load` and kept when `keep` says it counts (a
 * session that does not count is read again each time: nothing an invalid cookie sends fills the
 * cache). The row returned is the kept object itself: a caller that writes a change to the session
 * (its last-seen time) changes the row too.
 */
export async function cachedSession<T>(
  db: Db,
  hash: string,
  now: number,
  load: () => Promise<T | undefined>,
  keep: (row: T) => boolean,
): Promise<T | undefined> {
  if (db.dialect !== 'sqlite') return load();
  let kept = caches.get(db);
  if (!kept) {
    kept = { generation, entries: new Map() };
    caches.set(db, kept);
  }
  if (kept.generation !== generation) {
    kept.entries.clear();
    kept.generation = generation;
  }
  const hit = kept.entries.get(hash);
  if (hit && now >= hit.at && now - hit.at < MAX_AGE_MS) return hit.row as T;
  const seen = generation;
  const row = await load();
  kept.entries.delete(hash);
  if (row === undefined || !keep(row) || seen !== generation) return row;
  if (kept.entries.size >= MAX_ENTRIES) kept.entries.delete(kept.entries.keys().next().value!);
  kept.entries.set(hash, { row, at: now });
  return row;
}
