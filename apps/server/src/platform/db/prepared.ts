// Queries built once. Kysely builds a tree of frozen nodes for every query and compiles it to SQL
// each time it runs: 5–20 µs a query, a quarter of the CPU of creating a ticket on SQLite (26
// statements). A query whose shape never changes — the same tables, columns and conditions, only
// other values — is therefore built and compiled once per dialect and then run with the new values.
//
//   const byNumber = prepared((db, p: { number: number }) =>
//     db.selectFrom('tickets').selectAll().where('number', '=', p.number));
//   const row = await byNumber.first(db, { number: 1042 });
//
// An sql`` template works the same way, its values as ${p.name}.
//
// The builder is called once, with a stand-in for each value; it must put every value of `p` where
// a value goes (a condition, a column of `values` or `set`, a limit), never decide on it, and take
// no lists (an `in` has as many placeholders as the list has items: build that one each time). Its
// keys are those of the first call's `p` whose value is defined, as Kysely leaves an undefined column
// out of an insert; another set of keys is compiled once more. What a stand-in became is checked
// when the query is compiled: a value that was not used as a parameter is refused there.
import type { Compilable, CompiledQuery, QueryResult, RawBuilder } from 'kysely';
import { directRunOf } from './group-commit.js';
import type { Executor } from './index.js';

interface Compiled {
  sql: string;
  query: CompiledQuery['query'];
  queryId: CompiledQuery['queryId'];
  /** For each parameter of the SQL: the key of `p` it takes, or the constant of the query. */
  slots: ({ key: string } | { constant: unknown })[];
}

const MARK = '\u0000prepared:';

export interface Prepared<P, O> {
  /** All rows the query returns. */
  all(db: Executor, params: P): Promise<O[]>;
  /** The first row, if any. */
  first(db: Executor, params: P): Promise<O | undefined>;
  /** Runs it; the number of rows it changed. */
  run(db: Executor, params: P): Promise<number>;
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function prepared<P extends object, O>(
  build: (db: Executor, p: P) => Compilable<O> | RawBuilder<O>,
): Prepared<P, O> {
  // By the dialect's adapter (one per Kysely instance and its transactions), then by the keys.
  const cache = new WeakMap<object, Map<string, Compiled>>();

  // The one used last: most queries are run with the same keys on the same database every time.
  let last: { adapter: object; keys: string[]; compiled: Compiled } | undefined;

  const compiledFor = (db: Executor, keys: string[]): Compiled => {
    const adapter = db.getExecutor().adapter;
    if (last && last.adapter === adapter && sameKeys(last.keys, keys)) return last.compiled;
    let byKeys = cache.get(adapter);
    if (!byKeys) {
      byKeys = new Map();
      cache.set(adapter, byKeys);
    }
    const signature = keys.join(',');
    let c = byKeys.get(signature);
    if (!c) {
      const standIns = Object.fromEntries(keys.map((k) => [k, MARK + k])) as P;
      // A query builder compiles by itself; an sql`` template with the database's compiler.
      const built = build(db, standIns);
      const q = 'isRawBuilder' in built ? built.compile(db) : built.compile();
      if (q.sql.includes(MARK)) throw new Error(`prepared query: a value was written into the SQL: ${q.sql}`);
      const slots = q.parameters.map((v) =>
        typeof v === 'string' && v.startsWith(MARK) ? { key: v.slice(MARK.length) } : { constant: v },
      );
      const used = new Set(slots.flatMap((s) => ('key' in s ? [s.key] : [])));
      const unused = keys.filter((k) => !used.has(k));
      if (unused.length) throw new Error(`prepared query: ${unused.join(', ')} not used as a parameter: ${q.sql}`);
      c = { sql: q.sql, query: q.query, queryId: q.queryId, slots };
      byKeys.set(signature, c);
    }
    last = { adapter, keys, compiled: c };
    return c;
  };

  const execute = (db: Executor, params: P): Promise<QueryResult<O>> => {
    const keys: string[] = [];
    for (const k in params) {
      const v = (params as Record<string, unknown>)[k];
      if (v === undefined) continue;
      if (Array.isArray(v)) throw new Error(`prepared query: ${k} is a list; build such a query each time`);
      keys.push(k);
    }
    const c = compiledFor(db, keys);
    const parameters = c.slots.map((s) => ('key' in s ? (params as Record<string, unknown>)[s.key] : s.constant));
    const query = { sql: c.sql, query: c.query, queryId: c.queryId, parameters };
    const direct = directRunOf(db);
    if (!direct) return db.getExecutor().executeQuery<O>(query);
    try {
      return Promise.resolve(direct(query) as QueryResult<O>);
    } catch (err) {
      return Promise.reject(err);
    }
  };

  return {
    all: async (db, params) => (await execute(db, params)).rows,
    first: async (db, params) => (await execute(db, params)).rows[0],
    run: async (db, params) => Number((await execute(db, params)).numAffectedRows ?? 0n),
  };
}
